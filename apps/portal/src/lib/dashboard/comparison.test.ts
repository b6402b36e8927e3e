import { describe, expect, it } from 'vitest';
import type { TerritoryStatistics } from '@sdt/research';
import { comparisonMeasureSchema } from '../schemas.ts';
import {
  buildComparison,
  chooseComparisonMeasure,
  computeDifferencePercent,
  computeOwnMonthlyAverages,
  toDailyValues,
} from './comparison.ts';

const statistics: TerritoryStatistics = {
  territory: 'lyon',
  datasetUrl: 'http://localhost:3101/research-engine/statistics/monthly',
  study: 'http://localhost:3101/research-engine/studies/territory-statistics#study',
  issued: '2025-11-02T08:00:00.000Z',
  minimumGroupSize: 10,
  coverage: { podsAsked: 40, podsAnswered: 39, podsFailed: 1 },
  observations: [
    { measure: 'electricity', dimension: 'energyLabel', value: 'D', month: '2025-08', averagePerDay: 7.5, unit: 'kWh/day', homes: 14 },
    { measure: 'electricity', dimension: 'energyLabel', value: 'D', month: '2025-10', averagePerDay: 10, unit: 'kWh/day', homes: 12 },
    { measure: 'electricity', dimension: 'energyLabel', value: 'E', month: '2025-09', averagePerDay: 12, unit: 'kWh/day', homes: 10 },
    { measure: 'electricity', dimension: 'householdSize', value: '2', month: '2025-10', averagePerDay: 9, unit: 'kWh/day', homes: 11 },
    { measure: 'electricity', dimension: 'district', value: 'Croix-Rousse', month: '2025-10', averagePerDay: 8, unit: 'kWh/day', homes: 10 },
    { measure: 'gas', dimension: 'energyLabel', value: 'D', month: '2025-10', averagePerDay: 30, unit: 'kWh/day', homes: 10 },
    { measure: 'gas', dimension: 'district', value: 'Croix-Rousse', month: '2025-09', averagePerDay: 25.5, unit: 'kWh/day', homes: 13 },
    { measure: 'water', dimension: 'energyLabel', value: 'D', month: '2025-09', averagePerDay: 310.4, unit: 'L/day', homes: 15 },
    { measure: 'water', dimension: 'energyLabel', value: 'D', month: '2025-10', averagePerDay: 298.6, unit: 'L/day', homes: 15 },
    { measure: 'water', dimension: 'district', value: 'Croix-Rousse', month: '2025-10', averagePerDay: 275, unit: 'L/day', homes: 11 },
  ],
};

const electricity = toDailyValues('electricity', [
  { start: '2025-09-30T00:00:00+02:00', interval: 'P1D', kWh: 6 },
  { start: '2025-10-01T00:00:00+02:00', interval: 'P1D', kWh: 10 },
  { start: '2025-10-02T00:00:00+02:00', interval: 'P1D', kWh: 12 },
  { start: '2025-10-31T23:30:00+01:00', interval: 'P1D', kWh: Number.NaN },
]);

const home = { energyLabel: 'D', householdSize: 2, district: 'Croix-Rousse' };
const all = ['electricity', 'gas', 'water'] as const;

