import { getEnv } from '../../env.ts';
import { buildClientIdDocument } from '../../lib/buildClientIdDocument.ts';

/** GET /clientid.jsonld: the portal's Solid-OIDC Client ID document, fetched by pod servers. */
export function GET(): Response {
  return new Response(JSON.stringify(buildClientIdDocument(getEnv().portalUrl), null, 2), {
    headers: { 'content-type': 'application/ld+json', 'cache-control': 'public, max-age=300' },
  });
}
