/** What went wrong, as a stable machine-readable code. */
export type SynthErrorCode =
  'unknown-territory' | 'invalid-index' | 'invalid-count' | 'invalid-end-month' | 'invalid-months' | 'invalid-seed';

/** The error thrown by `@sdt/synth` for bad options; the message names the field. */
export class SynthError extends Error {
  public readonly code: SynthErrorCode;
  /** The option or argument at fault, e.g. `options.endMonth`. */
  public readonly field: string;

  public constructor(code: SynthErrorCode, field: string, message: string, options?: { cause?: unknown }) {
    super(`${field}: ${message}`, options);
    this.name = 'SynthError';
    this.code = code;
    this.field = field;
  }

  /** Duck-typed check that survives duplicated copies of this package. */
  public static isInstance(error: unknown): error is SynthError {
    return (
      error instanceof Error && error.name === 'SynthError' && typeof (error as { code?: unknown }).code === 'string'
    );
  }
}
