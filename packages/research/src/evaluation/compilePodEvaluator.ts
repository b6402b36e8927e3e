/**
 * The fast evaluator: compiles a study query plan once into closures that evaluate it over one pod's
 * data (index lookups, backtracking joins over a single mutable row, see PatternCompiler) and fold the
 * solutions straight into per-group partial aggregates, never materialising the rows.
 */
import type * as RDF from '@rdfjs/types';
import { Store } from 'n3';
import { ResearchError } from '../ResearchError.ts';
import type { AggregateState, PartialAggregates, PartialGroup } from '../partials.ts';
import type { FastEvaluationSupport, PlannedAggregate, SelectPlan } from '../query/StudyQueryPlan.ts';
import { compileExpression, type CompiledExpression, type ExpressionScope } from './compileExpression.ts';
import {
  DEFAULT_MAX_MATCHES_PER_POD,
  type EvaluationOptions,
  type EvaluationState,
  type Row,
  type WorkBudget,
} from './evaluationState.ts';
import { addNumerics, INTEGER_ZERO, type Numeric } from './numeric.ts';
import { PatternCompiler } from './PatternCompiler.ts';
import { PodDataIndex, type TripleSource } from './PodDataIndex.ts';
import { StoreTripleSource } from './StoreTripleSource.ts';
import { compareForOrdering, getTermId, valueToTerm, type Value } from './values.ts';

export { DEFAULT_MAX_MATCHES_PER_POD, type EvaluationOptions } from './evaluationState.ts';

/** A compiled plan, reusable for any number of pods (not for concurrent use inside one call). */
export interface PodEvaluator {
  /** Evaluates the plan over one pod's data and returns its partial aggregates. */
  readonly evaluate: (data: PodData, options?: EvaluationOptions) => PartialAggregates;
  /** The same, sharing a work budget with an enclosing evaluation (sub-queries). */
  readonly evaluateWithBudget: (data: TripleSource, work: WorkBudget) => PartialAggregates;
}

/** One pod's data: an N3 Store (read in place), its quads (indexed on the fly), or a PodDataIndex. */
export type PodData = Store | Iterable<RDF.Quad> | TripleSource;

/** The triple source the fast evaluator reads a pod's data through. */
export function toTripleSource(source: PodData): TripleSource {
  if (source instanceof PodDataIndex || source instanceof StoreTripleSource) return source;
  if (source instanceof Store) return new StoreTripleSource(source);
  if (Symbol.iterator in source) return new PodDataIndex(source);
  return source;
}

/** Reports whether the fast evaluator covers a plan, and why not. */
export function explainFastEvaluationSupport(plan: SelectPlan): FastEvaluationSupport {
  try {
    compilePodEvaluator(plan);
    return { supported: true };
  } catch (error) {
    if (ResearchError.isInstance(error) && error.code === 'unsupported')
      return { supported: false, reason: error.message };
    throw error;
  }
}

/**
 * Compiles a plan for the fast evaluator.
 * @throws ResearchError `unsupported` when the query uses something the fast evaluator does not cover
 */
export function compilePodEvaluator(plan: SelectPlan): PodEvaluator {
  const compiler = new PatternCompiler(plan.subQueries, (subPlan) => compilePodEvaluator(subPlan).evaluateWithBudget);
  const where = compiler.compileGroup(plan.where, new Set(), false);
  const rowScope = compiler.rowScope();
  const keyReaders = plan.groupKeys.map((key) => compileExpression(key.expression, rowScope));
  const aggregateFactories = plan.aggregates.map((aggregate) =>
    compileAggregate(aggregate, rowScope, compiler.unboundRead),
  );
  const slotCount = (): number => compiler.slotCount();

  const evaluateWithBudget = (data: TripleSource, work: WorkBudget): PartialAggregates => {
    const state: EvaluationState = {
      data,
      row: new Array<RDF.Term | undefined>(slotCount()).fill(undefined),
      orders: new Map(),
      solutions: new Map(),
      work,
    };
    const groups = new Map<string, GroupAccumulator>();
    const newGroup = (key: (RDF.Term | undefined)[]): GroupAccumulator => ({
      key,
      rows: 0,
      aggregates: aggregateFactories.map((factory) => factory()),
    });
    if (!plan.grouped) groups.set('', newGroup([]));
    where(state, () => {
      let keyString = '';
      let keyTerms: (RDF.Term | undefined)[] | undefined;
      if (plan.grouped) {
        keyTerms = keyReaders.map((read) => {
          const value = read(state.row);
          return value === undefined ? undefined : valueToTerm(value);
        });
        keyString = keyTerms.map((term) => (term === undefined ? '' : getTermId(term))).join('\u0001');
      }
      let group = groups.get(keyString);
      if (group === undefined) {
        group = newGroup(keyTerms ?? []);
        groups.set(keyString, group);
      }
      group.rows += 1;
      for (const aggregate of group.aggregates) aggregate.add(state.row);
    });
    const partialGroups: PartialGroup[] = [];
    for (const group of groups.values()) {
      partialGroups.push({
        key: group.key.map((term) => (term === undefined ? null : getTermId(term))),
        pods: group.rows > 0 ? 1 : 0,
        rows: group.rows,
        aggregates: group.aggregates.map((aggregate) => aggregate.state()),
      });
    }
    return {
      functions: plan.aggregates.map((aggregate) => aggregate.fn),
      grouped: plan.grouped,
      groups: partialGroups,
    };
  };
  return {
    evaluate(source: PodData, options: EvaluationOptions = {}): PartialAggregates {
      const limit = options.maxMatches ?? DEFAULT_MAX_MATCHES_PER_POD;
      return evaluateWithBudget(toTripleSource(source), { remaining: limit, limit });
    },
    evaluateWithBudget,
  };
}

