import { CATEGORY_NAMES, type CategoryName } from '@sdt/vocab';
import type { ChartPoint } from './dashboard/series.ts';

/** One access of the log, as the grants library reads it. */
export interface LogEntry {
  readonly time: string;
  readonly agent: string | null;
  readonly client: string | null;
  readonly target: string;
  readonly mode: string;
  readonly outcome: 'allowed' | 'denied';
  readonly grant: string | null;
}

/** Filters of the access log page. */
export interface LogFilter {
  /** Client id (the service's application); all when undefined. */
  readonly client?: string;
  readonly category?: CategoryName;
}

/**
 * The data category a target URL belongs to (`<pod>data/<category>/…`).
 *
 * @param target - the URL that was accessed
 * @param podUrl - the pod root
 */
export function categoryOfTarget(target: string, podUrl: string): CategoryName | undefined {
  if (!target.startsWith(`${podUrl}data/`)) return undefined;
  const name = target.slice(`${podUrl}data/`.length).split('/')[0] ?? '';
  return (CATEGORY_NAMES as readonly string[]).includes(name) ? (name as CategoryName) : undefined;
}

/**
 * Keeps the entries of one service and one category, newest first.
 *
 * @param entries - the log
 * @param filter - client and category (either may be absent)
 * @param podUrl - the pod root, to tell categories from targets
 */
export function filterAccessLog<T extends LogEntry>(entries: readonly T[], filter: LogFilter, podUrl: string): T[] {
  return entries
    .filter((entry) => filter.client === undefined || entry.client === filter.client)
    .filter((entry) => filter.category === undefined || categoryOfTarget(entry.target, podUrl) === filter.category)
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

/**
 * Accesses per day (Europe/Paris), oldest first, for the chart of the log.
 *
 * @param entries - the (filtered) log
 * @returns one point per day that has accesses
 */
export function countAccessesByDay(entries: readonly LogEntry[]): ChartPoint[] {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const date = new Date(entry.time);
    if (Number.isNaN(date.getTime())) continue;
    const label = day.format(date);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, value]) => ({ label, value }));
}

/** The distinct services (client ids) of a log, sorted. */
export function listLogClients(entries: readonly LogEntry[]): string[] {
  return [...new Set(entries.map((entry) => entry.client).filter((client): client is string => client !== null))].sort();
}

/**
 * The local name of a vocabulary IRI (after `#` or the last `/`), e.g. `ServiceProvision`.
 *
 * @param iri - a DPV, GDPR or other term
 */
export function localName(iri: string): string {
  const hash = iri.lastIndexOf('#');
  return hash >= 0 ? iri.slice(hash + 1) : iri.slice(iri.lastIndexOf('/') + 1);
}
