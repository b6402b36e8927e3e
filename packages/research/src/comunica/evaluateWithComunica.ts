/**
 * The reference and fallback path: `@comunica/query-sparql` over in-memory RDF/JS sources.
 */
import type * as RDF from '@rdfjs/types';
import { QueryEngine } from '@comunica/query-sparql';
import { DataFactory, Store, termFromId } from 'n3';
import sparqljs from 'sparqljs';
import type { Expression, Grouping, SelectQuery, Variable } from 'sparqljs';
import { ResearchError } from '../ResearchError.ts';
import { termToValue, valueToTerm, getTermId } from '../evaluation/values.ts';
import type { AggregateState, PartialAggregates, PartialGroup } from '../partials.ts';
import type { SelectPlan } from '../query/StudyQueryPlan.ts';

/** A source for Comunica: an N3 Store or an array of quads. */
export type ComunicaSource = Store | readonly RDF.Quad[];

/** Options of the Comunica functions. */
export interface ComunicaOptions {
  /** An engine to reuse (creating one costs a few milliseconds); a new one by default. */
  readonly engine?: QueryEngine;
}

/** One solution of a SELECT query: variable name (without `?`) to term; unbound variables absent. */
export type SolutionRow = Record<string, RDF.Term>;

function toStore(source: ComunicaSource): Store {
  return source instanceof Store ? source : new Store([...source]);
}

/**
 * Runs a SELECT query with Comunica over the given sources taken together (their union; each
 * store's default graph is the union of its graphs).
 * @param queryText - a SPARQL SELECT query
 * @param sources - N3 stores or arrays of quads
 * @returns the solutions
 * @throws ResearchError `reference-engine-failed` when Comunica rejects the query or fails
 */
