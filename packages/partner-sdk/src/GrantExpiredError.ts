import { GrantAccessError, type RefusedRead } from './GrantAccessError.ts';

/** The grant has expired: its validity window is over. Code `grant-expired`. */
export class GrantExpiredError extends GrantAccessError {
  public constructor(message: string, read: RefusedRead, options: { statusCode?: number; cause?: unknown } = {}) {
    super('grant-expired', message, read, options);
    this.name = 'GrantExpiredError';
  }
}
