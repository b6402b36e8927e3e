import { describe, expect, it } from 'vitest';
import type { EnergyReading, PowerReading, Trip } from '@sdt/vocab';
import {
  buildCo2ByMonth,
  buildDailySeries,
  buildDayCurve,
  buildModalSplit,
  buildMonthlyTotals,
  computeYearOnYear,
  kWhOf,
  listCurveDays,
  summarizeSeries,
} from './series.ts';

const daily = (start: string, kWh: number): EnergyReading => ({ start, interval: 'P1D', kWh });
const trip = (departure: string, mode: Trip['mode'], distanceKm: number, co2Kg: number): Trip => ({
  id: departure,
  departure,
  arrival: departure,
  mode,
  distanceKm,
  co2Kg,
});

describe('chart series', () => {
  it('builds daily points in day order and keeps only the latest days', () => {
    const readings = [daily('2025-01-03T00:00:00+01:00', 3), daily('2025-01-01T00:00:00+01:00', 1), daily('2025-01-02T00:00:00+01:00', 2)];
    expect(buildDailySeries(readings, kWhOf, 2)).toEqual([
      { label: '2025-01-02', value: 2 },
      { label: '2025-01-03', value: 3 },
    ]);
  });

  it('places a reading in its local day and month, not the UTC one', () => {
    // Midnight in Paris on 1 February is still 31 January in UTC.
    const readings = [daily('2025-02-01T00:00:00+01:00', 5), daily('2025-01-31T00:00:00+01:00', 4)];
    expect(buildMonthlyTotals(readings, kWhOf)).toEqual([
      { label: '2025-01', value: 4 },
      { label: '2025-02', value: 5 },
    ]);
  });

  it('sums the readings of a month', () => {
    const readings = [daily('2025-03-01T00:00:00+01:00', 1.25), daily('2025-03-02T00:00:00+01:00', 2.5)];
    expect(buildMonthlyTotals(readings, kWhOf)).toEqual([{ label: '2025-03', value: 3.8 }]);
  });

  it('builds the 30-minute curve of one day in time order, across a DST change', () => {
    const curve: PowerReading[] = [
      { start: '2025-03-30T03:00:00+02:00', interval: 'PT30M', watts: 300 },
      { start: '2025-03-30T01:30:00+01:00', interval: 'PT30M', watts: 150 },
      { start: '2025-03-31T00:00:00+02:00', interval: 'PT30M', watts: 999 },
    ];
    expect(buildDayCurve(curve, '2025-03-30')).toEqual([
      { label: '01:30', value: 150 },
      { label: '03:00', value: 300 },
    ]);
    expect(listCurveDays(curve)).toEqual(['2025-03-30', '2025-03-31']);
    expect(buildDayCurve(curve, '2025-04-01')).toEqual([]);
  });

  it('computes the change from the same month a year before, for the latest month that has one', () => {
    const monthly = [
      { label: '2024-01', value: 200 },
      { label: '2024-02', value: 100 },
      { label: '2025-01', value: 150 },
      { label: '2025-02', value: 110 },
      { label: '2025-03', value: 90 },
    ];
    expect(computeYearOnYear(monthly)).toEqual({
      month: '2025-02',
      previousMonth: '2024-02',
      current: 110,
      previous: 100,
      changePercent: 10,
    });
  });

  it('gives no year-on-year change with less than a year of history', () => {
    expect(computeYearOnYear([{ label: '2025-01', value: 1 }, { label: '2025-12', value: 2 }])).toBeUndefined();
  });

  it('summarises a series with its total, mean, highest and lowest point', () => {
    expect(summarizeSeries([{ label: 'a', value: 1 }, { label: 'b', value: 4 }, { label: 'c', value: 2 }])).toEqual({
      total: 7,
      average: 2.33,
      max: { label: 'b', value: 4 },
      min: { label: 'a', value: 1 },
    });
    expect(summarizeSeries([])).toEqual({ total: 0, average: 0 });
  });

  it('splits trips by mode, largest distance first, with shares of the distance', () => {
    const trips = [
      trip('2025-01-01T08:00:00+01:00', 'car', 30, 6),
      trip('2025-01-02T08:00:00+01:00', 'bike', 5, 0),
      trip('2025-02-01T08:00:00+01:00', 'car', 15, 3),
    ];
    expect(buildModalSplit(trips)).toEqual([
      { mode: 'car', trips: 2, distanceKm: 45, co2Kg: 9, distanceShare: 90 },
      { mode: 'bike', trips: 1, distanceKm: 5, co2Kg: 0, distanceShare: 10 },
    ]);
    expect(buildCo2ByMonth(trips)).toEqual([
      { label: '2025-01', value: 6 },
      { label: '2025-02', value: 3 },
    ]);
  });

  it('gives an empty split for no trips', () => {
    expect(buildModalSplit([])).toEqual([]);
  });
});
