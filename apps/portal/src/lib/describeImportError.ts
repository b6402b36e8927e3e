/** What the upload page shows of a refused file: a sentence key and where in the file. */
export interface ImportProblem {
  /** One of the importers' error codes (`unknown-format`, `not-a-number`…), or `failed`. */
  readonly code: string;
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly jsonPath?: string;
  /** The importer's own explanation (English), shown as a detail under the French sentence. */
  readonly detail?: string;
}

/** The importers' error codes the upload page has a sentence for. */
export const IMPORT_ERROR_CODES = [
  'empty-file',
  'unknown-format',
  'unexpected-format',
  'encoding',
  'malformed',
  'truncated',
  'missing-field',
  'not-a-number',
  'invalid-date',
  'negative-value',
  'unknown-unit',
  'invalid-value',
  'duplicate-timestamp',
  'invalid-structure',
  'ambiguous',
  'read-failed',
  'invalid-resource',
  'conflict',
  'write-failed',
  'import-in-progress',
  'too-large',
  'no-file',
  'failed',
] as const;

/**
 * Reduces an import error to what the page shows: its code (or `failed` for an unknown one), the file,
 * and the line, field or JSON path when the importer named them.
 *
 * @param error - what `importFiles` threw (an `ImportError` carries `code`, `file`, `line`, `field`…)
 * @param fallbackFile - the file name to name when the error does not
 */
export function describeImportError(error: unknown, fallbackFile: string): ImportProblem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const known = typeof e.code === 'string' && (IMPORT_ERROR_CODES as readonly string[]).includes(e.code) && e.name === 'ImportError';
  return {
    code: known ? (e.code as string) : 'failed',
    file: typeof e.file === 'string' && e.file ? e.file : fallbackFile,
    ...(typeof e.line === 'number' ? { line: e.line } : {}),
    ...(typeof e.field === 'string' ? { field: e.field } : {}),
    ...(typeof e.jsonPath === 'string' ? { jsonPath: e.jsonPath } : {}),
    ...(known && typeof e.reason === 'string' ? { detail: e.reason.slice(0, 300) } : {}),
  };
}
