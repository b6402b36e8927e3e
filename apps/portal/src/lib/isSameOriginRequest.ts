/**
 * CSRF check for state-changing route handlers (server actions get Next's own origin check): the
 * browser's `Origin` header must be the portal's public origin; a request without `Origin` is accepted
 * only when the browser says it came from this same origin (`Sec-Fetch-Site: same-origin`).
 *
 * @param headers - the request headers
 * @param portalUrl - the portal's public base URL
 * @returns true when the request comes from a page of the portal
 */
export function isSameOriginRequest(headers: Headers, portalUrl: string): boolean {
  const expected = new URL(portalUrl).origin;
  const origin = headers.get('origin');
  if (origin !== null) return origin === expected;
  return headers.get('sec-fetch-site') === 'same-origin';
}
