/**
 * Comparison with the territory's open statistics (issue 6 point 4): the research engine of each
 * territory publishes, as an RDF Data Cube, the average electricity and gas per day and month of the
 * homes that opted in to its statistics study, by DPE class and household size, for groups of at least
 * k homes only. The coach compares the home's own monthly averages per day with those of similar homes
 * (same DPE class first, else same household size). When nothing usable is published, the model
 * reference of `rules.ts` is used, and the reason is kept.
 */
import { findSimilarHomes, type StatisticsMeasure, type TerritoryStatistics } from '@sdt/research';
import type { Territory } from '@sdt/vocab';
import { verdictOf, type Verdict } from './rules.ts';

/** The energies compared with the territory statistics. */
export type TerritoryMeasure = Extract<StatisticsMeasure, 'electricity' | 'gas'>;

/** How similar homes are chosen, in order of preference. */
export const SIMILARITY_DIMENSIONS = ['energyLabel', 'householdSize'] as const;
export type SimilarityDimension = (typeof SIMILARITY_DIMENSIONS)[number];

/** Why the model reference was used instead of the territory statistics. */
export type FallbackReason =
  /** The territory has published no statistics (no cube). */
  | 'not-published'
  /** The cube could not be read (server unreachable, invalid cube). */
  | 'unreadable'
  /** The cube has no figure of this energy by DPE class or household size. */
  | 'measure-not-published'
  /** The home's groups have fewer than k homes: the territory does not publish them. */
  | 'below-k'
  /** Published months and the home's months do not overlap. */
  | 'no-overlap'
  /** The home has no daily (or monthly) reading of this energy. */
  | 'no-readings';

/** The home's average use per day in one local month. */
export interface HomeMonth {
  /** `YYYY-MM` (local month of the readings, as in the statistics). */
  readonly month: string;
  /** Days of readings (for monthly readings: the days of the month). */
  readonly days: number;
  readonly kWhPerDay: number;
}

/** One month: the home against the published average of similar homes. */
export interface MonthComparison extends HomeMonth {
  readonly referenceKWhPerDay: number;
  /** Homes the published average is over (at least k). */
  readonly homes: number;
  readonly ratio: number;
  readonly verdict: Verdict;
}

/** An energy compared with the territory's published averages of similar homes. */
export interface TerritoryComparison {
  readonly source: 'territory';
  readonly measure: TerritoryMeasure;
  readonly dimension: SimilarityDimension;
  /** The home's group: a DPE letter (`'E'`) or a household size (`'4'`). */
  readonly group: string;
  /** The group in words: « logements de classe E », « foyers de 4 personnes ». */
  readonly groupLabel: string;
  /** Months both in the home's readings and in the statistics, in order. */
  readonly months: readonly MonthComparison[];
  /** Home use over these months / what similar homes used over the same days. */
  readonly ratio: number;
  readonly verdict: Verdict;
  /** Fewest and most homes behind the monthly averages. */
  readonly homes: { readonly min: number; readonly max: number };
}

/** An energy compared with the model reference, and why. */
export interface ModelFallback {
  readonly source: 'model';
  readonly measure: TerritoryMeasure;
  readonly reason: FallbackReason;
}

export type MeasureReference = TerritoryComparison | ModelFallback;

/** The open data set the figures come from. */
export interface OpenDataset {
  readonly url: string;
  readonly territory: Territory;
  /** Publication time (ISO). */
  readonly issued: string;
  /** k: smaller groups are never published. */
  readonly minimumGroupSize: number;
}

/** Which reference each energy was compared with. */
export interface TerritoryReference {
  /** The statistics read (absent when none were published or they could not be read). */
  readonly dataset?: OpenDataset;
  readonly electricity: MeasureReference;
  /** Present when gas is compared (shared, and the home heats with gas). */
  readonly gas?: MeasureReference;
}

/** A home as the statistics group it: its DPE label and (when granted) its household size. */
export interface SimilarHome {
  readonly energyLabel: string;
  readonly householdSize?: number | undefined;
}

/** What the coach knows of the statistics: the cube, none published (null), or a read failure. */
export type StatisticsAnswer = TerritoryStatistics | null | 'unreadable';

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function daysInMonth(month: string): number {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, index, 0)).getUTCDate();
}

/**
 * The home's average use per day, month by month (local month of each reading's timestamp, as the
 * statistics count it). Daily readings when there are any; else monthly readings spread over their month.
 */
