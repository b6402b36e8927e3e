import { Parser } from 'n3';
import { DPV, SDT_NS } from '@sdt/vocab';
import { PrivacyBudget, type PrivacyBudgetState } from '../privacy/PrivacyBudget.ts';
import { BUDGETS_PATH, STUDIES_PATH, studyRegistryUrl, type ResearchEngineAccount } from './ResearchEngineAccount.ts';
import { DEFAULT_MINIMUM_GROUP_SIZE, ENERGY_STUDY_ATTRIBUTES, type Study, type StudyDescription } from './Study.ts';
import { StudyError } from './StudyError.ts';
import { parseStudy, studyIri, studyToTurtle, validateStudy } from './studyRdf.ts';

const LDP_CONTAINS = 'http://www.w3.org/ns/ldp#contains';

/** What a researcher gives to publish a study; the engine fills in its WebID, client and inbox. */
export type StudyInput = Omit<
  StudyDescription,
  | 'engineWebId'
  | 'engineClientId'
  | 'engineInbox'
  | 'created'
  | 'minimumGroupSize'
  | 'usesNoise'
  | 'queryEpsilon'
  | 'maxGroupsPerPod'
  | 'groupKeyPredicates'
  | 'timestampPredicates'
  | 'clippingBounds'
  | 'legalBasis'
  | 'purpose'
> &
  Partial<StudyDescription>;

/**
 * Publishes a study in the engine's public registry (`<engine pod>studies/<slug>`), after SHACL
 * validation; creates the engine's client for the study. Defaults: k 10, purpose
 * dpv:ScientificResearch, legal basis dpv:PublicInterest, no noise, the energy group keys.
 * @throws StudyError `invalid-study` (field named), `http` (e.g. 412 when the slug is taken)
 */
export async function publishStudy(input: StudyInput, engine: ResearchEngineAccount): Promise<Study> {
  const draft: StudyDescription = {
    purpose: DPV.ScientificResearch,
    legalBasis: DPV.PublicInterest,
    minimumGroupSize: DEFAULT_MINIMUM_GROUP_SIZE,
    usesNoise: false,
    queryEpsilon: 0.1,
    maxGroupsPerPod: 12,
    groupKeyPredicates: [...ENERGY_STUDY_ATTRIBUTES.groupKeyPredicates],
    timestampPredicates: [...ENERGY_STUDY_ATTRIBUTES.timestampPredicates],
    clippingBounds: {},
    ...input,
    engineWebId: engine.webId,
    // Filled in once the study is valid: a refused study must not leave an OAuth client behind.
    engineClientId: 'pending',
    engineInbox: engine.inbox,
    created: input.created ?? new Date().toISOString(),
  };
  await validateStudy(draft);
  const client = await engine.ensureStudyClient(input.slug);
  const study: StudyDescription = { ...draft, engineClientId: client.id };
  const url = `${engine.podUrl}${STUDIES_PATH}${study.slug}`;
  const response = await engine.fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'text/turtle', 'if-none-match': '*' },
    body: studyToTurtle(study, url),
  });
  if (![200, 201, 204].includes(response.status)) {
    throw new StudyError(
      'http',
      response.status === 412
        ? `A study named ${study.slug} is already published.`
        : `PUT ${url} answered ${response.status}.`,
      { status: response.status, field: 'slug' },
    );
  }
  return { ...study, iri: studyIri(engine.podUrl, study.slug) };
}

/**
 * The study `input.slug` of the engine's registry: read when already published, else published
 * (`publishStudy`). Idempotent; a study published meanwhile by another run (412) is read.
 * @throws StudyError from publishing (`invalid-study`, `http`)
 */
export async function ensureStudy(input: StudyInput, engine: ResearchEngineAccount): Promise<Study> {
  const iri = studyIri(engine.podUrl, input.slug);
  try {
    return await readStudy(iri, { fetch: engine.fetch });
  } catch (error: unknown) {
    if (!(StudyError.isInstance(error) && error.code === 'unknown-study')) throw error;
  }
  try {
    return await publishStudy(input, engine);
  } catch (error: unknown) {
    if (StudyError.isInstance(error) && error.status === 412) return readStudy(iri, { fetch: engine.fetch });
    throw error;
  }
}

