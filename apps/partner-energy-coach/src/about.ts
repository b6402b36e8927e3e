import { html } from '@sdt/partner-sdk';
import { APPLIANCE_KWH_BY_PERSONS, CLASS_REFERENCE_KWH_M2, SIZE_BANDS } from './rules.ts';

/** The method shown on the home page: the reference table and its sources. */
export const ENERGY_ABOUT = html` <h2>La référence utilisée</h2>
  <table>
    <caption>
      Chauffage et eau chaude d'un logement semblable, en kWh par m² et par an, selon l'étiquette DPE
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
    Sources : seuils des étiquettes DPE (arrêté du 31 mars 2021) ; ordres de grandeur ADEME / Enertech. Référence de
    démonstration, remplacée par les statistiques du territoire (agrégats anonymes) quand elles sont disponibles.
  </p>`;
