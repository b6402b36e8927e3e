/** What went wrong, as a stable code callers can switch on. */
export type PodErrorCode =
  | 'invalid-data'
  | 'server-unreachable'
  | 'account-api'
  | 'wrong-password'
  | 'auth'
  | 'http'
  | 'not-found'
  | 'forbidden'
  | 'invalid-argument'
  | 'operator';

/** Root error of `@sdt/pod`: a `code`, an optional HTTP `statusCode`, and the `cause`. */
export class PodError extends Error {
  public readonly code: PodErrorCode;
  public readonly statusCode?: number;

  public constructor(code: PodErrorCode, message: string, options: { statusCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PodError';
    this.code = code;
    if (options.statusCode !== undefined) {
      this.statusCode = options.statusCode;
    }
  }

  /** Duck-typed check that survives duplicated copies of this package. */
  public static isInstance(error: unknown): error is PodError {
    return (
      typeof error === 'object' &&
      error !== null &&
      typeof (error as { code?: unknown }).code === 'string' &&
      (error as { name?: unknown }).name !== undefined &&
      String((error as { name?: unknown }).name).startsWith('Pod')
    );
  }
}

/** Pod data that does not have the expected shape (names the subject and the property). */
export class PodDataError extends PodError {
  public constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid-data', message, options);
    this.name = 'PodDataError';
  }
}
