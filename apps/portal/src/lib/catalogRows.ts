import { CATEGORIES, CATEGORY_NAMES, isCategoryName, type CategoryName } from '@sdt/vocab';
import type { PodCatalog } from '@sdt/pod';

/** One line of the "My data" table. */
export interface CatalogRow {
  readonly category: CategoryName;
  /** Whether the catalogue describes this category. */
  readonly described: boolean;
  readonly source?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly lastImport?: string;
  readonly recordCount?: number;
  /** Resources found in the category's container (undefined when not listed). */
  readonly resourceCount?: number;
  readonly sensitivity: 'low' | 'medium' | 'high';
}

/**
 * Builds the rows of the catalogue table: every category of the platform in catalogue order, with what
 * the pod's DCAT catalogue says of it and how many resources its container holds.
 *
 * @param catalog - the pod's catalogue (undefined when the pod has none)
 * @param resourceCounts - resources per category container, where listed
 * @returns one row per category
 */
export function buildCatalogRows(
  catalog: PodCatalog | undefined,
  resourceCounts: Partial<Record<CategoryName, number>>,
): CatalogRow[] {
  return CATEGORY_NAMES.map((category) => {
    const entry = catalog?.entries[category];
    const count = resourceCounts[category];
    return {
      category,
      described: entry !== undefined,
      sensitivity: CATEGORIES[category].sensitivity,
      ...(entry?.source ? { source: entry.source } : {}),
      ...(entry?.periodStart ? { periodStart: entry.periodStart } : {}),
      ...(entry?.periodEnd ? { periodEnd: entry.periodEnd } : {}),
      ...(entry?.lastImport ? { lastImport: entry.lastImport } : {}),
      ...(entry && Number.isFinite(entry.recordCount) ? { recordCount: entry.recordCount } : {}),
      ...(count !== undefined ? { resourceCount: count } : {}),
    };
  });
}

/** What a resource path says of its content. */
export interface ResourceRef {
  readonly category: CategoryName;
  /** The resource's name in its container, e.g. `daily-2025-01`. */
  readonly name: string;
  /** The time series (`daily`, `curve`, `monthly`, `trips`) for monthly categories. */
  readonly series?: string;
  /** `YYYY-MM` for monthly resources. */
  readonly month?: string;
}

/**
 * Reads a data resource path (`data/<category>/<name>`).
 *
 * @param path - a path relative to the pod root
 * @returns category, name, series and month, or undefined when the path is not a resource of the layout
 */
export function parseResourcePath(path: string): ResourceRef | undefined {
  const match = /^data\/([a-z]+)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(path);
  if (!match || !isCategoryName(match[1]!)) return undefined;
  const category = match[1];
  const name = match[2]!;
  const layout = CATEGORIES[category].layout;
  if (layout.kind === 'single') return { category, name };
  const monthly = /^([a-z]+)-(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(name);
  if (!monthly || !layout.series.includes(monthly[1]!)) return { category, name };
  return { category, name, series: monthly[1]!, month: monthly[2]! };
}

/** A table of records: column names and one row of text cells per record. */
export interface RecordTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Records left out beyond the limit. */
  readonly omitted: number;
}

/** A record value as text: numbers and strings as they are, lists and objects as compact JSON. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Builds the table view of a resource's records: the union of their fields (in first-seen order) as
 * columns, every value as plain text (pod data is untrusted: the page renders it as text only).
 *
 * @param records - the records of one resource
 * @param limit - at most this many rows
 */
export function buildRecordTable(records: readonly unknown[], limit = 500): RecordTable {
  const columns: string[] = [];
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    for (const key of Object.keys(record)) if (!columns.includes(key)) columns.push(key);
  }
  const shown = records.slice(0, limit);
  const rows = shown.map((record) =>
    columns.map((column) => (typeof record === 'object' && record !== null ? cellText((record as Record<string, unknown>)[column]) : '')),
  );
  return { columns, rows, omitted: Math.max(0, records.length - shown.length) };
}

/**
 * The link target of a value if it is an http(s) URL, else undefined (so that `javascript:` or `data:`
 * values from a pod are never made into links).
 *
 * @param value - any text
 */
export function toSafeHref(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
