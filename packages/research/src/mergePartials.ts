import { termFromId } from 'n3';
import { ResearchError } from './ResearchError.ts';
import { addNumerics, type Numeric } from './evaluation/numeric.ts';
import { compareForOrdering, getTermId, termToValue, valueToTerm, type Value } from './evaluation/values.ts';
import { getGroupKeyString, type AggregateState, type PartialAggregates, type PartialGroup } from './partials.ts';

/**
 * Merges the partial aggregates of several pods (or of already merged sets) group by group: counts
 * and sums add up exactly, AVG keeps its total sum and total count (so that the final average is
 * total sum / total count, never an average of averages), MIN / MAX keep the extreme value, and the
 * number of contributing pods adds up. The merge is associative and commutative.
 *
 * Note on DISTINCT aggregates: each pod counts (or sums) its own distinct values and the merge adds
 * them up, because pods never see each other's data (a pod's values never leave it as such).
 *
 * @param partials - partial aggregates of the same plan
 * @returns the merged partial aggregates
 * @throws ResearchError `invalid-parameter` when the partials come from different plans
 */
export function mergePartials(partials: readonly PartialAggregates[]): PartialAggregates {
  const [first] = partials;
  if (first === undefined)
    throw new ResearchError('invalid-parameter', 'mergePartials needs at least one partial result.');
  // Accumulate in parsed form and write term ids once at the end.
  const groups = new Map<string, GroupAccumulator>();
  for (const partial of partials) {
    if (partial.grouped !== first.grouped || partial.functions.join() !== first.functions.join()) {
      throw new ResearchError(
        'invalid-parameter',
        `Cannot merge partial aggregates of different queries (${partial.functions.join()} vs ${first.functions.join()}).`,
      );
    }
    for (const group of partial.groups) {
      const key = getGroupKeyString(group.key);
      const existing = groups.get(key);
      if (existing === undefined) groups.set(key, startGroup(group));
      else addGroup(existing, group);
    }
  }
  return { functions: first.functions, grouped: first.grouped, groups: [...groups.values()].map(finishGroup) };
}

type StateAccumulator =
  | { fn: 'count'; count: number | null }
  | { fn: 'sum' | 'avg'; sum: Numeric | null; count: number }
  | { fn: 'min' | 'max'; value: Value | undefined; id: string | null; error: boolean };

interface GroupAccumulator {
  readonly key: readonly (string | null)[];
  pods: number;
  rows: number;
  readonly states: StateAccumulator[];
}

function parseSum(id: string | null): Numeric | null {
  if (id === null) return null;
  const value = termToValue(termFromId(id));
  return value.kind === 'numeric' ? value.numeric : null;
}

function startGroup(group: PartialGroup): GroupAccumulator {
  return {
    key: group.key,
    pods: group.pods,
    rows: group.rows,
    states: group.aggregates.map((state): StateAccumulator => {
      switch (state.fn) {
        case 'count':
          return { fn: 'count', count: state.count };
        case 'sum':
        case 'avg':
          return { fn: state.fn, sum: parseSum(state.sum), count: state.count };
        default:
          return {
            fn: state.fn,
            value: state.value === null ? undefined : termToValue(termFromId(state.value)),
            id: state.value,
            error: state.error,
          };
      }
    }),
  };
}

function addGroup(accumulator: GroupAccumulator, group: PartialGroup): void {
  accumulator.pods += group.pods;
  accumulator.rows += group.rows;
  group.aggregates.forEach((state, index) => {
    const target = accumulator.states[index];
    if (target === undefined || target.fn !== state.fn) {
      throw new ResearchError(
        'invalid-parameter',
        `Cannot merge a ${target?.fn ?? 'missing'} state with a ${state.fn} state.`,
      );
    }
    if (target.fn === 'count' && state.fn === 'count') {
      target.count = target.count === null || state.count === null ? null : target.count + state.count;
    } else if ((target.fn === 'sum' || target.fn === 'avg') && (state.fn === 'sum' || state.fn === 'avg')) {
      const sum = parseSum(state.sum);
      target.sum = target.sum === null || sum === null ? null : addNumerics(target.sum, sum);
      target.count = target.sum === null ? 0 : target.count + state.count;
    } else if ((target.fn === 'min' || target.fn === 'max') && (state.fn === 'min' || state.fn === 'max')) {
      if (state.error) target.error = true;
      if (state.value === null) return;
      const value = termToValue(termFromId(state.value));
      const compared = target.value === undefined ? undefined : compareForOrdering(value, target.value);
      if (compared === undefined || (target.fn === 'min' ? compared < 0 : compared > 0)) {
        target.value = value;
        target.id = state.value;
      }
    }
  });
}

function finishGroup(accumulator: GroupAccumulator): PartialGroup {
  return {
    key: accumulator.key,
    pods: accumulator.pods,
    rows: accumulator.rows,
    aggregates: accumulator.states.map((state): AggregateState => {
      switch (state.fn) {
        case 'count':
          return { fn: 'count', count: state.count };
        case 'sum':
        case 'avg':
          return {
            fn: state.fn,
            sum: state.sum === null ? null : getTermId(valueToTerm({ kind: 'numeric', numeric: state.sum })),
            count: state.count,
          };
        default:
          return { fn: state.fn, value: state.error ? null : state.id, error: state.error };
      }
    }),
  };
}
