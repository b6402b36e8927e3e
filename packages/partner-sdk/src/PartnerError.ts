/** What went wrong, as a stable code callers can switch on. */
export type PartnerErrorCode =
  /** A service description breaks a rule; `issues` name the JSON paths at fault. */
  | 'invalid-description'
  /** No grant covers this citizen (never asked, not answered yet, or refused). */
  | 'not-granted'
  /** The grant's validity window has ended. */
  | 'grant-expired'
  /** The citizen revoked the grant. */
  | 'grant-revoked'
  /** The grant exists but does not cover this category (or mode). */
  | 'out-of-scope'
  /** The citizen's data does not have the expected shape (reported, never crashed on). */
  | 'invalid-data'
  /** A caller's argument is wrong. */
  | 'invalid-argument'
  /** The pod server refused the partner's credentials or account. */
  | 'auth'
  /** The pod server cannot be reached or answered an unexpected status. */
  | 'server';

/**
 * Root error of `@sdt/partner-sdk`: a `code`, an optional HTTP `statusCode`, and the `cause`.
 * Use {@link PartnerError.isInstance} rather than `instanceof` (survives duplicated packages).
 */
export class PartnerError extends Error {
  public readonly code: PartnerErrorCode;
  public readonly statusCode: number | undefined;

  public constructor(code: PartnerErrorCode, message: string, options: { statusCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PartnerError';
    this.code = code;
    this.statusCode = options.statusCode;
  }

  /** Duck-typed check that survives several copies of this package in one process. */
  public static isInstance(error: unknown): error is PartnerError {
    return (
      typeof error === 'object' &&
      error !== null &&
      typeof (error as { code?: unknown }).code === 'string' &&
      typeof (error as { name?: unknown }).name === 'string' &&
      /^(Partner|NotGranted|GrantExpired|GrantRevoked|OutOfScope|ServiceDescription)Error$/.test(
        (error as { name: string }).name,
      )
    );
  }
}
