import { html } from '@sdt/partner-sdk';
import { APPLIANCE_KWH_BY_PERSONS, CLASS_REFERENCE_KWH_M2, SIZE_BANDS } from './rules.ts';

/** The method shown on the home page: the reference table and its sources. */
export const ENERGY_ABOUT = html` <h2>Les références utilisées</h2>
  <p>
    D'abord les <strong>statistiques ouvertes du territoire</strong> : chaque mois, le territoire publie la consommation
    moyenne par jour d'électricité et de gaz des foyers qui participent à son étude statistique, par classe DPE et par
    taille du foyer, seulement pour les groupes assez nombreux. Le coach compare, mois par mois, votre consommation
    moyenne par jour à celle des logements de même classe DPE (sinon des foyers de même taille), et indique combien de
    logements la moyenne réunit.
  </p>
  <p>
    Quand le territoire n'a rien publié, que votre groupe est trop petit pour être publié ou que les mois ne
    correspondent pas, le coach utilise le modèle ci-dessous et le dit.
  </p>
  <table>
    <caption>
      Le modèle : chauffage et eau chaude d'un logement semblable, en kWh par m² et par an, selon l'étiquette DPE
    </caption>
    <thead>
      <tr>
        ${Object.keys(CLASS_REFERENCE_KWH_M2).map((label) => html`<th scope="col">${label}</th>`)}
      </tr>
    </thead>
    <tbody>
      <tr>
        ${Object.values(CLASS_REFERENCE_KWH_M2).map((value) => html`<td class="num">${value}</td>`)}
      </tr>
    </tbody>
  </table>
  <p>
    Tranches de surface : ${SIZE_BANDS.map((band) => band.label).join(' ; ')}. Électricité des appareils selon le nombre
    de personnes : ${APPLIANCE_KWH_BY_PERSONS.slice(1).join(', ')} kWh par an (1 à 5 personnes ou plus).
  </p>
  <p class="muted">
    Sources : seuils des étiquettes DPE (arrêté du 31 mars 2021) ; ordres de grandeur ADEME / Enertech. Modèle de
    démonstration, utilisé quand les statistiques du territoire ne couvrent pas votre logement.
  </p>`;
