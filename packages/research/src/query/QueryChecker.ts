import type * as RDF from '@rdfjs/types';
import type { AggregateExpression, Expression, Grouping, Pattern, SelectQuery, Triple } from 'sparqljs';
import { ResearchError } from '../ResearchError.ts';
import { DEFAULT_VOCABULARY_NAMESPACES, type StudyQueryPolicy } from './StudyQueryPolicy.ts';
import type {
  AggregateFunction,
  PlannedAggregate,
  PlannedGroupKey,
  PlannedProjection,
  SelectPlan,
} from './StudyQueryPlan.ts';
import {
  getAggregateKey,
  isAggregate,
  isOperation,
  isPropertyPath,
  isSubQuery,
  isTermExpression,
  isVariable,
  visitExpression,
} from './syntaxTree.ts';

const ALLOWED_AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);

/** How a variable occurs in a WHERE clause. */
interface VariableUse {
  /** Objects of a group-key predicate. */
  coarse: number;
  /** Objects of a timestamp predicate. */
  timestamp: number;
  /** Subject or predicate positions: the variable identifies a resource. */
  identifier: number;
  /** Any other binding occurrence (object of another predicate, VALUES, path end, BIND target). */
  other: number;
  /** BIND expressions that bind it. */
  binds: Expression[];
  /** It is a GROUP BY key projected by a sub-query (hence already coarse). */
  fromSubQueryKey: boolean;
  /** It is bound by VALUES. */
  values: boolean;
}

/**
 * The checks of one (sub-)query against a study (see checkStudyQuery for the rules): collects facts
 * about variables from WHERE, then judges group keys, projection, HAVING and ORDER BY.
 */
export class QueryChecker {
  private readonly groupKeyPredicates: Set<string>;
  private readonly timestampPredicates: Set<string>;
  private readonly namespaces: readonly string[];
  private readonly uses = new Map<string, VariableUse>();
  /** Expressions of FILTER and BIND (checked for identifier inspection after the walk). */
  private readonly whereExpressions: Expression[] = [];
  /** Plans of the sub-queries met in WHERE. */
  private readonly subQueries = new Map<SelectQuery, SelectPlan>();

  public constructor(private readonly study: StudyQueryPolicy) {
    this.groupKeyPredicates = new Set(study.groupKeyPredicates);
    this.timestampPredicates = new Set(study.timestampPredicates);
    this.namespaces = study.vocabularyNamespaces ?? DEFAULT_VOCABULARY_NAMESPACES;
  }

