import { describe, expect, it } from 'vitest';
import type { StatisticsObservation, TerritoryStatistics } from '@sdt/research';
import type { Dwelling, EnergyReading } from '@sdt/vocab';
import { adviseHousehold } from './rules.ts';
import { compareWithTerritory, homeMonthlyAverages } from './territory.ts';

/** Daily readings from a date (local midnight, Paris winter offset), `count` days. */
function days(from: string, count: number, kWh: (index: number) => number): EnergyReading[] {
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(Date.parse(`${from}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10);
    return { start: `${day}T00:00:00+01:00`, interval: 'P1D', kWh: kWh(index) };
  });
}

function observation(
  measure: 'electricity' | 'gas',
  dimension: 'energyLabel' | 'householdSize' | 'district',
  value: string,
  month: string,
  averagePerDay: number,
  homes: number,
): StatisticsObservation {
  return { measure, dimension, value, month, averagePerDay, unit: 'kWh/day', homes };
}

function statistics(observations: StatisticsObservation[]): TerritoryStatistics {
  return {
    territory: 'nantes',
    datasetUrl: 'http://localhost:3102/research-engine/statistics/monthly',
    study: 'http://localhost:3102/research-engine/studies/territory-statistics#study',
    issued: '2026-11-20T10:00:00.000Z',
    minimumGroupSize: 5,
    coverage: { podsAsked: 12, podsAnswered: 12, podsFailed: 0 },
    observations,
  };
}

// January (31 days at 10 kWh) and February (28 days at 12 kWh) 2026.
const electricity = [...days('2026-01-01', 31, () => 10), ...days('2026-02-01', 28, () => 12)];
const gas = [...days('2026-01-01', 31, () => 80), ...days('2026-02-01', 28, () => 60)];
const home = { energyLabel: 'E', householdSize: 4 };

describe('comparison with the territory statistics', () => {
  it('averages the home’s readings per day, month by month (daily readings, else monthly ones)', () => {
    expect(homeMonthlyAverages(electricity)).toEqual([
      { month: '2026-01', days: 31, kWhPerDay: 10 },
      { month: '2026-02', days: 28, kWhPerDay: 12 },
    ]);
    expect(homeMonthlyAverages([{ start: '2026-02-01T00:00:00+01:00', interval: 'P1M', kWh: 1400 }])).toEqual([
      { month: '2026-02', days: 28, kWhPerDay: 50 },
    ]);
  });

  it('compares each month with the homes of the same DPE class first, and says how many homes', () => {
    const published = statistics([
      observation('electricity', 'energyLabel', 'E', '2026-01', 8, 6),
      observation('electricity', 'energyLabel', 'E', '2026-02', 12, 5),
      observation('electricity', 'energyLabel', 'D', '2026-01', 5, 9),
      observation('electricity', 'householdSize', '4', '2026-01', 20, 7),
      observation('gas', 'energyLabel', 'E', '2026-01', 40, 6),
    ]);
    const reference = compareWithTerritory(published, home, electricity, gas);
    expect(reference.dataset).toEqual({
      url: published.datasetUrl,
      territory: 'nantes',
      issued: published.issued,
      minimumGroupSize: 5,
    });
    expect(reference.electricity).toMatchObject({
      source: 'territory',
      dimension: 'energyLabel',
      group: 'E',
      groupLabel: 'logements de classe E',
      homes: { min: 5, max: 6 },
      months: [
        {
          month: '2026-01',
          days: 31,
          kWhPerDay: 10,
          referenceKWhPerDay: 8,
          homes: 6,
          ratio: 1.25,
          verdict: 'dans la moyenne',
        },
        {
          month: '2026-02',
          days: 28,
          kWhPerDay: 12,
          referenceKWhPerDay: 12,
          homes: 5,
          ratio: 1,
          verdict: 'dans la moyenne',
        },
      ],
    });
    // (31 × 10 + 28 × 12) / (31 × 8 + 28 × 12) = 646 / 584.
    expect(reference.electricity).toMatchObject({ ratio: 1.11, verdict: 'dans la moyenne' });
    // Gas: only January is published; the home used twice the average.
    expect(reference.gas).toMatchObject({
      source: 'territory',
      months: [{ month: '2026-01', kWhPerDay: 80, referenceKWhPerDay: 40, ratio: 2, verdict: 'élevée' }],
      ratio: 2,
      verdict: 'élevée',
    });
  });

  it('uses the homes of the same household size when the DPE class is below k', () => {
    const published = statistics([
      observation('electricity', 'energyLabel', 'D', '2026-01', 5, 9),
      observation('electricity', 'householdSize', '4', '2026-01', 20, 7),
    ]);
    const reference = compareWithTerritory(published, home, electricity);
    expect(reference.electricity).toMatchObject({
      source: 'territory',
      dimension: 'householdSize',
      group: '4',
      groupLabel: 'foyers de 4 personnes',
      months: [{ month: '2026-01', referenceKWhPerDay: 20, homes: 7, ratio: 0.5, verdict: 'sobre' }],
    });
    expect(reference.gas).toBeUndefined();
  });

  it('falls back to the model, saying why: nothing published, unreadable, group below k, months apart', () => {
    expect(compareWithTerritory(null, home, electricity, gas)).toEqual({
      electricity: { source: 'model', measure: 'electricity', reason: 'not-published' },
      gas: { source: 'model', measure: 'gas', reason: 'not-published' },
    });
    expect(compareWithTerritory('unreadable', home, electricity).electricity).toMatchObject({ reason: 'unreadable' });
    const others = statistics([
      observation('electricity', 'energyLabel', 'D', '2026-01', 5, 9),
      observation('electricity', 'householdSize', '2', '2026-01', 9, 8),
    ]);
    expect(compareWithTerritory(others, home, electricity, gas)).toMatchObject({
      electricity: { source: 'model', reason: 'below-k' },
      gas: { source: 'model', reason: 'measure-not-published' },
    });
    // Without the household size, only the DPE class is looked for.
    expect(compareWithTerritory(others, { energyLabel: 'E' }, electricity).electricity).toMatchObject({
      reason: 'below-k',
    });
    const later = statistics([observation('electricity', 'energyLabel', 'E', '2026-06', 8, 6)]);
    expect(compareWithTerritory(later, home, electricity).electricity).toMatchObject({
      source: 'model',
      reason: 'no-overlap',
    });
    expect(compareWithTerritory(later, home, []).electricity).toMatchObject({ reason: 'no-readings' });
    expect(compareWithTerritory(statistics([]), home, electricity).electricity).toMatchObject({
      reason: 'measure-not-published',
    });
  });

  it('lets the verdict of the territory reference drive the suggestions', () => {
    const house: Dwelling = {
      floorArea: 112,
      energyLabel: 'E',
      heatingEnergy: 'gas',
      tenure: 'owner',
      yearBuilt: 1978,
    };
    // The model: about 4,000 kWh of electricity a year is high for two people (2,500), gas is average.
    const model = adviseHousehold(house, electricity, gas, 2);
    expect(model.electricity.verdict).toBe('élevée');
    expect(model.gas?.verdict).toBe('dans la moyenne');
    expect(model.suggestions.join(' ')).toMatch(/veilles/u);
    const published = statistics([
      observation('electricity', 'energyLabel', 'E', '2026-01', 10, 6),
      observation('electricity', 'energyLabel', 'E', '2026-02', 12, 6),
      observation('gas', 'energyLabel', 'E', '2026-01', 40, 6),
      observation('gas', 'energyLabel', 'E', '2026-02', 30, 6),
    ]);
    // Similar homes of the territory: electricity the same, gas half the home's.
    const reference = compareWithTerritory(published, { energyLabel: 'E', householdSize: 2 }, electricity, gas);
    const advice = adviseHousehold(house, electricity, gas, 2, reference);
    expect(advice.reference).toBe(reference);
    expect(reference.electricity).toMatchObject({ source: 'territory', verdict: 'dans la moyenne' });
    expect(reference.gas).toMatchObject({ source: 'territory', verdict: 'élevée' });
    expect(advice.suggestions.join(' ')).not.toMatch(/veilles/u);
    expect(advice.suggestions.join(' ')).toMatch(/1 °C.*chaudière/su);
  });
});
