import { GrantAccessError, type RefusedRead } from './GrantAccessError.ts';

/** No grant covers this read: the citizen has not approved a request (or refused it). Code `not-granted`. */
export class NotGrantedError extends GrantAccessError {
  public constructor(message: string, read: RefusedRead, options: { statusCode?: number; cause?: unknown } = {}) {
    super('not-granted', message, read, options);
    this.name = 'NotGrantedError';
  }
}
