/** What went wrong, for {@link PortalError}. */
export type PortalErrorCode = 'invalid-env';

/** Root error of the portal: a `code` to branch on and a message naming the field at fault. */
export class PortalError extends Error {
  public readonly code: PortalErrorCode;

  /**
   * @param code - what went wrong
   * @param message - a sentence naming the field (e.g. the environment variable) at fault
   * @param options - the underlying error, if any
   */
  public constructor(code: PortalErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PortalError';
    this.code = code;
  }

  /** Whether `error` is a portal error (duck-typed, so that it survives duplicated module copies). */
  public static isInstance(error: unknown): error is PortalError {
    return (
      error instanceof Error &&
      error.name === 'PortalError' &&
      typeof (error as { code?: unknown }).code === 'string'
    );
  }
}
