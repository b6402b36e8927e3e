import { z } from 'zod';
import type { Territory } from '@sdt/vocab';
import { PortalError } from './PortalError.ts';

/** The portal's configuration, read once from the environment by `src/env.ts`. */
export interface PortalEnv {
  /** Base URL of each territory's pod server, always ending with `/`. */
  readonly territoryUrls: Readonly<Record<Territory, string>>;
  /** How long the home page waits for a pod server's health answer, in milliseconds. */
  readonly healthTimeoutMs: number;
  /**
   * Public base URL of the portal itself, ending with `/` (the Solid-OIDC client identifier and the
   * redirect URI are built from it; pod servers fetch the Client ID document there).
   */
  readonly portalUrl: string;
}

/** The portal's default public URL (CSS accepts http client identifiers only on `localhost`). */
export const DEFAULT_PORTAL_URL = 'http://localhost:3000/';

/** The default base URLs of the embedded start (ARCHITECTURE.md §3). */
export const DEFAULT_TERRITORY_URLS: Readonly<Record<Territory, string>> = Object.freeze({
  lyon: 'http://localhost:3101/',
  nantes: 'http://localhost:3102/',
  larochelle: 'http://localhost:3103/',
});

/** An unset or empty variable takes the default (a launcher may export `VAR=` to mean "unset"). */
const emptyAsUnset = (value: unknown): unknown => (value === '' ? undefined : value);

const baseUrl = (fallback: string) =>
  z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .default(fallback),
  );

const schema = z.object({
  SDT_LYON_URL: baseUrl(DEFAULT_TERRITORY_URLS.lyon),
  SDT_NANTES_URL: baseUrl(DEFAULT_TERRITORY_URLS.nantes),
  SDT_LAROCHELLE_URL: baseUrl(DEFAULT_TERRITORY_URLS.larochelle),
  SDT_PORTAL_URL: baseUrl(DEFAULT_PORTAL_URL),
  SDT_HEALTH_TIMEOUT_MS: z.preprocess(
    emptyAsUnset,
    z.coerce.number().int().min(100).max(30_000).default(1500),
  ),
});

/**
 * Validates the portal's environment variables and returns its configuration.
 *
 * @param source - the variables, usually `process.env`
 * @returns the territory base URLs (with a trailing `/`) and the health-probe timeout
 * @throws {@link PortalError} `invalid-env` naming every variable at fault
 */
export function parsePortalEnv(source: Readonly<Record<string, string | undefined>>): PortalEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new PortalError('invalid-env', `Invalid portal environment: ${problems.join('; ')}`, {
      cause: result.error,
    });
  }
  const data = result.data;
  return {
    territoryUrls: {
      lyon: data.SDT_LYON_URL,
      nantes: data.SDT_NANTES_URL,
      larochelle: data.SDT_LAROCHELLE_URL,
    },
    healthTimeoutMs: data.SDT_HEALTH_TIMEOUT_MS,
    portalUrl: data.SDT_PORTAL_URL,
  };
}
