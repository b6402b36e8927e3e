import { DataFactory, Writer } from 'n3';
import { CATEGORIES, CATEGORY_NAMES, type CategoryName } from '@sdt/vocab';
import { ACL, ACP, DCAT, DCT, LDP, PIM, RDF, SOLID, XSD } from '@sdt/vocab';
import { PodError } from './errors.ts';
import { sendRequest } from './http.ts';

/** Paths of a citizen pod's fixed layout, relative to the pod root (ARCHITECTURE.md §3). */
export const LAYOUT = Object.freeze({
  profile: 'profile/card',
  data: 'data/',
  catalog: 'catalog',
  inbox: 'inbox/',
  grants: 'grants/',
  audit: 'audit/',
  settings: 'settings/',
  publicTypeIndex: 'settings/publicTypeIndex',
  privateTypeIndex: 'settings/privateTypeIndex',
});

/** Path of a category's container, e.g. `data/electricity/`. */
export function categoryContainerPath(category: CategoryName): string {
  return `${LAYOUT.data}${category}/`;
}

/** Options shared by the functions that read or write a pod. */
export interface PodAccess {
  /** Pod root URL, ending with `/`. */
  podUrl: string;
  /** WebID of the pod owner. */
  webId: string;
  /** An authenticated fetch (as the owner for writes). */
  fetch: typeof globalThis.fetch;
}

/** What {@link setUpLayout} found and did. */
export interface LayoutReport {
  /** Paths created (or completed) by this call. */
  created: string[];
  /** True when the pod already had the whole layout. */
  alreadyComplete: boolean;
}

const TURTLE = 'text/turtle';

