import type { Expression, Ordering, Pattern, SelectQuery } from 'sparqljs';

/** The aggregate functions a study query may use. */
export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** One aggregate of a query (identical aggregates written twice share one). */
export interface PlannedAggregate {
  /** Position in {@link StudyQueryPlan.aggregates} and in every partial group's aggregate states. */
  readonly index: number;
  readonly fn: AggregateFunction;
  readonly distinct: boolean;
  /** The argument; undefined for COUNT(*). */
  readonly expression: Expression | undefined;
  /** A canonical text of the aggregate, used to find it again in projections, HAVING and ORDER BY. */
  readonly key: string;
}

/** One GROUP BY key. */
export interface PlannedGroupKey {
  /** Position in every partial group's key tuple. */
  readonly index: number;
  /** The variable naming the key (`GROUP BY ?k` or `GROUP BY (... AS ?k)`), if any. */
  readonly variable: string | undefined;
  readonly expression: Expression;
}

/** One projected variable of the final rows. */
export interface PlannedProjection {
  readonly variable: string;
  /** An expression over group keys and aggregates. */
  readonly expression: Expression;
}

/** Whether the fast evaluator covers the query. */
export type FastEvaluationSupport =
  { readonly supported: true } | { readonly supported: false; readonly reason: string };

/**
 * The evaluable part of a checked SELECT (the whole query or one of its sub-queries): what to
 * evaluate in each pod (WHERE, group keys, aggregates) and how to turn merged partial aggregates into
 * rows (projection, HAVING, ORDER BY, LIMIT).
 */
export interface SelectPlan {
  /** The parsed query (sparqljs syntax tree). */
  readonly query: SelectQuery;
  readonly where: readonly Pattern[];
  readonly groupKeys: readonly PlannedGroupKey[];
  /** True when the query has GROUP BY; false means one implicit group (which exists even with no rows). */
  readonly grouped: boolean;
  readonly aggregates: readonly PlannedAggregate[];
  readonly projection: readonly PlannedProjection[];
  readonly having: readonly Expression[];
  readonly order: readonly Ordering[];
  readonly distinct: boolean;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  /** The plans of the sub-queries of WHERE, by their syntax tree node. */
  readonly subQueries: ReadonlyMap<SelectQuery, SelectPlan>;
}

/**
 * A checked, normalised study query. Plans are immutable and can be shared between concurrent
 * evaluations; they are not meant to be serialised (send the query text and check it again).
 */
export interface StudyQueryPlan extends SelectPlan {
  readonly queryText: string;
  readonly fastEvaluation: FastEvaluationSupport;
}
