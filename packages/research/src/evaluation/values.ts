/**
 * Values of SPARQL expressions: RDF terms interpreted by datatype (numbers, strings, booleans,
 * dateTimes), conversion back to terms, equality, comparison, effective boolean value and the
 * ORDER BY order.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, termToId, type Term as N3Term } from 'n3';
import { compareDateTimes, parseDateTime, type DateTimeValue } from './dateTime.ts';
import {
  compareNumerics,
  formatNumeric,
  getNumericDatatype,
  getNumericType,
  parseNumeric,
  type Numeric,
} from './numeric.ts';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DATE_TIME = `${XSD}dateTime`;
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/** A term as an expression value. `term` is the RDF term it came from or stands for (made lazily). */
export type Value =
  | { readonly kind: 'iri'; readonly term: RDF.NamedNode }
  | { readonly kind: 'blank'; readonly term: RDF.BlankNode }
  | { readonly kind: 'string'; readonly value: string; readonly language: string; term?: RDF.Literal }
  | { readonly kind: 'numeric'; readonly numeric: Numeric; term?: RDF.Literal }
  | { readonly kind: 'boolean'; readonly value: boolean; term?: RDF.Literal }
  | { readonly kind: 'dateTime'; readonly dateTime: DateTimeValue; readonly term: RDF.Literal }
  /** A literal of another datatype, or an ill-typed literal: only term equality applies. */
  | { readonly kind: 'other'; readonly term: RDF.Literal };

/** Interprets an RDF term as a value. */
export function termToValue(term: RDF.Term): Value {
  switch (term.termType) {
    case 'NamedNode':
      return { kind: 'iri', term };
    case 'BlankNode':
      return { kind: 'blank', term };
    case 'Literal':
      return literalToValue(term);
    default:
      // Variables, quoted triples and the default graph never reach expressions over data.
      return { kind: 'other', term: DataFactory.literal(term.value) };
  }
}

function literalToValue(term: RDF.Literal): Value {
  const datatype = term.datatype.value;
  if (term.language !== '' || datatype === RDF_LANG_STRING) {
    return { kind: 'string', value: term.value, language: term.language, term };
  }
  if (datatype === XSD_STRING) return { kind: 'string', value: term.value, language: '', term };
  const numericType = getNumericType(datatype);
  if (numericType !== undefined) {
    const numeric = parseNumeric(term.value, numericType);
    return numeric === undefined ? { kind: 'other', term } : { kind: 'numeric', numeric, term };
  }
  if (datatype === XSD_BOOLEAN) {
    if (term.value === 'true' || term.value === '1') return { kind: 'boolean', value: true, term };
    if (term.value === 'false' || term.value === '0') return { kind: 'boolean', value: false, term };
    return { kind: 'other', term };
  }
  if (datatype === XSD_DATE_TIME) {
    const dateTime = parseDateTime(term.value);
    return dateTime === undefined ? { kind: 'other', term } : { kind: 'dateTime', dateTime, term };
  }
  return { kind: 'other', term };
}

/** The RDF term of a value (made once and remembered). */
export function valueToTerm(value: Value): RDF.Term {
  if (value.term !== undefined) return value.term;
  if (value.kind === 'iri' || value.kind === 'blank' || value.kind === 'dateTime' || value.kind === 'other')
    return value.term;
  let term: RDF.Literal;
  switch (value.kind) {
    case 'string':
      term = DataFactory.literal(value.value, value.language === '' ? undefined : value.language);
      break;
    case 'numeric':
      term = DataFactory.literal(
        formatNumeric(value.numeric),
        DataFactory.namedNode(getNumericDatatype(value.numeric.type)),
      );
      break;
    case 'boolean':
      term = DataFactory.literal(String(value.value), DataFactory.namedNode(XSD_BOOLEAN));
      break;
  }
  (value as { term?: RDF.Literal }).term = term;
  return term;
}

/** The N3 id of any RDF/JS term (`"12.5"^^<...#decimal>` without brackets, IRIs as is). */
export function getTermId(term: RDF.Term): string {
  return termToId(term as N3Term);
}

/** Makes a numeric value. */
export function numericValue(numeric: Numeric): Value {
  return { kind: 'numeric', numeric };
}

/** Makes a simple literal (xsd:string) or language-tagged string value. */
export function stringValue(value: string, language = ''): Value {
  return { kind: 'string', value, language };
}

/** Makes an xsd:boolean value. */
export function booleanValue(value: boolean): Value {
  return value ? TRUE : FALSE;
}

