/**
 * Clipping of per-pod contributions, sensitivity calculation and the Laplace mechanism over merged
 * partial aggregates. The flow of a noisy query is:
 * each pod's partial -> {@link clipPodPartials} -> mergePartials -> {@link addLaplaceNoise} ->
 * finalise -> suppressSmallGroups, with the query's epsilon charged to the study's PrivacyBudget first.
 */
import { termFromId } from 'n3';
import { ResearchError } from '../ResearchError.ts';
import { createApproximateNumeric, parseNumeric } from '../evaluation/numeric.ts';
import { getTermId, termToValue, valueToTerm } from '../evaluation/values.ts';
import { getGroupKeyString, type AggregateState, type PartialAggregates, type PartialGroup } from '../partials.ts';
import type { PlannedAggregate, StudyQueryPlan } from '../query/StudyQueryPlan.ts';
import { getAggregateKey, isAggregate } from '../query/syntaxTree.ts';
import { laplaceNoise } from './laplaceNoise.ts';
import type { RandomSource } from './createSeededRandom.ts';

/** What one pod may contribute to one group for one aggregate, as declared by the study. */
export interface AggregateBounds {
  /**
   * Lowest and highest contribution of one pod to one group: its SUM (also the sum part of AVG), or
   * its MIN / MAX value. Required for SUM, AVG, MIN and MAX.
   */
  readonly lower?: number;
  readonly upper?: number;
  /** Most values one pod may count in one group (COUNT, and the count part of AVG). Default 1. */
  readonly maxCount?: number;
}

/** The noise a study applies to a query. */
export interface NoiseParameters {
  /** Epsilon spent by the whole query (split evenly over its noisy quantities). */
  readonly epsilon: number;
  /** Bounds of each planned aggregate, in plan order (see {@link getContributionBounds}). */
  readonly bounds: readonly AggregateBounds[];
  /** Most groups one pod may contribute to; its contributions to further groups are dropped. Default 1. */
  readonly maxGroupsPerPod?: number;
}

/** One Laplace mechanism applied to each group. */
export interface NoiseMechanism {
  readonly aggregate: number;
  readonly quantity: 'count' | 'sum' | 'value';
  /** L1 sensitivity of the quantity to adding or removing one pod (over all its groups). */
  readonly sensitivity: number;
  readonly epsilon: number;
  /** The Laplace scale, sensitivity / epsilon. */
  readonly scale: number;
}

function invalid(message: string): ResearchError {
  return new ResearchError('invalid-parameter', message);
}

function describe(aggregate: PlannedAggregate): string {
  return `${aggregate.fn.toUpperCase()} #${aggregate.index + 1}`;
}

/**
 * Maps bounds declared per projected variable (`{ avgKwh: { lower: 0, upper: 3100, maxCount: 31 } }`)
 * to the plan's aggregates. An aggregate that is not projected on its own can be given as `#1`, `#2`...
 * @throws ResearchError `invalid-parameter` when an aggregate has no bounds
 */
export function getContributionBounds(
  plan: StudyQueryPlan,
  byVariable: Readonly<Record<string, AggregateBounds>>,
): AggregateBounds[] {
  return plan.aggregates.map((aggregate) => {
    const projected = plan.projection.find(
      (item) => isAggregate(item.expression) && getAggregateKey(item.expression) === aggregate.key,
    );
    const bounds =
      (projected === undefined ? undefined : byVariable[projected.variable]) ?? byVariable[`#${aggregate.index + 1}`];
    if (bounds === undefined) {
      throw invalid(
        `No contribution bounds for ${describe(aggregate)}${projected === undefined ? '' : ` (?${projected.variable})`}.`,
      );
    }
    return bounds;
  });
}

