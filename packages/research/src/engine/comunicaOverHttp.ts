import { QueryEngine } from '@comunica/query-sparql';

let shared: QueryEngine | undefined;

/**
 * Runs a query with `@comunica/query-sparql` over one pod's resources, which Comunica fetches and
 * parses itself with the given (authenticated) fetch: the reference for the benchmark, per pod like
 * our engine (a pod never joins with another).
 * @returns the number of solutions
 */
export async function countComunicaSolutionsOverHttp(
  query: string,
  resources: readonly string[],
  fetchFn: typeof globalThis.fetch,
): Promise<number> {
  if (resources.length === 0) return 0;
  shared ??= new QueryEngine();
  const stream = await shared.queryBindings(query, {
    sources: resources as [string, ...string[]],
    fetch: fetchFn,
    lenient: false,
  });
  return (await stream.toArray()).length;
}
