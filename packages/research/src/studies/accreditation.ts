import { DataFactory, Parser, Writer } from 'n3';
import { DCT_NS, RDF_NS, SDT_NS, XSD_NS } from '@sdt/vocab';
import type { ResearchEngineAccount } from './ResearchEngineAccount.ts';
import { StudyError } from './StudyError.ts';

// The researchers a territory accredited: who may publish a study in its registry from the portal.
// One owner-only Turtle document in the engine's pod (under the private `research/` folder):
//   <https://…/profile/card#me> a sdt:AccreditedResearcher ;
//     sdt:accreditedBy <engine WebID> ; dct:created "2026-11-28T22:30:00Z"^^xsd:dateTime .
// Written with If-Match / If-None-Match, so two accreditations at the same time never lose one.

/** Owner-only document of the researchers the territory accredited (in the engine's pod). */
export const ACCREDITED_RESEARCHERS_PATH = 'research/accredited-researchers';
/** IRI of the `sdt:AccreditedResearcher` class. */
export const ACCREDITED_RESEARCHER_CLASS = `${SDT_NS}AccreditedResearcher`;
const ACCREDITED_BY = `${SDT_NS}accreditedBy`;
const RDF_TYPE = `${RDF_NS}type`;
const CREATED = `${DCT_NS}created`;

/** One accreditation: the researcher's WebID, since when, by which engine. */
export interface Accreditation {
  readonly webId: string;
  readonly since: string;
  readonly accreditedBy: string;
}

function documentUrl(engine: ResearchEngineAccount): string {
  return `${engine.podUrl}${ACCREDITED_RESEARCHERS_PATH}`;
}

function checkWebId(webId: string): string {
  let url: URL;
  try {
    url = new URL(webId);
  } catch {
    throw new StudyError('invalid-study', `webId: "${webId}" is not a URL.`, { field: 'webId' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new StudyError('invalid-study', `webId: "${webId}" is not an http(s) WebID.`, { field: 'webId' });
  return url.href;
}

async function readDocument(
  engine: ResearchEngineAccount,
): Promise<{ accreditations: Accreditation[]; etag: string | null }> {
  const url = documentUrl(engine);
  const response = await engine.fetch(url, { headers: { accept: 'text/turtle' } });
  if (response.status === 404) {
    await response.arrayBuffer();
    return { accreditations: [], etag: null };
  }
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    throw new StudyError('http', `GET ${url} answered ${response.status}.`, { status: response.status });
  }
  const etag = response.headers.get('etag');
  const quads = new Parser({ baseIRI: url }).parse(await response.text());
  const accreditations = quads
    .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === ACCREDITED_RESEARCHER_CLASS)
    .map((q): Accreditation => {
      const about = quads.filter((other) => other.subject.equals(q.subject));
      return {
        webId: q.subject.value,
        since: about.find((other) => other.predicate.value === CREATED)?.object.value ?? '',
        accreditedBy: about.find((other) => other.predicate.value === ACCREDITED_BY)?.object.value ?? '',
      };
    });
  return { accreditations: accreditations.sort((a, b) => a.webId.localeCompare(b.webId)), etag };
}

function toTurtle(accreditations: readonly Accreditation[]): string {
  const { namedNode, literal, quad } = DataFactory;
  const writer = new Writer({ prefixes: { sdt: SDT_NS, dct: DCT_NS, xsd: XSD_NS } });
  for (const a of accreditations) {
    const subject = namedNode(a.webId);
    writer.addQuad(quad(subject, namedNode(RDF_TYPE), namedNode(ACCREDITED_RESEARCHER_CLASS)));
    if (a.accreditedBy) writer.addQuad(quad(subject, namedNode(ACCREDITED_BY), namedNode(a.accreditedBy)));
    if (a.since) writer.addQuad(quad(subject, namedNode(CREATED), literal(a.since, namedNode(`${XSD_NS}dateTime`))));
  }
  let out = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

async function writeDocument(
  engine: ResearchEngineAccount,
  accreditations: readonly Accreditation[],
  etag: string | null,
): Promise<void> {
  const url = documentUrl(engine);
  const response = await engine.fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'text/turtle', ...(etag ? { 'if-match': etag } : { 'if-none-match': '*' }) },
    body: toTurtle(accreditations),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (![200, 201, 204, 205].includes(response.status))
    throw new StudyError(
      'http',
      response.status === 412
        ? `The accredited researchers of ${engine.serverUrl} changed meanwhile; try again.`
        : `PUT ${url} answered ${response.status}.`,
      { status: response.status },
    );
}

/**
 * The researchers the territory accredited (owner-only document of the engine's pod), by WebID.
 * @throws StudyError `http` when the document cannot be read
 */
export async function listAccreditedResearchers(engine: ResearchEngineAccount): Promise<Accreditation[]> {
  return (await readDocument(engine)).accreditations;
}

/** True when the territory's engine accredited this WebID (may publish studies in its registry). */
export async function isAccreditedResearcher(engine: ResearchEngineAccount, webId: string): Promise<boolean> {
  const { accreditations } = await readDocument(engine);
  return accreditations.some((a) => a.webId === webId);
}

/**
 * Accredits a researcher's WebID on the engine's territory (idempotent: an accredited WebID is kept as is).
 * @returns the accreditation (new or existing)
 * @throws StudyError `invalid-study` (field `webId`) for a WebID that is not an http(s) URL; `http`
 */
export async function accreditResearcher(
  engine: ResearchEngineAccount,
  webId: string,
  now: Date = new Date(),
): Promise<Accreditation> {
  const id = checkWebId(webId);
  const { accreditations, etag } = await readDocument(engine);
  const existing = accreditations.find((a) => a.webId === id);
  if (existing) return existing;
  const added: Accreditation = { webId: id, since: now.toISOString(), accreditedBy: engine.webId };
  await writeDocument(engine, [...accreditations, added], etag);
  return added;
}

/**
 * Withdraws a researcher's accreditation (studies already published stay in the registry).
 * @returns true when the WebID was accredited
 */
export async function revokeAccreditation(engine: ResearchEngineAccount, webId: string): Promise<boolean> {
  const { accreditations, etag } = await readDocument(engine);
  const kept = accreditations.filter((a) => a.webId !== webId);
  if (kept.length === accreditations.length) return false;
  await writeDocument(engine, kept, etag);
  return true;
}
