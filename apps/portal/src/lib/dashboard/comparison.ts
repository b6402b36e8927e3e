import type { TerritoryStatistics } from '@sdt/research';
import { localMonth } from './series.ts';

// The view-model of the dashboard's "compare with similar homes" section (pure: no I/O). The
// statistics are the territory's open data (`readTerritoryStatistics` of `@sdt/research`); the home's
// attributes and readings come from the citizen's pod (untrusted: shown as React text only).

/** The dimensions the dashboard compares along: same DPE class, same household size. */
export const COMPARISON_DIMENSIONS = ['energyLabel', 'householdSize'] as const;
export type ComparisonDimension = (typeof COMPARISON_DIMENSIONS)[number];

/** The home's attributes, as read from its pod. */
export interface ComparedHome {
  /** DPE letter, `A` to `G`. */
  readonly energyLabel?: string;
  readonly householdSize?: number;
}

/** One month of a comparison: the home's own average, the group's, and the group's size. */
export interface ComparisonRow {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The home's average kWh per day that month; null without readings. */
  readonly own: number | null;
  /** The similar homes' average kWh per day; null when the group had fewer than k homes (not published). */
  readonly similar: number | null;
  readonly homes: number | null;
}

/** The comparison with one group of similar homes. */
export interface ComparisonGroup {
  readonly dimension: ComparisonDimension;
  /** The home's group: `'D'`, `'3'`. */
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
  /** Published, but the statistics have no electricity figures at all (e.g. nobody opted in yet). */
  | { readonly kind: 'empty'; readonly minimumGroupSize: number; readonly issued: string }
  /** The pod has neither a DPE label nor a household size. */
  | { readonly kind: 'no-home'; readonly minimumGroupSize: number }
  | {
      readonly kind: 'ready';
      readonly minimumGroupSize: number;
      readonly issued: string;
      readonly datasetUrl: string;
      readonly coverage: TerritoryStatistics['coverage'];
      readonly groups: readonly ComparisonGroup[];
    };

/** A daily electricity reading (`EnergyReading` of `@sdt/vocab`). */
export interface DailyReading {
  readonly start: string;
  readonly kWh: number;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The home's average kWh per day of each local month, over the days that have a reading.
 * @returns month → average (rounded to the Wh)
 */
export function computeOwnMonthlyAverages(readings: readonly DailyReading[]): Map<string, number> {
  const byMonth = new Map<string, { sum: number; days: number }>();
  for (const reading of readings) {
    if (!Number.isFinite(reading.kWh)) continue;
    const month = localMonth(reading.start);
    const entry = byMonth.get(month) ?? { sum: 0, days: 0 };
    entry.sum += reading.kWh;
    entry.days++;
    byMonth.set(month, entry);
  }
  return new Map([...byMonth].map(([month, { sum, days }]) => [month, round(sum / days, 3)]));
}

function normaliseLabel(label: string | undefined): string | undefined {
  const letter = label?.replace(/^.*[#/]/u, '').replace(/^Label/u, '');
  return letter && /^[A-G]$/u.test(letter) ? letter : undefined;
}

/**
 * Builds the comparison of the home with similar homes (same DPE class, same household size), month
 * by month over the months the statistics cover (the latest `maxMonths`).
 */
export function buildComparison(input: {
  readonly statistics: TerritoryStatistics | null;
  readonly home: ComparedHome;
  readonly ownDaily: readonly DailyReading[];
  readonly maxMonths?: number;
}): ComparisonView {
  const { statistics } = input;
  if (!statistics) return { kind: 'no-statistics' };
  const k = statistics.minimumGroupSize;
  const electricity = statistics.observations.filter((o) => o.measure === 'electricity');
  if (electricity.length === 0) return { kind: 'empty', minimumGroupSize: k, issued: statistics.issued };
  const values: Record<ComparisonDimension, string | undefined> = {
    energyLabel: normaliseLabel(input.home.energyLabel),
    householdSize:
      input.home.householdSize !== undefined && Number.isInteger(input.home.householdSize) && input.home.householdSize > 0
        ? String(input.home.householdSize)
        : undefined,
  };
  if (COMPARISON_DIMENSIONS.every((d) => values[d] === undefined)) return { kind: 'no-home', minimumGroupSize: k };
  const months = [...new Set(electricity.map((o) => o.month))].sort().slice(-(input.maxMonths ?? 12));
  const own = computeOwnMonthlyAverages(input.ownDaily);
  const groups: ComparisonGroup[] = [];
  for (const dimension of COMPARISON_DIMENSIONS) {
    const value = values[dimension];
    // A dimension without any observation is one whose groups were all below k: still shown (as hidden).
    if (value === undefined) continue;
    const published = new Map(
      electricity.filter((o) => o.dimension === dimension && o.value === value).map((o) => [o.month, o]),
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
