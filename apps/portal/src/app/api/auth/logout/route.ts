import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '../../../../env.ts';
import { isSameOriginRequest } from '../../../../lib/isSameOriginRequest.ts';
import { SESSION_COOKIE, getSessionStore } from '../../../../server/auth.ts';

/**
 * POST /api/auth/logout: ends the portal session and its Solid session (tokens dropped server-side),
 * clears the cookie and goes back to the home page.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const env = getEnv();
  if (!isSameOriginRequest(request.headers, env.portalUrl)) {
    return NextResponse.json({ ok: false, code: 'forbidden-origin', fieldErrors: {} }, { status: 403 });
  }
  const form = await request.formData().catch(() => new FormData());
  const locale = form.get('locale') === 'en' ? 'en' : 'fr';
  const id = request.cookies.get(SESSION_COOKIE)?.value;
  if (id) await getSessionStore().end(id);
  const response = NextResponse.redirect(new URL(`${locale}?signedout=1`, env.portalUrl), 303);
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
