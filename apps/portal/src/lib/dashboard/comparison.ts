import type { StatisticsMeasure, TerritoryStatistics } from '@sdt/research';
import type { EnergyReading, GasReading, WaterReading } from '@sdt/vocab';
import { localMonth } from './series.ts';

// The view-model of the dashboard's "compare with similar homes" section (pure: no I/O). The
// statistics are the territory's open data (`readTerritoryStatistics` of `@sdt/research`); the home's
// attributes and readings come from the citizen's pod (untrusted: shown as React text only).

/** The measures the dashboard compares, in the order of the switcher (those of the territory statistics). */
export const COMPARISON_MEASURES = ['electricity', 'gas', 'water'] as const satisfies readonly StatisticsMeasure[];
export type ComparisonMeasure = (typeof COMPARISON_MEASURES)[number];

/** The dimensions the dashboard compares along: same DPE class, same household size, same district. */
export const COMPARISON_DIMENSIONS = ['energyLabel', 'householdSize', 'district'] as const;
export type ComparisonDimension = (typeof COMPARISON_DIMENSIONS)[number];

/** Unit of a measure's average per day, as in the cube: kWh for electricity and gas, litres for water. */
export const COMPARISON_UNITS: Readonly<Record<ComparisonMeasure, 'kWh' | 'L'>> = {
  electricity: 'kWh',
  gas: 'kWh',
  water: 'L',
};

/** The home's attributes, as read from its pod. */
export interface ComparedHome {
  /** DPE letter, `A` to `G`. */
  readonly energyLabel?: string;
  readonly householdSize?: number;
  /** District of the household (`data/household/household`, as the statistics study reads it). */
  readonly district?: string;
}

/** One month of a comparison: the home's own average, the group's, and the group's size. */
export interface ComparisonRow {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The home's average per day that month (kWh or L); null without daily readings. */
  readonly own: number | null;
  /** The similar homes' average per day; null when the group had fewer than k homes (not published). */
  readonly similar: number | null;
  readonly homes: number | null;
}

/** The comparison with one group of similar homes. */
export interface ComparisonGroup {
  readonly dimension: ComparisonDimension;
  /** The home's group: `'D'`, `'3'`, a district name. */
  readonly value: string;
  readonly rows: readonly ComparisonRow[];
  /** Months where the group is published. */
  readonly shownMonths: number;
  /** The latest month where the group is published, for the summary sentence. */
  readonly latest?: ComparisonRow & { readonly similar: number; readonly homes: number };
}

/** What the section shows. */
export type ComparisonView =
  /** Nothing published yet for the citizen's territory. */
  | { readonly kind: 'no-statistics' }
  /** Published, but the statistics have no figures at all (e.g. too few homes take part yet). */
  | { readonly kind: 'empty'; readonly minimumGroupSize: number; readonly issued: string }
  /** The pod has neither a DPE label, nor a household size, nor a district. */
  | { readonly kind: 'no-home'; readonly minimumGroupSize: number }
  /** The pod has no daily readings of the chosen measure: nothing of the home's to compare. */
  | {
      readonly kind: 'no-own-data';
      readonly measure: ComparisonMeasure;
      readonly measures: readonly ComparisonMeasure[];
      readonly minimumGroupSize: number;
    }
  | {
      readonly kind: 'ready';
      readonly measure: ComparisonMeasure;
      /** The measures the home has daily readings for (the switcher), in {@link COMPARISON_MEASURES} order. */
      readonly measures: readonly ComparisonMeasure[];
      readonly unit: 'kWh' | 'L';
      readonly minimumGroupSize: number;
      readonly issued: string;
      readonly datasetUrl: string;
      readonly coverage: TerritoryStatistics['coverage'];
      readonly groups: readonly ComparisonGroup[];
    };

/** One day of the home's consumption in the measure's unit (kWh, or litres for water). */
export interface DailyValue {
  readonly start: string;
  readonly value: number;
}

/** A reading of one of the compared measures, as `@sdt/pod` maps it. */
export type ComparedReading = EnergyReading | GasReading | WaterReading;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The home's daily values of a measure, as the statistics study counts them: daily readings only
 * (`sdt:intervalDuration "P1D"`; the load curve and monthly gas readings do not count), kWh for
 * electricity and gas, litres for water (m³ × 1000).
 */
export function toDailyValues(measure: ComparisonMeasure, readings: readonly ComparedReading[]): DailyValue[] {
  const values: DailyValue[] = [];
  for (const reading of readings) {
    if (reading.interval !== 'P1D') continue;
    const value =
      measure === 'water'
        ? 'volumeM3' in reading && typeof reading.volumeM3 === 'number'
          ? reading.volumeM3 * 1000
          : Number.NaN
        : 'kWh' in reading
          ? reading.kWh
          : Number.NaN;
    if (Number.isFinite(value)) values.push({ start: reading.start, value });
  }
  return values;
}