/**
 * Reads one study by IRI (public, no login).
 * @throws StudyError `unknown-study`
 */
export async function readStudy(iri: string, options: { fetch?: typeof globalThis.fetch } = {}): Promise<Study> {
  const documentUrl = iri.split('#')[0]!;
  const response = await (options.fetch ?? globalThis.fetch)(documentUrl, { headers: { accept: 'text/turtle' } });
  if (response.status === 404 || response.status === 401 || response.status === 403) {
    await response.arrayBuffer();
    throw new StudyError('unknown-study', `No study ${iri} (the registry answered ${response.status}).`, {
      status: response.status,
    });
  }
  if (!response.ok)
    throw new StudyError('http', `GET ${documentUrl} answered ${response.status}.`, { status: response.status });
  return parseStudy(await response.text(), documentUrl, iri);
}

/**
 * Lists the studies of a territory's public registry (for the portal), newest first. No login.
 * A registry that does not exist (or is not public) gives an empty list.
 */
export async function listStudies(
  territoryServerUrl: string,
  options: { fetch?: typeof globalThis.fetch } = {},
): Promise<Study[]> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const registry = studyRegistryUrl(territoryServerUrl);
  const response = await fetchFn(registry, { headers: { accept: 'text/turtle' } });
  // A server without an engine account: CSS answers 401 rather than 404 under a private root.
  if (response.status === 404 || response.status === 401 || response.status === 403) {
    await response.arrayBuffer();
    return [];
  }
  if (!response.ok)
    throw new StudyError('http', `GET ${registry} answered ${response.status}.`, { status: response.status });
  const members = new Parser({ baseIRI: registry })
    .parse(await response.text())
    .filter((q) => q.subject.value === registry && q.predicate.value === LDP_CONTAINS && !q.object.value.endsWith('/'))
    .map((q) => q.object.value);
  const studies = await Promise.all(
    members.map((url) => readStudy(`${url}#study`, { fetch: fetchFn }).catch(() => undefined)),
  );
  return studies.filter((s): s is Study => s !== undefined).sort((a, b) => b.created.localeCompare(a.created));
}

/** The study's budget ledger, kept owner-only in the engine's pod (`research/budgets/<slug>`). */
export async function loadStudyBudget(
  study: Study,
  engine: ResearchEngineAccount,
): Promise<{ budget: PrivacyBudget; save: (budget: PrivacyBudget) => Promise<void> }> {
  const url = `${engine.podUrl}${BUDGETS_PATH}${study.slug}`;
  const response = await engine.fetch(url);
  let etag: string | null = null;
  let budget = new PrivacyBudget(study.privacyBudget);
  if (response.ok) {
    etag = response.headers.get('etag');
    const state = (await response.json()) as PrivacyBudgetState;
    budget = new PrivacyBudget(study.privacyBudget, state.charges);
  } else {
    await response.arrayBuffer();
    if (response.status !== 404) throw new StudyError('http', `GET ${url} answered ${response.status}.`);
  }
  const save = async (updated: PrivacyBudget): Promise<void> => {
    const put = await engine.fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : { 'if-none-match': '*' }) },
      body: JSON.stringify(updated.toJSON()),
    });
    await put.arrayBuffer();
    if (![200, 201, 204, 205].includes(put.status))
      throw new StudyError(
        'http',
        `The budget ledger of ${study.slug} changed meanwhile or could not be written (${put.status}).`,
      );
    etag = put.headers.get('etag');
    if (etag === null) {
      const head = await engine.fetch(url, { method: 'HEAD' });
      etag = head.headers.get('etag');
    }
  };
  return { budget, save };
}

/** IRI of the `sdt:Study` class. */
export const STUDY_CLASS = `${SDT_NS}Study`;
