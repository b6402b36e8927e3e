import { NextResponse, type NextRequest } from 'next/server';
import { assertDeliverable } from '@sdt/grants';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { getEnv } from '../../../../env.ts';
import { formToObject, parseInput } from '../../../../lib/ActionResult.ts';
import { buildRedirectPage } from '../../../../lib/buildRedirectPage.ts';
import { isSameOriginRequest } from '../../../../lib/isSameOriginRequest.ts';
import { loginInputSchema } from '../../../../lib/schemas.ts';
import { SESSION_COOKIE, beginLogin, getSessionStore, sessionCookieOptions } from '../../../../server/auth.ts';

/**
 * POST /api/auth/login (form: `provider` = lyon | nantes | larochelle | other, `issuer` for other,
 * `locale`): starts the Solid-OIDC flow and redirects the browser to the identity provider. Answers
 * 303 back to the home page with `?signin=<code>` when the input or the provider is at fault.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const env = getEnv();
  if (!isSameOriginRequest(request.headers, env.portalUrl)) {
    return NextResponse.json({ ok: false, code: 'forbidden-origin', fieldErrors: {} }, { status: 403 });
  }
  const form = await request.formData().catch(() => new FormData());
  const input = parseInput(loginInputSchema, formToObject(form));
  const back = (locale: string, code: string): Response =>
    NextResponse.redirect(new URL(`${locale}?signin=${code}#signin`, env.portalUrl), 303);
  if (!input.ok) return back(formToObject(form).locale === 'en' ? 'en' : 'fr', 'invalid-input');
  const { provider, issuer, locale } = input.value;
  const issuerUrl = (TERRITORIES as readonly string[]).includes(provider)
    ? env.territoryUrls[provider as Territory]
    : (issuer ?? '');

  if (provider === 'other') {
    // The server fetches the provider's configuration: never a loopback or private address (SSRF),
    // except the platform's own servers; checked again after DNS resolution.
    try {
      await assertDeliverable(issuerUrl, { platformServers: Object.values(env.territoryUrls) });
    } catch {
      return back(locale, 'provider-unavailable');
    }
  }

  // A previous session in this browser ends now: one browser, one session.
  const previous = request.cookies.get(SESSION_COOKIE)?.value;
  if (previous) await getSessionStore().end(previous);

  let started: { sessionId: string; redirectTo: string };
  try {
    started = await beginLogin(issuerUrl, locale);
  } catch {
    // Unreachable server, not a Solid-OIDC provider, or refused client: say so on the home page.
    return back(locale, 'provider-unavailable');
  }
  const message = locale === 'en' ? 'Continue to your pod server' : 'Continuer vers votre serveur de pods';
  const response = new NextResponse(buildRedirectPage(started.redirectTo, message, locale), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
  response.cookies.set(SESSION_COOKIE, started.sessionId, sessionCookieOptions());
  return response;
}
