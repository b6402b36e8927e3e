/**
 * Compiles a SPARQL expression (sparqljs syntax tree) into a JS closure over a row. A closure returns
 * `undefined` for an unbound variable or an expression error, exactly where SPARQL says the
 * expression raises an error (a FILTER then rejects the row, a BIND leaves the variable unbound).
 */
import type * as RDF from '@rdfjs/types';
import type { AggregateExpression, Expression, FunctionCallExpression, OperationExpression, Pattern } from 'sparqljs';
import { ResearchError } from '../ResearchError.ts';
import { formatTimezoneDuration, parseDateTime } from './dateTime.ts';
import {
  addNumerics,
  convertNumeric,
  createExactNumeric,
  divideNumerics,
  formatNumeric,
  multiplyNumerics,
  parseNumeric,
  subtractNumerics,
  type Numeric,
  type NumericType,
} from './numeric.ts';
import {
  areValuesEqual,
  booleanValue,
  compareValues,
  getEffectiveBooleanValue,
  numericValue,
  stringValue,
  termToValue,
  valueToTerm,
  type Value,
} from './values.ts';
import { DataFactory } from 'n3';
import { isVariable } from '../query/syntaxTree.ts';

/** A compiled expression. */
export type CompiledExpression<R> = (row: R) => Value | undefined;

