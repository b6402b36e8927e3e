import createIntlMiddleware from 'next-intl/middleware';
import { NextRequest, type NextResponse } from 'next/server';
import { routing } from './i18n/routing.ts';
import { buildContentSecurityPolicy } from './lib/buildContentSecurityPolicy.ts';

const handleLocale = createIntlMiddleware(routing);

/**
 * Runs before every page request: redirects to a locale (`/` -> `/fr`) and sets a per-request
 * nonce-based Content-Security-Policy. Next.js reads the policy from the request headers and puts the
 * nonce on its own scripts, so pages need no `unsafe-inline` script. Static headers (nosniff,
 * referrer policy, ...) are in next.config.ts.
 *
 * @param request - the incoming request
 * @returns the locale redirect or the page response, with the CSP header
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = buildContentSecurityPolicy({ nonce, development: process.env.NODE_ENV === 'development' });

  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set('x-nonce', nonce);
  // next-intl copies the request headers into the response's request override, so they reach the render.
  const response = handleLocale(new NextRequest(request, { headers }));
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets, metadata files (anything with a dot), nor link prefetches.
  matcher: [
    {
      source: '/((?!api|_next|_vercel|.*\\..*).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
