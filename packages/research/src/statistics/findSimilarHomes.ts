import {
  STATISTICS_DIMENSIONS,
  STATISTICS_UNITS,
  type StatisticsDimension,
  type StatisticsMeasure,
  type TerritoryStatistics,
} from './TerritoryStatistics.ts';

/** A home's attributes, as read from its pod. */
export interface HomeAttributes {
  /** DPE letter (`'C'`), or `LabelC`, or the `sdt:LabelC` IRI. */
  readonly energyLabel?: string;
  readonly householdSize?: number;
  readonly district?: string;
}

/** The monthly series of the group of similar homes along one dimension. */
export interface SimilarHomesSeries {
  readonly dimension: StatisticsDimension;
  /** The home's group (`'C'`, `'3'`, a district). */
  readonly value: string;
  readonly unit: string;
  /** Months with at least k homes in the group, in order; empty when the group is always below k. */
  readonly series: readonly { readonly month: string; readonly averagePerDay: number; readonly homes: number }[];
}

function homeValue(home: HomeAttributes, dimension: StatisticsDimension): string | undefined {
  switch (dimension) {
    case 'energyLabel':
      return home.energyLabel?.replace(/^.*[#/]/u, '').replace(/^Label/u, '') || undefined;
    case 'householdSize':
      return home.householdSize === undefined ? undefined : String(home.householdSize);
    case 'district':
      return home.district || undefined;
  }
}

/**
 * For each dimension that the home has and the statistics cover for `measure`: the monthly series of
 * the home's group (same DPE class, same household size, same district).
 */
export function findSimilarHomes(
  statistics: TerritoryStatistics,
  home: HomeAttributes,
  measure: StatisticsMeasure,
): SimilarHomesSeries[] {
  const result: SimilarHomesSeries[] = [];
  for (const dimension of STATISTICS_DIMENSIONS) {
    const value = homeValue(home, dimension);
    if (value === undefined) continue;
    const covered = statistics.observations.filter((o) => o.measure === measure && o.dimension === dimension);
    if (covered.length === 0) continue;
    result.push({
      dimension,
      value,
      unit: STATISTICS_UNITS[measure],
      series: covered
        .filter((o) => o.value === value)
        .sort((a, b) => a.month.localeCompare(b.month))
        .map((o) => ({ month: o.month, averagePerDay: o.averagePerDay, homes: o.homes })),
    });
  }
  return result;
}
