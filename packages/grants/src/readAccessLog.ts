import { LAYOUT } from '@sdt/pod';
import type { AccessLogEntry } from './model.ts';
import { getTurtle, listContainer, mapBounded, nameOf, parsePodTurtle, type FetchFn } from './podIo.ts';
import { readAccessLogEntries } from './rdf.ts';

/** Options of {@link readAccessLog}. */
export interface ReadAccessLogOptions {
  /** A fetch authenticated as the pod owner (only the owner reads `audit/`). */
  readonly fetch: FetchFn;
  /** Keep entries at or after this time. */
  readonly from?: Date;
  /** Keep entries before this time. */
  readonly to?: Date;
}

const DAY = /^(\d{4}-\d{2}-\d{2})(\.ttl)?$/;

/**
 * Reads a pod's access log: the `sdt:AccessLogEntry` resources the pod server appends to
 * `audit/<YYYY-MM-DD>` (one per UTC day), one entry per logged mode, oldest first. Only the days
 * that overlap `from`/`to` are fetched.
 */
export async function readAccessLog(podUrl: string, options: ReadAccessLogOptions): Promise<AccessLogEntry[]> {
  const firstDay = options.from?.toISOString().slice(0, 10);
  const lastDay = options.to?.toISOString().slice(0, 10);
  const days = (await listContainer(options.fetch, `${podUrl}${LAYOUT.audit}`)).filter((url) => {
    const day = DAY.exec(nameOf(url))?.[1];
    return (
      day !== undefined && (firstDay === undefined || day >= firstDay) && (lastDay === undefined || day <= lastDay)
    );
  });
  const entries = await mapBounded(days, 4, async (url) => {
    const resource = await getTurtle(options.fetch, url);
    return resource ? readAccessLogEntries(parsePodTurtle(resource.text, url)) : [];
  });
  const from = options.from?.getTime() ?? -Infinity;
  const to = options.to?.getTime() ?? Infinity;
  return entries
    .flat()
    .filter((entry) => {
      const time = Date.parse(entry.time);
      return time >= from && time < to;
    })
    .sort((a, b) => a.time.localeCompare(b.time) || a.target.localeCompare(b.target));
}
