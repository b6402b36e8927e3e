/**
 * The service registry of a territory: a `registry` pod on the territory's pod server whose
 * `services/` container is public read; each registered service is one JSON-LD resource,
 * `services/<id>`, holding its Client ID document with the service description embedded.
 * The registry account (`registry@<territory>.example`) belongs to the territory's operator; it is
 * created on demand (idempotent) by {@link ensureRegistry}.
 */
import { Parser } from 'n3';
import { AccountClient, openOwnerSession, sendRequest, PodError } from '@sdt/pod';
import { ACL, ACP, LDP, TERRITORIES, type Territory } from '@sdt/vocab';
import { readClientIdDocument, type PartnerClientIdDocument } from './clientIdDocument.ts';
import { PartnerError } from './PartnerError.ts';
import type { ServiceDescription } from './serviceDescription.ts';
import { ServiceDescriptionError } from './ServiceDescriptionError.ts';
import type { GrantStateCounts } from './GrantBook.ts';
import type { ServicePartner } from './accessRequestFor.ts';

/** Default pod servers of the embedded start (env `SDT_<TERRITORY>_URL` wins). */
export const DEFAULT_TERRITORY_SERVERS: Readonly<Record<Territory, string>> = Object.freeze({
  lyon: 'http://localhost:3101/',
  nantes: 'http://localhost:3102/',
  larochelle: 'http://localhost:3103/',
});

/** Name of the registry pod on each territory server. */
export const REGISTRY_POD = 'registry';
/** Container of the registered services, inside the registry pod. */
export const SERVICES_CONTAINER = 'services/';

/** Login of a territory's registry operator (demo default password `registry-operator`, env `SDT_REGISTRY_PASSWORD`). */
export function registryOperator(territory: Territory): { email: string; password: string } {
  return { email: `registry@${territory}.example`, password: process.env.SDT_REGISTRY_PASSWORD ?? 'registry-operator' };
}

/** Base URL of a territory's pod server. */
export function territoryServerUrl(territory: Territory): string {
  const fromEnv = process.env[`SDT_${territory.toUpperCase()}_URL`];
  const url = fromEnv ?? DEFAULT_TERRITORY_SERVERS[territory];
  return url.endsWith('/') ? url : `${url}/`;
}

/** A service listed in a territory's registry. */
export interface RegisteredService {
  /** The service's id (`energy-coach`). */
  readonly id: string;
  /** The registry entry (`<server>registry/services/<id>`). */
  readonly entry: string;
  /** The Client ID document URL of the app. */
  readonly clientId: string;
  /** The app's home page (the document's `client_uri`). */
  readonly appUrl: string;
  readonly description: ServiceDescription;
  /** Who answers for it (WebID, client id, inbox), when the entry says: enough to build a citizen-initiated request with {@link accessRequestFor}. */
  readonly partner?: ServicePartner;
}

/** Where the registry of a pod server is, or which server to use. */
export type RegistryLocation = Territory | { readonly serverUrl: string };

function serverOf(location: RegistryLocation): string {
  if (typeof location === 'string') {
    if (!(TERRITORIES as readonly string[]).includes(location)) {
      throw new PartnerError(
        'invalid-argument',
        `Unknown territory "${location}"; expected one of ${TERRITORIES.join(', ')}.`,
      );
    }
    return territoryServerUrl(location);
  }
  return location.serverUrl.endsWith('/') ? location.serverUrl : `${location.serverUrl}/`;
}

function servicesUrl(serverUrl: string): string {
  return `${serverUrl}${REGISTRY_POD}/${SERVICES_CONTAINER}`;
}

function publicReadAcr(resourceUrl: string): string {
  return `@prefix acp: <${ACP.NS}>.
<#acr> a acp:AccessControlResource;
  acp:resource <${resourceUrl}>;
  acp:accessControl <#public>;
  acp:memberAccessControl <#public>.
<#public> a acp:AccessControl;
  acp:apply [ a acp:Policy; acp:allow <${ACL.Read}>; acp:anyOf [ a acp:Matcher; acp:agent <${ACP.PublicAgent}> ] ].
`;
}

/** An owner session on a territory's registry pod. */
export interface RegistrySession {
  readonly serverUrl: string;
  readonly servicesUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly close: () => Promise<void>;
}

/**
 * Creates (or opens) a territory's registry: the operator account and `registry` pod, and the public
 * read `services/` container. Idempotent.
 *
 * @param operator - the registry operator's login (default {@link registryOperator} of the territory;
 *   required when the registry is given by URL)
 * @throws PartnerError `auth` / `server`; `invalid-argument` without operator for a URL
 */
