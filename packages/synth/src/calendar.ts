import { DateTime } from 'luxon';

/** All instants are expressed in the French legal time zone. */
export const ZONE = 'Europe/Paris';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const HALF_HOUR_MS = 1_800_000;

/** One local calendar day of the covered period. */
export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM */
  month: string;
  year: number;
  /** 1..12 */
  monthNumber: number;
  /** 1..31 */
  dayOfMonth: number;
  /** 1 = Monday .. 7 = Sunday */
  weekday: number;
  /** Epoch ms of local midnight. */
  startMs: number;
  /** Epoch ms of the next local midnight (23, 24 or 25 hours later). */
  endMs: number;
  /** ISO instant of local midnight with its offset. */
  start: string;
}

/** One local calendar month of the covered period. */
export interface CalendarMonth {
  /** YYYY-MM */
  month: string;
  startMs: number;
  start: string;
  /** Indexes into `Period.days`, first included, last excluded. */
  firstDay: number;
  endDay: number;
}

/** The months and days a generation covers (shared by every citizen generated with the same options). */
export interface Period {
  months: CalendarMonth[];
  days: CalendarDay[];
}

/** One 30-minute interval of a local day. */
export interface HalfHourSlot {
  startMs: number;
  start: string;
  /** Local wall-clock minutes since midnight at the start of the slot (0..1410). */
  localMinutes: number;
}

const offsetCache = new Map<number, number>();

/**
 * @returns the Europe/Paris UTC offset in minutes at an instant. Cached per UTC hour: French DST
 * changes happen on the hour (01:00 UTC), so an hour never straddles one.
 */
export function getOffsetMinutesAt(ms: number): number {
  const hourKey = Math.floor(ms / HOUR_MS);
  let offset = offsetCache.get(hourKey);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hourKey * HOUR_MS, { zone: ZONE }).offset;
    offsetCache.set(hourKey, offset);
  }
  return offset;
}

/** @returns the ISO 8601 form of an instant in Europe/Paris, with its offset and no milliseconds. */
export function formatInstant(ms: number): string {
  const offset = getOffsetMinutesAt(ms);
  const local = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** @returns the compact UTC form of an instant, e.g. `20250303T071500Z` (used in ids). */
export function formatCompactUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
}

/**
 * @returns the epoch ms of a local Europe/Paris wall-clock time. Times skipped by the spring DST
 * change resolve one hour later; generators avoid 01:00-04:00 anyway.
 */
export function getEpochOfLocal(year: number, month: number, day: number, hour: number, minute: number): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const guess = asUtc - getOffsetMinutesAt(asUtc) * MINUTE_MS;
  return asUtc - getOffsetMinutesAt(guess) * MINUTE_MS;
}

const periodCache = new Map<string, Period>();

/**
 * Lists the local months and days of `months` whole months ending with `endMonth` (included).
 * @param endMonth - `YYYY-MM`, already validated.
 * @param months - a positive integer, already validated.
 * @returns the period, memoised (callers must not mutate it).
 */
export function getPeriod(endMonth: string, months: number): Period {
  const key = `${endMonth}/${months}`;
  const cached = periodCache.get(key);
  if (cached) return cached;
  const end = DateTime.fromFormat(endMonth, 'yyyy-MM', { zone: ZONE }).startOf('month');
  const first = end.minus({ months: months - 1 });
  const period: Period = { months: [], days: [] };
  let cursor = first;
  const stop = end.plus({ months: 1 });
  while (cursor < stop) {
    const startMs = cursor.toMillis();
    const next = cursor.plus({ days: 1 });
    const month = cursor.toFormat('yyyy-MM');
    const last = period.months[period.months.length - 1];
    if (last?.month !== month) {
      if (last) last.endDay = period.days.length;
      period.months.push({ month, startMs, start: formatInstant(startMs), firstDay: period.days.length, endDay: 0 });
    }
    period.days.push({
      date: cursor.toFormat('yyyy-MM-dd'),
      month,
      year: cursor.year,
      monthNumber: cursor.month,
      dayOfMonth: cursor.day,
      weekday: cursor.weekday,
      startMs,
      endMs: next.toMillis(),
      start: formatInstant(startMs),
    });
    cursor = next;
  }
  const lastMonth = period.months[period.months.length - 1];
  if (lastMonth) lastMonth.endDay = period.days.length;
  periodCache.set(key, period);
  return period;
}

const slotCache = new Map<number, HalfHourSlot[]>();

/**
 * @returns the 30-minute intervals of a local day: 48 usually, 46 on the spring DST day and 50 on
 * the autumn one (the repeated hour appears twice, with its two offsets). Memoised per day.
 */
export function getHalfHourSlots(day: CalendarDay): HalfHourSlot[] {
  const cached = slotCache.get(day.startMs);
  if (cached) return cached;
  const slots: HalfHourSlot[] = [];
  const midnightOffset = getOffsetMinutesAt(day.startMs);
  for (let ms = day.startMs; ms < day.endMs; ms += HALF_HOUR_MS) {
    const offset = getOffsetMinutesAt(ms);
    const localMinutes = Math.round((ms - day.startMs) / MINUTE_MS) + offset - midnightOffset;
    slots.push({ startMs: ms, start: formatInstant(ms), localMinutes: Math.min(Math.max(localMinutes, 0), 1410) });
  }
  slotCache.set(day.startMs, slots);
  return slots;
}

/** @returns the month before the current one in Europe/Paris, `YYYY-MM` (the default `endMonth`). */
export function getPreviousMonth(now: DateTime = DateTime.now()): string {
  return now.setZone(ZONE).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
