import 'server-only';
import { parsePortalEnv, type PortalEnv } from './lib/parsePortalEnv.ts';

let cached: PortalEnv | undefined;

/**
 * The portal's configuration: this is the only module that reads `process.env`. Validated on first use
 * and then kept; server-only, so that no URL or future secret is bundled for the browser.
 *
 * - `SDT_LYON_URL`, `SDT_NANTES_URL`, `SDT_LAROCHELLE_URL`: pod server base URLs
 *   (default `http://localhost:3101/`, `:3102/`, `:3103/`)
 * - `SDT_HEALTH_TIMEOUT_MS`: health-probe timeout (default 1500)
 *
 * @returns the validated configuration
 * @throws `PortalError` `invalid-env` naming each variable at fault
 */
export function getEnv(): PortalEnv {
  cached ??= parsePortalEnv(process.env);
  return cached;
}