export function homeMonthlyAverages(
  readings: readonly { readonly start: string; readonly interval: string; readonly kWh: number }[],
): HomeMonth[] {
  const daily = readings.filter((r) => r.interval === 'P1D');
  const months = new Map<string, { kWh: number; days: number }>();
  if (daily.length > 0) {
    for (const reading of daily) {
      const month = reading.start.slice(0, 7);
      const entry = months.get(month) ?? { kWh: 0, days: 0 };
      entry.kWh += reading.kWh;
      entry.days += 1;
      months.set(month, entry);
    }
  } else {
    for (const reading of readings.filter((r) => r.interval === 'P1M')) {
      const month = reading.start.slice(0, 7);
      const entry = months.get(month) ?? { kWh: 0, days: daysInMonth(month) };
      entry.kWh += reading.kWh;
      months.set(month, entry);
    }
  }
  return [...months]
    .filter(([month]) => /^\d{4}-\d{2}$/u.test(month))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { kWh, days }]) => ({ month, days, kWhPerDay: kWh / days }));
}

function groupLabelOf(dimension: SimilarityDimension, group: string): string {
  if (dimension === 'energyLabel') return `logements de classe ${group}`;
  return group === '1' ? 'foyers d’une personne' : `foyers de ${group} personnes`;
}

/**
 * Compares one energy of a home with the published averages of similar homes, month by month: the
 * home's DPE class first, else its household size (the first group published for months the home has
 * readings of). Pure: no I/O.
 */
export function compareMeasureWithTerritory(
  statistics: StatisticsAnswer,
  home: SimilarHome,
  measure: TerritoryMeasure,
  readings: readonly { readonly start: string; readonly interval: string; readonly kWh: number }[],
): MeasureReference {
  const fallback = (reason: FallbackReason): ModelFallback => ({ source: 'model', measure, reason });
  if (statistics === null) return fallback('not-published');
  if (statistics === 'unreadable') return fallback('unreadable');
  const homeMonths = homeMonthlyAverages(readings);
  if (homeMonths.length === 0) return fallback('no-readings');
  const similar = findSimilarHomes(
    statistics,
    {
      energyLabel: home.energyLabel,
      ...(home.householdSize === undefined ? {} : { householdSize: home.householdSize }),
    },
    measure,
  );
  const candidates = SIMILARITY_DIMENSIONS.flatMap((dimension) =>
    similar.filter((series) => series.dimension === dimension).map((series) => ({ ...series, dimension })),
  );
  if (candidates.length === 0) return fallback('measure-not-published');
  if (candidates.every((candidate) => candidate.series.length === 0)) return fallback('below-k');
  for (const candidate of candidates) {
    const published = new Map(candidate.series.map((entry) => [entry.month, entry]));
    const months: MonthComparison[] = [];
    for (const own of homeMonths) {
      const reference = published.get(own.month);
      if (!reference || !(reference.averagePerDay > 0)) continue;
      const ratio = own.kWhPerDay / reference.averagePerDay;
      months.push({
        month: own.month,
        days: own.days,
        kWhPerDay: round(own.kWhPerDay, 2),
        referenceKWhPerDay: round(reference.averagePerDay, 2),
        homes: reference.homes,
        ratio: round(ratio, 2),
        verdict: verdictOf(ratio),
      });
    }
    if (months.length === 0) continue;
    // Over the compared days: what the home used / what similar homes used on as many days.
    let used = 0;
    let expected = 0;
    for (const own of homeMonths) {
      const reference = published.get(own.month);
      if (!reference || !(reference.averagePerDay > 0)) continue;
      used += own.kWhPerDay * own.days;
      expected += reference.averagePerDay * own.days;
    }
    const ratio = used / expected;
    const homes = months.map((m) => m.homes);
    return {
      source: 'territory',
      measure,
      dimension: candidate.dimension,
      group: candidate.value,
      groupLabel: groupLabelOf(candidate.dimension, candidate.value),
      months,
      ratio: round(ratio, 2),
      verdict: verdictOf(ratio),
      homes: { min: Math.min(...homes), max: Math.max(...homes) },
    };
  }
  return fallback('no-overlap');
}

/**
 * Compares a home's electricity (and gas, when given) with the territory's published statistics, or
 * says for each why the model reference is used instead. Pure: no I/O.
 *
 * @param statistics - the cube read with `readTerritoryStatistics`, null when none is published,
 *   `'unreadable'` when reading failed
 * @param gas - the gas readings when gas is compared (shared, gas heating), else undefined
 */
export function compareWithTerritory(
  statistics: StatisticsAnswer,
  home: SimilarHome,
  electricity: readonly { readonly start: string; readonly interval: string; readonly kWh: number }[],
  gas?: readonly { readonly start: string; readonly interval: string; readonly kWh: number }[],
): TerritoryReference {
  return {
    ...(statistics && statistics !== 'unreadable'
      ? {
          dataset: {
            url: statistics.datasetUrl,
            territory: statistics.territory,
            issued: statistics.issued,
            minimumGroupSize: statistics.minimumGroupSize,
          },
        }
      : {}),
    electricity: compareMeasureWithTerritory(statistics, home, 'electricity', electricity),
    ...(gas ? { gas: compareMeasureWithTerritory(statistics, home, 'gas', gas) } : {}),
  };
}
