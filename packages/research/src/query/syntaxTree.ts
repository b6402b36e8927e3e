/**
 * Small walkers over the sparqljs syntax tree.
 */
import type * as RDF from '@rdfjs/types';
import type {
  AggregateExpression,
  Expression,
  OperationExpression,
  Pattern,
  PropertyPath,
  SelectQuery,
  Triple,
} from 'sparqljs';

/** True when an expression node is an RDF term (constant or variable). */
export function isTermExpression(expression: Expression): expression is RDF.Term & Expression {
  return !Array.isArray(expression) && 'termType' in expression;
}

/** True when an expression node is a variable. */
export function isVariable(expression: unknown): expression is RDF.Variable {
  return typeof expression === 'object' && expression !== null && (expression as RDF.Term).termType === 'Variable';
}

/** True when an expression node is an aggregate. */
export function isAggregate(expression: Expression): expression is AggregateExpression {
  return !Array.isArray(expression) && !('termType' in expression) && expression.type === 'aggregate';
}

/** True when an expression node is an operation (built-in call or operator). */
export function isOperation(expression: Expression): expression is OperationExpression {
  return !Array.isArray(expression) && !('termType' in expression) && expression.type === 'operation';
}

/** True when a triple's predicate is a property path. */
export function isPropertyPath(predicate: Triple['predicate']): predicate is PropertyPath {
  return 'type' in predicate && predicate.type === 'path';
}

/** True when a WHERE element is a sub-query. */
export function isSubQuery(pattern: Pattern): pattern is SelectQuery {
  return pattern.type === 'query';
}

/** Names of the variables an expression mentions outside aggregates (and, if asked, inside). */
export function collectExpressionVariables(
  expression: Expression,
  insideAggregates = true,
  into = new Set<string>(),
): Set<string> {
  visitExpression(expression, {
    term: (term) => {
      if (term.termType === 'Variable') into.add(term.value);
    },
    enterAggregate: () => insideAggregates,
    // EXISTS { ... } reads the variables of its pattern from the row it tests.
    pattern: (pattern) => collectPatternVariables(pattern, into, true),
  });
  return into;
}

/** Callbacks of {@link visitExpression}. */
export interface ExpressionVisitor {
  /** Called for every term (variables and constants). */
  readonly term?: (term: RDF.Term) => void;
  /** Called for every aggregate; return false not to visit its argument. */
  readonly enterAggregate?: (aggregate: AggregateExpression) => boolean;
  /** Called for every operation and function call node, before its arguments. */
  readonly node?: (node: Expression) => void;
  /** Called for the group graph pattern of EXISTS / NOT EXISTS. */
  readonly pattern?: (pattern: Pattern) => void;
}

/** Visits every node of an expression, depth first. */
export function visitExpression(expression: Expression, visitor: ExpressionVisitor): void {
  if (Array.isArray(expression)) {
    for (const item of expression) visitExpression(item, visitor);
    return;
  }
  if ('termType' in expression) {
    visitor.term?.(expression);
    return;
  }
  if (expression.type === 'aggregate') {
    const aggregate = expression as AggregateExpression;
    if (visitor.enterAggregate?.(aggregate) === false) return;
    const argument = aggregate.expression;
    if (!('termType' in argument && argument.termType === 'Wildcard')) visitExpression(argument as Expression, visitor);
    return;
  }
  visitor.node?.(expression);
  const args = (expression as { args?: unknown[] }).args ?? [];
  for (const argument of args) {
    if (
      typeof argument === 'object' &&
      argument !== null &&
      !Array.isArray(argument) &&
      'type' in argument &&
      isPatternNode(argument)
    ) {
      visitor.pattern?.(argument as Pattern);
    } else {
      visitExpression(argument as Expression, visitor);
    }
  }
}

function isPatternNode(node: object): boolean {
  const type = (node as { type?: unknown }).type;
  return (
    type === 'bgp' ||
    type === 'group' ||
    type === 'optional' ||
    type === 'union' ||
    type === 'graph' ||
    type === 'minus' ||
    type === 'service' ||
    type === 'filter' ||
    type === 'bind' ||
    type === 'values' ||
    type === 'query'
  );
}

/** Variables a WHERE element can bind (its in-scope variables, approximately: every mention). */
export function collectPatternVariables(pattern: Pattern, into = new Set<string>(), withFilters = false): Set<string> {
  switch (pattern.type) {
    case 'bgp':
      for (const triple of pattern.triples) {
        for (const term of [triple.subject, triple.predicate, triple.object]) {
          if (isVariable(term)) into.add(term.value);
          else if ('termType' in term && term.termType === 'BlankNode') into.add(`_:${term.value}`);
        }
      }
      break;
    case 'bind':
      into.add(pattern.variable.value);
      break;
    case 'values':
      for (const row of pattern.values) for (const key of Object.keys(row)) into.add(key.replace(/^\?/u, ''));
      break;
    case 'query':
      for (const variable of pattern.variables) {
        if (isVariable(variable)) into.add(variable.value);
        else if ('variable' in variable) into.add(variable.variable.value);
      }
      break;
    case 'filter':
      if (withFilters) collectExpressionVariables(pattern.expression, true, into);
      break;
    case 'minus':
      // MINUS never binds variables.
      if (withFilters) for (const child of pattern.patterns) collectPatternVariables(child, into, true);
      break;
    default:
      for (const child of (pattern as { patterns: Pattern[] }).patterns)
        collectPatternVariables(child, into, withFilters);
      if (pattern.type === 'graph' || pattern.type === 'service') {
        if (isVariable(pattern.name)) into.add(pattern.name.value);
      }
  }
  return into;
}

/** The canonical text of an aggregate, used to find the same aggregate in projections, HAVING and ORDER BY. */
export function getAggregateKey(aggregate: AggregateExpression): string {
  const argument = aggregate.expression;
  const isWildcard = 'termType' in argument && argument.termType === 'Wildcard';
  return JSON.stringify({
    fn: aggregate.aggregation.toLowerCase(),
    distinct: aggregate.distinct === true,
    argument: isWildcard ? '*' : argument,
  });
}
