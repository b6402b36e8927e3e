import 'server-only';
import { Session } from '@inrupt/solid-client-authn-node';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getEnv } from '../env.ts';
import { AUTH_PATHS } from '../lib/buildClientIdDocument.ts';
import { SessionStore, type PortalSession } from './SessionStore.ts';

/** Name of the cookie holding the opaque session id (httpOnly, SameSite=Lax). */
export const SESSION_COOKIE = 'sdt_session';
/** A session unused for 30 minutes is ended. */
const IDLE_TIMEOUT_MS = 30 * 60_000;

/** A signed-in citizen: who, where the pod is, and a fetch that carries the citizen's DPoP-bound token. */
export interface CitizenSession {
  readonly id: string;
  readonly webId: string;
  readonly podUrl: string;
  readonly issuer: string;
  readonly fetch: typeof globalThis.fetch;
}

/**
 * The process-wide session store. Kept on `globalThis` because Next may load this module once per route
 * bundle; every route and page must see the same sessions.
 */
export function getSessionStore(): SessionStore {
  const key = Symbol.for('sdt.portal.sessionStore');
  const holder = globalThis as unknown as Record<symbol, SessionStore | undefined>;
  holder[key] ??= new SessionStore(IDLE_TIMEOUT_MS);
  return holder[key];
}

/** Cookie attributes: httpOnly, SameSite=Lax (the IdP's redirect back is a top-level GET), Secure on https. */
export function sessionCookieOptions(): { httpOnly: true; sameSite: 'lax'; secure: boolean; path: string } {
  return { httpOnly: true, sameSite: 'lax', secure: getEnv().portalUrl.startsWith('https:'), path: '/' };
}

/**
 * Starts the Solid-OIDC authorization-code flow (PKCE, DPoP) for a new session.
 *
 * @param issuer - the citizen's identity provider (their territory's pod server)
 * @param locale - the language to come back to
 * @returns the session id to put in the cookie and the identity provider URL to redirect to
 */
export async function beginLogin(issuer: string, locale: string): Promise<{ sessionId: string; redirectTo: string }> {
  const { portalUrl } = getEnv();
  const store = getSessionStore();
  const sessionId = SessionStore.createId();
  const session = new Session({ storage: store, keepAlive: true }, sessionId);
  let redirectTo: string | undefined;
  await session.login({
    oidcIssuer: issuer,
    redirectUrl: new URL(AUTH_PATHS.callback, portalUrl).href,
    clientId: new URL(AUTH_PATHS.clientId, portalUrl).href,
    clientName: 'Portail Self Data Territorial',
    tokenType: 'DPoP',
    handleRedirect: (url: string) => {
      redirectTo = url;
    },
  });
  if (!redirectTo) throw new Error('The identity provider gave no authorization URL.');
  store.add({ id: sessionId, session, locale, issuer, lastSeen: Date.now() });
  return { sessionId, redirectTo };
}

/**
 * Completes the flow on the callback: exchanges the code for tokens (kept server-side).
 *
 * @param sessionId - the cookie's value
 * @param callbackUrl - the full callback URL as the identity provider sent it (public origin)
 * @returns the session, signed in, or undefined when the flow failed or the session is unknown
 */
export async function completeLogin(sessionId: string | undefined, callbackUrl: string): Promise<PortalSession | undefined> {
  const entry = getSessionStore().find(sessionId);
  if (!entry) return undefined;
  const info = await entry.session.handleIncomingRedirect(callbackUrl);
  if (!info?.isLoggedIn || !info.webId) return undefined;
  entry.webId = info.webId;
  return entry;
}

/**
 * The signed-in citizen of this request, or undefined (no cookie, unknown, idle or not finished).
 * Server components, actions and routes call this before touching the pod.
 */
export async function getCitizenSession(): Promise<CitizenSession | undefined> {
  const id = (await cookies()).get(SESSION_COOKIE)?.value;
  const entry = getSessionStore().find(id);
  if (!entry?.webId || !entry.podUrl || !entry.session.info.isLoggedIn) return undefined;
  return { id: entry.id, webId: entry.webId, podUrl: entry.podUrl, issuer: entry.issuer, fetch: entry.session.fetch };
}

/**
 * The signed-in citizen, or a redirect to the home page's sign-in (pages only).
 *
 * @param locale - the page's locale
 */
export async function requireCitizenSession(locale: string): Promise<CitizenSession> {
  const citizen = await getCitizenSession();
  if (!citizen) redirect(`/${locale}?signin=required`);
  return citizen;
}