  public checkSelect(query: SelectQuery, outermost: boolean): SelectPlan {
    const context = outermost ? 'The query' : 'A sub-query';
    if (query.from !== undefined && (query.from.default.length > 0 || query.from.named.length > 0)) {
      throw new ResearchError(
        'forbidden-feature',
        `${context} uses FROM / FROM NAMED: a study query runs over each consenting pod's granted data only and cannot name other datasets.`,
      );
    }
    if (query.values !== undefined && query.values.length > 0) {
      throw new ResearchError(
        'forbidden-feature',
        `${context} ends with a VALUES block: write the condition as a FILTER inside WHERE instead.`,
      );
    }
    const projectedVariables = query.variables;
    if (
      projectedVariables.length === 1 &&
      'termType' in projectedVariables[0]! &&
      projectedVariables[0].termType === 'Wildcard'
    ) {
      throw new ResearchError(
        'not-aggregate',
        `${context} uses SELECT *, which would return raw rows; project GROUP BY keys and aggregates only.`,
      );
    }
    for (const pattern of query.where ?? []) this.walkPattern(pattern);

    const groupKeys = (query.group ?? []).map((grouping, index) => this.checkGroupKey(grouping, index));
    const keyVariables = new Set(groupKeys.flatMap((key) => (key.variable === undefined ? [] : [key.variable])));
    const aggregates: PlannedAggregate[] = [];
    const projection: PlannedProjection[] = [];
    const projectedNames = new Set<string>();
    for (const item of projectedVariables as Exclude<SelectQuery['variables'][number], { termType: 'Wildcard' }>[]) {
      if (isVariable(item)) {
        if (!keyVariables.has(item.value)) {
          throw new ResearchError(
            'not-aggregate',
            `SELECT ?${item.value}: ?${item.value} is neither an aggregate nor a GROUP BY key, so it would return raw values; aggregate it (e.g. COUNT(?${item.value})) or group by an allowed attribute.`,
          );
        }
        projection.push({ variable: item.value, expression: item });
        projectedNames.add(item.value);
        continue;
      }
      const name = item.variable.value;
      this.checkFinalExpression(item.expression, keyVariables, aggregates, `SELECT (... AS ?${name})`);
      projection.push({ variable: name, expression: item.expression });
      projectedNames.add(name);
    }
    if (groupKeys.length === 0 && aggregates.length === 0) {
      throw new ResearchError(
        'not-aggregate',
        `${context} has neither GROUP BY nor an aggregate, so it would return one row per match; use COUNT, SUM or AVG.`,
      );
    }
    const having = (query.having ?? []).map((expression) => {
      this.checkFinalExpression(expression, keyVariables, aggregates, 'HAVING');
      return expression;
    });
    const orderScope = new Set([...keyVariables, ...projectedNames]);
    const order = (query.order ?? []).map((ordering) => {
      this.checkFinalExpression(ordering.expression, orderScope, aggregates, 'ORDER BY');
      return ordering;
    });
    for (const expression of this.whereExpressions) this.checkIdentifierUse(expression, 'WHERE');
    return {
      query,
      where: query.where ?? [],
      groupKeys,
      grouped: groupKeys.length > 0,
      aggregates,
      projection,
      having,
      order,
      distinct: query.distinct === true,
      limit: query.limit,
      offset: query.offset,
      subQueries: this.subQueries,
    };
  }

  private use(name: string): VariableUse {
    let use = this.uses.get(name);
    if (use === undefined) {
      use = { coarse: 0, timestamp: 0, identifier: 0, other: 0, binds: [], fromSubQueryKey: false, values: false };
      this.uses.set(name, use);
    }
    return use;
  }

  private checkIri(term: RDF.Term, where: string): void {
    if (term.termType !== 'NamedNode') return;
    if (!this.namespaces.some((namespace) => term.value.startsWith(namespace))) {
      throw new ResearchError(
        'forbidden-feature',
        `${where} names <${term.value}>, which is not a term of the study's vocabularies; a study query may not name individual resources.`,
      );
    }
  }

  private walkPattern(pattern: Pattern): void {
    if (isSubQuery(pattern)) {
      this.walkSubQuery(pattern);
      return;
    }
    switch (pattern.type) {
      case 'bgp':
        for (const triple of pattern.triples) this.walkTriple(triple);
        return;
      case 'filter':
        this.walkExpression(pattern.expression, 'FILTER');
        this.whereExpressions.push(pattern.expression);
        return;
      case 'bind': {
        this.walkExpression(pattern.expression, `BIND(... AS ?${pattern.variable.value})`);
        this.whereExpressions.push(pattern.expression);
        this.use(pattern.variable.value).binds.push(pattern.expression);
        return;
      }
      case 'values':
        for (const row of pattern.values) {
          for (const [key, term] of Object.entries(row)) {
            const use = this.use(key.replace(/^\?/u, ''));
            use.values = true;
            use.other += 1;
            if (term !== undefined) this.checkIri(term, 'VALUES');
          }
        }
        return;
      case 'service':
        throw new ResearchError(
          'forbidden-feature',
          'SERVICE is not allowed: a study query may not send data or requests to another endpoint.',
        );
      case 'graph':
        throw new ResearchError(
          'forbidden-feature',
          'GRAPH is not allowed: each pod is queried on its own, over the data it granted to the study.',
        );
      case 'optional':
      case 'union':
      case 'group':
      case 'minus':
        for (const child of pattern.patterns) this.walkPattern(child);
        return;
    }
  }