function checkedBounds(aggregate: PlannedAggregate, bounds: AggregateBounds | undefined): Required<AggregateBounds> {
  if (bounds === undefined) throw invalid(`No contribution bounds for ${describe(aggregate)}.`);
  const maxCount = bounds.maxCount ?? 1;
  if (!Number.isInteger(maxCount) || maxCount < 1)
    throw invalid(`maxCount of ${describe(aggregate)} must be a positive integer.`);
  if (aggregate.fn === 'count') return { lower: 0, upper: 0, maxCount };
  const { lower, upper } = bounds;
  if (
    lower === undefined ||
    upper === undefined ||
    !Number.isFinite(lower) ||
    !Number.isFinite(upper) ||
    lower > upper
  ) {
    throw invalid(`${describe(aggregate)} needs finite bounds with lower <= upper.`);
  }
  return { lower, upper, maxCount };
}

function maxGroups(parameters: NoiseParameters): number {
  const value = parameters.maxGroupsPerPod ?? 1;
  if (!Number.isInteger(value) || value < 1) throw invalid('maxGroupsPerPod must be a positive integer.');
  return value;
}

function clamp(value: number, lower: number, upper: number): number {
  return Math.min(upper, Math.max(lower, value));
}

function numberOf(id: string): number | undefined {
  const value = termToValue(termFromId(id));
  return value.kind === 'numeric' ? value.numeric.num : undefined;
}

function exactId(value: number): string {
  const numeric = parseNumeric(String(value), 'decimal') ?? createApproximateNumeric('double', value);
  return getTermId(valueToTerm({ kind: 'numeric', numeric }));
}

function doubleId(value: number): string {
  return getTermId(valueToTerm({ kind: 'numeric', numeric: createApproximateNumeric('double', value) }));
}

/** The result of {@link clipPodPartials}. */
export interface ClippedPartials {
  readonly partial: PartialAggregates;
  /** Groups dropped because the pod contributed to more than `maxGroupsPerPod` groups. */
  readonly droppedGroups: number;
}

/**
 * Clips one pod's contributions before merging: to at most `maxGroupsPerPod` groups (the first ones
 * in key order), counts to `maxCount`, sums to [lower, upper], MIN / MAX values to [lower, upper].
 * @param partial - one pod's partial aggregates (from evaluatePerPod)
 */
export function clipPodPartials(
  partial: PartialAggregates,
  plan: StudyQueryPlan,
  parameters: NoiseParameters,
): ClippedPartials {
  const bounds = plan.aggregates.map((aggregate) => checkedBounds(aggregate, parameters.bounds[aggregate.index]));
  const limit = maxGroups(parameters);
  const contributing = partial.groups
    .filter((group) => group.pods > 0)
    .sort((left, right) => getGroupKeyString(left.key).localeCompare(getGroupKeyString(right.key)));
  const kept = new Set(contributing.slice(0, limit));
  const groups: PartialGroup[] = partial.groups
    .filter((group) => group.pods === 0 || kept.has(group))
    .map((group) => ({
      ...group,
      aggregates: group.aggregates.map((state, index) => clipState(state, bounds[index]!)),
    }));
  return { partial: { ...partial, groups }, droppedGroups: contributing.length - kept.size };
}

function clipState(state: AggregateState, bounds: Required<AggregateBounds>): AggregateState {
  switch (state.fn) {
    case 'count':
      return { fn: 'count', count: state.count === null ? null : Math.min(state.count, bounds.maxCount) };
    case 'sum':
    case 'avg': {
      // The count matters only as the divisor of AVG.
      const count = state.fn === 'avg' ? Math.min(state.count, bounds.maxCount) : state.count;
      if (state.sum === null) return { ...state, count };
      const sum = numberOf(state.sum);
      if (sum === undefined) return { ...state, sum: null, count };
      const clipped = clamp(sum, bounds.lower, bounds.upper);
      return { fn: state.fn, sum: clipped === sum ? state.sum : exactId(clipped), count };
    }
    case 'min':
    case 'max': {
      if (state.value === null) return state;
      const value = numberOf(state.value);
      if (value === undefined) return { fn: state.fn, value: null, error: true };
      const clipped = clamp(value, bounds.lower, bounds.upper);
      return { fn: state.fn, value: clipped === value ? state.value : exactId(clipped), error: state.error };
    }
  }
}

/**
 * The Laplace mechanisms a noisy query needs: for each aggregate, the L1 sensitivity of each noisy
 * quantity to one pod (per-group bound x maxGroupsPerPod) and its share of epsilon.
 * COUNT: maxCount; SUM: max(|lower|, |upper|); AVG: both (a noisy sum over a noisy count);
 * MIN / MAX: upper - lower.
 */