export async function evaluateWithComunica(
  queryText: string,
  sources: readonly ComunicaSource[],
  options: ComunicaOptions = {},
): Promise<SolutionRow[]> {
  const engine = options.engine ?? new QueryEngine();
  const stores = sources.map(toStore);
  try {
    const stream = await engine.queryBindings(queryText, {
      sources: stores as [Store, ...Store[]],
      unionDefaultGraph: true,
    });
    const bindings = await stream.toArray();
    return bindings.map((binding) => {
      const row: SolutionRow = {};
      for (const [variable, term] of binding) row[variable.value] = term;
      return row;
    });
  } catch (error) {
    throw new ResearchError(
      'reference-engine-failed',
      `Comunica failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

const KEY_PREFIX = 'sdtKey';
const AGGREGATE_PREFIX = 'sdtAgg';
const ROWS = 'sdtRows';

function variable(name: string): RDF.Variable {
  return DataFactory.variable(name);
}

function aggregateExpression(fn: string, distinct: boolean, argument: Expression | undefined): Expression {
  return {
    type: 'aggregate',
    aggregation: fn,
    distinct,
    expression: argument ?? new sparqljs.Wildcard(),
  } as Expression;
}

/**
 * Rewrites a plan into the "partial form" Comunica can compute per pod: the group keys under fixed
 * names, COUNT(*) of the group's solutions, and for each aggregate its partial state (SUM and COUNT
 * for AVG, SUM, COUNT, MIN, MAX), without HAVING, ORDER BY or LIMIT (they apply after the merge).
 * @returns the SPARQL text of the partial query
 */
export function buildPartialQuery(plan: SelectPlan): string {
  const variables: Variable[] = [];
  const group: Grouping[] = plan.groupKeys.map((key) => {
    variables.push(variable(`${KEY_PREFIX}${key.index}`));
    return { expression: key.expression, variable: variable(`${KEY_PREFIX}${key.index}`) };
  });
  variables.push({ expression: aggregateExpression('count', false, undefined), variable: variable(ROWS) });
  for (const aggregate of plan.aggregates) {
    const name = `${AGGREGATE_PREFIX}${aggregate.index}`;
    if (aggregate.fn === 'avg' || aggregate.fn === 'sum') {
      variables.push({
        expression: aggregateExpression('sum', aggregate.distinct, aggregate.expression),
        variable: variable(`${name}sum`),
      });
      variables.push({
        expression: aggregateExpression('count', aggregate.distinct, aggregate.expression),
        variable: variable(`${name}count`),
      });
    } else {
      variables.push({
        expression: aggregateExpression(aggregate.fn, aggregate.distinct, aggregate.expression),
        variable: variable(name),
      });
      if (aggregate.fn !== 'count') {
        // Tells "no value" (count 0) from "an error" (count unbound, or values but no extreme).
        variables.push({
          expression: aggregateExpression('count', false, aggregate.expression),
          variable: variable(`${name}count`),
        });
      }
    }
  }
  const query: SelectQuery = {
    type: 'query',
    queryType: 'SELECT',
    prefixes: {},
    variables,
    where: [...plan.where],
    ...(group.length > 0 ? { group } : {}),
  };
  return new sparqljs.Generator().stringify(query);
}

function readCount(row: SolutionRow, name: string): number {
  const term = row[name];
  return term === undefined ? 0 : Number(term.value);
}

function canonicalId(term: RDF.Term | undefined): string | null {
  if (term === undefined) return null;
  return getTermId(valueToTerm(termToValue(termFromId(getTermId(term)))));
}

function canonicalNumericId(term: RDF.Term | undefined): string | null {
  if (term === undefined) return null;
  const value = termToValue(termFromId(getTermId(term)));
  if (value.kind !== 'numeric') return getTermId(term);
  return getTermId(valueToTerm({ kind: 'numeric', numeric: value.numeric }));
}

/**
 * Evaluates a checked study query over one pod's data with Comunica (the fallback for query shapes
 * the fast evaluator does not cover) and returns the same partial aggregates as {@link evaluatePerPod}.
 * @throws ResearchError `reference-engine-failed` when Comunica fails
 */
export async function evaluatePerPodWithComunica(
  plan: SelectPlan,
  source: ComunicaSource,
  options: ComunicaOptions = {},
): Promise<PartialAggregates> {
  const rows = await evaluateWithComunica(buildPartialQuery(plan), [source], options);
  const groups: PartialGroup[] = rows.map((row) => {
    const count = readCount(row, ROWS);
    const aggregates: AggregateState[] = plan.aggregates.map((aggregate) => {
      const name = `${AGGREGATE_PREFIX}${aggregate.index}`;
      switch (aggregate.fn) {
        case 'count':
          // An unbound COUNT is Comunica's answer to an expression error.
          return { fn: 'count', count: row[name] === undefined ? null : readCount(row, name) };
        case 'sum':
        case 'avg': {
          const sum = canonicalNumericId(row[`${name}sum`]);
          return { fn: aggregate.fn, sum, count: sum === null ? 0 : readCount(row, `${name}count`) };
        }
        case 'min':
        case 'max': {
          const values = row[`${name}count`];
          const error = values === undefined || (Number(values.value) > 0 && row[name] === undefined);
          return { fn: aggregate.fn, value: error ? null : canonicalId(row[name]), error };
        }
      }
    });
    return {
      key: plan.groupKeys.map((key) => canonicalId(row[`${KEY_PREFIX}${key.index}`])),
      pods: count > 0 ? 1 : 0,
      rows: count,
      aggregates,
    };
  });
  if (!plan.grouped && groups.length === 0) {
    // SPARQL gives one row for an aggregate without GROUP BY even with no solution; Comunica 5.4
    // returns none for some shapes (e.g. property paths without a match), so add the empty group.
    groups.push({
      key: [],
      pods: 0,
      rows: 0,
      aggregates: plan.aggregates.map((aggregate): AggregateState => {
        if (aggregate.fn === 'count') return { fn: 'count', count: 0 };
        if (aggregate.fn === 'sum' || aggregate.fn === 'avg')
          return { fn: aggregate.fn, sum: '"0"^^http://www.w3.org/2001/XMLSchema#integer', count: 0 };
        return { fn: aggregate.fn, value: null, error: false };
      }),
    });
  }
  return { functions: plan.aggregates.map((aggregate) => aggregate.fn), grouped: plan.grouped, groups };
}