const SKIP = Symbol('skip');
const ERROR = Symbol('error');

/** Set by the row scope's variable readers when they read an unbound variable. */
export interface UnboundFlag {
  seen: boolean;
}

interface GroupAccumulator {
  readonly key: (RDF.Term | undefined)[];
  rows: number;
  readonly aggregates: AggregateAccumulator[];
}

interface AggregateAccumulator {
  add(row: (RDF.Term | undefined)[]): void;
  state(): AggregateState;
}

/**
 * Compiles one aggregate. Like Comunica 5, a solution whose expression reads an unbound variable is
 * skipped, and any other expression error makes the aggregate an error (unbound in the answer); SUM
 * and AVG also fail on a non-numeric value.
 */
function compileAggregate(
  aggregate: PlannedAggregate,
  scope: ExpressionScope<Row>,
  unbound: UnboundFlag,
): () => AggregateAccumulator {
  const read: CompiledExpression<Row> | undefined =
    aggregate.expression === undefined ? undefined : compileExpression(aggregate.expression, scope);
  /** The value of the expression on a row, SKIP for an unbound variable, ERROR for another error. */
  const evaluate = (row: Row): Value | typeof SKIP | typeof ERROR => {
    unbound.seen = false;
    const value = read!(row);
    if (value !== undefined) return value;
    return unbound.seen ? SKIP : ERROR;
  };
  const wholeRowKey = (row: Row): string =>
    row.map((term) => (term === undefined ? '' : getTermId(term))).join('\u0001');
  switch (aggregate.fn) {
    case 'count':
      return () => {
        let count: number | null = 0;
        const seen = aggregate.distinct ? new Set<string>() : undefined;
        return {
          add(row) {
            if (count === null) return;
            let key: string | undefined;
            if (read === undefined) {
              if (seen !== undefined) key = wholeRowKey(row);
            } else {
              const value = evaluate(row);
              if (value === SKIP) return;
              if (value === ERROR) {
                count = null;
                return;
              }
              if (seen !== undefined) key = getTermId(valueToTerm(value));
            }
            if (seen !== undefined && key !== undefined) {
              if (seen.has(key)) return;
              seen.add(key);
            }
            count += 1;
          },
          state: () => ({ fn: 'count', count }),
        };
      };
    case 'sum':
    case 'avg': {
      const fn = aggregate.fn;
      return () => {
        let sum: Numeric | null = INTEGER_ZERO;
        let count = 0;
        const seen = aggregate.distinct ? new Set<string>() : undefined;
        return {
          add(row) {
            if (read === undefined || sum === null) return;
            const value = evaluate(row);
            if (value === SKIP) return;
            if (value === ERROR || value.kind !== 'numeric') {
              sum = null;
              return;
            }
            if (seen !== undefined) {
              const key = getTermId(valueToTerm(value));
              if (seen.has(key)) return;
              seen.add(key);
            }
            count += 1;
            sum = addNumerics(sum, value.numeric);
          },
          state: () => ({
            fn,
            sum: sum === null ? null : getTermId(valueToTerm({ kind: 'numeric', numeric: sum })),
            // After an error the count means nothing: 0, as the Comunica path reports it.
            count: sum === null ? 0 : count,
          }),
        };
      };
    }
    case 'min':
    case 'max': {
      const sign = aggregate.fn === 'min' ? -1 : 1;
      const fn = aggregate.fn;
      return () => {
        let best: Value | undefined;
        let error = false;
        return {
          add(row) {
            if (read === undefined || error) return;
            const value = evaluate(row);
            if (value === SKIP) return;
            // Comunica's MIN and MAX accept literals only.
            if (value === ERROR || value.kind === 'iri' || value.kind === 'blank') {
              error = true;
              best = undefined;
              return;
            }
            if (best === undefined || sign * compareForOrdering(value, best) > 0) best = value;
          },
          state: () => ({ fn, value: best === undefined ? null : getTermId(valueToTerm(best)), error }),
        };
      };
    }
  }
}
