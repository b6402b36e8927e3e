import 'server-only';
import {
  getEnginePassword,
  isAccreditedResearcher,
  publishStudy,
  ResearchEngineAccount,
  StudyError,
  type Study,
  type StudyInput,
} from '@sdt/research';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { getEnv } from '../env.ts';

// Publishing a study from the researcher space: only a WebID the territory accredited (listed in the
// owner-only `research/accredited-researchers` of its research engine's pod) may fill that territory's
// public registry. The portal logs in as the engine (password `SDT_RESEARCH_ENGINE_PASSWORD`, never sent
// to the browser), checks the accreditation, then publishes with the researcher as the study's owner.

/** What publishing gave. */
export type PublishOutcome =
  | { readonly ok: true; readonly study: Study }
  | { readonly ok: false; readonly reason: 'not-accredited' | 'slug-taken' | 'engine-unreachable' }
  | {
      readonly ok: false;
      readonly reason: 'invalid-study';
      readonly field: string | undefined;
      readonly message: string;
    };

async function withEngine<T>(territory: Territory, work: (engine: ResearchEngineAccount) => Promise<T>): Promise<T> {
  const engine = await ResearchEngineAccount.open({
    serverUrl: getEnv().territoryUrls[territory],
    password: getEnginePassword(),
  });
  try {
    return await work(engine);
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/**
 * Publishes a study in the territory's registry as its research engine, with `webId` as its researcher,
 * when the territory accredited that WebID.
 */
export async function publishStudyAsResearcher(
  territory: Territory,
  webId: string,
  input: StudyInput,
): Promise<PublishOutcome> {
  try {
    return await withEngine(territory, async (engine): Promise<PublishOutcome> => {
      if (!(await isAccreditedResearcher(engine, webId))) return { ok: false, reason: 'not-accredited' };
      const study = await publishStudy({ ...input, researchers: [webId] }, engine);
      accreditationCache.delete(webId);
      return { ok: true, study };
    });
  } catch (error: unknown) {
    if (StudyError.isInstance(error) && error.code === 'invalid-study')
      return { ok: false, reason: 'invalid-study', field: error.field, message: error.message };
    if (StudyError.isInstance(error) && error.code === 'http' && error.status === 412)
      return { ok: false, reason: 'slug-taken' };
    return { ok: false, reason: 'engine-unreachable' };
  }
}

const CACHE_MS = 30_000;
const accreditationCache = new Map<string, { at: number; territories: Territory[] }>();

/**
 * The territories that accredited this WebID (to show "publish a study" in the researcher space).
 * Kept 30 s per WebID; a territory whose engine does not answer counts as not accrediting. Publishing
 * itself always checks again.
 */
export async function findAccreditingTerritories(webId: string): Promise<Territory[]> {
  const cached = accreditationCache.get(webId);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.territories;
  const answers = await Promise.all(
    TERRITORIES.map((territory) =>
      withEngine(territory, (engine) => isAccreditedResearcher(engine, webId)).catch(() => false),
    ),
  );
  const territories = TERRITORIES.filter((_, index) => answers[index]);
  if (accreditationCache.size > 1000) accreditationCache.clear();
  accreditationCache.set(webId, { at: Date.now(), territories });
  return territories;
}
