/**
 * Raw resource I/O on a pod for the import writer: bytes in, bytes out, with the ETag and the
 * conditions (`If-Match`, `If-None-Match`) that make the switch detect concurrent changes.
 */
import { createHash } from 'node:crypto';
import { Parser } from 'n3';
import { PodError, sendRequest, type PodAccess } from '@sdt/pod';

/** A resource as read: its bytes and ETag, or `undefined` bytes when it does not exist. */
export interface ResourceState {
  /** Path relative to the pod root. */
  path: string;
  /** The body, or `undefined` when the resource does not exist (404). */
  body: Buffer | undefined;
  /** ETag of the version read (`undefined` for an absent resource). */
  etag: string | undefined;
  contentType: string | undefined;
}

/** Reads a resource's bytes and ETag; a 404 gives `body: undefined`. */
export async function readResource(access: Pick<PodAccess, 'podUrl' | 'fetch'>, path: string): Promise<ResourceState> {
  const url = `${access.podUrl}${path}`;
  const response = await readOnce(() =>
    sendRequest(
      access.fetch,
      url,
      { headers: { accept: 'text/turtle, application/json;q=0.9, */*;q=0.1' } },
      [200, 404],
    ),
  );
  if (response.status === 404) {
    await response.arrayBuffer().catch(() => undefined);
    return { path, body: undefined, etag: undefined, contentType: undefined };
  }
  const body = Buffer.from(await response.arrayBuffer());
  return {
    path,
    body,
    etag: response.headers.get('etag') ?? undefined,
    contentType: response.headers.get('content-type') ?? undefined,
  };
}

/** Conditions of a write: the ETag the target must still have, or that it must not exist. */
export type WriteCondition = { ifMatch: string } | { ifNoneMatch: '*' } | undefined;

/**
 * Writes (creates or replaces) a resource.
 *
 * @throws PodError `http` with `statusCode` 412 when the condition does not hold (concurrent change)
 */
export async function writeResource(
  access: Pick<PodAccess, 'podUrl' | 'fetch'>,
  path: string,
  body: string | Uint8Array,
  contentType: string,
  condition?: WriteCondition,
): Promise<void> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (condition !== undefined && 'ifMatch' in condition) headers['if-match'] = condition.ifMatch;
  if (condition !== undefined && 'ifNoneMatch' in condition) headers['if-none-match'] = '*';
  const response = await sendRequest(
    access.fetch,
    `${access.podUrl}${path}`,
    { method: 'PUT', headers, body: typeof body === 'string' ? body : new Uint8Array(body) },
    [200, 201, 204, 205],
  );
  // Drain the body so the connection is free for the next request (and the server can stop).
  await response.arrayBuffer().catch(() => undefined);
}

/** Deletes a resource (or an empty container); absent is fine. */
export async function deleteResource(
  access: Pick<PodAccess, 'podUrl' | 'fetch'>,
  path: string,
  condition?: WriteCondition,
): Promise<void> {
  const headers: Record<string, string> = {};
  if (condition !== undefined && 'ifMatch' in condition) headers['if-match'] = condition.ifMatch;
  const response = await sendRequest(
    access.fetch,
    `${access.podUrl}${path}`,
    { method: 'DELETE', headers },
    [200, 202, 204, 205, 404],
  );
  await response.arrayBuffer().catch(() => undefined);
}

/** Paths (relative to the pod root) of a container's members; `[]` when the container does not exist. */
export async function listContainer(access: Pick<PodAccess, 'podUrl' | 'fetch'>, path: string): Promise<string[]> {
  const url = `${access.podUrl}${path}`;
  const response = await readOnce(() =>
    sendRequest(access.fetch, url, { headers: { accept: 'text/turtle' } }, [200, 404]),
  );
  if (response.status === 404) {
    await response.arrayBuffer().catch(() => undefined);
    return [];
  }
  const text = await response.text();
  const members = new Parser({ baseIRI: url })
    .parse(text)
    .filter((q) => q.subject.value === url && q.predicate.value === 'http://www.w3.org/ns/ldp#contains')
    .map((q) => q.object.value)
    .filter((member) => member.startsWith(access.podUrl))
    .map((member) => member.slice(access.podUrl.length));
  return members.sort();
}

/** SHA-256 of bytes (or of nothing, for an absent resource), lower-case hex. */
export function hashBody(body: string | Uint8Array | undefined): string | null {
  if (body === undefined) return null;
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Sends a read, and sends it again once if the connection failed: the server closes idle keep-alive
 * connections, and a request sent on one at that moment fails without having been processed.
 */
async function readOnce(send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'server-unreachable') return send();
    throw error;
  }
}
