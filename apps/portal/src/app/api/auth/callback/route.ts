import { NextResponse, type NextRequest } from 'next/server';
import { readCatalog, setUpLayout } from '@sdt/pod';
import { getEnv } from '../../../../env.ts';
import { AUTH_PATHS } from '../../../../lib/buildClientIdDocument.ts';
import { SESSION_COOKIE, completeLogin, getSessionStore } from '../../../../server/auth.ts';
import { findPodUrl } from '../../../../server/findPodUrl.ts';

/**
 * GET /api/auth/callback: the identity provider sends the browser back here with a code. The code is
 * exchanged for DPoP-bound tokens server-side; the pod is found; a pod without the platform's layout
 * (signed up directly on the pod server) gets it now and the citizen sees the welcome page explaining it.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const env = getEnv();
  const sessionId = request.cookies.get(SESSION_COOKIE)?.value;
  // The library checks `state` and `iss` against what it stored at login; the URL must be the public one.
  const callbackUrl = new URL(AUTH_PATHS.callback, env.portalUrl);
  callbackUrl.search = request.nextUrl.search;
  const failed = (locale: string, code: string): Response => {
    const response = NextResponse.redirect(new URL(`${locale}?signin=${code}#signin`, env.portalUrl), 303);
    response.cookies.delete(SESSION_COOKIE);
    return response;
  };

  let entry;
  try {
    entry = await completeLogin(sessionId, callbackUrl.href);
  } catch {
    entry = undefined;
  }
  if (!entry?.webId) {
    if (sessionId) await getSessionStore().end(sessionId);
    return failed('fr', request.nextUrl.searchParams.has('error') ? 'denied' : 'failed');
  }
  const locale = entry.locale === 'en' ? 'en' : 'fr';
  const podUrl = await findPodUrl(entry.webId, entry.session.fetch);
  if (!podUrl) {
    await getSessionStore().end(entry.id);
    return failed(locale, 'no-pod');
  }
  entry.podUrl = podUrl;
  try {
    const access = { podUrl, webId: entry.webId, fetch: entry.session.fetch };
    const catalog = await readCatalog(access);
    if (!catalog) {
      const report = await setUpLayout(access);
      const created = report.alreadyComplete ? 0 : report.created.length;
      return NextResponse.redirect(new URL(`${locale}/welcome?created=${created}`, env.portalUrl), 303);
    }
  } catch {
    // The pod answered oddly (e.g. not writable): the dashboard explains what it can.
  }
  return NextResponse.redirect(new URL(`${locale}/dashboard`, env.portalUrl), 303);
}
