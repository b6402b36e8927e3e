/** What went wrong, as a stable code callers can switch on. */
export type VocabErrorCode =
  /** A Turtle document could not be parsed (the message names the line). */
  | 'parse-error'
  /** A vocabulary file (ontology, shape, catalogue) is missing or unreadable. */
  | 'file-error'
  /** The shapes graph could not be compiled by the SHACL engine. */
  | 'shapes-error';

/**
 * Root error of `@sdt/vocab`. Carries a `code`, an optional `line` (for parse errors) and the `cause`.
 * Use {@link VocabError.isInstance} rather than `instanceof`, which fails across duplicated packages.
 */
export class VocabError extends Error {
  public readonly code: VocabErrorCode;
  /** 1-based line of a parse error, when known. */
  public readonly line: number | undefined;

  public constructor(code: VocabErrorCode, message: string, options: { cause?: unknown; line?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VocabError';
    this.code = code;
    this.line = options.line;
  }

  /** Duck-typed check that survives several copies of this package in one process. */
  public static isInstance(error: unknown): error is VocabError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'VocabError' &&
      typeof (error as { code?: unknown }).code === 'string'
    );
  }
}
