import 'server-only';
import { cache } from 'react';
import { Parser } from 'n3';
import {
  PodDataError,
  PodError,
  quadsToContent,
  sendRequest,
  listCategoryResources,
  readCatalog,
  resourcePathFor,
  runBounded,
  type PodCatalog,
  type ResourceContent,
  type SeriesItem,
} from '@sdt/pod';
import type { CategoryName, Dwelling, Household } from '@sdt/vocab';
import type { CitizenSession } from './auth.ts';

/** Parallel reads per page: the pod server is the bottleneck, more only queues. */
const CONCURRENCY = 6;

/**
 * Reads one resource and maps it to records: a plain GET and N3's parser (about twice as fast as
 * `getContent`'s solid-client dataset for a month of 30-minute readings), then `@sdt/pod`'s mapping.
 *
 * @throws PodError when the resource cannot be read, PodDataError when it has not the expected shape
 */
export async function readContent(
  citizen: Pick<CitizenSession, 'podUrl' | 'fetch'>,
  kind: { category: CategoryName; series?: string },
  path: string,
): Promise<ResourceContent> {
  const url = `${citizen.podUrl}${path}`;
  const response = await sendRequest(citizen.fetch, url, { headers: { accept: 'text/turtle' } }, [200]);
  const text = await response.text();
  let quads;
  try {
    quads = new Parser({ baseIRI: url }).parse(text);
  } catch (error: unknown) {
    throw new PodDataError(`${url} is not valid Turtle.`, { cause: error });
  }
  return quadsToContent(kind, quads, url);
}

/** The pod's catalogue (once per request). */
export const loadCatalog = cache(async (citizen: CitizenSession): Promise<PodCatalog | undefined> =>
  readCatalog({ podUrl: citizen.podUrl, webId: citizen.webId, fetch: citizen.fetch }),
);

/** Paths of a category's resources (once per request); empty when the container is missing. */
export const loadCategoryPaths = cache(async (citizen: CitizenSession, category: CategoryName): Promise<string[]> => {
  try {
    return await listCategoryResources(citizen, category);
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'not-found') return [];
    throw error;
  }
});

/**
 * Reads every monthly resource of one series (e.g. all `electricity/daily-YYYY-MM`).
 *
 * @param months - keep only the last `months` months (all when undefined)
 * @returns the records of every month, in month order
 * @throws PodError when a resource cannot be read, PodDataError when one has not the expected shape
 */
export async function loadSeries<T extends SeriesItem>(
  citizen: CitizenSession,
  category: CategoryName,
  series: string,
  months?: number,
): Promise<T[]> {
  const prefix = `data/${category}/${series}-`;
  let paths = (await loadCategoryPaths(citizen, category)).filter((path) => path.startsWith(prefix));
  if (months !== undefined) paths = paths.slice(-months);
  const contents = await runBounded(
    paths.map((path) => () => readContent(citizen, { category, series }, path)),
    CONCURRENCY,
  );
  return contents.flatMap((content) => itemsOf(content) as T[]);
}

/** Reads one month of one series (e.g. the load curve of the month of a chosen day). */
export async function loadSeriesMonth<T extends SeriesItem>(
  citizen: CitizenSession,
  category: CategoryName,
  series: string,
  month: string,
): Promise<T[]> {
  const path = resourcePathFor(category, series, month);
  if (!(await loadCategoryPaths(citizen, category)).includes(path)) return [];
  return itemsOf(await readContent(citizen, { category, series }, path)) as T[];
}

/** The months (`YYYY-MM`) a series has resources for, sorted. */
export async function listSeriesMonths(citizen: CitizenSession, category: CategoryName, series: string): Promise<string[]> {
  const prefix = `data/${category}/${series}-`;
  return (await loadCategoryPaths(citizen, category)).filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
}

/** Reads a single-resource category (household, housing…); undefined when it has no data. */
export async function loadSingle(citizen: CitizenSession, category: 'household'): Promise<Household | undefined>;
export async function loadSingle(citizen: CitizenSession, category: 'housing'): Promise<Dwelling | undefined>;
export async function loadSingle(citizen: CitizenSession, category: 'household' | 'housing'): Promise<Household | Dwelling | undefined> {
  const path = resourcePathFor(category);
  if (!(await loadCategoryPaths(citizen, category)).includes(path)) return undefined;
  const content = await readContent(citizen, { category }, path);
  return 'record' in content ? (content.record as Household | Dwelling) : undefined;
}

/** The records of a resource's content, as a list. */
export function itemsOf(content: ResourceContent): unknown[] {
  if ('readings' in content) return content.readings;
  if ('trips' in content) return content.trips;
  if ('records' in content) return content.records;
  return [content.record];
}