const TRUE: Value = { kind: 'boolean', value: true };
const FALSE: Value = { kind: 'boolean', value: false };

/**
 * The effective boolean value of a value (SPARQL 17.2.2).
 * @returns true or false, or undefined for a type error
 */
export function getEffectiveBooleanValue(value: Value): boolean | undefined {
  switch (value.kind) {
    case 'boolean':
      return value.value;
    case 'string':
      return value.language === '' ? value.value.length > 0 : undefined;
    case 'numeric':
      return !(value.numeric.num === 0 || Number.isNaN(value.numeric.num));
    default:
      return undefined;
  }
}

function sameTerm(left: RDF.Term, right: RDF.Term): boolean {
  return left.equals(right);
}

/**
 * The `=` operator: value equality for known datatypes, RDF term equality otherwise.
 * @returns true or false, or undefined for a type error (two different literals that cannot be compared)
 */
export function areValuesEqual(left: Value, right: Value): boolean | undefined {
  if (left.kind === 'numeric' && right.kind === 'numeric') return compareNumerics(left.numeric, right.numeric) === 0;
  if (left.kind === 'dateTime' && right.kind === 'dateTime')
    return compareDateTimes(left.dateTime, right.dateTime) === 0;
  if (left.kind === 'boolean' && right.kind === 'boolean') return left.value === right.value;
  if (left.kind === 'string' && right.kind === 'string') {
    if (left.language === '' && right.language === '') return left.value === right.value;
    return left.value === right.value && left.language.toLowerCase() === right.language.toLowerCase();
  }
  const leftTerm = valueToTerm(left);
  const rightTerm = valueToTerm(right);
  if (sameTerm(leftTerm, rightTerm)) return true;
  // Two different literals that cannot be compared as values (different kinds, unknown datatypes) are a
  // type error (RDFterm-equal, SPARQL 17.4.1.7), as in Comunica; an IRI is simply not equal to a literal.
  if (leftTerm.termType === 'Literal' && rightTerm.termType === 'Literal') return undefined;
  return false;
}

/**
 * The `<` family of operators over numbers, simple strings, booleans and dateTimes.
 * @returns negative, zero or positive, or undefined for a type error (NaN compares as an error-free false)
 */
export function compareValues(left: Value, right: Value): number | undefined {
  if (left.kind === 'numeric' && right.kind === 'numeric') return compareNumerics(left.numeric, right.numeric);
  if (left.kind === 'dateTime' && right.kind === 'dateTime') return compareDateTimes(left.dateTime, right.dateTime);
  if (left.kind === 'boolean' && right.kind === 'boolean') return Number(left.value) - Number(right.value);
  if (left.kind === 'string' && right.kind === 'string') {
    // As Comunica 5 does: simple strings by locale order, language-tagged strings by code units, then tag.
    if (left.language === '' && right.language === '') return Math.sign(left.value.localeCompare(right.value));
    if (left.language === '' || right.language === '') return undefined;
    if (left.value !== right.value) return left.value < right.value ? -1 : 1;
    return left.language === right.language ? 0 : left.language < right.language ? -1 : 1;
  }
  return undefined;
}

const KIND_ORDER = { blank: 1, iri: 2 } as const;

function datatypeOf(term: RDF.Term): string {
  return term.termType === 'Literal' ? term.datatype.value : '';
}

/**
 * The ORDER BY order (SPARQL 15.1), as Comunica 5 implements it: unbound < blank nodes < IRIs <
 * literals; IRIs and blank nodes by their string; literals by value where `<` applies (0 when neither
 * is smaller, e.g. 1 and 1.0), otherwise by datatype IRI, then lexical form.
 */
export function compareForOrdering(left: Value | undefined, right: Value | undefined): number {
  if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? -1 : 1;
  const leftRank = left.kind === 'blank' || left.kind === 'iri' ? KIND_ORDER[left.kind] : 3;
  const rightRank = right.kind === 'blank' || right.kind === 'iri' ? KIND_ORDER[right.kind] : 3;
  if (leftRank !== rightRank) return leftRank - rightRank;
  const compared = compareValues(left, right);
  if (compared !== undefined) return Number.isNaN(compared) ? 0 : compared;
  const leftTerm = valueToTerm(left);
  const rightTerm = valueToTerm(right);
  const leftType = datatypeOf(leftTerm);
  const rightType = datatypeOf(rightTerm);
  if (leftType !== rightType) return leftType < rightType ? -1 : 1;
  return leftTerm.value === rightTerm.value ? 0 : leftTerm.value < rightTerm.value ? -1 : 1;
}
