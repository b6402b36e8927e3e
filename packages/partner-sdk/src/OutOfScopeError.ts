import { GrantAccessError, type RefusedRead } from './GrantAccessError.ts';

/** The grant does not cover this category or mode. Code `out-of-scope`. */
export class OutOfScopeError extends GrantAccessError {
  public constructor(message: string, read: RefusedRead, options: { statusCode?: number; cause?: unknown } = {}) {
    super('out-of-scope', message, read, options);
    this.name = 'OutOfScopeError';
  }
}
