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
import { readTerritoryStatistics, TERRITORY_NAMES } from '@sdt/research';
import { adviseHousehold, type Comparison, type EnergyAdvice } from './rules.ts';
import {
  compareWithTerritory,
  type FallbackReason,
  type MeasureReference,
  type OpenDataset,
  type StatisticsAnswer,
  type TerritoryComparison,
} from './territory.ts';

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

type Html = ReturnType<typeof html>;

function line(name: string, comparison: Comparison): Html {
  return html`<li>
    <strong>${name} : ${formatNumber(comparison.annualKWh)} kWh par an</strong>, ${VERDICT_TEXT[comparison.verdict]} la
    référence des logements semblables (${formatNumber(comparison.referenceKWh)} kWh, rapport
    ${formatNumber(comparison.ratio, 2)}).
  </li>`;
}

/** Why the model was used, in a sentence part. */
const FALLBACK_TEXT: Readonly<Record<FallbackReason, string>> = {
  'not-published': 'le territoire n’a pas encore publié de statistiques',
  unreadable: 'les statistiques du territoire n’ont pas pu être lues',
  'measure-not-published': 'les statistiques publiées ne couvrent pas cette énergie',
  'below-k': 'trop peu de logements semblables participent : le territoire ne publie jamais un groupe aussi petit',
  'no-overlap': 'les mois publiés par le territoire ne correspondent pas à ceux de vos relevés',
  'no-readings': 'pas de relevé à comparer mois par mois',
};

const MONTH_FORMAT = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** `2026-10` → « octobre 2026 ». */
export function formatMonth(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return MONTH_FORMAT.format(new Date(Date.UTC(year, index - 1, 15)));
}

function homesText(homes: TerritoryComparison['homes']): string {
  return homes.min === homes.max
    ? `${formatNumber(homes.min)} logements`
    : `${formatNumber(homes.min)} à ${formatNumber(homes.max)} logements selon le mois`;
}

