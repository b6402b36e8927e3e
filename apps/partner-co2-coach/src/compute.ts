import { PartnerError, formatNumber, html, readTrips, type ComputeOutcome } from '@sdt/partner-sdk';
import type { TransportMode } from '@sdt/vocab';
import { MODE_LABELS, reportTrips, type Co2Report } from './rules.ts';

const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** Reads the citizen's trips of the last 12 months and reports their CO2. */
export const computeCo2Report: ComputeOutcome<Co2Report> = async (session, citizen) => {
  const trips = await readTrips(session, citizen, { lastMonths: 12 });
  if (trips.length === 0) throw new PartnerError('invalid-data', 'mobility: no trip recorded over the last 12 months.');
  const report = reportTrips(trips);
  const modes = [...new Set(report.months.flatMap((m) => Object.keys(m.byMode) as TransportMode[]))].sort();
  const comparison = report.ratio > 1.1 ? 'au-dessus de' : report.ratio < 0.9 ? 'en dessous de' : 'proche de';
  const summary = `${report.totalCo2Kg} kg CO2e over ${report.months.length} month(s), ${report.monthlyAverageKg} kg/month vs territory ${report.territoryMonthlyKg} kg/month (ratio ${report.ratio}); ${report.suggestions.length} lower-carbon suggestion(s)`;
  return {
    result: report,
    summary,
    dataUsed: [
      { label: 'Trajets', value: `${trips.length} trajets (${report.skippedTrips} écarté(s) car illisibles)` },
      {
        label: 'Période',
        value:
          report.months.length > 0
            ? `de ${monthName(report.months[0]!.month)} à ${monthName(report.months[report.months.length - 1]!.month)}`
            : 'aucune',
      },
      { label: 'Modes', value: modes.map((mode) => MODE_LABELS[mode]).join(', ') },
    ],
    html: html` <p>
        <strong>${formatNumber(report.monthlyAverageKg, 1)} kg de CO2 par mois en moyenne</strong>, ${comparison} la
        moyenne du territoire (${formatNumber(report.territoryMonthlyKg)} kg par personne et par mois).
      </p>
      <table>
        <caption>
          Émissions de vos trajets par mois et par mode (kg de CO2e)
        </caption>
        <thead>
          <tr>
            <th scope="col">Mois</th>
            ${modes.map((mode) => html`<th scope="col">${MODE_LABELS[mode]}</th>`)}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          ${report.months.map(
            (month) =>
              html`<tr>
                <th scope="row">${monthName(month.month)}</th>
                ${modes.map((mode) => html`<td class="num">${month.byMode[mode] ? formatNumber(month.byMode[mode].co2Kg, 1) : '—'}</td>`)}
                <td class="num">${formatNumber(month.co2Kg, 1)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h3>Pour émettre moins</h3>
      ${
        report.suggestions.length > 0
          ? html`<ul>
              ${report.suggestions.map((s) => html`<li>${s.text}</li>`)}
            </ul>`
          : html`<p>Vos trajets sont déjà peu carbonés : bravo !</p>`
      }`,
  };
};
