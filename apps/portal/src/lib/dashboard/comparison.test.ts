import { describe, expect, it } from 'vitest';
import type { TerritoryStatistics } from '@sdt/research';
import { buildComparison, computeDifferencePercent, computeOwnMonthlyAverages } from './comparison.ts';

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
    { measure: 'gas', dimension: 'energyLabel', value: 'D', month: '2025-10', averagePerDay: 30, unit: 'kWh/day', homes: 10 },
  ],
};

const readings = [
  { start: '2025-09-30T00:00:00+02:00', kWh: 6 },
  { start: '2025-10-01T00:00:00+02:00', kWh: 10 },
  { start: '2025-10-02T00:00:00+02:00', kWh: 12 },
  { start: '2025-10-31T23:30:00+01:00', kWh: Number.NaN },
];

describe('the comparison with similar homes', () => {
  it('averages the home’s daily readings per local month, ignoring unreadable values', () => {
    expect([...computeOwnMonthlyAverages(readings)]).toEqual([
      ['2025-09', 6],
      ['2025-10', 11],
    ]);
  });

  it('sets the home next to homes of the same DPE class and household size, month by month', () => {
    const view = buildComparison({ statistics, home: { energyLabel: 'D', householdSize: 2 }, ownDaily: readings });
    expect(view.kind).toBe('ready');
    if (view.kind !== 'ready') return;
    expect(view.minimumGroupSize).toBe(10);
    expect(view.coverage).toEqual({ podsAsked: 40, podsAnswered: 39, podsFailed: 1 });
    const [label, size] = view.groups;
    expect(label).toMatchObject({ dimension: 'energyLabel', value: 'D', shownMonths: 2 });
    expect(label?.rows).toEqual([
      { month: '2025-08', own: null, similar: 7.5, homes: 14 },
      { month: '2025-09', own: 6, similar: null, homes: null },
      { month: '2025-10', own: 11, similar: 10, homes: 12 },
    ]);
    expect(label?.latest).toEqual({ month: '2025-10', own: 11, similar: 10, homes: 12 });
    expect(size).toMatchObject({ dimension: 'householdSize', value: '2', shownMonths: 1 });
  });

  it('keeps a group whose months are all below k (nothing shown, explained by the page)', () => {
    const view = buildComparison({ statistics, home: { energyLabel: 'LabelG', householdSize: 5 }, ownDaily: [] });
    const empty = ['2025-08', '2025-09', '2025-10'].map((month) => ({ month, own: null, similar: null, homes: null }));
    expect(view.kind === 'ready' && view.groups).toEqual([
      { dimension: 'energyLabel', value: 'G', shownMonths: 0, rows: empty },
      { dimension: 'householdSize', value: '5', shownMonths: 0, rows: empty },
    ]);
  });

  it('says when nothing is published, when the cube is empty, and when the pod lacks the home’s attributes', () => {
    expect(buildComparison({ statistics: null, home: { energyLabel: 'D' }, ownDaily: readings })).toEqual({ kind: 'no-statistics' });
    expect(buildComparison({ statistics: { ...statistics, observations: [] }, home: { energyLabel: 'D' }, ownDaily: [] })).toEqual({
      kind: 'empty',
      minimumGroupSize: 10,
      issued: statistics.issued,
    });
    expect(buildComparison({ statistics, home: { energyLabel: 'not a label', householdSize: 0 }, ownDaily: [] })).toEqual({
      kind: 'no-home',
      minimumGroupSize: 10,
    });
  });

  it('keeps only the latest months', () => {
    const view = buildComparison({ statistics, home: { energyLabel: 'D' }, ownDaily: [], maxMonths: 1 });
    expect(view.kind === 'ready' && view.groups[0]?.rows.map((r) => r.month)).toEqual(['2025-10']);
  });

  it('gives the difference from the group in percent', () => {
    expect(computeDifferencePercent(11, 10)).toBe(10);
    expect(computeDifferencePercent(8, 10)).toBe(-20);
    expect(computeDifferencePercent(8, 0)).toBeUndefined();
  });
});
