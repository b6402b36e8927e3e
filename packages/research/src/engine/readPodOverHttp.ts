import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { Agent, fetch as undiciFetch } from 'undici';

const LDP_CONTAINS = 'http://www.w3.org/ns/ldp#contains';

/** Why reading a pod failed, as reported per pod. */
export class PodReadError extends Error {
  public constructor(
    public readonly reason:
      'timeout' | 'forbidden' | 'not-found' | 'http' | 'network' | 'parse' | 'evaluation' | 'server-unreachable',
    message: string,
    public readonly status?: number,
  ) {
    super(message);
    this.name = 'PodReadError';
  }
}

/** HTTP behaviour of the coordinator. */
export interface HttpReadOptions {
  /** Tries after the first for network errors, 429 and 5xx (never 401/403/404). Default 2. */
  readonly retries?: number;
  /** First backoff delay in ms, doubled each retry with jitter. Default 200. */
  readonly backoffMs?: number;
  readonly signal?: AbortSignal;
  /** Resources of one pod fetched at the same time. Default 4. */
  readonly resourceConcurrency?: number;
  /**
   * When listing a pod: skip the categories the pod refuses (its grant was narrowed to fewer
   * categories), as the research endpoint does; the pod fails only when it refuses them all.
   */
  readonly grantedOnly?: boolean;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

/**
 * GET with retries and exponential backoff (network errors, 429, 5xx). 401 / 403 / 404 are final.
 * @throws PodReadError
 */
export async function getWithRetries(
  fetchFn: typeof globalThis.fetch,
  url: string,
  options: HttpReadOptions = {},
  accept = 'text/turtle',
): Promise<string> {
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? 200;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetchFn(url, { headers: { accept }, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error: unknown) {
      if (options.signal?.aborted) throw new PodReadError('timeout', `Timed out reading ${url}.`);
      if (attempt >= retries) throw new PodReadError('network', `${url}: ${(error as Error).message}`);
      await sleep(backoff * 2 ** attempt * (0.5 + Math.random()), options.signal);
      continue;
    }
    if (response.ok) {
      try {
        return await response.text();
      } catch (error: unknown) {
        if (options.signal?.aborted) throw new PodReadError('timeout', `Timed out reading ${url}.`);
        throw new PodReadError('network', `${url}: ${(error as Error).message}`);
      }
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 401 || response.status === 403)
      throw new PodReadError(
        'forbidden',
        `${url} refused the engine (${response.status}): no active grant.`,
        response.status,
      );
    if (response.status === 404) throw new PodReadError('not-found', `${url} does not exist (404).`, 404);
    if ((response.status !== 429 && response.status < 500) || attempt >= retries)
      throw new PodReadError('http', `${url} answered ${response.status}.`, response.status);
    await sleep(backoff * 2 ** attempt * (0.5 + Math.random()), options.signal);
  }
}

async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = Array.from({ length: items.length });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Lists a container's members (ldp:contains), documents only. */
export function parseContainerMembers(turtle: string, containerUrl: string): string[] {
  return new Parser({ baseIRI: containerUrl })
    .parse(turtle)
    .filter(
      (q) => q.subject.value === containerUrl && q.predicate.value === LDP_CONTAINS && !q.object.value.endsWith('/'),
    )
    .map((q) => q.object.value)
    .sort();
}

/**
 * The resources of a pod's categories (listing `<pod>data/<category>/`); a missing category is empty,
 * a refused one too with `grantedOnly`.
 */
export async function listPodResources(
  fetchFn: typeof globalThis.fetch,
  podUrl: string,
  categories: readonly string[],
  options: HttpReadOptions = {},
): Promise<string[]> {
  let forbidden: PodReadError | undefined;
  const lists = await Promise.all(
    categories.map(async (category) => {
      const container = `${podUrl}data/${category}/`;
      try {
        return parseContainerMembers(await getWithRetries(fetchFn, container, options), container);
      } catch (error: unknown) {
        if (error instanceof PodReadError && error.reason === 'not-found') return [];
        if (error instanceof PodReadError && error.reason === 'forbidden' && options.grantedOnly) {
          forbidden = error;
          return undefined;
        }
        throw error;
      }
    }),
  );
  if (forbidden && lists.every((list) => list === undefined)) throw forbidden;
  return lists.flatMap((list) => list ?? []);
}

/**
 * Fetches and parses resources of one pod (bounded concurrency, retries) into one array of quads
 * (in the default graph: a pod is read as one set of triples).
 */
export async function fetchResourcesAsQuads(
  fetchFn: typeof globalThis.fetch,
  urls: readonly string[],
  options: HttpReadOptions = {},
): Promise<RDF.Quad[]> {
  const parts = await mapBounded(urls, options.resourceConcurrency ?? 4, async (url) => {
    const text = await getWithRetries(fetchFn, url, options);
    try {
      return new Parser({ baseIRI: url }).parse(text);
    } catch (error: unknown) {
      throw new PodReadError('parse', `${url} is not valid Turtle: ${(error as Error).message}`);
    }
  });
  return parts.flat();
}

/**
 * A fetch with keep-alive connections from an undici Agent (at most `connections` per origin),
 * to pass as the base fetch of `createClientCredentialsFetch`.
 */
export function createKeepAliveFetch(connections = 32): { fetch: typeof globalThis.fetch; close: () => Promise<void> } {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000, pipelining: 1 });
  const fetchFn = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent })) as unknown as typeof globalThis.fetch;
  return { fetch: fetchFn, close: () => agent.close() };
}

export { mapBounded };
