/**
 * `GET /api/health`: tells a launcher or a load balancer that the portal serves requests.
 *
 * @returns `{ "ok": true }`, never cached
 */
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
