import { RESEARCH_ENGINE_POD_NAME } from '../studies/ResearchEngineAccount.ts';
import { StatisticsError } from './StatisticsError.ts';
import { parseStatisticsCube, STATISTICS_PATH } from './statisticsCube.ts';
import type { TerritoryStatistics } from './TerritoryStatistics.ts';

/** Where a territory server publishes its statistics: `<server>research-engine/statistics/monthly`. */
export function territoryStatisticsUrl(serverUrl: string): string {
  return new URL(`${RESEARCH_ENGINE_POD_NAME}/${STATISTICS_PATH}`, serverUrl).href;
}

/**
 * Reads a territory's published statistics (open data: no login).
 * @returns null when nothing is published yet (404; 401/403 too, which CSS answers under a private root)
 * @throws StatisticsError `http` (unreachable, other status), `invalid-cube` (naming the node at fault)
 */
export async function readTerritoryStatistics(
  serverUrl: string,
  options: {
    fetch?: typeof globalThis.fetch;
    /** Gives up after this long (default 10 s): a dashboard or a partner page must not hang on it. */
    timeoutMs?: number;
  } = {},
): Promise<TerritoryStatistics | null> {
  const url = territoryStatisticsUrl(serverUrl);
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  let response: Response;
  let text: string | undefined;
  try {
    response = await (options.fetch ?? globalThis.fetch)(url, { headers: { accept: 'text/turtle' }, signal });
    if (response.ok) text = await response.text();
  } catch (error: unknown) {
    throw new StatisticsError('http', `The statistics at ${url} could not be read: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  if (response.status === 404 || response.status === 401 || response.status === 403) {
    await response.arrayBuffer().catch(() => undefined);
    return null;
  }
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    throw new StatisticsError('http', `GET ${url} answered ${response.status}.`, { status: response.status });
  }
  return parseStatisticsCube(text ?? '', url);
}
