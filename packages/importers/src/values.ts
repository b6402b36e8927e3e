/**
 * Checked reading of provider values: every field goes through one of these, so that a bad value
 * always becomes an `ImportError` naming the file, line or JSON path, and the field.
 */
import { ImportError, type ImportErrorCode } from './ImportError.ts';

/** Where a value sits: a CSV line or a JSON path, in a named file. */
export interface Location {
  readonly file: string;
  readonly line?: number;
  readonly jsonPath?: string;
}

/** Throws an `ImportError` at `location`. */
export function fail(
  location: Location,
  code: ImportErrorCode,
  field: string | undefined,
  reason: string,
  cause?: unknown,
): never {
  throw new ImportError({
    code,
    file: location.file,
    ...(location.line === undefined ? {} : { line: location.line }),
    ...(location.jsonPath === undefined ? {} : { jsonPath: location.jsonPath }),
    ...(field === undefined ? {} : { field }),
    reason,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A short, safe rendering of a bad value for an error message (numbers, dates, units only). */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return JSON.stringify(short);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the value is absent: `undefined`, `null` or a blank string. */
export function isMissing(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * A finite number from a JSON number or a decimal string with a dot (`12.5`); `12,5`, `abc`, `NaN`,
 * `Infinity` are refused.
 * @throws ImportError `missing-field` or `not-a-number`
 */
export function readNumber(raw: unknown, location: Location, field: string): number {
  if (isMissing(raw)) fail(location, 'missing-field', field, 'the value is missing');
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && DECIMAL.test(raw.trim())) value = Number(raw.trim());
  else return fail(location, 'not-a-number', field, `${quote(raw)} is not a number (use a dot as decimal separator)`);
  if (!Number.isFinite(value)) fail(location, 'not-a-number', field, `${quote(raw)} is not a finite number`);
  return value;
}

/**
 * A number that is zero or more.
 * @throws ImportError `missing-field`, `not-a-number` or `negative-value`
 */
export function readNonNegative(raw: unknown, location: Location, field: string): number {
  const value = readNumber(raw, location, field);
  if (value < 0) fail(location, 'negative-value', field, `${quote(raw)} is negative`);
  // -0 would print as "0" but compare oddly in signatures.
  return value === 0 ? 0 : value;
}

/**
 * A number that is more than zero.
 * @throws ImportError `missing-field`, `not-a-number`, `negative-value` or `invalid-value`
 */
export function readPositive(raw: unknown, location: Location, field: string): number {
  const value = readNonNegative(raw, location, field);
  if (value === 0) fail(location, 'invalid-value', field, 'the value must be more than zero');
  return value;
}

/** A non-negative number, or `undefined` when absent. */
export function readOptionalNonNegative(raw: unknown, location: Location, field: string): number | undefined {
  return isMissing(raw) ? undefined : readNonNegative(raw, location, field);
}

/**
 * A non-blank string (trimmed).
 * @throws ImportError `missing-field` or `invalid-value`
 */
export function readString(raw: unknown, location: Location, field: string): string {
  if (isMissing(raw)) fail(location, 'missing-field', field, 'the value is missing');
  if (typeof raw !== 'string') fail(location, 'invalid-value', field, 'the value must be a string');
  return raw.trim();
}

/** A string or `undefined` when absent. */
export function readOptionalString(raw: unknown, location: Location, field: string): string | undefined {
  return isMissing(raw) ? undefined : readString(raw, location, field);
}

/**
 * An integer year between `min` and `max`.
 * @throws ImportError
 */
export function readYear(raw: unknown, location: Location, field: string, min = 1000, max = 2100): number {
  const value = readNumber(raw, location, field);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(location, 'invalid-date', field, `${quote(raw)} is not a year between ${min} and ${max}`);
  return value;
}

/** Plain-object check for JSON values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value as a JSON object.
 * @throws ImportError `missing-field` or `invalid-structure`
 */
export function readObject(raw: unknown, location: Location, field: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === null) fail(location, 'missing-field', field, 'the object is missing');
  if (!isRecord(raw)) fail(location, 'invalid-structure', field, 'an object was expected');
  return raw;
}

/** Rounds to `digits` decimals, avoiding `0.1 + 0.2` noise in stored values. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Appends `.field` or `["odd field"]` to a JSON path. */
export function joinJsonPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
