import { PodError } from './errors.ts';

/**
 * Sends one HTTP request and checks its status.
 *
 * @param expected - Statuses that count as success (others throw).
 * @throws PodError `server-unreachable` on network failure, `forbidden` on 401/403, `not-found` on 404,
 *   `http` otherwise; the message names the method, URL and status, never the body of a pod resource.
 */
export async function sendRequest(
  fetchFn: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  expected: number[],
): Promise<Response> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error: unknown) {
    if (PodError.isInstance(error)) throw error;
    throw new PodError('server-unreachable', `${method} ${url} failed: the server cannot be reached.`, { cause: error });
  }
  if (!expected.includes(response.status)) {
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    const status = response.status;
    const code = status === 401 || status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'http';
    throw new PodError(code, `${method} ${url} answered ${status}.`, { statusCode: status });
  }
  return response;
}
