/** What went wrong while reading a provider file. */
export type ImportErrorCode =
  /** The file holds no bytes (or only white space). */
  | 'empty-file'
  /** The content matches none of the supported formats. */
  | 'unknown-format'
  /** The content is a supported format, but not one the caller accepts here (`expectedFormats`). */
  | 'unexpected-format'
  /** The bytes are not valid UTF-8. */
  | 'encoding'
  /** The JSON or CSV syntax is broken. */
  | 'malformed'
  /** The file ends in the middle of a value, row or structure. */
  | 'truncated'
  /** A required field is absent, null or empty. */
  | 'missing-field'
  /** A field that must be a number is not one (e.g. `12,5`). */
  | 'not-a-number'
  /** A date or time is missing its parts, impossible (`2025-02-30`) or does not exist locally. */
  | 'invalid-date'
  /** A quantity that cannot be negative is. */
  | 'negative-value'
  /** A unit that the format does not define. */
  | 'unknown-unit'
  /** A field holds a value outside what the format allows (unknown mode, label, kind...). */
  | 'invalid-value'
  /** The same instant appears twice with different values. */
  | 'duplicate-timestamp'
  /** The structure is valid JSON/CSV but not what the format describes. */
  | 'invalid-structure'
  /** The file holds several candidate records where one is expected. */
  | 'ambiguous'
  /** Reading the file failed (I/O), or it changed between the check and the import. */
  | 'read-failed'
  /** A resource the import would write does not conform to its SHACL shape (nothing is written). */
  | 'invalid-resource'
  /** A resource changed in the pod while the import ran (ETag no longer matches): nothing is written. */
  | 'conflict'
  /** Writing to the pod failed; the pod was restored as it was. */
  | 'write-failed'
  /** Another import into the same pod has not finished (or crashed less than the lease ago). */
  | 'import-in-progress';

/** Where in a file an error was found. */
export interface ImportErrorDetails {
  code: ImportErrorCode;
  /** File name as given by the caller (never the full content). */
  file: string;
  /** 1-based line (CSV). */
  line?: number;
  /** JSON path, e.g. `$.meter_reading.interval_reading[12].value` (JSON). */
  jsonPath?: string;
  /** Name of the field, e.g. `value`, `Horodate`. */
  field?: string;
  /** What is wrong, without the location (added by the constructor). */
  reason: string;
  cause?: unknown;
}

/**
 * The root error of `@sdt/importers`: every refusal of a file is one of these, with a `code` and a
 * message naming the file, the line or JSON path, and the field.
 */
export class ImportError extends Error {
  public readonly code: ImportErrorCode;
  public readonly file: string;
  public readonly line: number | undefined;
  public readonly jsonPath: string | undefined;
  public readonly field: string | undefined;
  public readonly reason: string;

  public constructor(details: ImportErrorDetails) {
    super(formatImportErrorMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ImportError';
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.jsonPath = details.jsonPath;
    this.field = details.field;
    this.reason = details.reason;
  }

  /** Duck-typed check that survives duplicated copies of this package. */
  public static isInstance(error: unknown): error is ImportError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'ImportError' &&
      typeof (error as { code?: unknown }).code === 'string' &&
      typeof (error as { file?: unknown }).file === 'string'
    );
  }
}

function formatImportErrorMessage(details: ImportErrorDetails): string {
  const where: string[] = [details.file];
  if (details.line !== undefined) where.push(`line ${details.line}`);
  if (details.jsonPath !== undefined) where.push(`at ${details.jsonPath}`);
  if (details.field !== undefined) where.push(`field "${details.field}"`);
  return `${where.join(', ')}: ${details.reason}`;
}
