import type { EnergyReading, GasReading, PowerReading, TransportMode, Trip, WaterReading } from '@sdt/vocab';

/** One bar or point of a chart: a label on the x axis and a value. */
export interface ChartPoint {
  /** Day `YYYY-MM-DD`, month `YYYY-MM`, time `HH:MM` or a category key. */
  readonly label: string;
  readonly value: number;
}

/** A reading with a start instant (carrying its Europe/Paris offset) and an amount. */
interface Dated {
  readonly start: string;
}

/** The local day of an instant with offset: its first 10 characters (`2025-01-03T00:00:00+01:00`). */
export function localDay(instant: string): string {
  return instant.slice(0, 10);
}

/** The local month of an instant with offset (`YYYY-MM`). */
export function localMonth(instant: string): string {
  return instant.slice(0, 7);
}

/** Rounds to `digits` decimals (chart values; the tables show the same rounded numbers). */
function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Daily values of a series, oldest first, limited to the last `days` days that have data.
 *
 * @param readings - daily readings (any order; several on one day are summed)
 * @param amount - the value of a reading (kWh, m3…)
 * @param days - how many of the latest days to keep
 * @returns one point per day
 */
export function buildDailySeries<T extends Dated>(readings: readonly T[], amount: (reading: T) => number, days: number): ChartPoint[] {
  const byDay = new Map<string, number>();
  for (const reading of readings) {
    const day = localDay(reading.start);
    byDay.set(day, (byDay.get(day) ?? 0) + amount(reading));
  }
  return [...byDay]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(-days)
    .map(([label, value]) => ({ label, value: round(value) }));
}

/**
 * Monthly totals of a series, oldest first.
 *
 * @param readings - readings of any interval (daily readings are summed per local month)
 * @param amount - the value of a reading
 * @returns one point per month that has data
 */
export function buildMonthlyTotals<T extends Dated>(readings: readonly T[], amount: (reading: T) => number): ChartPoint[] {
  const byMonth = new Map<string, number>();
  for (const reading of readings) {
    const month = localMonth(reading.start);
    byMonth.set(month, (byMonth.get(month) ?? 0) + amount(reading));
  }
  return [...byMonth]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, value]) => ({ label, value: round(value, 1) }));
}

/**
 * The 30-minute load curve of one local day, in watts, in time order.
 *
 * @param curve - power readings (any days)
 * @param day - the day to show, `YYYY-MM-DD`
 * @returns one point per reading of that day, labelled `HH:MM` (local time); empty when the day has none
 */
export function buildDayCurve(curve: readonly PowerReading[], day: string): ChartPoint[] {
  return curve
    .filter((reading) => localDay(reading.start) === day)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((reading) => ({ label: reading.start.slice(11, 16), value: round(reading.watts, 0) }));
}

/** The days that have load-curve readings, sorted. */
export function listCurveDays(curve: readonly PowerReading[]): string[] {
  return [...new Set(curve.map((reading) => localDay(reading.start)))].sort();
}

/** Year-on-year change of the latest month that has the same month a year earlier. */
export interface YearOnYear {
  readonly month: string;
  readonly previousMonth: string;
  readonly current: number;
  readonly previous: number;
  /** Rounded to one decimal; positive means more consumption than a year before. */
  readonly changePercent: number;
}

/**
 * Compares the latest month with the same month one year earlier.
 *
 * @param monthly - monthly totals (see {@link buildMonthlyTotals})
 * @returns the change, or undefined when there is not a year of history (or the earlier month is 0)
 */
export function computeYearOnYear(monthly: readonly ChartPoint[]): YearOnYear | undefined {
  const byMonth = new Map(monthly.map((point) => [point.label, point.value]));
  for (const point of [...monthly].reverse()) {
    const year = Number(point.label.slice(0, 4));
    const previousMonth = `${year - 1}${point.label.slice(4)}`;
    const previous = byMonth.get(previousMonth);
    if (previous !== undefined && previous > 0) {
      return {
        month: point.label,
        previousMonth,
        current: point.value,
        previous,
        changePercent: round(((point.value - previous) / previous) * 100, 1),
      };
    }
  }
  return undefined;
}

/** Totals over a series, for the sentence that summarises a chart. */
export interface SeriesSummary {
  readonly total: number;
  readonly average: number;
  readonly max?: ChartPoint;
  readonly min?: ChartPoint;
}

/**
 * Sum, mean, highest and lowest point of a series.
 *
 * @param points - the chart's points
 */
export function summarizeSeries(points: readonly ChartPoint[]): SeriesSummary {
  if (points.length === 0) return { total: 0, average: 0 };
  let max = points[0]!;
  let min = points[0]!;
  let total = 0;
  for (const point of points) {
    total += point.value;
    if (point.value > max.value) max = point;
    if (point.value < min.value) min = point;
  }
  return { total: round(total, 1), average: round(total / points.length, 2), max, min };
}

/** One transport mode of the modal split. */
export interface ModeShare {
  readonly mode: TransportMode;
  readonly trips: number;
  readonly distanceKm: number;
  readonly co2Kg: number;
  /** Share of the distance travelled, in percent (one decimal). */
  readonly distanceShare: number;
}

/**
 * The modal split of trips: per mode, number of trips, distance, CO2 and share of the distance;
 * largest distance first.
 *
 * @param trips - the citizen's trips
 */
export function buildModalSplit(trips: readonly Trip[]): ModeShare[] {
  const byMode = new Map<TransportMode, { trips: number; distanceKm: number; co2Kg: number }>();
  let totalKm = 0;
  for (const trip of trips) {
    const entry = byMode.get(trip.mode) ?? { trips: 0, distanceKm: 0, co2Kg: 0 };
    entry.trips += 1;
    entry.distanceKm += trip.distanceKm;
    entry.co2Kg += trip.co2Kg;
    byMode.set(trip.mode, entry);
    totalKm += trip.distanceKm;
  }
  return [...byMode]
    .map(([mode, entry]) => ({
      mode,
      trips: entry.trips,
      distanceKm: round(entry.distanceKm, 1),
      co2Kg: round(entry.co2Kg, 1),
      distanceShare: totalKm > 0 ? round((entry.distanceKm / totalKm) * 100, 1) : 0,
    }))
    .sort((a, b) => b.distanceKm - a.distanceKm || (a.mode < b.mode ? -1 : 1));
}

/**
 * CO2 emitted by trips, per local month of departure.
 *
 * @param trips - the citizen's trips
 * @returns kg CO2e per month, oldest first
 */
export function buildCo2ByMonth(trips: readonly Trip[]): ChartPoint[] {
  return buildMonthlyTotals(
    trips.map((trip) => ({ start: trip.departure, co2Kg: trip.co2Kg })),
    (trip) => trip.co2Kg,
  );
}

/** kWh of an electricity or gas reading. */
export const kWhOf = (reading: EnergyReading | GasReading): number => reading.kWh;
/** m3 of a water reading. */
export const m3Of = (reading: WaterReading): number => reading.volumeM3;
