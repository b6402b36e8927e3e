import type {
  CategoryName,
  Citizen,
  Dwelling,
  EnergyReading,
  FamilyQuotientStatement,
  GasReading,
  HealthObservation,
  Household,
  PowerReading,
  Trip,
  WaterReading,
} from '@sdt/vocab';

/**
 * What one pod resource holds, by category: a single record (`data/housing/dwelling`), a list of
 * health observations, or one month of one time series (`data/electricity/daily-2025-01`).
 */
export type ResourceContent =
  | { category: 'identity'; record: Citizen }
  | { category: 'household'; record: Household }
  | { category: 'income'; record: FamilyQuotientStatement }
  | { category: 'housing'; record: Dwelling }
  | { category: 'health'; records: HealthObservation[] }
  | { category: 'electricity'; series: 'daily'; readings: EnergyReading[] }
  | { category: 'electricity'; series: 'curve'; readings: PowerReading[] }
  | { category: 'gas'; series: 'daily' | 'monthly'; readings: GasReading[] }
  | { category: 'water'; series: 'daily'; readings: WaterReading[] }
  | { category: 'mobility'; series: 'trips'; trips: Trip[] };

/** The series of each time-series category (as in `CATEGORIES[c].layout.series`). */
export interface SeriesByCategory {
  electricity: 'daily' | 'curve';
  gas: 'daily' | 'monthly';
  water: 'daily';
  mobility: 'trips';
}

/** A category whose records are split into monthly resources. */
export type MonthlyCategory = keyof SeriesByCategory;

/** Which resource a graph comes from, for {@link quadsToContent}. */
export interface ContentKind {
  readonly category: CategoryName;
  /** Required for time-series categories (`daily`, `curve`, `monthly`, `trips`). */
  readonly series?: string;
}

/** A record of a time series: a reading or a trip. */
export type SeriesItem = EnergyReading | PowerReading | GasReading | WaterReading | Trip;