/**
 * The home's average per day of each local month, over the days that have a reading (sum / days, as
 * the cube's AVG over daily readings).
 * @param digits - decimals kept: 3 for kWh (the Wh), 1 for litres (the decilitre), as in the cube
 * @returns month → average
 */
export function computeOwnMonthlyAverages(values: readonly DailyValue[], digits = 3): Map<string, number> {
  const byMonth = new Map<string, { sum: number; days: number }>();
  for (const { start, value } of values) {
    if (!Number.isFinite(value)) continue;
    const month = localMonth(start);
    const entry = byMonth.get(month) ?? { sum: 0, days: 0 };
    entry.sum += value;
    entry.days++;
    byMonth.set(month, entry);
  }
  return new Map([...byMonth].map(([month, { sum, days }]) => [month, round(sum / days, digits)]));
}

/**
 * The measure to show: the one asked for (`?compare=`), else electricity when the home has its daily
 * readings, else the first measure it has, else electricity.
 */
export function chooseComparisonMeasure(
  requested: ComparisonMeasure | undefined,
  measuresWithData: readonly ComparisonMeasure[],
): ComparisonMeasure {
  return requested ?? COMPARISON_MEASURES.find((m) => measuresWithData.includes(m)) ?? 'electricity';
}

function normaliseLabel(label: string | undefined): string | undefined {
  const letter = label?.replace(/^.*[#/]/u, '').replace(/^Label/u, '');
  return letter && /^[A-G]$/u.test(letter) ? letter : undefined;
}

function homeValues(home: ComparedHome): Record<ComparisonDimension, string | undefined> {
  const size = home.householdSize;
  const district = home.district?.trim();
  return {
    energyLabel: normaliseLabel(home.energyLabel),
    householdSize: size !== undefined && Number.isInteger(size) && size > 0 ? String(size) : undefined,
    district: district ? district : undefined,
  };
}

/**
 * Builds the comparison of the home with similar homes (same DPE class, same household size, same
 * district) for one measure, month by month over the months the statistics cover for it (the latest
 * `maxMonths`). Groups below k are kept with `similar: null` so that the page can say why they are
 * not shown.
 */
export function buildComparison(input: {
  readonly statistics: TerritoryStatistics | null;
  readonly home: ComparedHome;
  readonly measure: ComparisonMeasure;
  /** The measures the home has daily readings for (the switcher). */
  readonly measuresWithData: readonly ComparisonMeasure[];
  /** The home's daily values of `measure` ({@link toDailyValues}). */
  readonly ownDaily: readonly DailyValue[];
  readonly maxMonths?: number;
}): ComparisonView {
  const { statistics, measure } = input;
  if (!statistics) return { kind: 'no-statistics' };
  const k = statistics.minimumGroupSize;
  if (statistics.observations.length === 0) return { kind: 'empty', minimumGroupSize: k, issued: statistics.issued };
  const values = homeValues(input.home);
  if (COMPARISON_DIMENSIONS.every((d) => values[d] === undefined)) return { kind: 'no-home', minimumGroupSize: k };
  const measures = COMPARISON_MEASURES.filter((m) => input.measuresWithData.includes(m));
  const unit = COMPARISON_UNITS[measure];
  const own = computeOwnMonthlyAverages(input.ownDaily, unit === 'L' ? 1 : 3);
  if (own.size === 0) return { kind: 'no-own-data', measure, measures, minimumGroupSize: k };
  const observations = statistics.observations.filter((o) => o.measure === measure);
  // A measure without any published group (all below k) still covers the months of the others.
  const months = [...new Set((observations.length > 0 ? observations : statistics.observations).map((o) => o.month))]
    .sort()
    .slice(-(input.maxMonths ?? 12));
  const groups: ComparisonGroup[] = [];
  for (const dimension of COMPARISON_DIMENSIONS) {
    const value = values[dimension];
    if (value === undefined) continue;
    const published = new Map(
      observations.filter((o) => o.dimension === dimension && o.value === value).map((o) => [o.month, o]),
    );
    const rows: ComparisonRow[] = months.map((month) => {
      const observation = published.get(month);
      return {
        month,
        own: own.get(month) ?? null,
        similar: observation ? observation.averagePerDay : null,
        homes: observation ? observation.homes : null,
      };
    });
    const latest = [...rows]
      .reverse()
      .find((row): row is ComparisonRow & { similar: number; homes: number } => row.similar !== null && row.homes !== null);
    groups.push({
      dimension,
      value,
      rows,
      shownMonths: rows.filter((row) => row.similar !== null).length,
      ...(latest ? { latest } : {}),
    });
  }
  return {
    kind: 'ready',
    measure,
    measures,
    unit,
    minimumGroupSize: k,
    issued: statistics.issued,
    datasetUrl: statistics.datasetUrl,
    coverage: statistics.coverage,
    groups,
  };
}

/** The difference of the home from the group, in percent of the group's average (rounded). */
export function computeDifferencePercent(own: number, similar: number): number | undefined {
  return similar > 0 ? Math.round(((own - similar) / similar) * 100) : undefined;
}