export function calculateSensitivities(plan: StudyQueryPlan, parameters: NoiseParameters): NoiseMechanism[] {
  if (!Number.isFinite(parameters.epsilon) || parameters.epsilon <= 0)
    throw invalid('epsilon must be a positive number.');
  const groups = maxGroups(parameters);
  const raw: Omit<NoiseMechanism, 'epsilon' | 'scale'>[] = [];
  for (const aggregate of plan.aggregates) {
    const bounds = checkedBounds(aggregate, parameters.bounds[aggregate.index]);
    const countSensitivity = bounds.maxCount * groups;
    const sumSensitivity = Math.max(Math.abs(bounds.lower), Math.abs(bounds.upper)) * groups;
    switch (aggregate.fn) {
      case 'count':
        raw.push({ aggregate: aggregate.index, quantity: 'count', sensitivity: countSensitivity });
        break;
      case 'sum':
        raw.push({ aggregate: aggregate.index, quantity: 'sum', sensitivity: sumSensitivity });
        break;
      case 'avg':
        raw.push({ aggregate: aggregate.index, quantity: 'sum', sensitivity: sumSensitivity });
        raw.push({ aggregate: aggregate.index, quantity: 'count', sensitivity: countSensitivity });
        break;
      case 'min':
      case 'max':
        raw.push({
          aggregate: aggregate.index,
          quantity: 'value',
          sensitivity: (bounds.upper - bounds.lower) * groups,
        });
        break;
    }
  }
  const share = parameters.epsilon / Math.max(1, raw.length);
  return raw.map((mechanism) => ({ ...mechanism, epsilon: share, scale: mechanism.sensitivity / share }));
}

/** The result of {@link addLaplaceNoise}. */
export interface NoisyPartials {
  readonly merged: PartialAggregates;
  readonly mechanisms: readonly NoiseMechanism[];
}

/**
 * Adds Laplace noise to merged (and previously clipped) partial aggregates. Noisy counts are rounded
 * and kept >= 0 (>= 1 as the divisor of AVG); noisy sums and MIN / MAX values become xsd:double.
 * The number of contributing pods is not changed (it is used for suppression only).
 * @param random - use createSecureRandom() in production, createSeededRandom(seed) in tests
 */
export function addLaplaceNoise(
  merged: PartialAggregates,
  plan: StudyQueryPlan,
  parameters: NoiseParameters,
  random: RandomSource,
): NoisyPartials {
  const mechanisms = calculateSensitivities(plan, parameters);
  const scaleOf = (aggregate: number, quantity: NoiseMechanism['quantity']): number =>
    mechanisms.find((mechanism) => mechanism.aggregate === aggregate && mechanism.quantity === quantity)?.scale ?? 0;
  const groups = merged.groups.map((group) => ({
    ...group,
    aggregates: group.aggregates.map((state, index): AggregateState => {
      switch (state.fn) {
        case 'count':
          return {
            fn: 'count',
            count:
              state.count === null
                ? null
                : Math.max(0, Math.round(state.count + laplaceNoise(scaleOf(index, 'count'), random))),
          };
        case 'sum':
        case 'avg': {
          const noisyCount = Math.max(
            state.fn === 'avg' ? 1 : 0,
            Math.round(state.count + laplaceNoise(scaleOf(index, 'count'), random)),
          );
          const sum = state.sum === null ? undefined : numberOf(state.sum);
          const noisySum = sum === undefined ? null : doubleId(sum + laplaceNoise(scaleOf(index, 'sum'), random));
          return { fn: state.fn, sum: noisySum, count: state.fn === 'avg' ? noisyCount : state.count };
        }
        case 'min':
        case 'max': {
          const value = state.value === null ? undefined : numberOf(state.value);
          return {
            fn: state.fn,
            value: value === undefined ? null : doubleId(value + laplaceNoise(scaleOf(index, 'value'), random)),
            error: state.error,
          };
        }
      }
    }),
  }));
  return { merged: { ...merged, groups }, mechanisms };
}
