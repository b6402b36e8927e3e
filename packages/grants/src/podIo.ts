/**
 * Small HTTP helpers over `sendRequest` of `@sdt/pod`, turning its errors into `GrantsError`s.
 */
import { Parser, type Quad } from 'n3';
import { LDP } from '@sdt/vocab';
import { PodError, sendRequest } from '@sdt/pod';
import { GrantsError, type GrantsErrorCode } from './GrantsError.ts';

/** The injected, authenticated fetch. */
export type FetchFn = typeof globalThis.fetch;

const TURTLE = 'text/turtle';

function toGrantsError(error: unknown): unknown {
  if (!PodError.isInstance(error)) return error;
  const codes: Partial<Record<string, GrantsErrorCode>> = {
    forbidden: 'forbidden',
    'not-found': 'not-found',
    'server-unreachable': 'server-unreachable',
  };
  return new GrantsError(codes[error.code] ?? 'http', error.message, {
    cause: error,
    ...(error.statusCode === undefined ? {} : { statusCode: error.statusCode }),
  });
}

/** Sends a request; statuses outside `expected` throw a `GrantsError` (`forbidden`, `not-found`, `http`...). */
export async function send(fetchFn: FetchFn, url: string, init: RequestInit, expected: number[]): Promise<Response> {
  try {
    return await sendRequest(fetchFn, url, init, expected);
  } catch (error: unknown) {
    throw toGrantsError(error);
  }
}

/** GETs a Turtle resource; `undefined` when it does not exist. */
export async function getTurtle(
  fetchFn: FetchFn,
  url: string,
): Promise<{ text: string; etag: string | null } | undefined> {
  const response = await send(fetchFn, url, { headers: { accept: TURTLE } }, [200, 404]);
  if (response.status === 404) {
    await response.arrayBuffer();
    return undefined;
  }
  return { text: await response.text(), etag: response.headers.get('etag') };
}

/** Parses Turtle from a pod (trusted enough: written by the owner or the server). */
export function parsePodTurtle(text: string, url: string): Quad[] {
  try {
    return new Parser({ baseIRI: url, format: TURTLE }).parse(text);
  } catch (error: unknown) {
    throw new GrantsError(
      'invalid-data',
      `${url} is not valid Turtle: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** URLs of the members of a container (`ldp:contains`); empty when the container does not exist. */
export async function listContainer(fetchFn: FetchFn, containerUrl: string): Promise<string[]> {
  const resource = await getTurtle(fetchFn, containerUrl);
  if (!resource) return [];
  return parsePodTurtle(resource.text, containerUrl)
    .filter((q) => q.subject.value === containerUrl && q.predicate.value === LDP.contains)
    .map((q) => q.object.value)
    .sort();
}

/**
 * PUTs Turtle. With `create`, refuses to overwrite (`If-None-Match: *`) and answers false when the
 * resource already exists; with `etag`, writes only over that version.
 */
export async function putTurtle(
  fetchFn: FetchFn,
  url: string,
  body: string,
  options: { create?: boolean; etag?: string | null } = {},
): Promise<boolean> {
  const headers: Record<string, string> = { 'content-type': TURTLE };
  if (options.create) headers['if-none-match'] = '*';
  if (options.etag) headers['if-match'] = options.etag;
  const response = await send(fetchFn, url, { method: 'PUT', headers, body }, [200, 201, 204, 205, 412]);
  await response.arrayBuffer();
  return response.status !== 412;
}

/** DELETEs a resource (a missing one is fine). */
export async function deleteResource(fetchFn: FetchFn, url: string): Promise<void> {
  const response = await send(fetchFn, url, { method: 'DELETE' }, [200, 202, 204, 205, 404]);
  await response.arrayBuffer();
}

/** Runs tasks with at most `limit` in flight, keeping the order of results. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The URL of a resource without its fragment. */
export function documentOf(iri: string): string {
  const hash = iri.indexOf('#');
  return hash === -1 ? iri : iri.slice(0, hash);
}

/** Last path segment of a URL (the resource's name in its container). */
export function nameOf(url: string): string {
  const path = new URL(documentOf(url)).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
