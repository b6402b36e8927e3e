import type { Credentials } from '@solid/community-server';
import type { GrantMode } from './grantRecords';

/**
 * Remembers, for the length of a request, which grant gave which mode on which resource, so that
 * the access log can name the grant used. Keyed by the request's credentials object (CSS extracts
 * it once per request and passes the same object to the permission reader and the authorizer).
 */
export class GrantDecisions {
  private readonly decisions = new WeakMap<Credentials, Map<string, Partial<Record<GrantMode, string>>>>();

  /** Records that `grantIri` gave `mode` on `path` to these credentials. */
  public record(credentials: Credentials, path: string, mode: GrantMode, grantIri: string): void {
    let byPath = this.decisions.get(credentials);
    if (!byPath) {
      byPath = new Map();
      this.decisions.set(credentials, byPath);
    }
    const modes = byPath.get(path) ?? {};
    modes[mode] ??= grantIri;
    byPath.set(path, modes);
  }

  /**
   * Returns the grant that gave these credentials one of `modes` on `path`, if any.
   */
  public findGrant(credentials: Credentials, path: string, modes: Iterable<GrantMode>): string | undefined {
    const byMode = this.decisions.get(credentials)?.get(path);
    if (!byMode) {
      return undefined;
    }
    for (const mode of modes) {
      const grant = byMode[mode];
      if (grant) {
        return grant;
      }
    }
    return undefined;
  }
}
