/**
 * Where records live in a pod: resource paths, monthly splitting and the fragment of a reading.
 */
import { CATEGORIES, isCategoryName, type CategoryName } from '@sdt/vocab';
import { PodDataError, PodError } from '../errors.ts';
import type { ResourceContent, SeriesItem } from './ResourceContent.ts';

/** An ISO 8601 instant with seconds and an explicit offset (`Z` or `±hh:mm`). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks that `value` is an ISO instant with an offset, as the record model requires.
 *
 * @throws PodDataError naming `where` otherwise
 */
export function checkInstant(value: string, where: string): string {
  const match = INSTANT.exec(value);
  if (!match || Number.isNaN(Date.parse(value)) || Number(match[2]) > 12 || Number(match[3]) > 31) {
    throw new PodDataError(`${where}: "${value}" is not an ISO 8601 instant with offset (e.g. 2025-01-03T00:00:00+01:00).`);
  }
  return value;
}

/**
 * The fragment (without `#`) of the reading that starts at `start`: `r` then the UTC instant in compact
 * form, so that it is unique even on the autumn DST day, e.g. `2025-01-03T00:00:00+01:00` ->
 * `r20250102T2300Z`. Seconds are added only when not zero.
 *
 * @throws PodDataError when `start` is not an instant with offset
 */
export function readingFragment(start: string): string {
  checkInstant(start, 'reading start');
  const utc = new Date(start).toISOString(); // 2025-01-02T23:00:00.000Z
  const seconds = utc.slice(17, 19);
  return `r${utc.slice(0, 4)}${utc.slice(5, 7)}${utc.slice(8, 10)}T${utc.slice(11, 13)}${utc.slice(14, 16)}${seconds === '00' ? '' : seconds}Z`;
}

/**
 * The local month (`YYYY-MM`) of an instant: the prefix of the ISO string, which carries the
 * Europe/Paris offset, so `2025-02-01T00:00:00+01:00` is in `2025-02` although it is January in UTC.
 *
 * @throws PodDataError when `start` is not an instant with offset
 */
export function monthOf(start: string): string {
  return checkInstant(start, 'instant').slice(0, 7);
}

/**
 * Path (relative to the pod root) of a category's resource: `data/<category>/<series>-<YYYY-MM>` for
 * time series, `data/<category>/<resource>` for single resources (from `CATEGORIES[c].layout`).
 *
 * @throws PodError `invalid-argument` for an unknown category or series, or a missing or malformed month
 */
export function resourcePathFor(category: CategoryName, series?: string, month?: string): string {
  if (!isCategoryName(category)) {
    throw new PodError('invalid-argument', `Unknown data category "${String(category)}".`);
  }
  const layout = CATEGORIES[category].layout;
  if (layout.kind === 'single') {
    return `data/${category}/${layout.resource}`;
  }
  if (series === undefined || !layout.series.includes(series)) {
    throw new PodError('invalid-argument', `Category ${category} has series ${layout.series.join(', ')}, not "${String(series)}".`);
  }
  if (month === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new PodError('invalid-argument', `A month YYYY-MM is needed for ${category}/${series}, got "${String(month)}".`);
  }
  return `data/${category}/${series}-${month}`;
}

/** The instant that places a series item in a month and orders it. */
export function itemStart(item: SeriesItem): string {
  return 'departure' in item ? item.departure : item.start;
}

/** Sorts series items by start instant (then by their string, for equal instants). */
export function sortByStart<T extends SeriesItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const sa = itemStart(a);
    const sb = itemStart(b);
    return Date.parse(sa) - Date.parse(sb) || (sa < sb ? -1 : sa > sb ? 1 : 0);
  });
}

function seriesContent(category: CategoryName, series: string, items: SeriesItem[]): ResourceContent {
  const key = `${category}/${series}`;
  switch (key) {
    case 'electricity/daily':
      return { category: 'electricity', series: 'daily', readings: items as never };
    case 'electricity/curve':
      return { category: 'electricity', series: 'curve', readings: items as never };
    case 'gas/daily':
    case 'gas/monthly':
      return { category: 'gas', series: series as 'daily' | 'monthly', readings: items as never };
    case 'water/daily':
      return { category: 'water', series: 'daily', readings: items as never };
    case 'mobility/trips':
      return { category: 'mobility', series: 'trips', trips: items as never };
    default:
      throw new PodError('invalid-argument', `"${key}" is not a time series of the catalogue.`);
  }
}

/**
 * Splits the readings (or trips) of one series into monthly resources.
 *
 * @param category - a time-series category (`electricity`, `gas`, `water`, `mobility`)
 * @param series - one of its series (`daily`, `curve`, `monthly`, `trips`)
 * @param items - readings of that series, or trips for `mobility`
 * @returns path -> content, months in ascending order, items sorted by start within each month
 * @throws PodError `invalid-argument` for a category without series; PodDataError for a bad instant
 */
export function splitByMonth(category: CategoryName, series: string, items: readonly SeriesItem[]): Map<string, ResourceContent> {
  if (!isCategoryName(category) || CATEGORIES[category].layout.kind !== 'monthly') {
    throw new PodError('invalid-argument', `Category "${String(category)}" has no time series to split by month.`);
  }
  resourcePathFor(category, series, '2000-01'); // checks the series
  const byMonth = new Map<string, SeriesItem[]>();
  for (const item of sortByStart(items)) {
    const month = monthOf(itemStart(item));
    const bucket = byMonth.get(month);
    if (bucket) bucket.push(item);
    else byMonth.set(month, [item]);
  }
  const result = new Map<string, ResourceContent>();
  for (const [month, monthItems] of [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))) {
    result.set(resourcePathFor(category, series, month), seriesContent(category, series, monthItems));
  }
  return result;
}