/** How compiled expressions read variables and (in HAVING, projections, ORDER BY) aggregates. */
export interface ExpressionScope<R> {
  /** Returns a reader of a variable's value in a row. */
  readonly variable: (name: string) => CompiledExpression<R>;
  /** Returns a reader of a variable's raw RDF term (lets STR avoid interpreting the literal). */
  readonly term?: (name: string) => (row: R) => RDF.Term | undefined;
  /** Returns a test of EXISTS { pattern } on a row; absent where EXISTS is not supported. */
  readonly exists?: (pattern: Pattern) => (row: R) => boolean;
  /** Returns a reader of an aggregate's value; absent where aggregates are not allowed. */
  readonly aggregate?: (expression: AggregateExpression) => CompiledExpression<R>;
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';

function unsupported(what: string): ResearchError {
  return new ResearchError('unsupported', `The fast evaluator does not support ${what}.`);
}

function isTerm(expression: Expression): expression is Expression & RDF.Term {
  return !Array.isArray(expression) && 'termType' in expression;
}

/**
 * Compiles an expression.
 * @throws ResearchError `unsupported` for a function or operator the fast evaluator does not cover
 */
export function compileExpression<R>(expression: Expression, scope: ExpressionScope<R>): CompiledExpression<R> {
  if (Array.isArray(expression)) throw unsupported('a bare expression list');
  if (isTerm(expression)) {
    if (expression.termType === 'Variable') return scope.variable(expression.value);
    if (expression.termType === 'Quad') throw unsupported('quoted triples');
    const constant = termToValue(expression);
    return () => constant;
  }
  switch (expression.type) {
    case 'aggregate': {
      if (scope.aggregate === undefined) throw unsupported('an aggregate here');
      return scope.aggregate(expression as AggregateExpression);
    }
    case 'functionCall':
      return compileFunctionCall(expression as FunctionCallExpression, scope);
    case 'operation':
      return compileOperation(expression as OperationExpression, scope);
    default:
      throw unsupported(`expressions of type ${(expression as { type: string }).type}`);
  }
}

function compileArguments<R>(operation: OperationExpression, scope: ExpressionScope<R>): CompiledExpression<R>[] {
  return operation.args.map((argument) => compileExpression(argument as Expression, scope));
}

function nth<R>(compiled: CompiledExpression<R>[], index: number): CompiledExpression<R> {
  return compiled[index] ?? (() => undefined);
}

function compileOperation<R>(operation: OperationExpression, scope: ExpressionScope<R>): CompiledExpression<R> {
  const operator = operation.operator.toLowerCase();
  if (operator === 'bound') {
    const [argument] = operation.args;
    if (
      argument === undefined ||
      Array.isArray(argument) ||
      !('termType' in argument) ||
      argument.termType !== 'Variable'
    ) {
      throw unsupported('BOUND over something else than a variable');
    }
    const read = scope.variable(argument.value);
    return (row) => booleanValue(read(row) !== undefined);
  }
  if (operator === 'in' || operator === 'notin') return compileIn(operation, scope, operator === 'notin');
  const [onlyArgument] = operation.args;
  if (operator === 'str' && operation.args.length === 1 && scope.term !== undefined && isVariable(onlyArgument)) {
    const read = scope.term(onlyArgument.value);
    return (row) => {
      const term = read(row);
      return term === undefined || term.termType === 'BlankNode' ? undefined : stringValue(term.value);
    };
  }
  if (operator === 'exists' || operator === 'notexists') {
    const [pattern] = operation.args;
    if (scope.exists === undefined || pattern === undefined) throw unsupported('EXISTS and NOT EXISTS here');
    const test = scope.exists(pattern as Pattern);
    const negate = operator === 'notexists';
    return (row) => booleanValue(test(row) !== negate);
  }
  const args = compileArguments(operation, scope);
  const a = nth(args, 0);
  const b = nth(args, 1);
  const c = nth(args, 2);
  switch (operator) {
    case '||':
      return (row) => {
        const left = ebv(a(row));
        if (left === true) return booleanValue(true);
        const right = ebv(b(row));
        if (right === true) return booleanValue(true);
        return left === false && right === false ? booleanValue(false) : undefined;
      };
    case '&&':
      return (row) => {
        const left = ebv(a(row));
        if (left === false) return booleanValue(false);
        const right = ebv(b(row));
        if (right === false) return booleanValue(false);
        return left === true && right === true ? booleanValue(true) : undefined;
      };
    case '!':
      return (row) => {
        const value = ebv(a(row));
        return value === undefined ? undefined : booleanValue(!value);
      };
    case '=':
    case '!=': {
      const negate = operator === '!=';
      return (row) => {
        const left = a(row);
        const right = b(row);
        if (left === undefined || right === undefined) return undefined;
        const equal = areValuesEqual(left, right);
        return equal === undefined ? undefined : booleanValue(negate ? !equal : equal);
      };
    }
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compileComparison(operator, a, b);
    case '+':
    case '-':
    case '*':
    case '/':
      return compileArithmetic(operator, a, b);
    case 'uminus':
      return (row) => {
        const value = numericOf(a(row));
        return value === undefined ? undefined : numericValue(subtractNumerics(zeroOf(value.type), value));
      };
    case 'uplus':
      return (row) => {
        const value = a(row);
        return value?.kind === 'numeric' ? value : undefined;
      };
    case 'str':
      return (row) => {
        const value = a(row);
        if (value === undefined || value.kind === 'blank') return undefined;
        if (value.kind === 'string' && value.language === '') return value;
        return stringValue(valueToTerm(value).value);
      };
    case 'lang':
      return (row) => {
        const value = a(row);
        if (value === undefined) return undefined;
        const term = valueToTerm(value);
        return term.termType === 'Literal' ? stringValue(term.language) : undefined;
      };
    case 'datatype':
      return (row) => {
        const value = a(row);
        if (value === undefined) return undefined;
        const term = valueToTerm(value);
        return term.termType === 'Literal' ? termToValue(term.datatype) : undefined;
      };
    case 'isiri':
    case 'isuri':
      return typeTest(a, (value) => value.kind === 'iri');
    case 'isblank':
      return typeTest(a, (value) => value.kind === 'blank');
    case 'isliteral':
      return typeTest(a, (value) => value.kind !== 'iri' && value.kind !== 'blank');
    case 'isnumeric':
      return typeTest(a, (value) => value.kind === 'numeric');
    case 'sameterm':
      return (row) => {
        const left = a(row);
        const right = b(row);
        if (left === undefined || right === undefined) return undefined;
        return booleanValue(valueToTerm(left).equals(valueToTerm(right)));
      };
    case 'coalesce':
      return (row) => {
        for (const argument of args) {
          const value = argument(row);
          if (value !== undefined) return value;
        }
        return undefined;
      };
    case 'if':
      return (row) => {
        const condition = ebv(a(row));
        if (condition === undefined) return undefined;
        return condition ? b(row) : c(row);
      };
    case 'abs':
    case 'ceil':
    case 'floor':
    case 'round':
      return compileRounding(operator, a);
    case 'strlen':
      return (row) => {
        const value = a(row);
        return value?.kind === 'string'
          ? numericValue(createExactNumeric('integer', BigInt([...value.value].length), 0))
          : undefined;
      };
    case 'ucase':
    case 'lcase': {
      const upper = operator === 'ucase';
      return (row) => {
        const value = a(row);
        if (value?.kind !== 'string') return undefined;
        return stringValue(upper ? value.value.toUpperCase() : value.value.toLowerCase(), value.language);
      };
    }
    case 'substr':
      return compileSubstring(a, b, args.length > 2 ? c : undefined);
    case 'concat':
      return (row) => {
        let text = '';
        let language: string | undefined;
        for (const argument of args) {
          const value = argument(row);
          if (value?.kind !== 'string') return undefined;
          text += value.value;
          language = language === undefined || language === value.language ? value.language : '';
        }
        return stringValue(text, language ?? '');
      };
    case 'contains':
    case 'strstarts':
    case 'strends':
      return compileStringTest(operator, a, b);
    case 'regex':
      return compileRegex(operation, a, b, args.length > 2 ? c : undefined);
    case 'year':
    case 'month':
    case 'day':
    case 'hours':
    case 'minutes':
    case 'seconds':
    case 'timezone':
    case 'tz':
      return compileDateTimeAccessor(operator, a);
    default:
      throw unsupported(`the function ${operation.operator.toUpperCase()}`);
  }
}

function ebv(value: Value | undefined): boolean | undefined {
  return value === undefined ? undefined : getEffectiveBooleanValue(value);
}

function numericOf(value: Value | undefined): Numeric | undefined {
  return value?.kind === 'numeric' ? value.numeric : undefined;
}

function zeroOf(type: NumericType): Numeric {
  return convertNumeric(createExactNumeric('integer', 0n, 0), type) ?? createExactNumeric('integer', 0n, 0);
}

function typeTest<R>(read: CompiledExpression<R>, test: (value: Value) => boolean): CompiledExpression<R> {
  return (row) => {
    const value = read(row);
    return value === undefined ? undefined : booleanValue(test(value));
  };
}

function compileComparison<R>(
  operator: '<' | '>' | '<=' | '>=',
  a: CompiledExpression<R>,
  b: CompiledExpression<R>,
): CompiledExpression<R> {
  return (row) => {
    const left = a(row);
    const right = b(row);
    if (left === undefined || right === undefined) return undefined;
    const compared = compareValues(left, right);
    if (compared === undefined) return undefined;
    if (Number.isNaN(compared)) return booleanValue(false);
    switch (operator) {
      case '<':
        return booleanValue(compared < 0);
      case '>':
        return booleanValue(compared > 0);
      case '<=':
        return booleanValue(compared <= 0);
      case '>=':
        return booleanValue(compared >= 0);
    }
  };
}

function compileArithmetic<R>(
  operator: '+' | '-' | '*' | '/',
  a: CompiledExpression<R>,
  b: CompiledExpression<R>,
): CompiledExpression<R> {
  const operate =
    operator === '+'
      ? addNumerics
      : operator === '-'
        ? subtractNumerics
        : operator === '*'
          ? multiplyNumerics
          : divideNumerics;
  return (row) => {
    const left = numericOf(a(row));
    if (left === undefined) return undefined;
    const right = numericOf(b(row));
    if (right === undefined) return undefined;
    const result = operate(left, right);
    return result === undefined ? undefined : numericValue(result);
  };
}

function compileRounding<R>(
  operator: 'abs' | 'ceil' | 'floor' | 'round',
  a: CompiledExpression<R>,
): CompiledExpression<R> {
  return (row) => {
    const value = numericOf(a(row));
    if (value === undefined) return undefined;
    if (value.type === 'float' || value.type === 'double') {
      const fn =
        operator === 'abs'
          ? Math.abs
          : operator === 'ceil'
            ? Math.ceil
            : operator === 'floor'
              ? Math.floor
              : Math.round;
      return numericValue({ ...value, num: fn(value.num) });
    }
    if (operator === 'abs')
      return numericValue(createExactNumeric(value.type, value.big < 0n ? -value.big : value.big, value.scale));
    if (value.scale === 0) return numericValue(value);
    const unit = 10n ** BigInt(value.scale);
    const truncated = value.big / unit;
    const remainder = value.big % unit;
    let whole = truncated;
    if (operator === 'floor' && remainder < 0n) whole -= 1n;
    if (operator === 'ceil' && remainder > 0n) whole += 1n;
    if (operator === 'round') {
      // fn:round rounds halves towards positive infinity.
      const twice = 2n * remainder;
      if (twice >= unit) whole += 1n;
      else if (twice < -unit) whole -= 1n;
    }
    return numericValue(createExactNumeric(value.type, whole, 0));
  };
}

function compileSubstring<R>(
  a: CompiledExpression<R>,
  b: CompiledExpression<R>,
  c: CompiledExpression<R> | undefined,
): CompiledExpression<R> {
  return (row) => {
    const source = a(row);
    if (source?.kind !== 'string') return undefined;
    const start = numericOf(b(row));
    if (start === undefined) return undefined;
    const length = c === undefined ? undefined : numericOf(c(row));
    if (c !== undefined && length === undefined) return undefined;
    const from = Math.round(start.num);
    const to = length === undefined ? Infinity : from + Math.round(length.num);
    if (Number.isNaN(from) || Number.isNaN(to)) return stringValue('', source.language);
    const characters = source.value.length === [...source.value].length ? null : [...source.value];
    const count = characters?.length ?? source.value.length;
    // XPath fn:substring keeps characters at positions p (1-based) with from <= p < to.
    const first = Math.max(from, 1);
    const last = Math.min(to, count + 1);
    if (last <= first) return stringValue('', source.language);
    const text =
      characters === null ? source.value.slice(first - 1, last - 1) : characters.slice(first - 1, last - 1).join('');
    return stringValue(text, source.language);
  };
}

function argumentsCompatible(left: Value & { kind: 'string' }, right: Value & { kind: 'string' }): boolean {
  return right.language === '' || left.language === right.language;
}

function compileStringTest<R>(
  operator: 'contains' | 'strstarts' | 'strends',
  a: CompiledExpression<R>,
  b: CompiledExpression<R>,
): CompiledExpression<R> {
  return (row) => {
    const left = a(row);
    const right = b(row);
    if (left?.kind !== 'string' || right?.kind !== 'string' || !argumentsCompatible(left, right)) return undefined;
    if (operator === 'contains') return booleanValue(left.value.includes(right.value));
    if (operator === 'strstarts') return booleanValue(left.value.startsWith(right.value));
    return booleanValue(left.value.endsWith(right.value));
  };
}

function compileRegex<R>(
  operation: OperationExpression,
  a: CompiledExpression<R>,
  b: CompiledExpression<R>,
  c: CompiledExpression<R> | undefined,
): CompiledExpression<R> {
  const pattern = operation.args[1];
  const flags = operation.args[2];
  const constantPattern =
    pattern !== undefined && !Array.isArray(pattern) && 'termType' in pattern && pattern.termType === 'Literal';
  const constantFlags =
    flags === undefined || (!Array.isArray(flags) && 'termType' in flags && flags.termType === 'Literal');
  const toRegExp = (source: string, flagText: string): RegExp | undefined => {
    if (!/^[smix]*$/u.test(flagText) || flagText.includes('x')) return undefined;
    try {
      return new RegExp(source, `${flagText}u`);
    } catch {
      return undefined;
    }
  };
  const fixed =
    constantPattern && constantFlags
      ? toRegExp(pattern.value, flags === undefined ? '' : (flags as RDF.Literal).value)
      : undefined;
  return (row) => {
    const text = a(row);
    if (text?.kind !== 'string') return undefined;
    let regExp = fixed;
    if (regExp === undefined) {
      const patternValue = b(row);
      const flagValue = c === undefined ? stringValue('') : c(row);
      if (patternValue?.kind !== 'string' || flagValue?.kind !== 'string') return undefined;
      regExp = toRegExp(patternValue.value, flagValue.value);
      if (regExp === undefined) return undefined;
    }
    return booleanValue(regExp.test(text.value));
  };
}

function compileDateTimeAccessor<R>(operator: string, a: CompiledExpression<R>): CompiledExpression<R> {
  const integer = (value: number): Value => numericValue(createExactNumeric('integer', BigInt(value), 0));
  return (row) => {
    const value = a(row);
    if (value?.kind !== 'dateTime') return undefined;
    const dateTime = value.dateTime;
    switch (operator) {
      case 'year':
        return integer(dateTime.year);
      case 'month':
        return integer(dateTime.month);
      case 'day':
        return integer(dateTime.day);
      case 'hours':
        return integer(dateTime.hours);
      case 'minutes':
        return integer(dateTime.minutes);
      case 'seconds': {
        const seconds = parseNumeric(String(dateTime.seconds), 'decimal');
        return seconds === undefined ? undefined : numericValue(seconds);
      }
      case 'timezone': {
        const duration = formatTimezoneDuration(dateTime);
        return duration === undefined
          ? undefined
          : termToValue(DataFactory.literal(duration, DataFactory.namedNode(`${XSD}dayTimeDuration`)));
      }
      default:
        return stringValue(dateTime.timezone);
    }
  };
}

function compileIn<R>(
  operation: OperationExpression,
  scope: ExpressionScope<R>,
  negate: boolean,
): CompiledExpression<R> {
  const [needle, list] = operation.args;
  if (needle === undefined || !Array.isArray(list)) throw unsupported('IN without a list');
  const read = compileExpression(needle as Expression, scope);
  const candidates = (list as Expression[]).map((item) => compileExpression(item, scope));
  return (row) => {
    const value = read(row);
    if (value === undefined) return undefined;
    let sawError = false;
    for (const candidate of candidates) {
      const other = candidate(row);
      const equal = other === undefined ? undefined : areValuesEqual(value, other);
      if (equal === true) return booleanValue(!negate);
      if (equal === undefined) sawError = true;
    }
    return sawError ? undefined : booleanValue(negate);
  };
}

function compileFunctionCall<R>(call: FunctionCallExpression, scope: ExpressionScope<R>): CompiledExpression<R> {
  const name = typeof call.function === 'string' ? call.function : call.function.value;
  if (!name.startsWith(XSD) || call.args.length !== 1) throw unsupported(`the function <${name}>`);
  const read = compileExpression(call.args[0] as Expression, scope);
  const target = name.slice(XSD.length);
  switch (target) {
    case 'integer':
    case 'decimal':
    case 'float':
    case 'double':
      return (row) => castToNumeric(read(row), target);
    case 'string':
      return (row) => {
        const value = read(row);
        if (value === undefined || value.kind === 'blank') return undefined;
        if (value.kind === 'numeric') return stringValue(formatNumeric(value.numeric));
        if (value.kind === 'string') return stringValue(value.value);
        return stringValue(valueToTerm(value).value);
      };
    case 'boolean':
      return (row) => {
        const value = read(row);
        if (value === undefined) return undefined;
        if (value.kind === 'boolean') return value;
        if (value.kind === 'numeric')
          return booleanValue(!(value.numeric.num === 0 || Number.isNaN(value.numeric.num)));
        if (value.kind === 'string' && value.language === '') {
          const text = value.value.trim();
          if (text === 'true' || text === '1') return booleanValue(true);
          if (text === 'false' || text === '0') return booleanValue(false);
        }
        return undefined;
      };
    case 'dateTime':
      return (row) => {
        const value = read(row);
        if (value === undefined) return undefined;
        if (value.kind === 'dateTime') return value;
        if (value.kind !== 'string' || value.language !== '') return undefined;
        return parseDateTime(value.value) === undefined
          ? undefined
          : termToValue(DataFactory.literal(value.value.trim(), DataFactory.namedNode(`${XSD}dateTime`)));
      };
    default:
      throw unsupported(`the cast to xsd:${target}`);
  }
}

function castToNumeric(value: Value | undefined, target: NumericType): Value | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'numeric') {
    const converted = convertNumeric(value.numeric, target);
    return converted === undefined ? undefined : numericValue(converted);
  }
  if (value.kind === 'boolean')
    return numericValue(convertNumeric(createExactNumeric('integer', value.value ? 1n : 0n, 0), target) as Numeric);
  if (value.kind === 'string' && value.language === '') {
    const parsed = parseNumeric(value.value, target);
    if (parsed !== undefined) return numericValue(parsed);
    // xsd:decimal("1e3") is an error but xsd:integer("1.5") too; only exact lexical forms are accepted.
    return undefined;
  }
  return undefined;
}