export async function ensureRegistry(
  location: RegistryLocation,
  operator?: { email: string; password: string },
): Promise<RegistrySession> {
  const serverUrl = serverOf(location);
  if (!operator && typeof location !== 'string') {
    throw new PartnerError(
      'invalid-argument',
      `operator: the registry operator's login is needed for a registry given by URL (${serverUrl}).`,
    );
  }
  const login = operator ?? registryOperator(location as Territory);
  const client = new AccountClient({ serverUrl });
  let account: Awaited<ReturnType<AccountClient['ensureAccountWithPod']>>;
  try {
    account = await client.ensureAccountWithPod(login.email, login.password, REGISTRY_POD);
  } catch (error: unknown) {
    const code = PodError.isInstance(error) && error.code === 'wrong-password' ? 'auth' : 'server';
    throw new PartnerError(code, `The registry of ${serverUrl} cannot be opened: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const session = await openOwnerSession(client, account.token, account.webId);
  const container = servicesUrl(serverUrl);
  try {
    const head = await sendRequest(session.fetch, container, { method: 'HEAD' }, [200, 404]);
    if (head.status === 404) {
      await sendRequest(
        session.fetch,
        container,
        { method: 'PUT', headers: { 'if-none-match': '*' } },
        [200, 201, 204, 412],
      );
    }
    const link = (await sendRequest(session.fetch, container, { method: 'HEAD' }, [200])).headers.get('link') ?? '';
    const acr = new URL(/<([^>]+)>;\s*rel="acl"/.exec(link)?.[1] ?? `${container}.acr`, container).href;
    await sendRequest(
      session.fetch,
      acr,
      { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: publicReadAcr(container) },
      [200, 201, 204, 205],
    );
  } catch (error: unknown) {
    await session.close();
    throw new PartnerError(
      'server',
      `The registry container ${container} cannot be set up: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { serverUrl, servicesUrl: container, fetch: session.fetch, close: session.close };
}

/**
 * Registers (or updates) a service in its territory's registry: validates the Client ID document's
 * description, then writes it as `services/<id>`.
 *
 * @param location - the registry (default: the description's territory)
 * @returns the registry entry URL
 * @throws ServiceDescriptionError when the description is invalid (nothing is written)
 */
export async function registerService(
  document: PartnerClientIdDocument,
  options: { location?: RegistryLocation; operator?: { email: string; password: string } } = {},
): Promise<string> {
  const { description } = readClientIdDocument(document);
  const registry = await ensureRegistry(
    options.location ?? description.territory,
    options.operator ?? registryOperator(description.territory),
  );
  try {
    const entry = `${registry.servicesUrl}${description.id}`;
    await sendRequest(
      registry.fetch,
      entry,
      { method: 'PUT', headers: { 'content-type': 'application/ld+json' }, body: JSON.stringify(document) },
      [200, 201, 204, 205],
    );
    return entry;
  } finally {
    await registry.close();
  }
}

/** Options of {@link listRegisteredServices}. */
export interface ListServicesOptions {
  readonly fetch?: typeof globalThis.fetch;
  /** Called for an entry that is not a valid service (it is left out of the list). */
  readonly onInvalid?: (entry: string, error: PartnerError) => void;
}

/**
 * Lists the services registered in a territory (anonymous reads of its public registry), sorted by id.
 * A territory without a registry yet has no services. Invalid entries are left out (see `onInvalid`).
 *
 * @param location - a territory (`lyon`) or `{ serverUrl }`
 * @throws PartnerError `server` when the pod server cannot be reached
 */
export async function listRegisteredServices(
  location: RegistryLocation,
  options: ListServicesOptions = {},
): Promise<RegisteredService[]> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const container = servicesUrl(serverOf(location));
  let response: Response;
  try {
    response = await fetchFn(container, { headers: { accept: 'text/turtle' } });
  } catch (error: unknown) {
    throw new PartnerError('server', `The registry ${container} cannot be reached.`, { cause: error });
  }
  if (response.status === 404 || response.status === 401 || response.status === 403) {
    await response.arrayBuffer();
    return [];
  }
  if (!response.ok)
    throw new PartnerError('server', `GET ${container} answered ${response.status}.`, { statusCode: response.status });
  const members = new Parser({ baseIRI: container })
    .parse(await response.text())
    .filter((quad) => quad.subject.value === container && quad.predicate.value === LDP.contains)
    .map((quad) => quad.object.value)
    .filter((url) => !url.endsWith('/'));
  const services: RegisteredService[] = [];
  for (const entry of members) {
    try {
      const answer = await fetchFn(entry, { headers: { accept: 'application/ld+json' } });
      if (!answer.ok)
        throw new PartnerError('server', `GET ${entry} answered ${answer.status}.`, { statusCode: answer.status });
      const document = (await answer.json()) as PartnerClientIdDocument;
      const { clientId, description, partner } = readClientIdDocument(document);
      services.push({
        id: description.id,
        entry,
        clientId,
        appUrl: typeof document.client_uri === 'string' ? document.client_uri : new URL('./', clientId).href,
        description,
        ...(partner ? { partner } : {}),
      });
    } catch (error: unknown) {
      const reason =
        error instanceof ServiceDescriptionError || PartnerError.isInstance(error)
          ? (error as PartnerError)
          : new PartnerError(
              'invalid-description',
              `${entry} is not a JSON-LD Client ID document: ${(error as Error).message}`,
              { cause: error },
            );
      options.onInvalid?.(entry, reason);
    }
  }
  return services.sort((a, b) => a.id.localeCompare(b.id));
}

/** Path of a partner app's grant-state counts (JSON {@link GrantStateCounts}). */
export const GRANT_COUNTS_PATH = 'api/grant-counts';

/**
 * Asks a registered service's app for its grant-state counts (numbers only: pending, active, expired,
 * revoked, refused), for a partner console.
 *
 * @throws PartnerError `server` when the app does not answer
 */
export async function fetchGrantStateCounts(
  service: Pick<RegisteredService, 'clientId'>,
  options: { fetch?: typeof globalThis.fetch } = {},
): Promise<GrantStateCounts> {
  const target = new URL(GRANT_COUNTS_PATH, new URL('./', service.clientId)).href;
  try {
    const response = await (options.fetch ?? globalThis.fetch)(target, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`status ${response.status}`);
    return (await response.json()) as GrantStateCounts;
  } catch (error: unknown) {
    throw new PartnerError(
      'server',
      `The service at ${target} did not give its grant counts (${(error as Error).message}).`,
      { cause: error },
    );
  }
}
