import { GrantAccessError, type RefusedRead } from './GrantAccessError.ts';

/** The citizen revoked the grant. Code `grant-revoked`. */
export class GrantRevokedError extends GrantAccessError {
  public constructor(message: string, read: RefusedRead, options: { statusCode?: number; cause?: unknown } = {}) {
    super('grant-revoked', message, read, options);
    this.name = 'GrantRevokedError';
  }
}
