/**
 * The state shared by the fast evaluator's compiled steps, and small helpers over it.
 */
import type * as RDF from '@rdfjs/types';
import { ResearchError } from '../ResearchError.ts';
import type { TripleSource } from './PodDataIndex.ts';

/** One solution being built: a term (or nothing yet) per variable slot. */
export type Row = (RDF.Term | undefined)[];

/** The mutable state of one evaluation: the pod's data and the current row. */
export interface EvaluationState {
  readonly data: TripleSource;
  readonly row: (RDF.Term | undefined)[];
  /** Join order of each BGP, chosen once per pod from its store's counts. */
  readonly orders: Map<number, Step>;
  /** Solutions of the parts evaluated on their own once per pod (sub-queries, MINUS right sides). */
  readonly solutions: Map<number, (RDF.Term | undefined)[][]>;
  /** Triple matches left before the evaluation is stopped (shared with sub-queries). */
  readonly work: WorkBudget;
}

/** A count of the triple matches an evaluation may still make. */
export interface WorkBudget {
  remaining: number;
  readonly limit: number;
}

/** Default for {@link EvaluationOptions.maxMatches}: about a second or two of work on one pod. */
export const DEFAULT_MAX_MATCHES_PER_POD = 5_000_000;

/** Options of one evaluation. */
export interface EvaluationOptions {
  /**
   * Most triple matches the evaluation of one pod may make before it stops with a `resource-limit`
   * error, so that a query with a huge cross product cannot block a server. Default 5,000,000.
   */
  readonly maxMatches?: number;
}

/** Counts one triple match against the budget. */
export function spend(work: WorkBudget): void {
  work.remaining -= 1;
  if (work.remaining < 0) {
    throw new ResearchError(
      'resource-limit',
      `The query needs more than ${work.limit} triple matches on one pod; narrow its patterns (is there an unintended cross product?).`,
    );
  }
}

/** One compiled step: extends the current row in every possible way, calling `next` for each. */
export type Step = (state: EvaluationState, next: () => void) => void;

/** The error of a query shape the fast evaluator does not cover. */
export function unsupported(what: string): ResearchError {
  return new ResearchError('unsupported', `The fast evaluator does not support ${what}.`);
}

/** Chains steps so that each one's `next` runs the following step. */
export function chain(steps: readonly Step[]): Step {
  if (steps.length === 0) return (_state, next) => next();
  return steps.reduceRight<Step>(
    (rest, step) => (state, next) => step(state, () => rest(state, next)),
    (_state, next) => next(),
  );
}