  private walkTriple(triple: Triple): void {
    const { subject, predicate, object } = triple;
    if (isVariable(subject)) this.use(subject.value).identifier += 1;
    else if (subject.termType === 'NamedNode') this.checkIri(subject, 'A triple pattern');
    if (isPropertyPath(predicate)) {
      const visit = (item: unknown): void => {
        if (typeof item === 'object' && item !== null && 'termType' in item)
          this.checkIri(item as RDF.Term, 'A property path');
        else for (const child of (item as { items: unknown[] }).items) visit(child);
      };
      visit(predicate);
      if (isVariable(object)) this.use(object.value).other += 1;
      return;
    }
    if (isVariable(predicate)) {
      this.use(predicate.value).identifier += 1;
      if (isVariable(object)) this.use(object.value).other += 1;
      return;
    }
    this.checkIri(predicate, 'A triple pattern');
    if (isVariable(object)) {
      const use = this.use(object.value);
      if (this.groupKeyPredicates.has(predicate.value)) use.coarse += 1;
      else if (this.timestampPredicates.has(predicate.value)) use.timestamp += 1;
      else use.other += 1;
    } else if (object.termType === 'NamedNode') {
      this.checkIri(object, 'A triple pattern');
    }
  }

  private walkSubQuery(query: SelectQuery): void {
    const inner = new QueryChecker(this.study).checkSelect(query, false);
    this.subQueries.set(query, inner);
    for (const key of inner.groupKeys) {
      if (key.variable !== undefined) this.use(key.variable).fromSubQueryKey = true;
    }
    for (const item of inner.projection) {
      const keyProjection = inner.groupKeys.some((key) => key.variable === item.variable);
      if (!keyProjection) this.use(item.variable).other += 1;
    }
  }

  private walkExpression(expression: Expression, where: string): void {
    visitExpression(expression, {
      term: (term) => this.checkIri(term, where),
      node: (node) => {
        if (!isOperation(node) && !('termType' in node) && !Array.isArray(node) && node.type === 'functionCall') {
          const name = typeof node.function === 'string' ? node.function : node.function.value;
          if (!name.startsWith('http://www.w3.org/2001/XMLSchema#')) {
            throw new ResearchError(
              'forbidden-feature',
              `${where} calls <${name}>: only SPARQL built-in functions and XSD casts are allowed.`,
            );
          }
        }
      },
      pattern: (pattern) => this.walkPattern(pattern),
    });
  }

  /**
   * A group key must be derived from the study's coarse attributes:
   * - `?k` where ?k is bound only as the object of a group-key predicate (and is not also bound
   *   elsewhere), or only by a BIND of an allowed derivation, or is a key projected by a sub-query;
   * - `STR(?k)` of such a variable;
   * - the year or month of a timestamp variable ?t (bound only as the object of a timestamp
   *   predicate): `YEAR(?t)`, `MONTH(?t)`, `SUBSTR(STR(?t), 1, 4)`, `SUBSTR(STR(?t), 1, 7)`.
   */
  private checkGroupKey(grouping: Grouping, index: number): PlannedGroupKey {
    const alias = grouping.variable?.value;
    const label = alias === undefined ? `GROUP BY key ${index + 1}` : `GROUP BY (... AS ?${alias})`;
    this.walkExpression(grouping.expression, label);
    if (isVariable(grouping.expression)) {
      const problem = this.explainCoarseVariable(grouping.expression.value);
      if (problem !== undefined)
        throw new ResearchError('group-key-not-allowed', `GROUP BY ?${grouping.expression.value}: ${problem}`);
      return { index, variable: grouping.expression.value, expression: grouping.expression };
    }
    const problem = this.explainDerivation(grouping.expression);
    if (problem !== undefined) throw new ResearchError('group-key-not-allowed', `${label}: ${problem}`);
    if (alias !== undefined && this.uses.has(alias)) {
      throw new ResearchError('group-key-not-allowed', `${label}: ?${alias} is already bound in WHERE.`);
    }
    return { index, variable: alias, expression: grouping.expression };
  }

