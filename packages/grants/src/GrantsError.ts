/** What went wrong, as a stable code callers can switch on. */
export type GrantsErrorCode =
  /** An access request breaks a rule (bad Turtle, missing purpose, unknown category...); `field` names it. */
  | 'invalid-request'
  /** A caller's argument is wrong (a wider category than asked, an end after the request's...); `field` names it. */
  | 'invalid-argument'
  /** A grant, request or receipt in a pod does not have the expected shape. */
  | 'invalid-data'
  /** The citizen's WebID profile names no inbox (`ldp:inbox`). */
  | 'no-inbox'
  /** The request was already approved or refused. */
  | 'already-answered'
  /** The grant was already revoked. */
  | 'already-revoked'
  /** The resource does not exist. */
  | 'not-found'
  /** The server refused the request (401/403). */
  | 'forbidden'
  /** The receipt could not be delivered to the requestor's inbox. */
  | 'delivery-failed'
  /** The server cannot be reached. */
  | 'server-unreachable'
  /** Any other unexpected HTTP status. */
  | 'http';

/**
 * Root error of `@sdt/grants`: a `code`, the `field` at fault when there is one (e.g. `purpose`,
 * `replyTo`, `categories`), an optional HTTP `statusCode`, and the `cause`.
 * Use {@link GrantsError.isInstance} rather than `instanceof` (survives duplicated packages).
 */
export class GrantsError extends Error {
  public readonly code: GrantsErrorCode;
  public readonly field: string | undefined;
  public readonly statusCode: number | undefined;

  public constructor(
    code: GrantsErrorCode,
    message: string,
    options: { field?: string; statusCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GrantsError';
    this.code = code;
    this.field = options.field;
    this.statusCode = options.statusCode;
  }

  /** Duck-typed check that survives several copies of this package in one process. */
  public static isInstance(error: unknown): error is GrantsError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'GrantsError' &&
      typeof (error as { code?: unknown }).code === 'string'
    );
  }
}

/** Shorthand for an `invalid-request` error naming its field. */
export function invalidRequest(field: string, message: string, cause?: unknown): GrantsError {
  return new GrantsError('invalid-request', `Invalid access request: ${field}: ${message}`, {
    field,
    ...(cause === undefined ? {} : { cause }),
  });
}
