import { termFromId } from 'n3';
import { ResearchError } from './ResearchError.ts';
import { addNumerics } from './evaluation/numeric.ts';
import { compareForOrdering, termToValue, valueToTerm, getTermId } from './evaluation/values.ts';
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
  const groups = new Map<string, PartialGroup>();
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
      groups.set(key, existing === undefined ? group : mergeGroups(existing, group));
    }
  }
  return { functions: first.functions, grouped: first.grouped, groups: [...groups.values()] };
}

function mergeGroups(left: PartialGroup, right: PartialGroup): PartialGroup {
  return {
    key: left.key,
    pods: left.pods + right.pods,
    rows: left.rows + right.rows,
    aggregates: left.aggregates.map((state, index) => mergeStates(state, right.aggregates[index]!)),
  };
}

function mergeStates(left: AggregateState, right: AggregateState): AggregateState {
  if (left.fn === 'count' && right.fn === 'count') return { fn: 'count', count: left.count + right.count };
  if ((left.fn === 'sum' || left.fn === 'avg') && right.fn === left.fn) {
    return { fn: left.fn, sum: addSums(left.sum, right.sum), count: left.count + right.count };
  }
  if ((left.fn === 'min' || left.fn === 'max') && right.fn === left.fn) {
    if (left.value === null) return right;
    if (right.value === null) return left;
    const compared = compareForOrdering(termToValue(termFromId(left.value)), termToValue(termFromId(right.value)));
    return (left.fn === 'min' ? compared <= 0 : compared >= 0) ? left : right;
  }
  throw new ResearchError('invalid-parameter', `Cannot merge a ${left.fn} state with a ${right.fn} state.`);
}

function addSums(left: string | null, right: string | null): string | null {
  if (left === null || right === null) return null;
  const a = termToValue(termFromId(left));
  const b = termToValue(termFromId(right));
  if (a.kind !== 'numeric' || b.kind !== 'numeric') return null;
  return getTermId(valueToTerm({ kind: 'numeric', numeric: addNumerics(a.numeric, b.numeric) }));
}
