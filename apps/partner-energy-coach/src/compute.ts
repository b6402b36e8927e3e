import {
  OutOfScopeError,
  PartnerError,
  formatNumber,
  html,
  readElectricityDaily,
  readGas,
  readHousehold,
  readHousing,
  type ComputeOutcome,
} from '@sdt/partner-sdk';
import { adviseHousehold, type Comparison, type EnergyAdvice } from './rules.ts';

async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error: unknown) {
    // An optional category the citizen chose not to share.
    if (error instanceof OutOfScopeError) return undefined;
    throw error;
  }
}

const VERDICT_TEXT: Readonly<Record<Comparison['verdict'], string>> = {
  élevée: 'plus élevée que',
  'dans la moyenne': 'proche de',
  sobre: 'plus sobre que',
};

function line(name: string, comparison: Comparison): ReturnType<typeof html> {
  return html`<li>
    <strong>${name} : ${formatNumber(comparison.annualKWh)} kWh par an</strong>, ${VERDICT_TEXT[comparison.verdict]} la
    référence des logements semblables (${formatNumber(comparison.referenceKWh)} kWh, rapport
    ${formatNumber(comparison.ratio, 2)}).
  </li>`;
}

/** Reads the dwelling, electricity, and (when shared) gas and household, and compares them with similar homes. */
export const computeEnergyAdvice: ComputeOutcome<EnergyAdvice> = async (session, citizen) => {
  const dwelling = await readHousing(session, citizen);
  if (!(dwelling.floorArea > 0))
    throw new PartnerError('invalid-data', `housing.floorArea: ${dwelling.floorArea} m2 is not a floor area.`);
  const electricity = await readElectricityDaily(session, citizen, { lastMonths: 12 });
  if (electricity.length === 0) throw new PartnerError('invalid-data', 'electricity: no daily reading to compare.');
  const gas = await optional(() => readGas(session, citizen, { lastMonths: 12 }));
  const household = await optional(() => readHousehold(session, citizen));
  const gasReadings = gas ? (gas.daily.length > 0 ? gas.daily : gas.monthly) : undefined;
  const advice = adviseHousehold(dwelling, electricity, gasReadings, household?.size);
  const summary =
    `electricity ${advice.electricity.annualKWh} kWh/year (${advice.electricity.verdict}, ratio ${advice.electricity.ratio})` +
    (advice.gas ? `, gas ${advice.gas.annualKWh} kWh/year (${advice.gas.verdict}, ratio ${advice.gas.ratio})` : '') +
    ` vs ${advice.group}; ${advice.unusualDays.length} unusual day(s); ${advice.suggestions.length} suggestion(s)`;
  return {
    result: advice,
    summary,
    dataUsed: [
      {
        label: 'Logement',
        value: `${formatNumber(dwelling.floorArea)} m², étiquette ${dwelling.energyLabel}, chauffage ${dwelling.heatingEnergy}`,
      },
      { label: 'Électricité', value: `${advice.electricity.days} jours de relevés quotidiens` },
      {
        label: 'Gaz',
        value: advice.gas
          ? `${advice.gas.days} jours de relevés`
          : gas
            ? 'non comparé (chauffage non gaz ou pas de relevé)'
            : 'non partagé',
      },
      { label: 'Personnes du foyer', value: household ? `${household.size}` : 'non partagé (2 supposées)' },
    ],
    html: html` <p>Comparaison avec les <strong>${advice.group}</strong> :</p>
      <ul>
        ${line('Électricité', advice.electricity)}${advice.gas ? line('Gaz', advice.gas) : ''}
      </ul>
      ${advice.electricity.days < 365 ? html`<p class="muted">Estimation sur ${advice.electricity.days} jours, ramenée à l'année : elle se précisera avec douze mois de relevés.</p>` : ''}
      <h3>Nos suggestions</h3>
      <ul>
        ${advice.suggestions.map((text) => html`<li>${text}</li>`)}
      </ul>`,
  };
};
