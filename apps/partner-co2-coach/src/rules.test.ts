import { describe, expect, it } from 'vitest';
import type { TransportMode, Trip } from '@sdt/vocab';
import { reportTrips, tripCo2Kg } from './rules.ts';

function trip(departure: string, mode: TransportMode, distanceKm: number): Trip {
  return { id: `t${departure}`, departure, arrival: departure, mode, distanceKm, co2Kg: 0 };
}

describe('CO2 coach rules', () => {
  it('uses the ADEME factor of each mode', () => {
    expect(tripCo2Kg({ mode: 'car', distanceKm: 10 })).toBeCloseTo(2.18);
    expect(tripCo2Kg({ mode: 'bike', distanceKm: 10 })).toBe(0);
  });

  it('totals CO2 by month and mode and compares with the territory average', () => {
    const report = reportTrips([
      trip('2026-09-02T08:00:00+02:00', 'car', 100),
      trip('2026-09-03T08:00:00+02:00', 'bike', 4),
      trip('2026-10-01T08:00:00+02:00', 'car', 50),
    ]);
    expect(report.months.map((m) => [m.month, m.co2Kg])).toEqual([
      ['2026-09', 21.8],
      ['2026-10', 10.9],
    ]);
    expect(report.months[0]!.byMode.bike).toEqual({ trips: 1, km: 4, co2Kg: 0 });
    expect(report.monthlyAverageKg).toBe(16.4);
    expect(report.ratio).toBe(0.27);
  });

  it('suggests walking, cycling or the bus for car trips by distance, largest saving first', () => {
    const report = reportTrips([
      trip('2026-10-01T08:00:00+02:00', 'car', 1.5),
      trip('2026-10-02T08:00:00+02:00', 'car', 6),
      trip('2026-10-03T08:00:00+02:00', 'car', 20),
    ]);
    expect(report.suggestions.map((s) => s.alternative)).toEqual(['bus', 'bike', 'walk']);
    expect(report.suggestions[1]).toMatchObject({ trips: 1, km: 6, savingKg: 1.3 });
  });

  it('leaves out trips whose distance is not a number, and says how many', () => {
    expect(
      reportTrips([trip('2026-10-01T08:00:00+02:00', 'car', Number.NaN), trip('2026-10-01T09:00:00+02:00', 'walk', 1)])
        .skippedTrips,
    ).toBe(1);
  });
});
