import { html } from '@sdt/partner-sdk';
import { TRANSPORT_CEILINGS, TRANSPORT_PRICES, WATER_AID, WATER_CEILING } from './rules.ts';

/** The method shown on the home page: the rules and their sources. */
export const SOLIDARITY_ABOUT = html` <h2>Les règles appliquées</h2>
  <table>
    <caption>
      Barème de démonstration (à vérifier auprès des délibérations en vigueur)
    </caption>
    <thead>
      <tr>
        <th scope="col">Quotient familial (€ par mois)</th>
        <th scope="col">Transports en commun</th>
        <th scope="col">Eau</th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <th scope="row">jusqu'à ${TRANSPORT_CEILINGS.gratuit}</th>
        <td>Abonnement solidaire gratuit</td>
        <td rowspan="2">
          Aide de ${WATER_AID.base} € par an, plus ${WATER_AID.perExtraPerson} € par personne supplémentaire (au plus
          ${WATER_AID.cap} €), jusqu'à ${WATER_CEILING} €
        </td>
      </tr>
      <tr>
        <th scope="row">de ${TRANSPORT_CEILINGS.gratuit + 1} à ${TRANSPORT_CEILINGS.reduit}</th>
        <td>Abonnement solidaire réduit (${TRANSPORT_PRICES.reduit} € par mois)</td>
      </tr>
      <tr>
        <th scope="row">au-delà</th>
        <td>Plein tarif (${TRANSPORT_PRICES.plein} € par mois)</td>
        <td>Pas d'aide</td>
      </tr>
    </tbody>
  </table>
  <p class="muted">
    Sources : SYTRAL Mobilités, tarification solidaire TCL (<a href="https://www.tcl.fr/tarification-solidaire"
      >tcl.fr</a
    >) ; Eau du Grand Lyon, tarification sociale de l'eau (<a href="https://www.eaudugrandlyon.com/"
      >eaudugrandlyon.com</a
    >). Chaque membre du foyer de 4 ans ou plus a son abonnement.
  </p>`;
