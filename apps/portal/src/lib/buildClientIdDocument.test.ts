import { describe, expect, it } from 'vitest';
import { buildClientIdDocument } from './buildClientIdDocument.ts';
import { buildRedirectPage } from './buildRedirectPage.ts';
import { isSameOriginRequest } from './isSameOriginRequest.ts';

describe('the Client ID document', () => {
  it('identifies the portal by its own URL, with its callback as the only redirect URI', () => {
    const document = buildClientIdDocument('http://localhost:3000/');
    expect(document['@context']).toEqual(['https://www.w3.org/ns/solid/oidc-context.jsonld']);
    expect(document.client_id).toBe('http://localhost:3000/clientid.jsonld');
    expect(document.redirect_uris).toEqual(['http://localhost:3000/api/auth/callback']);
    expect(document.client_name).toBe('Portail Self Data Territorial');
    expect(document.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'webid', 'offline_access']));
  });
});

describe('the redirect page', () => {
  it('escapes the URL and refuses other schemes', () => {
    const page = buildRedirectPage('https://idp.example/auth?a=1&b="x"', 'Continuer', 'fr');
    expect(page).toContain('url=https://idp.example/auth?a=1&#38;b=&#34;x&#34;');
    expect(page).not.toContain('<script');
    expect(() => buildRedirectPage('javascript:alert(1)', 'x', 'fr')).toThrow();
  });
});

describe('the CSRF check of route handlers', () => {
  const portal = 'http://localhost:3000/';
  it('accepts the portal origin and refuses any other', () => {
    expect(isSameOriginRequest(new Headers({ origin: 'http://localhost:3000' }), portal)).toBe(true);
    expect(isSameOriginRequest(new Headers({ origin: 'https://evil.example' }), portal)).toBe(false);
    expect(isSameOriginRequest(new Headers({ origin: 'null' }), portal)).toBe(false);
  });

  it('accepts a request without Origin only when the browser says it is same-origin', () => {
    expect(isSameOriginRequest(new Headers({ 'sec-fetch-site': 'same-origin' }), portal)).toBe(true);
    expect(isSameOriginRequest(new Headers({ 'sec-fetch-site': 'cross-site' }), portal)).toBe(false);
    expect(isSameOriginRequest(new Headers(), portal)).toBe(false);
  });
});
