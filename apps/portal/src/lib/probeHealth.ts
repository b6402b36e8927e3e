/** Whether a pod server answered the portal's health probe. */
export type HealthStatus = 'online' | 'offline';

/** Options of {@link probeHealth}. */
export interface ProbeHealthOptions {
  /** Give up after this many milliseconds and report `offline`. */
  readonly timeoutMs: number;
  /** The fetch to use (injected for tests and for authenticated calls later); the global one by default. */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * Asks a pod server whether it is up: a GET of its base URL within a short timeout.
 *
 * Any HTTP answer below 500 counts as online (a Solid server may answer its root with 200, 401 or a
 * redirect, all of which prove it is serving); a 5xx, a refused connection, a DNS failure or no answer in
 * time counts as offline. Never throws.
 *
 * @param baseUrl - the pod server's base URL
 * @param options - timeout and optional fetch
 * @returns `online` or `offline`
 */
export async function probeHealth(baseUrl: string, options: ProbeHealthOptions): Promise<HealthStatus> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  try {
    const response = await fetchFn(baseUrl, {
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'text/turtle, text/html;q=0.5, */*;q=0.1' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Free the connection: only the status matters.
    await response.body?.cancel().catch(() => undefined);
    return response.status < 500 ? 'online' : 'offline';
  } catch {
    return 'offline';
  }
}