  private describeAllowed(): string {
    const names = [...this.groupKeyPredicates].map(shorten).join(', ');
    const times = [...this.timestampPredicates].map(shorten).join(', ');
    return `group keys must be objects of ${names || '(no predicate)'}, or the year or month of ${times || '(no timestamp)'}`;
  }

  /** @returns undefined when ?name is a coarse variable, else why not */
  private explainCoarseVariable(name: string): string | undefined {
    const use = this.uses.get(name);
    if (use === undefined) return `?${name} is not bound in WHERE.`;
    if (use.values) return `?${name} is bound by VALUES; filter it with FILTER(?${name} IN (...)) instead.`;
    if (use.identifier > 0)
      return `?${name} identifies a resource (it is in subject or predicate position) and would single out individuals.`;
    if (use.fromSubQueryKey && use.coarse + use.timestamp + use.other === 0 && use.binds.length === 0) return undefined;
    if (use.binds.length > 0) {
      if (use.binds.length > 1 || use.coarse + use.timestamp + use.other > 0)
        return `?${name} is bound more than once.`;
      const problem = this.explainDerivation(use.binds[0]!);
      return problem === undefined ? undefined : `?${name} is bound by a BIND that is not allowed: ${problem}`;
    }
    if (use.coarse > 0 && use.timestamp === 0 && use.other === 0) return undefined;
    if (use.timestamp > 0 && use.coarse === 0 && use.other === 0) {
      return `?${name} is a full timestamp; group by YEAR(?${name}), MONTH(?${name}) or SUBSTR(STR(?${name}), 1, 7) instead.`;
    }
    return `?${name} is not a coarse attribute of the study (${this.describeAllowed()}).`;
  }

  private isTimestampVariable(expression: Expression): boolean {
    if (!isVariable(expression)) return false;
    const use = this.uses.get(expression.value);
    return (
      use !== undefined &&
      use.timestamp > 0 &&
      use.coarse + use.other + use.identifier === 0 &&
      use.binds.length === 0 &&
      !use.values
    );
  }

  /** @returns undefined when the expression is an allowed derivation of a coarse attribute, else why not */
  private explainDerivation(expression: Expression): string | undefined {
    if (isVariable(expression)) return this.explainCoarseVariable(expression.value);
    if (isOperation(expression)) {
      const operator = expression.operator.toLowerCase();
      const [first, second, third] = expression.args as Expression[];
      if (operator === 'str' && expression.args.length === 1 && isVariable(first))
        return this.explainCoarseVariable(first.value);
      if ((operator === 'year' || operator === 'month') && expression.args.length === 1 && first !== undefined) {
        return this.isTimestampVariable(first)
          ? undefined
          : `${operator.toUpperCase()}(...) must be applied to a timestamp variable (${this.describeAllowed()}).`;
      }
      if (operator === 'substr' && expression.args.length === 3 && first !== undefined && isOperation(first)) {
        const inner = first.args[0] as Expression | undefined;
        const okStart = isTermExpression(second!) && second.termType === 'Literal' && second.value === '1';
        const okLength =
          isTermExpression(third!) && third.termType === 'Literal' && (third.value === '4' || third.value === '7');
        if (
          first.operator.toLowerCase() === 'str' &&
          inner !== undefined &&
          this.isTimestampVariable(inner) &&
          okStart &&
          okLength
        )
          return undefined;
        return 'SUBSTR is allowed only as SUBSTR(STR(?timestamp), 1, 4) (year) or SUBSTR(STR(?timestamp), 1, 7) (month).';
      }
    }
    return `this expression is not an allowed group key (${this.describeAllowed()}).`;
  }