describe('the comparison with similar homes', () => {
  it('averages the home’s daily readings per local month, ignoring unreadable values', () => {
    expect([...computeOwnMonthlyAverages(electricity)]).toEqual([
      ['2025-09', 6],
      ['2025-10', 11],
    ]);
  });

  it('counts daily readings only, as the statistics do: not monthly gas readings, water in litres', () => {
    const gas = toDailyValues('gas', [
      { start: '2025-10-01T00:00:00+02:00', interval: 'P1M', kWh: 900 },
      { start: '2025-10-01T00:00:00+02:00', interval: 'P1D', kWh: 28.25, volumeM3: 2.5 },
      { start: '2025-10-02T00:00:00+02:00', interval: 'P1D', kWh: 31.75 },
    ]);
    expect([...computeOwnMonthlyAverages(gas)]).toEqual([['2025-10', 30]]);
    const water = toDailyValues('water', [
      { start: '2025-10-01T00:00:00+02:00', interval: 'P1D', volumeM3: 0.3125 },
      { start: '2025-10-02T00:00:00+02:00', interval: 'P1D', volumeM3: 0.29 },
      { start: '2025-10-03T00:00:00+02:00', interval: 'PT1H', volumeM3: 0.01 },
    ]);
    expect(water).toEqual([
      { start: '2025-10-01T00:00:00+02:00', value: 312.5 },
      { start: '2025-10-02T00:00:00+02:00', value: 290 },
    ]);
    expect([...computeOwnMonthlyAverages(water, 1)]).toEqual([['2025-10', 301.3]]);
  });

  it('sets the home next to homes of the same DPE class, household size and district, month by month', () => {
    const view = buildComparison({ statistics, home, measure: 'electricity', measuresWithData: all, ownDaily: electricity });
    expect(view.kind).toBe('ready');
    if (view.kind !== 'ready') return;
    expect(view).toMatchObject({ measure: 'electricity', measures: all, unit: 'kWh', minimumGroupSize: 10 });
    expect(view.coverage).toEqual({ podsAsked: 40, podsAnswered: 39, podsFailed: 1 });
    const [label, size, district] = view.groups;
    expect(label).toMatchObject({ dimension: 'energyLabel', value: 'D', shownMonths: 2 });
    expect(label?.rows).toEqual([
      { month: '2025-08', own: null, similar: 7.5, homes: 14 },
      { month: '2025-09', own: 6, similar: null, homes: null },
      { month: '2025-10', own: 11, similar: 10, homes: 12 },
    ]);
    expect(label?.latest).toEqual({ month: '2025-10', own: 11, similar: 10, homes: 12 });
    expect(size).toMatchObject({ dimension: 'householdSize', value: '2', shownMonths: 1 });
    expect(district).toMatchObject({ dimension: 'district', value: 'Croix-Rousse', shownMonths: 1 });
    expect(district?.latest).toEqual({ month: '2025-10', own: 11, similar: 8, homes: 10 });
  });

  it('compares gas in kWh per day over the months the gas statistics cover', () => {
    const gas = toDailyValues('gas', [
      { start: '2025-09-15T00:00:00+02:00', interval: 'P1D', kWh: 20 },
      { start: '2025-10-15T00:00:00+02:00', interval: 'P1D', kWh: 36 },
    ]);
    const view = buildComparison({ statistics, home, measure: 'gas', measuresWithData: ['electricity', 'gas'], ownDaily: gas });
    expect(view.kind === 'ready' && { unit: view.unit, measures: view.measures }).toEqual({ unit: 'kWh', measures: ['electricity', 'gas'] });
    if (view.kind !== 'ready') return;
    expect(view.groups.map((g) => [g.dimension, g.rows])).toEqual([
      [
        'energyLabel',
        [
          { month: '2025-09', own: 20, similar: null, homes: null },
          { month: '2025-10', own: 36, similar: 30, homes: 10 },
        ],
      ],
      // No gas group of k households of 2 was published: kept, with nothing shown.
      [
        'householdSize',
        [
          { month: '2025-09', own: 20, similar: null, homes: null },
          { month: '2025-10', own: 36, similar: null, homes: null },
        ],
      ],
      [
        'district',
        [
          { month: '2025-09', own: 20, similar: 25.5, homes: 13 },
          { month: '2025-10', own: 36, similar: null, homes: null },
        ],
      ],
    ]);
    expect(view.groups[1]?.shownMonths).toBe(0);
    expect(view.groups[1]?.latest).toBeUndefined();
  });

  it('compares water in litres per day', () => {
    const water = toDailyValues('water', [
      { start: '2025-10-01T00:00:00+02:00', interval: 'P1D', volumeM3: 0.25 },
      { start: '2025-10-02T00:00:00+02:00', interval: 'P1D', volumeM3: 0.35 },
    ]);
    const view = buildComparison({ statistics, home, measure: 'water', measuresWithData: all, ownDaily: water });
    expect(view.kind === 'ready' && view.unit).toBe('L');
    if (view.kind !== 'ready') return;
    expect(view.groups[0]?.latest).toEqual({ month: '2025-10', own: 300, similar: 298.6, homes: 15 });
    expect(view.groups[2]?.latest).toEqual({ month: '2025-10', own: 300, similar: 275, homes: 11 });
  });

  it('says when the pod has no daily readings of the measure, and offers the measures it has', () => {
    const view = buildComparison({ statistics, home, measure: 'gas', measuresWithData: ['water', 'electricity'], ownDaily: [] });
    expect(view).toEqual({ kind: 'no-own-data', measure: 'gas', measures: ['electricity', 'water'], minimumGroupSize: 10 });
  });

  it('keeps groups whose months are all below k (nothing shown, explained by the page)', () => {
    const view = buildComparison({
      statistics,
      home: { energyLabel: 'LabelG', householdSize: 5, district: 'Vaise' },
      measure: 'electricity',
      measuresWithData: all,
      ownDaily: electricity,
    });
    expect(view.kind === 'ready' && view.groups.map((g) => [g.dimension, g.value, g.shownMonths, g.rows.every((r) => r.similar === null && r.homes === null)])).toEqual([
      ['energyLabel', 'G', 0, true],
      ['householdSize', '5', 0, true],
      ['district', 'Vaise', 0, true],
    ]);
  });

  it('keeps a measure with no published group at all, over the months of the other measures', () => {
    const electricityOnly = { ...statistics, observations: statistics.observations.filter((o) => o.measure === 'electricity') };
    const view = buildComparison({
      statistics: electricityOnly,
      home: { energyLabel: 'D' },
      measure: 'water',
      measuresWithData: all,
      ownDaily: [{ start: '2025-10-01T00:00:00+02:00', value: 250 }],
    });
    expect(view.kind === 'ready' && view.groups).toEqual([
      {
        dimension: 'energyLabel',
        value: 'D',
        shownMonths: 0,
        rows: [
          { month: '2025-08', own: null, similar: null, homes: null },
          { month: '2025-09', own: null, similar: null, homes: null },
          { month: '2025-10', own: 250, similar: null, homes: null },
        ],
      },
    ]);
  });

  it('says when nothing is published, when the cube is empty, and when the pod lacks the home’s attributes', () => {
    const base = { measure: 'electricity', measuresWithData: all, ownDaily: electricity } as const;
    expect(buildComparison({ ...base, statistics: null, home })).toEqual({ kind: 'no-statistics' });
    expect(buildComparison({ ...base, statistics: { ...statistics, observations: [] }, home })).toEqual({
      kind: 'empty',
      minimumGroupSize: 10,
      issued: statistics.issued,
    });
    expect(buildComparison({ ...base, statistics, home: { energyLabel: 'not a label', householdSize: 0, district: '  ' } })).toEqual({
      kind: 'no-home',
      minimumGroupSize: 10,
    });
  });

  it('compares along the district alone when the pod has only the household’s district', () => {
    const view = buildComparison({ statistics, home: { district: 'Croix-Rousse' }, measure: 'electricity', measuresWithData: all, ownDaily: electricity });
    expect(view.kind === 'ready' && view.groups.map((g) => g.dimension)).toEqual(['district']);
  });

  it('keeps only the latest months', () => {
    const view = buildComparison({ statistics, home: { energyLabel: 'D' }, measure: 'electricity', measuresWithData: all, ownDaily: electricity, maxMonths: 1 });
    expect(view.kind === 'ready' && view.groups[0]?.rows.map((r) => r.month)).toEqual(['2025-10']);
  });

  it('shows the measure asked for, else electricity, else the first measure the home has', () => {
    expect(chooseComparisonMeasure('water', ['electricity'])).toBe('water');
    expect(chooseComparisonMeasure(undefined, ['water', 'electricity'])).toBe('electricity');
    expect(chooseComparisonMeasure(undefined, ['water', 'gas'])).toBe('gas');
    expect(chooseComparisonMeasure(undefined, [])).toBe('electricity');
  });

  it('accepts only the three measures in ?compare=', () => {
    expect(comparisonMeasureSchema.safeParse('gas').success).toBe(true);
    expect(comparisonMeasureSchema.safeParse('water').success).toBe(true);
    expect(comparisonMeasureSchema.safeParse('heat').success).toBe(false);
    expect(comparisonMeasureSchema.safeParse(['gas', 'water']).success).toBe(false);
  });

  it('gives the difference from the group in percent', () => {
    expect(computeDifferencePercent(11, 10)).toBe(10);
    expect(computeDifferencePercent(8, 10)).toBe(-20);
    expect(computeDifferencePercent(8, 0)).toBeUndefined();
  });
});
