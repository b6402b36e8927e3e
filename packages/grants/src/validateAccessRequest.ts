/**
 * Validation of access requests, the same on both sides: the partner checks before sending, the
 * citizen side checks again what arrives in the inbox (it comes from anyone authenticated).
 */
import type { Quad } from 'n3';
import {
  CATEGORIES,
  MAX_GRANT_YEARS,
  MAX_REQUEST_BYTES,
  SDT,
  VocabError,
  parseTurtle,
  validateQuads,
} from '@sdt/vocab';
import { checkReplyTo, type DestinationOptions } from './destinations.ts';
import { addDuration, maxGrantEnd, parseDuration } from './durations.ts';
import { GrantsError, invalidRequest } from './GrantsError.ts';
import { MODE_IRIS, type AccessRequest } from './model.ts';
import { findSubjects, readAccessRequest } from './rdf.ts';

/** Options of the request checks. */
export interface RequestCheckOptions extends DestinationOptions {
  /** Time of the check (default: now); durations and end dates are measured from it. */
  readonly now?: Date;
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  hasPurpose: 'purpose',
  hasLegalBasis: 'legalBasis',
  forCategory: 'categories',
  mode: 'modes',
  description: 'explanation',
};

function fieldOf(path: string | null): string {
  if (path === null) return 'duration';
  const local = path.slice(Math.max(path.lastIndexOf('#'), path.lastIndexOf('/')) + 1);
  return FIELD_NAMES[local] ?? local;
}

/**
 * Checks the rules SHACL cannot express: every mode allowed on every category, at most
 * {@link MAX_GRANT_YEARS} years of access, an end date still ahead, a `replyTo` that is http(s)
 * and not private or loopback (except the platform's servers).
 *
 * @throws GrantsError `invalid-request` naming the field
 */
export function checkRequestRules(request: AccessRequest, options: RequestCheckOptions = {}): void {
  const now = options.now ?? new Date();
  for (const category of request.categories) {
    const allowed = CATEGORIES[category].allowedModes;
    for (const mode of request.modes) {
      if (!allowed.includes(MODE_IRIS[mode])) {
        const names = allowed.map((iri) => iri.slice(iri.lastIndexOf('#') + 1).toLowerCase()).join(', ');
        throw invalidRequest('modes', `mode "${mode}" is not allowed on category "${category}" (allowed: ${names}).`);
      }
    }
  }
  const latest = maxGrantEnd(now);
  if (request.duration !== undefined) {
    const parts = parseDuration(request.duration);
    if (!parts)
      throw invalidRequest('duration', `"${request.duration}" is not a positive ISO 8601 duration such as P30D.`);
    if (addDuration(now, parts) > latest) {
      throw invalidRequest(
        'duration',
        `"${request.duration}" is longer than the platform maximum of ${MAX_GRANT_YEARS} years.`,
      );
    }
  }
  if (request.endDate !== undefined) {
    const end = new Date(request.endDate);
    if (Number.isNaN(end.getTime())) throw invalidRequest('endDate', `"${request.endDate}" is not a date-time.`);
    if (end <= now) throw invalidRequest('endDate', `"${request.endDate}" has already passed.`);
    if (end > latest) {
      throw invalidRequest(
        'endDate',
        `"${request.endDate}" is more than the platform maximum of ${MAX_GRANT_YEARS} years ahead.`,
      );
    }
  }
  checkReplyTo(request.replyTo, options);
}

/**
 * Validates quads holding one access request: the `AccessRequestShape` (SHACL), then
 * {@link checkRequestRules}.
 *
 * @returns the request
 * @throws GrantsError `invalid-request` naming the field at fault
 */
export async function validateAccessRequestQuads(
  quads: Quad[],
  options: RequestCheckOptions = {},
): Promise<AccessRequest> {
  const subjects = findSubjects(quads, SDT.AccessRequest);
  if (subjects.length !== 1) {
    throw invalidRequest(
      'type',
      subjects.length === 0
        ? 'the document holds no sdt:AccessRequest.'
        : 'the document holds several sdt:AccessRequest.',
    );
  }
  const report = await validateQuads(quads);
  if (!report.conforms) {
    const [first] = report.results;
    const others = report.results.length > 1 ? ` (and ${report.results.length - 1} more problems)` : '';
    throw invalidRequest(fieldOf(first?.path ?? null), `${first?.message ?? 'does not conform to the shape'}${others}`);
  }
  let request: AccessRequest;
  try {
    request = readAccessRequest(quads, subjects[0]!);
  } catch (error: unknown) {
    if (GrantsError.isInstance(error)) throw invalidRequest(error.field ?? 'request', error.message, error);
    throw error;
  }
  checkRequestRules(request, options);
  return request;
}

/**
 * Validates an access request given as Turtle: size (at most 64 KiB), syntax, shape and rules.
 *
 * @param baseIri - the document's URL (relative IRIs such as `<#request>` resolve against it)
 * @returns the request, with its IRI resolved against `baseIri`
 * @throws GrantsError `invalid-request` naming the field (`size`, `turtle` with the line, `purpose`...)
 */
export async function validateAccessRequestTurtle(
  turtle: string,
  baseIri: string,
  options: RequestCheckOptions = {},
): Promise<AccessRequest> {
  const bytes = Buffer.byteLength(turtle, 'utf8');
  if (bytes > MAX_REQUEST_BYTES) {
    throw invalidRequest('size', `${bytes} bytes is more than the maximum of ${MAX_REQUEST_BYTES} bytes (64 KiB).`);
  }
  let quads: Quad[];
  try {
    quads = parseTurtle(turtle, baseIri);
  } catch (error: unknown) {
    if (VocabError.isInstance(error)) throw invalidRequest('turtle', error.message, error);
    throw error;
  }
  return validateAccessRequestQuads(quads, options);
}
