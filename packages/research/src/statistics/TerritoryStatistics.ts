import type { Territory } from '@sdt/vocab';

/** What a statistic measures: average daily electricity (kWh), gas (kWh) or water (litres). */
export type StatisticsMeasure = 'electricity' | 'gas' | 'water';
/** The attribute homes are grouped by. */
export type StatisticsDimension = 'energyLabel' | 'householdSize' | 'district';

/** The measures and dimensions of the territory statistics, in publication order. */
export const STATISTICS_MEASURES: readonly StatisticsMeasure[] = ['electricity', 'gas', 'water'];
export const STATISTICS_DIMENSIONS: readonly StatisticsDimension[] = ['energyLabel', 'householdSize', 'district'];

/** Unit of each measure's average per day (short form; the cube uses QUDT units). */
export const STATISTICS_UNITS: Readonly<Record<StatisticsMeasure, string>> = {
  electricity: 'kWh/day',
  gas: 'kWh/day',
  water: 'L/day',
};

/** One published aggregate: a group of at least k homes, in one month. */
export interface StatisticsObservation {
  readonly measure: StatisticsMeasure;
  readonly dimension: StatisticsDimension;
  /** The group: a DPE letter (`'C'`), a household size (`'3'`) or a district name. */
  readonly value: string;
  /** Local month `YYYY-MM`. */
  readonly month: string;
  /** Average consumption per day over the group's daily readings of the month. */
  readonly averagePerDay: number;
  /** `kWh/day` or `L/day`. */
  readonly unit: string;
  /** Distinct homes (pods) in the group; never below the study's k. */
  readonly homes: number;
}

/** Pods asked, answered (every query) and failed (at least one query), for the whole publication. */
export interface StatisticsCoverage {
  readonly podsAsked: number;
  readonly podsAnswered: number;
  readonly podsFailed: number;
}

/** A territory's published monthly statistics (the RDF Data Cube read back). */
export interface TerritoryStatistics {
  readonly territory: Territory;
  /** The public resource holding the cube (`<engine pod>statistics/monthly`). */
  readonly datasetUrl: string;
  /** IRI of the standing statistics study the figures come from. */
  readonly study: string;
  /** Publication time (ISO). */
  readonly issued: string;
  /** k: groups with fewer distinct homes are not published. */
  readonly minimumGroupSize: number;
  readonly coverage: StatisticsCoverage;
  readonly observations: readonly StatisticsObservation[];
}
