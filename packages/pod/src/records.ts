import { getSolidDataset, overwriteFile, toRdfJsDataset, getContainedResourceUrlAll } from '@inrupt/solid-client';
import type { Quad } from 'n3';
import type { CategoryName, CitizenData } from '@sdt/vocab';
import type { CatalogEntry, PodCatalog } from './catalog.ts';
import { readCatalog, writeCatalog } from './catalog.ts';
import { PodError } from './errors.ts';
import { categoryContainerPath, type PodAccess } from './layout.ts';
import {
  contentToTurtle,
  quadsToContent,
  resourcePathFor,
  splitByMonth,
  type ResourceContent,
} from './rdf/index.ts';

/** Writes one resource (replacing it) with `@inrupt/solid-client`. @returns its URL. */
export async function saveContent(access: PodAccess, path: string, content: ResourceContent): Promise<string> {
  const url = `${access.podUrl}${path}`;
  const turtle = contentToTurtle(content, url);
  try {
    await overwriteFile(url, new Blob([turtle], { type: 'text/turtle' }), { contentType: 'text/turtle', fetch: access.fetch });
  } catch (error: unknown) {
    throw toPodError(error, 'PUT', url);
  }
  return url;
}

/**
 * Reads one resource of a category and maps it to records.
 *
 * @param path - Path relative to the pod root, e.g. `data/electricity/daily-2025-01`.
 * @throws PodError `not-found`, `forbidden`, or PodDataError when the data has not the expected shape.
 */
export async function getContent(
  access: Pick<PodAccess, 'podUrl' | 'fetch'>,
  kind: { category: CategoryName; series?: string },
  path: string,
): Promise<ResourceContent> {
  const url = `${access.podUrl}${path}`;
  let quads: Quad[];
  try {
    const dataset = await getSolidDataset(url, { fetch: access.fetch });
    quads = [...toRdfJsDataset(dataset)] as Quad[];
  } catch (error: unknown) {
    throw toPodError(error, 'GET', url);
  }
  return quadsToContent(kind, quads, url);
}

/** Paths of the resources in a category's container (e.g. every month), sorted. */
export async function listCategoryResources(access: Pick<PodAccess, 'podUrl' | 'fetch'>, category: CategoryName): Promise<string[]> {
  const url = `${access.podUrl}${categoryContainerPath(category)}`;
  try {
    const dataset = await getSolidDataset(url, { fetch: access.fetch });
    return getContainedResourceUrlAll(dataset)
      .map((member) => member.slice(access.podUrl.length))
      .sort();
  } catch (error: unknown) {
    throw toPodError(error, 'GET', url);
  }
}

/** Runs `tasks` with at most `limit` at a time. */
export async function runBounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Every resource of a citizen's data, as path -> content. */
export function citizenDataToResources(data: CitizenData): Map<string, ResourceContent> {
  const resources = new Map<string, ResourceContent>();
  resources.set(resourcePathFor('identity'), { category: 'identity', record: data.identity });
  resources.set(resourcePathFor('household'), { category: 'household', record: data.household });
  resources.set(resourcePathFor('income'), { category: 'income', record: data.income });
  resources.set(resourcePathFor('housing'), { category: 'housing', record: data.housing });
  resources.set(resourcePathFor('health'), { category: 'health', records: data.health.observations });
  const series: [CategoryName, string, unknown[]][] = [
    ['electricity', 'daily', data.electricity.daily],
    ['electricity', 'curve', data.electricity.curve],
    ['gas', 'daily', data.gas.daily],
    ['gas', 'monthly', data.gas.monthly],
    ['water', 'daily', data.water.daily],
    ['mobility', 'trips', data.mobility.trips],
  ];
  for (const [category, name, items] of series) {
    if (items.length === 0) continue;
    for (const [path, content] of splitByMonth(category, name, items as never)) {
      resources.set(path, content);
    }
  }
  return resources;
}

function day(instant: string): string {
  return instant.slice(0, 10);
}

/** Catalogue entries describing `data` (period covered, record counts). */
export function catalogEntriesFor(data: CitizenData, source: string, lastImport: string): PodCatalog['entries'] {
  const entries: PodCatalog['entries'] = {};
  const single = (category: CategoryName, count: number): void => {
    entries[category] = { category, source, recordCount: count, lastImport };
  };
  const series = (category: CategoryName, starts: string[]): void => {
    if (starts.length === 0) return;
    const sorted = [...starts].sort();
    const entry: CatalogEntry = {
      category,
      source,
      recordCount: starts.length,
      lastImport,
      periodStart: day(sorted[0]!),
      periodEnd: day(sorted[sorted.length - 1]!),
    };
    entries[category] = entry;
  };
  single('identity', 1);
  single('household', 1);
  single('income', 1);
  single('housing', 1);
  single('health', data.health.observations.length);
  series('electricity', [...data.electricity.daily.map((r) => r.start), ...data.electricity.curve.map((r) => r.start)]);
  series('gas', [...data.gas.daily.map((r) => r.start), ...data.gas.monthly.map((r) => r.start)]);
  series('water', data.water.daily.map((r) => r.start));
  series('mobility', data.mobility.trips.map((t) => t.departure));
  return entries;
}

/**
 * Writes all of a citizen's data (each resource replaced, so running it twice gives the same pod),
 * then records it in the catalogue. The catalogue is written last.
 *
 * @param concurrency - Parallel PUTs (the pod server is the bottleneck; 4-8 is plenty).
 */
export async function writeCitizenData(
  access: PodAccess,
  data: CitizenData,
  options: { source: string; concurrency?: number; now?: string },
): Promise<{ resources: number }> {
  const resources = citizenDataToResources(data);
  await runBounded(
    [...resources].map(([path, content]) => () => saveContent(access, path, content)),
    options.concurrency ?? 6,
  );
  const now = options.now ?? new Date().toISOString();
  const catalog = (await readCatalog(access)) ?? { entries: {} };
  catalog.entries = { ...catalog.entries, ...catalogEntriesFor(data, options.source, now) };
  catalog.modified = now;
  await writeCatalog(access, catalog);
  return { resources: resources.size };
}

function toPodError(error: unknown, method: string, url: string): PodError {
  if (PodError.isInstance(error)) return error;
  const status = (error as { statusCode?: number; response?: { status?: number } }).statusCode ?? (error as { response?: { status?: number } }).response?.status;
  if (status !== undefined) {
    const code = status === 401 || status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'http';
    return new PodError(code, `${method} ${url} answered ${status}.`, { statusCode: status, cause: error });
  }
  return new PodError('server-unreachable', `${method} ${url} failed: the server cannot be reached.`, { cause: error });
}
