/**
 * The partner application's Solid-OIDC Client ID document (https://solidproject.org/TR/oidc#clientids-document),
 * with the service description embedded: what a pod server, the portal or the registry reads to learn
 * who the service is and what it asks for.
 */
import { CATEGORIES } from '@sdt/vocab';
import { validateServiceDescription, type ServiceDescription } from './serviceDescription.ts';
import { ServiceDescriptionError } from './ServiceDescriptionError.ts';
import type { ServicePartner } from './accessRequestFor.ts';

/** Path of the Client ID document on a partner app, relative to its base URL. */
export const CLIENT_ID_PATH = 'clientid.jsonld';

/** JSON-LD context of the document: Solid-OIDC terms, then the platform's and DPV terms. */
export const CLIENT_ID_CONTEXT = Object.freeze([
  'https://www.w3.org/ns/solid/oidc-context.jsonld',
  {
    sdt: 'https://w3id.org/selfdata-territorial/ns#',
    dpv: 'https://w3id.org/dpv#',
    dct: 'http://purl.org/dc/terms/',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    service_description: { '@id': 'sdt:serviceDescription', '@type': '@json' },
    purpose: { '@id': 'dpv:hasPurpose', '@type': '@id' },
    legal_basis: { '@id': 'dpv:hasLegalBasis', '@type': '@id' },
    categories: { '@id': 'sdt:forCategory', '@type': '@id', '@container': '@set' },
    personal_data: { '@id': 'dpv:hasPersonalData', '@type': '@id', '@container': '@set' },
    storage_duration: { '@id': 'dpv:hasDuration', '@type': 'xsd:duration' },
    access_duration: { '@id': 'sdt:duration', '@type': 'xsd:duration' },
    territory: 'sdt:territory',
    ldp: 'http://www.w3.org/ns/ldp#',
    requestor: { '@id': 'sdt:requestor', '@type': '@id' },
    grant_client_id: 'sdt:clientId',
    inbox: { '@id': 'ldp:inbox', '@type': '@id' },
  },
] as const);

/** The Client ID document of a partner application. */
export interface PartnerClientIdDocument {
  readonly '@context': typeof CLIENT_ID_CONTEXT;
  readonly client_id: string;
  readonly client_name: string;
  readonly client_uri: string;
  readonly policy_uri: string;
  readonly contacts: readonly string[];
  readonly redirect_uris: readonly string[];
  readonly grant_types: readonly string[];
  readonly token_endpoint_auth_method: 'client_secret_basic';
  readonly application_type: 'web';
  readonly scope: string;
  readonly purpose: string;
  readonly legal_basis: string;
  readonly categories: readonly string[];
  readonly personal_data: readonly string[];
  readonly access_duration: string;
  readonly storage_duration: string;
  readonly territory: string;
  /** The validated description, as JSON (an `@json` literal for JSON-LD readers). */
  readonly service_description: ServiceDescription;
  /** WebID of the partner (requestor and grantee), when known. */
  readonly requestor?: string;
  /** Client id grants are bound to (the client credentials id; not a secret), when known. */
  readonly grant_client_id?: string;
  /** The partner's inbox (where receipts go), when known. */
  readonly inbox?: string;
}

/**
 * Builds the Client ID document of a partner app. The client identifier is the document's own URL; a
 * server-side app logs in with client credentials, so no redirect URI is listed.
 *
 * @param description - a validated description ({@link validateServiceDescription})
 * @param appUrl - the app's public base URL, ending with `/`
 * @param partner - who answers for the service (lets a portal build a citizen-initiated request)
 */
export function buildClientIdDocument(
  description: ServiceDescription,
  appUrl: string,
  partner?: ServicePartner,
): PartnerClientIdDocument {
  const base = appUrl.endsWith('/') ? appUrl : `${appUrl}/`;
  return {
    '@context': CLIENT_ID_CONTEXT,
    client_id: new URL(CLIENT_ID_PATH, base).href,
    client_name: description.name.fr,
    client_uri: description.homepage ?? base,
    policy_uri: description.privacyPolicy,
    contacts: [description.contact.email],
    redirect_uris: [],
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'web',
    scope: 'webid',
    purpose: description.purpose,
    legal_basis: description.legalBasis,
    categories: description.dataNeeds.map((need) => CATEGORIES[need.category].iri),
    personal_data: [...new Set(description.dataNeeds.map((need) => CATEGORIES[need.category].dpvCategory))],
    access_duration: `P${description.accessDays}D`,
    storage_duration: `P${description.retentionDays}D`,
    territory: description.territory,
    service_description: description,
    ...(partner ? { requestor: partner.webId, grant_client_id: partner.clientId, inbox: partner.inbox } : {}),
  };
}

/**
 * Reads the service description embedded in a Client ID document (e.g. one fetched from a registry).
 *
 * @throws ServiceDescriptionError when the document has no description or it is invalid
 */
export function readClientIdDocument(document: unknown): {
  clientId: string;
  description: ServiceDescription;
  partner?: ServicePartner;
} {
  const doc = document as { client_id?: unknown; service_description?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || typeof doc.client_id !== 'string') {
    throw new ServiceDescriptionError([
      { path: 'client_id', message: 'is required (the URL of the Client ID document)' },
    ]);
  }
  if (doc.service_description === undefined) {
    throw new ServiceDescriptionError([{ path: 'service_description', message: 'is required' }]);
  }
  try {
    const description = validateServiceDescription(doc.service_description);
    const {
      requestor,
      grant_client_id: grantClientId,
      inbox,
    } = doc as { requestor?: unknown; grant_client_id?: unknown; inbox?: unknown };
    const partner =
      typeof requestor === 'string' && typeof grantClientId === 'string' && typeof inbox === 'string'
        ? { webId: requestor, clientId: grantClientId, inbox }
        : undefined;
    return { clientId: doc.client_id, description, ...(partner ? { partner } : {}) };
  } catch (error: unknown) {
    if (error instanceof ServiceDescriptionError) {
      throw new ServiceDescriptionError(
        error.issues.map((issue) => ({ ...issue, path: `service_description${issue.path ? `.${issue.path}` : ''}` })),
      );
    }
    throw error;
  }
}
