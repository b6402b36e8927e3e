/**
 * Europe/Paris time for provider files: local wall-clock times (Enedis, GRDF, water utilities) become
 * instants, and instants are written as ISO strings with the Paris offset of that instant.
 *
 * Offsets come from luxon's IANA zone (the tz database), cached per UTC day: only the two
 * daylight-saving days of a year ask luxon per instant.
 */
import { IANAZone } from 'luxon';

const PARIS = IANAZone.create('Europe/Paris');
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Oldest and newest years a provider file may mention; outside is an impossible date. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;

const dayOffsets = new Map<number, number | null>();

/** UTC offset of Europe/Paris at `epochMs`, in minutes (60 in winter, 120 in summer). */
export function getParisOffsetMinutes(epochMs: number): number {
  const day = Math.floor(epochMs / DAY_MS);
  let constant = dayOffsets.get(day);
  if (constant === undefined) {
    const atStart = PARIS.offset(day * DAY_MS);
    const atEnd = PARIS.offset(day * DAY_MS + DAY_MS - 1);
    constant = atStart === atEnd ? atStart : null;
    if (dayOffsets.size > 200_000) dayOffsets.clear();
    dayOffsets.set(day, constant);
  }
  return constant ?? PARIS.offset(epochMs);
}

/** `2025-10-26T02:30:00+01:00`: the instant written in Paris local time with its offset (seconds precision). */
export function formatParisInstant(epochMs: number): string {
  const offset = getParisOffsetMinutes(epochMs);
  const local = new Date(epochMs + offset * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `YYYY-MM-DD` of the instant in Paris. */
export function formatParisDay(epochMs: number): string {
  return new Date(epochMs + getParisOffsetMinutes(epochMs) * MINUTE_MS).toISOString().slice(0, 10);
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Wall-clock fields of a local date-time. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Milliseconds of a wall-clock time as if it were UTC, or `undefined` when a field is out of range
 * (month 13, 30 February, hour 25, year outside 1970-2200).
 */
function toWallMs(w: WallClock): number | undefined {
  if (w.year < MIN_YEAR || w.year > MAX_YEAR || w.month < 1 || w.month > 12 || w.day < 1) return undefined;
  if (w.hour > 24 || w.minute > 59 || w.second > 59) return undefined;
  // 24:00:00 is the end of the day (ISO 8601); any other 24:xx is impossible.
  if (w.hour === 24 && (w.minute !== 0 || w.second !== 0)) return undefined;
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (check.getUTCMonth() !== w.month - 1 || check.getUTCDate() !== w.day) return undefined;
  return ms;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Wall-clock milliseconds of `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]`, or `undefined`. */
export function parseLocalDateTime(text: string): number | undefined {
  const m = LOCAL_DATE_TIME.exec(text);
  if (m === null) return undefined;
  return toWallMs({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  });
}

/** Wall-clock milliseconds of local midnight of `YYYY-MM-DD` or `DD/MM/YYYY`, or `undefined`. */
export function parseLocalDay(text: string): number | undefined {
  let m = ISO_DAY.exec(text);
  if (m !== null)
    return toWallMs({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0, second: 0 });
  m = FRENCH_DAY.exec(text);
  if (m !== null)
    return toWallMs({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]), hour: 0, minute: 0, second: 0 });
  return undefined;
}

/** Epoch milliseconds of an ISO date-time WITH an offset or `Z`, or `undefined` (no offset, bad field). */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (m === null) return undefined;
  const wall = toWallMs({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  });
  if (wall === undefined) return undefined;
  const zone = m[7] as string;
  if (zone === 'Z') return wall;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 14 || minutes > 59) return undefined;
  const offset = (hours * 60 + minutes) * (digits.startsWith('-') ? -1 : 1);
  return wall - offset * MINUTE_MS;
}

/** How a wall-clock time maps to instants in Paris. */
export type LocalResolution =
  | { kind: 'unique'; epochMs: number }
  /** Autumn: the hour that happens twice; `early` is the summer (+02:00) one. */
  | { kind: 'ambiguous'; early: number; late: number }
  /** Spring: the hour that does not exist. */
  | { kind: 'nonexistent' };

