/**
 * Partial aggregates: what one pod (or a merge of several pods) contributes to each group. They are
 * plain JSON (RDF terms as N3 term ids) so that a pod server can stream them to the coordinator.
 */
import type { AggregateFunction } from './query/StudyQueryPlan.ts';

/** The partial state of one aggregate in one group. Term-valued fields hold N3 term ids. */
export type AggregateState =
  | {
      readonly fn: 'count';
      /** The count, or null after an expression error (the answer leaves it unbound). */
      readonly count: number | null;
    }
  | {
      readonly fn: 'sum' | 'avg';
      /** The exact sum as a numeric literal's term id (`"12.5"^^<...#decimal>`), or null after a type error. */
      readonly sum: string | null;
      /** Number of values summed (the divisor of AVG). */
      readonly count: number;
    }
  | {
      readonly fn: 'min' | 'max';
      /** The smallest / largest value's term id, or null when there was none or after an error. */
      readonly value: string | null;
      /** True after an expression error (the answer leaves it unbound). */
      readonly error: boolean;
    };

/** One group of a partial result. */
export interface PartialGroup {
  /** The group key tuple, in plan order: term ids, null for an unbound key. */
  readonly key: readonly (string | null)[];
  /** Number of distinct pods with at least one solution in this group. */
  readonly pods: number;
  /** Number of solutions in this group, summed over pods. */
  readonly rows: number;
  /** One state per planned aggregate, in plan order. */
  readonly aggregates: readonly AggregateState[];
}

/** The partial aggregates of one pod, or of several pods merged. */
export interface PartialAggregates {
  /** The aggregate functions, in plan order (lets a merge check that partials belong together). */
  readonly functions: readonly AggregateFunction[];
  /** False when the query has no GROUP BY (one implicit group with an empty key, present even with no rows). */
  readonly grouped: boolean;
  readonly groups: readonly PartialGroup[];
}

/** The key under which partial groups are merged. */
export function getGroupKeyString(key: readonly (string | null)[]): string {
  return JSON.stringify(key);
}
