/**
 * xsd:dateTime values. YEAR, MONTH, DAY, HOURS... read the components of the literal as written, in
 * its own time zone offset (as SPARQL and XPath specify); comparisons use the instant on the UTC
 * time line. A dateTime without a time zone is compared as if it were UTC.
 */

/** A parsed xsd:dateTime. */
export interface DateTimeValue {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  /** Seconds with their fraction. */
  readonly seconds: number;
  /** Offset from UTC in minutes, or undefined when the literal has no time zone. */
  readonly offsetMinutes: number | undefined;
  /** The time zone as written (`Z`, `+01:00`), or '' when absent. */
  readonly timezone: string;
  /** Milliseconds since the epoch of the instant (UTC assumed when there is no time zone). */
  readonly epochMs: number;
}

const DATE_TIME_PATTERN = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/u;

/**
 * Parses the lexical form of an xsd:dateTime.
 * @returns the value, or undefined when the lexical form is invalid
 */
export function parseDateTime(lexical: string): DateTimeValue | undefined {
  const match = DATE_TIME_PATTERN.exec(lexical.trim());
  if (match === null) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', tz] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hours > 24 || minutes > 59 || seconds >= 60) return undefined;
  if (hours === 24 && (minutes !== 0 || seconds !== 0)) return undefined;
  let offsetMinutes: number | undefined;
  if (tz === 'Z') offsetMinutes = 0;
  else if (tz !== undefined) {
    const sign = tz.startsWith('-') ? -1 : 1;
    const tzHours = Number(tz.slice(1, 3));
    const tzMinutes = Number(tz.slice(4, 6));
    if (tzHours > 14 || tzMinutes > 59 || (tzHours === 14 && tzMinutes !== 0)) return undefined;
    offsetMinutes = sign * (tzHours * 60 + tzMinutes);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hours, minutes, Math.floor(seconds), Math.round((seconds % 1) * 1000));
  const epochMs = utc.getTime() - (offsetMinutes ?? 0) * 60_000;
  return { year, month, day, hours, minutes, seconds, offsetMinutes, timezone: tz ?? '', epochMs };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Compares two dateTimes as instants: negative, zero or positive. */
export function compareDateTimes(left: DateTimeValue, right: DateTimeValue): number {
  return left.epochMs === right.epochMs ? 0 : left.epochMs < right.epochMs ? -1 : 1;
}

/** The xsd:dayTimeDuration lexical form of a dateTime's offset (`PT1H`, `-PT5H30M`, `PT0S`). */
export function formatTimezoneDuration(value: DateTimeValue): string | undefined {
  if (value.offsetMinutes === undefined) return undefined;
  if (value.offsetMinutes === 0) return 'PT0S';
  const sign = value.offsetMinutes < 0 ? '-' : '';
  const total = Math.abs(value.offsetMinutes);
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  return `${sign}PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}`;
}