/** The instants that a Paris wall-clock time (as wall milliseconds) can denote. */
export function resolveParisWallTime(wallMs: number): LocalResolution {
  const candidates: number[] = [];
  for (const offset of [120, 60]) {
    const epoch = wallMs - offset * MINUTE_MS;
    if (getParisOffsetMinutes(epoch) === offset) candidates.push(epoch);
  }
  const [first, second] = candidates;
  if (first === undefined) return { kind: 'nonexistent' };
  if (second === undefined) return { kind: 'unique', epochMs: first };
  return { kind: 'ambiguous', early: first, late: second };
}

/**
 * The instant of a Paris wall-clock time in a sequence of readings: in the repeated autumn hour the
 * first occurrence is the summer one (+02:00), the next the winter one (+01:00); the reading before
 * tells them apart. Returns `undefined` for a time that does not exist (spring gap).
 */
export function resolveParisWallTimeInSequence(
  wallMs: number,
  previousEpochMs: number | undefined,
): number | undefined {
  const resolved = resolveParisWallTime(wallMs);
  switch (resolved.kind) {
    case 'unique':
      return resolved.epochMs;
    case 'nonexistent':
      return undefined;
    case 'ambiguous':
      return previousEpochMs !== undefined && previousEpochMs >= resolved.early ? resolved.late : resolved.early;
  }
}

/**
 * Epoch of a Paris wall-clock time outside any daylight-saving change (e.g. midnight, 06:00): the
 * summer instant if it is repeated, one hour later if it falls in the spring gap.
 */
export function getParisInstant(wallMs: number): number {
  const resolved = resolveParisWallTime(wallMs);
  if (resolved.kind === 'unique') return resolved.epochMs;
  if (resolved.kind === 'ambiguous') return resolved.early;
  return wallMs - 60 * MINUTE_MS;
}

/** Epoch of local midnight of a day given as wall milliseconds (midnight always exists in Paris). */
export function getParisMidnight(wallDayMs: number): number {
  return getParisInstant(wallDayMs);
}

/** Epoch of local midnight of the day after (23, 24 or 25 hours later). */
export function getNextParisMidnight(wallDayMs: number): number {
  return getParisMidnight(wallDayMs + DAY_MS);
}

/**
 * The ISO 8601 duration between two instants read on the Paris wall clock: `P1M` / `P3M` when both
 * fall on the same day of month and time, `P1D` / `P22D` when on the same time of day (a 23- or
 * 25-hour daylight-saving day is still `P1D`), otherwise `PT<minutes>M`. `undefined` unless end > start.
 */
export function describeParisInterval(startMs: number, endMs: number): string | undefined {
  if (!(endMs > startMs)) return undefined;
  const a = new Date(toParisWallMs(startMs));
  const b = new Date(toParisWallMs(endMs));
  const sameClock =
    a.getUTCHours() === b.getUTCHours() &&
    a.getUTCMinutes() === b.getUTCMinutes() &&
    a.getUTCSeconds() === b.getUTCSeconds();
  if (sameClock) {
    if (a.getUTCDate() === b.getUTCDate()) {
      const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
      if (months > 0) return `P${months}M`;
    }
    const days = Math.round((b.getTime() - a.getTime()) / DAY_MS);
    if (days > 0) return `P${days}D`;
  }
  const minutes = (endMs - startMs) / MINUTE_MS;
  return Number.isInteger(minutes) ? `PT${minutes}M` : `PT${(endMs - startMs) / 1000}S`;
}

/** Minutes of a clock duration such as `PT30M`, `PT10M`, `PT1H`; `undefined` if not one. */
export function parseClockDurationMinutes(text: string): number | undefined {
  const m = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/.exec(text);
  if (m === null || (m[1] === undefined && m[2] === undefined)) return undefined;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes > 0 && minutes <= 24 * 60 ? minutes : undefined;
}

/** Wall-clock milliseconds of the instant in Paris (the inverse of resolving). */
export function toParisWallMs(epochMs: number): number {
  return epochMs + getParisOffsetMinutes(epochMs) * MINUTE_MS;
}

export { DAY_MS, MINUTE_MS };
