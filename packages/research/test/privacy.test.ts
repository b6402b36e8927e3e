import { describe, expect, it } from 'vitest';
import {
  addLaplaceNoise,
  calculateSensitivities,
  checkStudyQuery,
  clipPodPartials,
  createSeededRandom,
  ENERGY_STUDY_POLICY,
  evaluatePerPod,
  finalise,
  getContributionBounds,
  laplaceNoise,
  mergePartials,
  PrivacyBudget,
  ResearchError,
  suppressSmallGroups,
  type PartialAggregates,
} from '../src/index.ts';
import { createEnergyPod } from './support/energyPods.ts';

const PREFIXES = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
`;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return ResearchError.isInstance(error) ? error.code : 'not a ResearchError';
  }
  return undefined;
}

function statistics(samples: readonly number[]): { mean: number; variance: number } {
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const variance = samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (samples.length - 1);
  return { mean, variance };
}

describe('the seeded random source', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('draws uniformly in [0, 1)', () => {
    const random = createSeededRandom(7);
    const samples = Array.from({ length: 10_000 }, () => random());
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(1);
    const { mean, variance } = statistics(samples);
    expect(mean).toBeCloseTo(0.5, 1);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });
});

describe('laplaceNoise', () => {
  it('has mean 0 and variance 2 b² over 10,000 samples with a fixed seed', () => {
    const random = createSeededRandom(20250102);
    const scale = 3;
    const samples = Array.from({ length: 10_000 }, () => laplaceNoise(scale, random));
    const { mean, variance } = statistics(samples);
    // Standard error of the mean: sqrt(2 b² / n) = 0.042; of the variance about 0.45 (Laplace kurtosis 6).
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(variance).toBeGreaterThan(2 * scale ** 2 * 0.85);
    expect(variance).toBeLessThan(2 * scale ** 2 * 1.15);
  });

  it('puts half of its mass within b·ln 2 of zero', () => {
    const random = createSeededRandom(99);
    const samples = Array.from({ length: 10_000 }, () => laplaceNoise(1, random));
    const inside = samples.filter((value) => Math.abs(value) <= Math.LN2).length / samples.length;
    expect(inside).toBeGreaterThan(0.47);
    expect(inside).toBeLessThan(0.53);
  });

  it('is reproducible with the same seed and gives no noise at scale 0', () => {
    expect(laplaceNoise(2, createSeededRandom(5))).toBe(laplaceNoise(2, createSeededRandom(5)));
    expect(laplaceNoise(0, createSeededRandom(5))).toBe(0);
  });

  it('refuses a negative or infinite scale', () => {
    expect(codeOf(() => laplaceNoise(-1, createSeededRandom(1)))).toBe('invalid-parameter');
    expect(codeOf(() => laplaceNoise(Infinity, createSeededRandom(1)))).toBe('invalid-parameter');
  });
});

describe('suppressSmallGroups', () => {
  const rows = [
    { bindings: {}, contributingPods: 12 },
    { bindings: {}, contributingPods: 9 },
    { bindings: {}, contributingPods: 10 },
    { bindings: {}, contributingPods: 0 },
  ];

  it('drops the groups with fewer than k distinct contributing pods and counts them', () => {
    const result = suppressSmallGroups(rows, 10);
    expect(result.rows.map((row) => row.contributingPods)).toEqual([12, 10]);
    expect(result.suppressed).toBe(2);
  });

  it('works on partial groups too', () => {
    const groups = [
      { key: ['a'], pods: 3, rows: 90, aggregates: [] },
      { key: ['b'], pods: 6, rows: 20, aggregates: [] },
    ];
    expect(suppressSmallGroups(groups, 5).rows.map((group) => group.key)).toEqual([['b']]);
  });

  it('refuses a k that is not a positive integer', () => {
    expect(codeOf(() => suppressSmallGroups(rows, 0))).toBe('invalid-parameter');
    expect(codeOf(() => suppressSmallGroups(rows, 2.5))).toBe('invalid-parameter');
  });
});

describe('PrivacyBudget', () => {
  it('charges queries until the budget is spent, then refuses without charging', () => {
    const budget = new PrivacyBudget(1);
    budget.charge(0.4, 'query 1');
    budget.charge(0.6, 'query 2');
    expect(budget.remaining).toBeCloseTo(0, 12);
    const error = (() => {
      try {
        budget.charge(0.1, 'query 3');
      } catch (caught) {
        return caught as ResearchError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('budget-exceeded');
    expect(error?.message).toMatch(/needs epsilon 0.1 but the study has only/u);
    expect(budget.charges.map((charge) => charge.label)).toEqual(['query 1', 'query 2']);
  });

  it('tolerates floating-point sums such as 0.1 + 0.2 of a budget of 0.3', () => {
    const budget = new PrivacyBudget(0.3);
    budget.charge(0.1, 'a');
    budget.charge(0.2, 'b');
    expect(budget.canAfford(1e-6)).toBe(false);
  });

  it('survives a round trip through JSON', () => {
    const budget = new PrivacyBudget(2);
    budget.charge(0.5, 'q');
    const copy = PrivacyBudget.fromJSON(JSON.parse(JSON.stringify(budget.toJSON())));
    expect(copy.spent).toBe(0.5);
    expect(copy.remaining).toBe(1.5);
  });

  it('refuses a non-positive budget or charge', () => {
    expect(codeOf(() => new PrivacyBudget(0))).toBe('invalid-parameter');
    expect(codeOf(() => new PrivacyBudget(1).charge(-1, 'x'))).toBe('invalid-parameter');
  });
});

describe('clipping, sensitivity and noise', () => {
  const query = `${PREFIXES}SELECT ?label (SUM(?kwh) AS ?total) (COUNT(*) AS ?n) (AVG(?kwh) AS ?avg) WHERE {
    ?r a sdt:ElectricityEnergyReading ; saref:hasValue ?kwh . ?d sdt:energyLabel ?label . } GROUP BY ?label`;
  const plan = checkStudyQuery(query, { ...ENERGY_STUDY_POLICY, usesNoise: true });
  const bounds = getContributionBounds(plan, {
    total: { lower: 0, upper: 100 },
    n: { maxCount: 10 },
    avg: { lower: 0, upper: 100, maxCount: 10 },
  });

  it('maps bounds declared per projected variable to the aggregates and refuses missing ones', () => {
    expect(bounds.map((bound) => bound.maxCount ?? 1)).toEqual([1, 10, 10]);
    expect(codeOf(() => getContributionBounds(plan, { total: { lower: 0, upper: 1 } }))).toBe('invalid-parameter');
  });

  it('computes the sensitivity of each noisy quantity and splits epsilon evenly', () => {
    const mechanisms = calculateSensitivities(plan, { epsilon: 1, bounds, maxGroupsPerPod: 2 });
    expect(mechanisms.map((mechanism) => [mechanism.quantity, mechanism.sensitivity])).toEqual([
      ['sum', 200],
      ['count', 20],
      ['sum', 200],
      ['count', 20],
    ]);
    expect(mechanisms.every((mechanism) => mechanism.epsilon === 0.25)).toBe(true);
    expect(mechanisms[0]?.scale).toBe(800);
  });

  it('clips each pod contribution to its bounds before the merge', () => {
    const pod = createEnergyPod({ index: 1, label: 'LabelC', days: 30 });
    const partial = evaluatePerPod(plan, pod);
    const { partial: clipped, droppedGroups } = clipPodPartials(partial, plan, { epsilon: 1, bounds });
    expect(droppedGroups).toBe(0);
    const [sum, count, avg] = clipped.groups[0]!.aggregates;
    expect(sum).toEqual({ fn: 'sum', sum: '"100.0"^^http://www.w3.org/2001/XMLSchema#decimal', count: 30 });
    expect(count).toEqual({ fn: 'count', count: 10 });
    expect(avg).toMatchObject({ fn: 'avg', count: 10 });
  });

  it('drops a pod contributions to groups beyond maxGroupsPerPod', () => {
    const monthly = checkStudyQuery(
      `${PREFIXES}SELECT ?m (COUNT(*) AS ?n) WHERE { ?r saref:hasTimestamp ?t } GROUP BY (MONTH(?t) AS ?m)`,
      ENERGY_STUDY_POLICY,
    );
    const partial = evaluatePerPod(monthly, createEnergyPod({ index: 2, label: 'LabelA', days: 70 }));
    const result = clipPodPartials(partial, monthly, { epsilon: 1, bounds: [{ maxCount: 31 }], maxGroupsPerPod: 2 });
    expect(partial.groups).toHaveLength(3);
    expect(result.droppedGroups).toBe(1);
    expect(result.partial.groups).toHaveLength(2);
  });

  it('adds reproducible noise to merged partials, keeping counts whole and non-negative', () => {
    const pods = [0, 1, 2, 3].map((index) => createEnergyPod({ index, label: 'LabelD', days: 20 }));
    const parameters = { epsilon: 1, bounds };
    const merged = mergePartials(
      pods.map((pod) => clipPodPartials(evaluatePerPod(plan, pod), plan, parameters).partial),
    );
    const first = addLaplaceNoise(merged, plan, parameters, createSeededRandom(11));
    const second = addLaplaceNoise(merged, plan, parameters, createSeededRandom(11));
    expect(first.merged).toEqual(second.merged);
    const counts = first.merged.groups[0]!.aggregates[1] as { count: number };
    expect(Number.isInteger(counts.count)).toBe(true);
    expect(counts.count).toBeGreaterThanOrEqual(0);
    const [row] = finalise(first.merged, plan);
    expect(row?.contributingPods).toBe(4);
    expect(row?.bindings.total?.termType).toBe('Literal');
  });

  it('gives noisy sums centred on the true sum with the calibrated spread', () => {
    const exact: PartialAggregates = {
      functions: ['sum', 'count', 'avg'],
      grouped: true,
      groups: [
        {
          key: ['x'],
          pods: 50,
          rows: 500,
          aggregates: [
            { fn: 'sum', sum: '"1000"^^http://www.w3.org/2001/XMLSchema#integer', count: 50 },
            { fn: 'count', count: 500 },
            { fn: 'avg', sum: '"1000"^^http://www.w3.org/2001/XMLSchema#integer', count: 500 },
          ],
        },
      ],
    };
    const random = createSeededRandom(2024);
    const sums = Array.from({ length: 2_000 }, () => {
      const noisy = addLaplaceNoise(exact, plan, { epsilon: 4, bounds }, random).merged;
      const state = noisy.groups[0]!.aggregates[0] as { sum: string };
      return Number(/^"([^"]+)"/u.exec(state.sum)![1]);
    });
    const { mean, variance } = statistics(sums);
    // scale = 100 / (4 / 4) = 100: standard deviation 141, standard error of the mean 3.2.
    expect(Math.abs(mean - 1000)).toBeLessThan(12);
    expect(Math.sqrt(variance)).toBeGreaterThan(141 * 0.85);
    expect(Math.sqrt(variance)).toBeLessThan(141 * 1.15);
  });
});