function typeIndexTurtle(indexUrl: string, podUrl: string, listed: boolean): string {
  const writer = new Writer({ prefixes: { solid: SOLID.NS, sdt: 'https://w3id.org/selfdata-territorial/ns#' } });
  const iri = DataFactory.namedNode;
  writer.addQuad(iri(indexUrl), iri(RDF.type), iri(SOLID.TypeIndex));
  writer.addQuad(iri(indexUrl), iri(RDF.type), iri(listed ? SOLID.ListedDocument : SOLID.UnlistedDocument));
  for (const name of CATEGORY_NAMES) {
    CATEGORIES[name].classes.forEach((cls, position) => {
      const registration = iri(`${indexUrl}#${name}-${position}`);
      writer.addQuad(registration, iri(RDF.type), iri(SOLID.TypeRegistration));
      writer.addQuad(registration, iri(SOLID.forClass), iri(cls));
      writer.addQuad(registration, iri(SOLID.instanceContainer), iri(`${podUrl}${categoryContainerPath(name)}`));
    });
  }
  let out = '';
  writer.end((error, result) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

/** ACR giving `mode` to a class of agents on one resource (the owner keeps the inherited full access). */
function acrTurtle(resourceUrl: string, modes: string[], agentClass: string, inheritToMembers: boolean): string {
  const modeList = modes.map((m) => `<${m}>`).join(', ');
  return `@prefix acp: <${ACP.NS}>.
<#acr> a acp:AccessControlResource;
  acp:resource <${resourceUrl}>;
  acp:accessControl <#grant>${inheritToMembers ? ';\n  acp:memberAccessControl <#grant>' : ''}.
<#grant> a acp:AccessControl;
  acp:apply [ a acp:Policy; acp:allow ${modeList}; acp:anyOf [ a acp:Matcher; acp:agent <${agentClass}> ] ].
`;
}

async function exists(url: string, fetchFn: typeof globalThis.fetch): Promise<boolean> {
  const response = await sendRequest(fetchFn, url, { method: 'HEAD' }, [200, 404]);
  return response.status === 200;
}

async function putIfMissing(
  url: string,
  body: string | undefined,
  fetchFn: typeof globalThis.fetch,
  created: string[],
  path: string,
): Promise<void> {
  if (await exists(url, fetchFn)) return;
  await sendRequest(
    fetchFn,
    url,
    {
      method: 'PUT',
      // A container is created without a body (CSS warns about ignored bodies otherwise).
      headers: body === undefined ? { 'if-none-match': '*' } : { 'content-type': TURTLE, 'if-none-match': '*' },
      ...(body === undefined ? {} : { body }),
    },
    [200, 201, 204, 412],
  );
  created.push(path);
}

/** ACR URL of a resource, read from its `Link: <...>; rel="acl"` header (CSS uses `.acr`). */
async function acrUrlOf(url: string, fetchFn: typeof globalThis.fetch): Promise<string> {
  const response = await sendRequest(fetchFn, url, { method: 'HEAD' }, [200]);
  const link = response.headers.get('link') ?? '';
  const match = /<([^>]+)>;\s*rel="acl"/.exec(link);
  return new URL(match?.[1] ?? `${url}.acr`, url).href;
}

/**
 * Creates whatever is missing of a citizen's layout: `data/<category>/` containers, `inbox/`,
 * `grants/`, `audit/`, the public and private type indexes with a registration of every category
 * class, the profile links (`ldp:inbox`, `solid:publicTypeIndex`, `solid:privateTypeIndex`,
 * `pim:storage`), the inbox ACR (authenticated agents may append) and an empty DCAT `catalog`.
 * Personal data stays owner-only: CSS's pod root ACR gives the owner full access to every member
 * and nobody else anything, and this function grants nothing on `data/`.
 * Works on pods made by `selfdata seed` and on pods made through the server's own sign-up page.
 * Idempotent; the catalog is written last, so its presence marks a complete layout.
 *
 * @throws PodError when the pod cannot be written as its owner.
 */
export async function setUpLayout(access: PodAccess): Promise<LayoutReport> {
  const { podUrl, webId, fetch: fetchFn } = access;
  if (!podUrl.endsWith('/')) {
    throw new PodError('invalid-argument', `The pod URL must end with "/": ${podUrl}`);
  }
  const catalogUrl = `${podUrl}${LAYOUT.catalog}`;
  if (await exists(catalogUrl, fetchFn)) {
    return { created: [], alreadyComplete: true };
  }
  const created: string[] = [];
  // Containers; parents first (CSS would create them implicitly, but explicit is clearer).
  const containers = [LAYOUT.data, ...CATEGORY_NAMES.map(categoryContainerPath), LAYOUT.inbox, LAYOUT.grants, LAYOUT.audit, LAYOUT.settings];
  await putIfMissing(`${podUrl}${LAYOUT.data}`, undefined, fetchFn, created, LAYOUT.data);
  await Promise.all(
    containers.slice(1).map((path) => putIfMissing(`${podUrl}${path}`, undefined, fetchFn, created, path)),
  );

  // Type indexes.
  const publicIndex = `${podUrl}${LAYOUT.publicTypeIndex}`;
  const privateIndex = `${podUrl}${LAYOUT.privateTypeIndex}`;
  await Promise.all([
    putIfMissing(publicIndex, typeIndexTurtle(publicIndex, podUrl, true), fetchFn, created, LAYOUT.publicTypeIndex),
    putIfMissing(privateIndex, typeIndexTurtle(privateIndex, podUrl, false), fetchFn, created, LAYOUT.privateTypeIndex),
  ]);

  // Access control: the public type index is public; authenticated agents may append to the inbox.
  const inboxUrl = `${podUrl}${LAYOUT.inbox}`;
  const [publicIndexAcr, inboxAcr] = await Promise.all([acrUrlOf(publicIndex, fetchFn), acrUrlOf(inboxUrl, fetchFn)]);
  await Promise.all([
    sendRequest(
      fetchFn,
      publicIndexAcr,
      { method: 'PUT', headers: { 'content-type': TURTLE }, body: acrTurtle(publicIndex, [ACL.Read], ACP.PublicAgent, false) },
      [200, 201, 204, 205],
    ),
    sendRequest(
      fetchFn,
      inboxAcr,
      { method: 'PUT', headers: { 'content-type': TURTLE }, body: acrTurtle(inboxUrl, [ACL.Append], ACP.AuthenticatedAgent, false) },
      [200, 201, 204, 205],
    ),
  ]);

  // Profile links, added with an N3 Patch so that whatever the profile already holds stays.
  const profileUrl = `${podUrl}${LAYOUT.profile}`;
  const patch = `@prefix solid: <http://www.w3.org/ns/solid/terms#>.
_:patch a solid:InsertDeletePatch;
  solid:inserts {
    <${webId}> <${LDP.inbox}> <${inboxUrl}>;
      <${SOLID.publicTypeIndex}> <${publicIndex}>;
      <${SOLID.privateTypeIndex}> <${privateIndex}>;
      <${PIM.storage}> <${podUrl}>.
  }.`;
  await sendRequest(fetchFn, profileUrl, { method: 'PATCH', headers: { 'content-type': 'text/n3' }, body: patch }, [200, 201, 204, 205]);

  // The catalog last: its presence marks a complete layout.
  const now = new Date().toISOString();
  const catalog = `@prefix dcat: <${DCAT.NS}>. @prefix dct: <${DCT.NS}>.
<#catalog> a dcat:Catalog;
  dct:title "Catalogue de mes données"@fr, "Catalogue of my data"@en;
  dct:publisher <${webId}>;
  dct:modified "${now}"^^<${XSD.dateTime}>.
`;
  await putIfMissing(catalogUrl, catalog, fetchFn, created, LAYOUT.catalog);
  return { created, alreadyComplete: false };
}
