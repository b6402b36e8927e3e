import { html } from '@sdt/partner-sdk';
import type { TransportMode } from '@sdt/vocab';
import { CO2_KG_PER_KM, MODE_LABELS, TERRITORY_MONTHLY_KG } from './rules.ts';

/** The method shown on the home page: the emission factors and their sources. */
export const CO2_ABOUT = html` <h2>Les facteurs d'émission utilisés</h2>
  <table>
    <caption>
      Grammes de CO2e par kilomètre et par personne
    </caption>
    <thead>
      <tr>
        <th scope="col">Mode</th>
        <th scope="col">g CO2e / km</th>
      </tr>
    </thead>
    <tbody>
      ${(Object.keys(CO2_KG_PER_KM) as TransportMode[]).map(
        (mode) =>
          html`<tr>
            <th scope="row">${MODE_LABELS[mode]}</th>
            <td class="num">${Math.round(CO2_KG_PER_KM[mode] * 10000) / 10}</td>
          </tr>`,
      )}
    </tbody>
  </table>
  <p class="muted">
    Sources : ADEME Base Carbone (impactco2.fr). Moyenne du territoire : référence de démonstration de
    ${TERRITORY_MONTHLY_KG} kg par personne et par mois, remplacée par les statistiques du territoire (agrégats
    anonymes) quand elles sont disponibles.
  </p>`;
