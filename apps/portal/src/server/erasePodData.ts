import 'server-only';
import { listCategoryResources, readCatalog, runBounded, sendRequest, writeCatalog, PodError } from '@sdt/pod';
import { CATEGORY_NAMES, type CategoryName } from '@sdt/vocab';
import type { CitizenSession } from './auth.ts';

/** What an erasure removed. */
export interface ErasureReport {
  readonly categories: readonly CategoryName[];
  readonly resources: number;
}

async function deleteCategoryResources(citizen: CitizenSession, category: CategoryName): Promise<number> {
  let paths: string[];
  try {
    paths = await listCategoryResources(citizen, category);
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'not-found') return 0;
    throw error;
  }
  await runBounded(
    paths.map((path) => () => sendRequest(citizen.fetch, `${citizen.podUrl}${path}`, { method: 'DELETE' }, [200, 202, 204, 205, 404])),
    4,
  );
  return paths.length;
}

/**
 * Erases the data of some categories (GDPR art. 17): every resource in their containers, then their
 * catalogue entries. The containers stay (they are the pod's layout, and type indexes point at them).
 * Resources are deleted before the catalogue is updated, so a failure part-way leaves the catalogue
 * still listing the category and the citizen can run it again.
 *
 * @param citizen - the signed-in owner
 * @param categories - what to erase (all categories by default)
 * @throws PodError when the pod refuses or cannot be reached
 */
export async function erasePodData(citizen: CitizenSession, categories: readonly CategoryName[] = CATEGORY_NAMES): Promise<ErasureReport> {
  let resources = 0;
  for (const category of categories) resources += await deleteCategoryResources(citizen, category);
  const access = { podUrl: citizen.podUrl, webId: citizen.webId, fetch: citizen.fetch };
  const catalog = await readCatalog(access);
  if (catalog) {
    for (const category of categories) delete catalog.entries[category];
    catalog.modified = new Date().toISOString();
    await writeCatalog(access, catalog);
  }
  return { categories, resources };
}
