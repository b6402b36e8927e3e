import { Parser } from 'n3';

const SDT = 'https://w3id.org/selfdata-territorial/ns#';
const ACL = 'http://www.w3.org/ns/auth/acl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** Fields of a test grant (docs/grants.md "AccessGrant"). */
export interface TestGrant {
  grantee: string;
  clientId: string;
  categories: string[];
  modes: ('Read' | 'Append' | 'Write')[];
  validFrom: Date;
  validUntil: Date;
  status?: 'Active' | 'Revoked';
}

/** Turtle of an `sdt:AccessGrant` as the client side writes it into `grants/<id>`. */
export function grantTurtle(grant: TestGrant): string {
  return `@prefix sdt: <${SDT}>. @prefix acl: <${ACL}>. @prefix xsd: <${XSD}>.
<#grant> a sdt:AccessGrant;
  sdt:status sdt:${grant.status ?? 'Active'};
  sdt:grantee <${grant.grantee}>;
  sdt:clientId ${JSON.stringify(grant.clientId)};
  sdt:forCategory ${grant.categories.map((c) => `sdt:${c}`).join(', ')};
  sdt:mode ${grant.modes.map((m) => `acl:${m}`).join(', ')};
  sdt:validFrom "${grant.validFrom.toISOString()}"^^xsd:dateTime;
  sdt:validUntil "${grant.validUntil.toISOString()}"^^xsd:dateTime.
`;
}

/** Writes a grant into the pod as its owner; returns the grant IRI. */
export async function putGrant(
  ownerFetch: typeof fetch,
  podUrl: string,
  id: string,
  grant: TestGrant,
): Promise<string> {
  const url = `${podUrl}grants/${id}`;
  const response = await ownerFetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'text/turtle' },
    body: grantTurtle(grant),
  });
  if (!response.ok) {
    throw new Error(`PUT ${url} answered ${response.status}`);
  }
  return `${url}#grant`;
}

/** An access log entry read back from `audit/`. */
export interface ReadLogEntry {
  id: string;
  agent?: string;
  client?: string;
  target?: string;
  modes: string[];
  outcome?: string;
  grant?: string;
}

/** Reads every access log entry of a pod as its owner. */
export async function readAccessLog(ownerFetch: typeof fetch, podUrl: string): Promise<ReadLogEntry[]> {
  const listing = await ownerFetch(`${podUrl}audit/`, { headers: { accept: 'text/turtle' } });
  if (listing.status === 404) {
    return [];
  }
  const containerQuads = new Parser({ baseIRI: `${podUrl}audit/` }).parse(await listing.text());
  const documents = containerQuads
    .filter((q) => q.predicate.value === 'http://www.w3.org/ns/ldp#contains')
    .map((q) => q.object.value);
  const entries = new Map<string, ReadLogEntry>();
  for (const document of documents) {
    const response = await ownerFetch(document, { headers: { accept: 'text/turtle' } });
    for (const quad of new Parser({ baseIRI: document }).parse(await response.text())) {
      const id = quad.subject.value;
      const entry = entries.get(id) ?? { id, modes: [] };
      entries.set(id, entry);
      switch (quad.predicate.value) {
        case `${SDT}agent`:
          entry.agent = quad.object.value;
          break;
        case `${SDT}clientId`:
          entry.client = quad.object.value;
          break;
        case `${SDT}target`:
          entry.target = quad.object.value;
          break;
        case `${SDT}mode`:
          entry.modes.push(quad.object.value);
          break;
        case `${SDT}outcome`:
          entry.outcome = quad.object.value;
          break;
        case `${SDT}grant`:
          entry.grant = quad.object.value;
          break;
        default:
          break;
      }
    }
  }
  return [...entries.values()];
}

/** Polls the access log until `predicate` holds for the entries, or gives up after `timeoutMs`. */
export async function waitForAccessLog(
  ownerFetch: typeof fetch,
  podUrl: string,
  predicate: (entries: ReadLogEntry[]) => boolean,
  timeoutMs = 15_000,
): Promise<ReadLogEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = await readAccessLog(ownerFetch, podUrl);
    if (predicate(entries) || Date.now() > deadline) {
      return entries;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const TERMS = { SDT, ACL };
