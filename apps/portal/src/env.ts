import 'server-only';
import { parsePortalEnv, type PortalEnv } from './lib/parsePortalEnv.ts';

/**
 * The portal's configuration: the only module that reads `process.env` (validated once, at first import).
 * Server-only, so that no URL or future secret is bundled for the browser.
 *
 * - `SDT_LYON_URL`, `SDT_NANTES_URL`, `SDT_LAROCHELLE_URL`: pod server base URLs
 *   (default `http://localhost:3101/`, `:3102/`, `:3103/`)
 * - `SDT_HEALTH_TIMEOUT_MS`: health-probe timeout (default 1500)
 */
export const env: PortalEnv = parsePortalEnv(process.env);