function territoryBlock(name: string, comparison: TerritoryComparison, dataset: OpenDataset): Html {
  const territory = TERRITORY_NAMES[dataset.territory];
  return html`<p>
      <strong>${name}</strong> : sur
      ${comparison.months.length === 1 ? 'le mois comparé' : `les ${comparison.months.length} mois comparés`}, votre
      consommation est ${VERDICT_TEXT[comparison.verdict]} la moyenne des ${comparison.groupLabel} du territoire
      (rapport ${formatNumber(comparison.ratio, 2)}).
    </p>
    <table>
      <caption>
        ${name} : consommation moyenne par jour, en kWh, de votre logement et des ${comparison.groupLabel} du territoire
      </caption>
      <thead>
        <tr>
          <th scope="col">Mois</th>
          <th scope="col">Votre logement</th>
          <th scope="col">Logements semblables</th>
          <th scope="col">Nombre de logements</th>
          <th scope="col">Rapport</th>
        </tr>
      </thead>
      <tbody>
        ${comparison.months.map(
          (month) =>
            html`<tr>
              <th scope="row">${formatMonth(month.month)}</th>
              <td class="num">${formatNumber(month.kWhPerDay, 1)}</td>
              <td class="num">${formatNumber(month.referenceKWhPerDay, 1)}</td>
              <td class="num">${formatNumber(month.homes)}</td>
              <td class="num">${formatNumber(month.ratio, 2)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted">
      Référence : la moyenne des ${comparison.groupLabel} du territoire (${homesText(comparison.homes)}), tirée des
      données ouvertes de ${territory} (statistiques territoriales publiées le
      ${DATE_FORMAT.format(new Date(dataset.issued))},
      <a href="${dataset.url}">jeu de données</a>, Licence Ouverte Etalab 2.0). Le territoire ne publie que des moyennes
      de groupes d’au moins ${formatNumber(dataset.minimumGroupSize)} logements ; vos relevés n’y sont pas comptés sauf
      si vous participez à son étude statistique.
    </p>`;
}

function modelBlock(
  name: string,
  comparison: Comparison,
  reference: MeasureReference | undefined,
  group: string,
): Html {
  const why = reference?.source === 'model' ? ` : ${FALLBACK_TEXT[reference.reason]}` : '';
  return html`<ul>
      ${line(name, comparison)}
    </ul>
    <p class="muted">
      Référence : le modèle de démonstration du coach (${group}, voir la méthode sur la page d’accueil)${why}.
    </p>`;
}

function referenceText(reference: MeasureReference | undefined, dataset: OpenDataset | undefined): string {
  if (reference?.source === 'territory' && dataset)
    return `statistiques ouvertes de ${TERRITORY_NAMES[dataset.territory]} (${reference.groupLabel}, ${homesText(reference.homes)})`;
  return `modèle de démonstration${reference?.source === 'model' ? ` (${FALLBACK_TEXT[reference.reason]})` : ''}`;
}

/** Options of {@link createEnergyAdviceCompute}. */
export interface EnergyAdviceComputeOptions {
  /**
   * Pod server whose research engine publishes the territory statistics (read anonymously: open data),
   * or false to use the model reference only.
   */
  readonly statisticsServer: string | false;
  /** Fetch for the open statistics (default the global fetch, without credentials). */
  readonly fetch?: typeof globalThis.fetch;
}

async function readStatistics(options: EnergyAdviceComputeOptions): Promise<StatisticsAnswer | undefined> {
  if (options.statisticsServer === false) return undefined;
  try {
    return await readTerritoryStatistics(options.statisticsServer, options.fetch ? { fetch: options.fetch } : {});
  } catch {
    // Unreachable server or invalid cube: the model reference is used, and the page says why.
    return 'unreadable';
  }
}

/**
 * The energy coach's computation: reads the dwelling, electricity, and (when shared) gas and household,
 * and compares them with similar homes — the territory's published statistics, month by month, where
 * they cover the home, else the model reference of `rules.ts`.
 */
export function createEnergyAdviceCompute(options: EnergyAdviceComputeOptions): ComputeOutcome<EnergyAdvice> {
  return async (session, citizen) => {
    const dwelling = await readHousing(session, citizen);
    if (!(dwelling.floorArea > 0))
      throw new PartnerError('invalid-data', `housing.floorArea: ${dwelling.floorArea} m2 is not a floor area.`);
    const electricity = await readElectricityDaily(session, citizen, { lastMonths: 12 });
    if (electricity.length === 0) throw new PartnerError('invalid-data', 'electricity: no daily reading to compare.');
    const gas = await optional(() => readGas(session, citizen, { lastMonths: 12 }));
    const household = await optional(() => readHousehold(session, citizen));
    const gasReadings = gas ? (gas.daily.length > 0 ? gas.daily : gas.monthly) : undefined;
    const statistics = await readStatistics(options);
    // Gas is compared when shared and the home heats with gas (as the model does).
    const gasCompared =
      gasReadings && gasReadings.length > 0 && dwelling.heatingEnergy === 'gas' ? gasReadings : undefined;
    const reference =
      statistics === undefined
        ? undefined
        : compareWithTerritory(
            statistics,
            { energyLabel: dwelling.energyLabel, householdSize: household?.size },
            electricity,
            gasCompared,
          );
    const advice = adviseHousehold(dwelling, electricity, gasReadings, household?.size, reference);
    const sources = reference
      ? `; reference electricity ${reference.electricity.source}` +
        (reference.gas ? `, gas ${reference.gas.source}` : '')
      : '';
    const summary =
      `electricity ${advice.electricity.annualKWh} kWh/year (${advice.electricity.verdict}, ratio ${advice.electricity.ratio})` +
      (advice.gas ? `, gas ${advice.gas.annualKWh} kWh/year (${advice.gas.verdict}, ratio ${advice.gas.ratio})` : '') +
      ` vs ${advice.group}${sources}; ${advice.unusualDays.length} unusual day(s); ${advice.suggestions.length} suggestion(s)`;
    const modelShown =
      reference?.electricity.source !== 'territory' ||
      (advice.gas !== undefined && reference.gas?.source !== 'territory');
    const block = (name: string, model: Comparison, measure: MeasureReference | undefined): Html =>
      measure?.source === 'territory' && reference?.dataset
        ? territoryBlock(name, measure, reference.dataset)
        : modelBlock(name, model, measure, advice.group);
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
        {
          label: 'Référence',
          value:
            `électricité : ${referenceText(reference?.electricity, reference?.dataset)}` +
            (advice.gas ? ` ; gaz : ${referenceText(reference?.gas, reference?.dataset)}` : ''),
        },
      ],
      html: html` <h3>Électricité</h3>
        ${block('Électricité', advice.electricity, reference?.electricity)}
        ${
          advice.gas
            ? html`<h3>Gaz</h3>
                ${block('Gaz', advice.gas, reference?.gas)}`
            : ''
        }
        ${modelShown && advice.electricity.days < 365 ? html`<p class="muted">Les estimations annuelles du modèle portent sur ${advice.electricity.days} jours, ramenés à l'année : elles se préciseront avec douze mois de relevés.</p>` : ''}
        <h3>Nos suggestions</h3>
        <ul>
          ${advice.suggestions.map((text) => html`<li>${text}</li>`)}
        </ul>`,
    };
  };
}

/** The computation with the model reference only (no territory statistics). */
export const computeEnergyAdvice: ComputeOutcome<EnergyAdvice> = createEnergyAdviceCompute({ statisticsServer: false });
