import { getEnv } from '../../../env.ts';
import { PortalError } from '../../../lib/PortalError.ts';

/**
 * `GET /api/health`: tells a launcher or a load balancer that the portal serves requests and that its
 * configuration is valid.
 *
 * @returns 200 `{ "ok": true }`, or 500 `{ "ok": false, "code", "message" }` naming the variable at fault;
 *   never cached
 */
export function GET(): Response {
  const headers = { 'cache-control': 'no-store' };
  try {
    getEnv();
  } catch (error) {
    if (!PortalError.isInstance(error)) throw error;
    return Response.json({ ok: false, code: error.code, message: error.message }, { status: 500, headers });
  }
  return Response.json({ ok: true }, { headers });
}
