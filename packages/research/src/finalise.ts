import type * as RDF from '@rdfjs/types';
import { termFromId } from 'n3';
import type { AggregateExpression, Expression } from 'sparqljs';
import { ResearchError } from './ResearchError.ts';
import { compileExpression, type CompiledExpression, type ExpressionScope } from './evaluation/compileExpression.ts';
import { createExactNumeric, divideNumerics, INTEGER_ZERO } from './evaluation/numeric.ts';
import {
  compareForOrdering,
  getEffectiveBooleanValue,
  numericValue,
  termToValue,
  valueToTerm,
  type Value,
  getTermId,
} from './evaluation/values.ts';
import type { AggregateState, PartialAggregates, PartialGroup } from './partials.ts';
import { getAggregateKey } from './query/syntaxTree.ts';
import type { SelectPlan } from './query/StudyQueryPlan.ts';

/** One row of a study's answer. */
export interface ResultRow {
  /** Projected variable name (without `?`) to value; unbound variables are absent. */
  readonly bindings: Readonly<Record<string, RDF.Term>>;
  /** How many distinct pods contributed to the row's group. */
  readonly contributingPods: number;
}

/** Options of {@link finalise}. */
export interface FinaliseOptions {
  /**
   * Drop groups with fewer contributing pods than this before HAVING, ORDER BY and LIMIT (so that
   * LIMIT never counts suppressed groups). Default 0: keep all.
   */
  readonly minimumContributingPods?: number;
}

interface FinalGroup {
  readonly group: PartialGroup;
  readonly aggregateValues: (Value | undefined)[];
  readonly keyValues: (Value | undefined)[];
  projected?: (Value | undefined)[];
}

/**
 * Turns merged partial aggregates into the answer's rows: computes each aggregate's final value
 * (AVG = total sum / total count, exact for integers and decimals), applies HAVING, the projection,
 * DISTINCT, ORDER BY, OFFSET and LIMIT.
 * @param merged - partial aggregates merged over all pods
 * @param plan - the plan the partials were computed for
 * @returns the rows, each with its number of contributing pods
 */
export function finalise(merged: PartialAggregates, plan: SelectPlan, options: FinaliseOptions = {}): ResultRow[] {
  const minimum = options.minimumContributingPods ?? 0;
  const aggregateIndex = new Map(plan.aggregates.map((aggregate) => [aggregate.key, aggregate.index]));
  const keyIndex = new Map(
    plan.groupKeys.flatMap((key) => (key.variable === undefined ? [] : [[key.variable, key.index] as const])),
  );
  const projectionIndex = new Map(plan.projection.map((item, index) => [item.variable, index]));

  const scope = (withProjection: boolean): ExpressionScope<FinalGroup> => ({
    variable: (name) => {
      const key = keyIndex.get(name);
      if (key !== undefined) return (group) => group.keyValues[key];
      const projected = projectionIndex.get(name);
      if (withProjection && projected !== undefined) return (group) => group.projected?.[projected];
      return () => undefined;
    },
    aggregate: (expression: AggregateExpression) => {
      const index = aggregateIndex.get(getAggregateKey(expression));
      if (index === undefined)
        throw new ResearchError('invalid-parameter', 'An aggregate of the query is missing from its plan.');
      return (group) => group.aggregateValues[index];
    },
  });
  const compile = (expression: Expression, withProjection: boolean): CompiledExpression<FinalGroup> =>
    compileExpression(expression, scope(withProjection));
  const having = plan.having.map((expression) => compile(expression, false));
  const projection = plan.projection.map((item) => compile(item.expression, false));
  const order = plan.order.map((ordering) => ({
    read: compile(ordering.expression, true),
    descending: ordering.descending === true,
  }));

  let groups: FinalGroup[] = merged.groups
    .filter((group) => group.pods >= minimum)
    .map((group) => ({
      group,
      aggregateValues: group.aggregates.map(finaliseAggregate),
      keyValues: group.key.map((id) => (id === null ? undefined : termToValue(termFromId(id)))),
    }));
  groups = groups.filter((group) =>
    having.every((test) => {
      const value = test(group);
      return value !== undefined && getEffectiveBooleanValue(value) === true;
    }),
  );
  for (const group of groups) group.projected = projection.map((read) => read(group));
  if (plan.distinct) {
    const seen = new Map<string, FinalGroup>();
    for (const group of groups) {
      const key = JSON.stringify(
        group.projected!.map((value) => (value === undefined ? null : getTermId(valueToTerm(value)))),
      );
      const existing = seen.get(key);
      // A row produced by several groups is as small as its smallest group.
      if (existing === undefined || existing.group.pods > group.group.pods) seen.set(key, group);
    }
    groups = [...seen.values()];
  }
  if (order.length > 0) {
    const keyed = groups.map((group) => ({ group, values: order.map((ordering) => ordering.read(group)) }));
    keyed.sort((left, right) => {
      for (const [index, ordering] of order.entries()) {
        const compared = compareForOrdering(left.values[index], right.values[index]);
        if (compared !== 0) return ordering.descending ? -compared : compared;
      }
      return 0;
    });
    groups = keyed.map((entry) => entry.group);
  }
  const start = plan.offset ?? 0;
  groups = groups.slice(start, plan.limit === undefined ? undefined : start + plan.limit);
  return groups.map((group) => {
    const bindings: Record<string, RDF.Term> = {};
    plan.projection.forEach((item, index) => {
      const value = group.projected![index];
      if (value !== undefined) bindings[item.variable] = valueToTerm(value);
    });
    return { bindings, contributingPods: group.group.pods };
  });
}

/** The final value of one aggregate state; undefined when SPARQL leaves it unbound (error, MIN of nothing). */
export function finaliseAggregate(state: AggregateState): Value | undefined {
  switch (state.fn) {
    case 'count':
      return state.count === null ? undefined : numericValue(createExactNumeric('integer', BigInt(state.count), 0));
    case 'sum':
      return state.sum === null ? undefined : termToValue(termFromId(state.sum));
    case 'avg': {
      if (state.sum === null) return undefined;
      if (state.count === 0) return numericValue(INTEGER_ZERO);
      const sum = termToValue(termFromId(state.sum));
      if (sum.kind !== 'numeric') return undefined;
      const quotient = divideNumerics(sum.numeric, createExactNumeric('integer', BigInt(state.count), 0));
      return quotient === undefined ? undefined : numericValue(quotient);
    }
    case 'min':
    case 'max':
      return state.value === null || state.error ? undefined : termToValue(termFromId(state.value));
  }
}
