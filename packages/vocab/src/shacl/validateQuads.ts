// The typings of shacl-engine (it ships none) must come along wherever this module is type-checked.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./shacl-engine.d.ts" />
/**
 * SHACL validation of records against every shape of `vocab/shapes/` at once, with shacl-engine.
 * The shapes are parsed and compiled once per process; each shape's `sh:targetClass` selects the
 * nodes it checks, so any mix of records can be validated in one call.
 */
import type { DatasetCore, Quad as RdfQuad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { Validator, type ShaclPathStep, type ShaclResult } from 'shacl-engine';
import { SH_NS } from '../namespaces.ts';
import { parseTurtle } from '../parseTurtle.ts';
import { loadShapes } from '../vocabularyFiles.ts';
import { VocabError } from '../VocabError.ts';

/** Severity of a validation result (`sh:Violation`, `sh:Warning`, `sh:Info`). */
export type ValidationSeverity = 'Violation' | 'Warning' | 'Info';

/** One failed constraint. */
export interface ValidationResult {
  /** IRI (or `_:label`) of the node that failed. */
  readonly focusNode: string;
  /** IRI of the property that failed (a path such as `a/b` for sequences), or null for node constraints. */
  readonly path: string | null;
  /** Message in the requested language (English by default), from the shape's `sh:message`. */
  readonly message: string;
  /** The message in every language the shape gives, keyed by language tag (`''` if untagged). */
  readonly messages: Readonly<Record<string, string>>;
  readonly severity: ValidationSeverity;
  /** IRI of the node shape that failed, e.g. `https://w3id.org/selfdata-territorial/shapes#TripShape`. */
  readonly shape: string;
  /** Local name of the SHACL constraint component, e.g. `MinCountConstraintComponent`. */
  readonly constraint: string;
  /** The offending value, when there is one (N-Triples-like rendering). */
  readonly value?: string;
  /**
   * For constraints on nested nodes (`sh:node`, e.g. the address of a citizen), the results of the
   * nested shape that say which field failed.
   */
  readonly details?: readonly ValidationResult[];
}

/** Outcome of a validation. */
export interface ValidationReport {
  readonly conforms: boolean;
  readonly results: readonly ValidationResult[];
}

/** Options of {@link validateQuads}. */
export interface ValidateOptions {
  /** Language of `message` (`fr` or `en`); default `en`. */
  readonly language?: string;
}

interface CompiledShapes {
  readonly validator: Validator;
  /** Property shape term (as string) -> IRI of the node shape that declares it. */
  readonly owners: ReadonlyMap<string, string>;
}

let compiled: CompiledShapes | undefined;

const factory = { ...DataFactory, dataset: (): DatasetCore => new Store() };

function compileShapes(): CompiledShapes {
  const quads = loadShapes();
  const owners = new Map<string, string>();
  for (const quad of quads) {
    if (quad.predicate.value === `${SH_NS}property`) owners.set(termKey(quad.object), quad.subject.value);
  }
  try {
    const validator = new Validator(new Store(quads), { factory });
    return { validator, owners };
  } catch (error: unknown) {
    throw new VocabError('shapes-error', 'The SHACL shapes of vocab/shapes could not be compiled', { cause: error });
  }
}

/** The compiled shapes, built on first use and kept for the life of the process. */
function getCompiledShapes(): CompiledShapes {
  compiled ??= compileShapes();
  return compiled;
}

function termKey(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function renderTerm(term: Term): string {
  if (term.termType === 'Literal') {
    const datatype = term.language ? `@${term.language}` : `^^<${term.datatype.value}>`;
    return `"${term.value}"${datatype}`;
  }
  return term.termType === 'NamedNode' ? `<${term.value}>` : termKey(term);
}

function renderPath(steps: ShaclPathStep[] | null | undefined): string | null {
  if (!steps || steps.length === 0) return null;
  return steps
    .map((step) => {
      const predicates = step.predicates.map((p) => p.value).join('|');
      const inverse = step.start === 'object' ? '^' : '';
      const quantifier = { one: '', zeroOrMore: '*', oneOrMore: '+', zeroOrOne: '?' }[step.quantifier];
      return `${inverse}${predicates}${quantifier}`;
    })
    .join('/');
}

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

function toResult(result: ShaclResult, owners: ReadonlyMap<string, string>, language: string): ValidationResult {
  const messages: Record<string, string> = {};
  for (const literal of result.message) messages[literal.language] = literal.value;
  const shapeTerm = result.shape.ptr.term;
  const shapeKey = shapeTerm ? termKey(shapeTerm) : '';
  const component = localName(result.constraintComponent.value);
  const path = renderPath(result.path);
  const message =
    messages[language] ?? messages.en ?? messages[''] ?? Object.values(messages)[0] ?? `${component} failed on ${path ?? 'the node'}`;
  const focus = result.focusNode.term;
  const value = result.value?.term;
  const details = component === 'NodeConstraintComponent' ? (result.results ?? []).map((nested) => toResult(nested, owners, language)) : [];
  return {
    focusNode: focus ? termKey(focus) : '',
    path,
    message,
    messages,
    severity: localName(result.severity.value) as ValidationSeverity,
    shape: owners.get(shapeKey) ?? shapeKey,
    constraint: component,
    ...(value ? { value: renderTerm(value) } : {}),
    ...(details.length > 0 ? { details } : {}),
  };
}

/**
 * Validates quads against all the platform's SHACL shapes.
 *
 * @param quads - the data graph (any RDF/JS quads; graphs are ignored)
 * @param options - `language` of the returned messages
 * @returns `conforms` and one result per failed constraint, with focus node, path, message and shape
 * @throws VocabError `file-error`, `parse-error` or `shapes-error` if the shapes themselves are broken
 */
export async function validateQuads(quads: Iterable<RdfQuad>, options: ValidateOptions = {}): Promise<ValidationReport> {
  const { validator, owners } = getCompiledShapes();
  const dataset = new Store();
  for (const quad of quads) dataset.add(DataFactory.quad(quad.subject, quad.predicate, quad.object));
  const report = await validator.validate({ dataset });
  const language = options.language ?? 'en';
  return { conforms: report.conforms, results: report.results.map((result) => toResult(result, owners, language)) };
}

/**
 * Parses Turtle and validates it against all the platform's SHACL shapes.
 *
 * @param turtle - the Turtle document
 * @param baseIri - base IRI of the document (its URL)
 * @param options - `language` of the returned messages
 * @throws VocabError `parse-error` naming the line when the Turtle is malformed
 */
export async function validateTurtle(turtle: string, baseIri: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  return validateQuads(parseTurtle(turtle, baseIri), options);
}
