import 'server-only';
import { randomBytes } from 'node:crypto';
import type { IStorage } from '@inrupt/solid-client-authn-node';
import type { Session } from '@inrupt/solid-client-authn-node';

/** What the portal knows about a signed-in citizen (never a token: those stay inside the Session). */
export interface PortalSession {
  readonly id: string;
  /** The Solid-OIDC session; `session.fetch` carries DPoP-bound tokens to the pod server. */
  readonly session: Session;
  /** Language of the page that started the sign-in, for the redirect after the callback. */
  readonly locale: string;
  readonly issuer: string;
  webId?: string;
  podUrl?: string;
  lastSeen: number;
}

/**
 * Server-side session store: an `IStorage` for `@inrupt/solid-client-authn-node` (tokens, PKCE verifier,
 * DPoP key) and the live `Session` objects, both keyed by an opaque random id which is all the browser
 * ever holds (in an httpOnly cookie). In memory: a restart signs everyone out, which is the safe
 * failure for a single-process portal; a cluster would back the `IStorage` with Redis.
 */
export class SessionStore implements IStorage {
  private readonly values = new Map<string, string>();
  private readonly sessions = new Map<string, PortalSession>();

  /**
   * @param idleTimeoutMs - a session unused for this long is ended
   * @param now - clock (tests)
   */
  public constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new opaque session id: 32 random bytes, base64url. */
  public static createId(): string {
    return randomBytes(32).toString('base64url');
  }

  public async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  public async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  public async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  /** Keeps a session started by the login route. */
  public add(entry: PortalSession): void {
    this.sweep();
    this.sessions.set(entry.id, entry);
  }

  /**
   * The session of an id, if it exists and has not been idle too long (then it is ended).
   *
   * @param id - the cookie's value
   */
  public find(id: string | undefined): PortalSession | undefined {
    if (!id) return undefined;
    const entry = this.sessions.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.lastSeen > this.idleTimeoutMs) {
      void this.end(id);
      return undefined;
    }
    entry.lastSeen = this.now();
    return entry;
  }

  /** Ends a session: logs the Solid session out (drops its tokens and timers) and forgets every key of it. */
  public async end(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    this.sessions.delete(id);
    if (entry) await entry.session.logout({ logoutType: 'app' }).catch(() => undefined);
    // The library keys a login's PKCE state by the OAuth `state`, whose value names the session id.
    for (const [key, value] of [...this.values]) {
      if (key.includes(id) || value.includes(id)) this.values.delete(key);
    }
  }

  /** Ends every idle session (called when a session is added, so memory stays bounded by activity). */
  public sweep(): void {
    const limit = this.now() - this.idleTimeoutMs;
    for (const [id, entry] of this.sessions) {
      if (entry.lastSeen < limit) void this.end(id);
    }
  }
}
