import { PodError } from '../errors.ts';

/** A `fetch` that authenticates as a WebID, with the client id it authenticates as. */
export interface AuthenticatedFetch {
  fetch: typeof globalThis.fetch;
  /** The OAuth client id the access tokens are bound to (what ACP's `acp:client` matches). */
  clientId: string;
  /** Forgets the cached token (the next request gets a new one). */
  logout: () => void;
}

/** Options of {@link createClientCredentialsFetch}. */
export interface ClientCredentialsOptions {
  /** OIDC issuer, the pod server's base URL. */
  issuer: string;
  id: string;
  secret: string;
  /** The fetch used underneath (token and resource requests). */
  fetch?: typeof globalThis.fetch;
}

const tokenEndpoints = new Map<string, Promise<string>>();

async function discoverTokenEndpoint(issuer: string, fetchFn: typeof globalThis.fetch): Promise<string> {
  let endpoint = tokenEndpoints.get(issuer);
  if (!endpoint) {
    endpoint = (async (): Promise<string> => {
      const url = new URL('.well-known/openid-configuration', issuer).href;
      const response = await fetchFn(url);
      if (!response.ok) {
        throw new PodError('auth', `OIDC discovery of ${issuer} answered ${response.status}.`, {
          statusCode: response.status,
        });
      }
      const body = (await response.json()) as { token_endpoint?: string };
      if (!body.token_endpoint) {
        throw new PodError('auth', `OIDC discovery of ${issuer} has no token_endpoint.`);
      }
      return body.token_endpoint;
    })();
    endpoint.catch(() => tokenEndpoints.delete(issuer));
    tokenEndpoints.set(issuer, endpoint);
  }
  return endpoint;
}

/**
 * Returns a `fetch` that sends a Bearer access token obtained with the OAuth client-credentials
 * grant from the pod server's OIDC provider (CSS accepts Bearer and DPoP tokens). The token is
 * renewed a minute before it expires. Tokens are never logged.
 *
 * @throws PodError `auth` (on the first request) when the credentials are refused.
 */
export function createClientCredentialsFetch(options: ClientCredentialsOptions): AuthenticatedFetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function token(): Promise<string> {
    if (current && current.expiresAt > Date.now() + 60_000) {
      return current.token;
    }
    pending ??= (async (): Promise<string> => {
      try {
        const endpoint = await discoverTokenEndpoint(options.issuer, baseFetch);
        let response: Response;
        try {
          response = await baseFetch(endpoint, {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`${encodeURIComponent(options.id)}:${encodeURIComponent(options.secret)}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: 'grant_type=client_credentials&scope=webid',
          });
        } catch (error: unknown) {
          throw new PodError('server-unreachable', `The OIDC provider ${options.issuer} cannot be reached.`, {
            cause: error,
          });
        }
        if (!response.ok) {
          throw new PodError('auth', `The OIDC provider ${options.issuer} refused the client credentials (${response.status}).`, {
            statusCode: response.status,
          });
        }
        const body = (await response.json()) as { access_token?: string; expires_in?: number };
        if (!body.access_token) {
          throw new PodError('auth', `The OIDC provider ${options.issuer} returned no access token.`);
        }
        current = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 600) * 1000 };
        return current.token;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  }

  const authenticated: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('authorization', `Bearer ${await token()}`);
    return baseFetch(input, { ...init, headers });
  };
  return {
    fetch: authenticated,
    clientId: options.id,
    logout: () => {
      current = undefined;
    },
  };
}
