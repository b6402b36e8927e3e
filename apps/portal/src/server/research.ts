import 'server-only';
import {
  createKeepAliveFetch,
  getEnginePassword,
  listStudies,
  listStudyParticipants,
  loadStudyBudget,
  readStudy,
  ResearchEngineAccount,
  runStudyQuery,
  studyRegistryUrl,
  type Study,
  type StudyAnswer,
  type StudyQueryProgress,
} from '@sdt/research';
import { listGrants } from '@sdt/grants';
import type { Territory } from '@sdt/vocab';
import { getEnv } from '../env.ts';
import { orderTerritories } from '../lib/serviceCatalog.ts';
import type { CitizenSession } from './auth.ts';

// The portal's side of research (issue 6): the three territories' study registries, the citizen's
// opt-in state, and running a researcher's query as the territory's research engine. The engine's
// password (`SDT_RESEARCH_ENGINE_PASSWORD`, read by `getEnginePassword`) and its tokens stay here: only
// aggregates and the privacy report leave the server.

/** One territory's registry: its studies, or undefined when it could not be read. */
export interface TerritoryStudies {
  readonly territory: Territory;
  readonly studies?: Study[];
}

/**
 * The studies of the three territories' registries, the given territory first.
 *
 * @param own - the citizen's territory, when known
 */
export async function listPlatformStudies(own: Territory | undefined): Promise<TerritoryStudies[]> {
  const { territoryUrls } = getEnv();
  return Promise.all(
    orderTerritories(own).map(async (territory): Promise<TerritoryStudies> => {
      try {
        return { territory, studies: await listStudies(territoryUrls[territory]) };
      } catch {
        return { territory };
      }
    }),
  );
}

/**
 * Reads a study by IRI, only from one of the platform's registries (the IRI comes from a form or a
 * request body: the server never fetches an arbitrary URL for it).
 *
 * @param iri - `<server>research-engine/studies/<slug>#study`
 * @returns the study and whose registry holds it, or undefined (unknown registry, no such study)
 */
export async function readPlatformStudy(iri: string): Promise<{ study: Study; territory: Territory } | undefined> {
  const { territoryUrls } = getEnv();
  // Exactly `<registry><slug>#study`: a slug is a single path segment.
  const territory = (Object.keys(territoryUrls) as Territory[]).find((candidate) => {
    const registry = studyRegistryUrl(territoryUrls[candidate]);
    return iri.startsWith(registry) && /^[a-z0-9-]{3,60}#study$/u.test(iri.slice(registry.length));
  });
  if (!territory) return undefined;
  try {
    const study = await readStudy(iri);
    return study.iri === iri ? { study, territory } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the study `<slug>` of a territory's registry.
 *
 * @returns undefined when the registry has no such study
 */
export async function readTerritoryStudy(territory: Territory, slug: string): Promise<Study | undefined> {
  const iri = `${studyRegistryUrl(getEnv().territoryUrls[territory])}${slug}#study`;
  return (await readPlatformStudy(iri))?.study;
}

/** The platform's servers: loopback or private destinations allowed for consent receipts. */
export function getPlatformServers(): string[] {
  return Object.values(getEnv().territoryUrls);
}

/**
 * Which of the studies the citizen is in: those with an active grant of the pod to the study's engine
 * WebID and client (what `listStudyGrants` keeps), reading the pod's grants once for all studies.
 *
 * @returns the IRIs of the studies joined (empty when the grants cannot be read)
 */
export async function findJoinedStudies(studies: readonly Study[], citizen: CitizenSession): Promise<Set<string>> {
  if (studies.length === 0) return new Set();
  const grants = await listGrants(citizen.podUrl, { fetch: citizen.fetch, state: 'active' }).catch(() => []);
  return new Set(
    studies
      .filter((study) => grants.some((grant) => grant.grantee === study.engineWebId && grant.clientId === study.engineClientId))
      .map((study) => study.iri),
  );
}

/** Logs in as the study's research engine (on the server of its WebID), runs `work`, logs out. */
async function withStudyEngine<T>(study: Study, work: (engine: ResearchEngineAccount) => Promise<T>): Promise<T> {
  const engine = await ResearchEngineAccount.open({
    serverUrl: `${new URL(study.engineWebId).origin}/`,
    password: getEnginePassword(),
  });
  try {
    if (engine.webId !== study.engineWebId) throw new Error('This account is not the research engine of the study.');
    return await work(engine);
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/**
 * The privacy budget of a noisy study: total, spent, left (reads the engine's ledger).
 *
 * @returns null for a study without noise (no budget is used)
 */
export async function readStudyBudget(study: Study): Promise<null | { total: number; spent: number; remaining: number }> {
  if (!study.usesNoise) return null;
  return withStudyEngine(study, async (engine) => {
    const { budget } = await loadStudyBudget(study, engine);
    return { total: budget.total, spent: budget.spent, remaining: budget.remaining };
  });
}

/**
 * Runs a researcher's query over the pods that opted in to the study, as the territory's research
 * engine with the study's client, through the three territory servers' research endpoints.
 *
 * @param study - the study (re-read from its registry)
 * @param query - SPARQL text
 * @param onProgress - pods done / failed / total, as they answer
 * @throws ResearchError (refused query, budget) or StudyError (expired study, no consenting pods, engine)
 */
export async function runStudyAsEngine(
  study: Study,
  query: string,
  onProgress: (progress: StudyQueryProgress) => void,
): Promise<StudyAnswer> {
  return withStudyEngine(study, async (engine) => {
    const pods = await listStudyParticipants(study, engine);
    const keepAlive = createKeepAliveFetch(32);
    try {
      const client = await engine.openStudyClient(study.slug, keepAlive.fetch);
      const { budget, save } = await loadStudyBudget(study, engine);
      return await runStudyQuery({
        study,
        query,
        pods,
        fetch: client.fetch,
        endpoints: getPlatformServers(),
        budget,
        saveBudget: save,
        onProgress,
      });
    } finally {
      await keepAlive.close().catch(() => undefined);
    }
  });
}
