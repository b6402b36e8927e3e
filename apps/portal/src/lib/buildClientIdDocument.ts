/** Paths of the portal's Solid-OIDC endpoints, relative to its public base URL. */
export const AUTH_PATHS = Object.freeze({
  clientId: 'clientid.jsonld',
  callback: 'api/auth/callback',
  login: 'api/auth/login',
  logout: 'api/auth/logout',
});

/** The Solid-OIDC Client ID document of the portal (https://solidproject.org/TR/oidc#clientids-document). */
export interface ClientIdDocument {
  readonly '@context': readonly string[];
  readonly client_id: string;
  readonly client_name: string;
  readonly client_uri: string;
  readonly redirect_uris: readonly string[];
  readonly post_logout_redirect_uris: readonly string[];
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly scope: string;
  readonly token_endpoint_auth_method: 'none';
  readonly application_type: 'web';
  readonly default_max_age: number;
}

/**
 * Builds the document a pod server fetches to learn who the portal is: the client identifier is the
 * document's own URL, the only redirect URI is the portal's callback, and the name shown on the consent
 * page is French (the portal's default language).
 *
 * @param portalUrl - the portal's public base URL, ending with `/`
 * @returns the JSON-LD document, served at `<portalUrl>clientid.jsonld`
 */
export function buildClientIdDocument(portalUrl: string): ClientIdDocument {
  return {
    '@context': ['https://www.w3.org/ns/solid/oidc-context.jsonld'],
    client_id: new URL(AUTH_PATHS.clientId, portalUrl).href,
    client_name: 'Portail Self Data Territorial',
    client_uri: portalUrl,
    redirect_uris: [new URL(AUTH_PATHS.callback, portalUrl).href],
    post_logout_redirect_uris: [portalUrl],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid profile offline_access webid',
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    default_max_age: 3600,
  };
}