  /** Checks a projection, HAVING or ORDER BY expression and registers its aggregates. */
  private checkFinalExpression(
    expression: Expression,
    scope: Set<string>,
    aggregates: PlannedAggregate[],
    where: string,
  ): void {
    this.walkExpression(expression, where);
    visitExpression(expression, {
      term: (term) => {
        if (term.termType === 'Variable' && !scope.has(term.value)) {
          throw new ResearchError(
            'not-aggregate',
            `${where}: ?${term.value} is used outside an aggregate but is not a GROUP BY key, so it would expose raw values.`,
          );
        }
      },
      enterAggregate: (aggregate) => {
        registerAggregate(aggregate, aggregates, this.study, where);
        this.checkIdentifierUse(aggregate, where);
        return false;
      },
    });
  }

  /** Refuses any inspection of a resource identifier (see the class comment). */
  private checkIdentifierUse(expression: Expression, where: string): void {
    const isIdentifier = (term: unknown): term is RDF.Variable =>
      isVariable(term) && (this.uses.get(term.value)?.identifier ?? 0) > 0;
    const check = (node: Expression): void => {
      if (isTermExpression(node)) {
        if (isIdentifier(node)) {
          throw new ResearchError(
            'forbidden-feature',
            `${where}: ?${node.value} identifies a resource (it is in subject or predicate position); it may only be joined, counted or tested with BOUND, not inspected or computed with.`,
          );
        }
        return;
      }
      if (Array.isArray(node)) {
        node.forEach(check);
        return;
      }
      if (isAggregate(node)) {
        if (node.aggregation.toLowerCase() === 'count' && isIdentifier(node.expression)) return;
        if (!('termType' in node.expression && node.expression.termType === 'Wildcard'))
          check(node.expression as Expression);
        return;
      }
      if (isOperation(node)) {
        const operator = node.operator.toLowerCase();
        if (operator === 'bound') return;
        if (['=', '!=', 'sameterm'].includes(operator) && node.args.every((argument) => isVariable(argument))) return;
        if (operator === 'exists' || operator === 'notexists') return;
      }
      for (const argument of (node as { args?: unknown[] }).args ?? []) {
        if (
          typeof argument === 'object' &&
          argument !== null &&
          'type' in argument &&
          !('termType' in argument) &&
          (argument as { type: string }).type !== 'operation' &&
          (argument as { type: string }).type !== 'functionCall' &&
          (argument as { type: string }).type !== 'aggregate'
        )
          continue;
        check(argument as Expression);
      }
    };
    check(expression);
  }
}

function registerAggregate(
  aggregate: AggregateExpression,
  aggregates: PlannedAggregate[],
  study: StudyQueryPolicy,
  where: string,
): number {
  const fn = aggregate.aggregation.toLowerCase();
  if (!ALLOWED_AGGREGATES.has(fn)) {
    throw new ResearchError(
      'aggregate-not-allowed',
      `${where} uses ${fn.toUpperCase()}, which returns individual values; use COUNT, SUM or AVG.`,
    );
  }
  if ((fn === 'min' || fn === 'max') && !study.usesNoise) {
    throw new ResearchError(
      'aggregate-not-allowed',
      `${where} uses ${fn.toUpperCase()}, which returns one household's value; MIN and MAX are allowed only in studies that add noise.`,
    );
  }
  const argument = aggregate.expression;
  const isWildcard = 'termType' in argument && argument.termType === 'Wildcard';
  if (!isWildcard) {
    visitExpression(argument as Expression, {
      enterAggregate: () => {
        throw new ResearchError('not-aggregate', `${where} nests an aggregate inside another aggregate.`);
      },
    });
  }
  const key = getAggregateKey(aggregate);
  const existing = aggregates.find((candidate) => candidate.key === key);
  if (existing !== undefined) return existing.index;
  const planned: PlannedAggregate = {
    index: aggregates.length,
    fn: fn as AggregateFunction,
    distinct: aggregate.distinct === true,
    expression: isWildcard ? undefined : (argument as Expression),
    key,
  };
  aggregates.push(planned);
  return planned.index;
}

function shorten(iri: string): string {
  const local = /[#/]([^#/]+)$/u.exec(iri)?.[1];
  return local === undefined ? `<${iri}>` : local;
}
