/**
 * Arithmetic of `xsd:duration` values (ISO 8601 durations such as `P30D`, `P1Y6M`, `PT12H`) on UTC
 * calendar dates, enough for request durations. Negative and fractional durations are not accepted.
 */
import { MAX_GRANT_YEARS } from '@sdt/vocab';

/** The parts of a duration. */
export interface DurationParts {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly seconds: number;
}

const DURATION =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Parses a positive ISO 8601 duration, or returns undefined when it is not one. */
export function parseDuration(value: string): DurationParts | undefined {
  const match = DURATION.exec(value);
  if (!match) return undefined;
  const n = (index: number): number => Number(match[index] ?? 0);
  return { years: n(1), months: n(2), days: n(3) * 7 + n(4), seconds: n(5) * 3600 + n(6) * 60 + n(7) };
}

/** `start` plus a duration, calendar-wise in UTC (a month after 31 January is 3 March, as in JavaScript). */
export function addDuration(start: Date, duration: DurationParts): Date {
  const end = new Date(start.getTime());
  end.setUTCFullYear(
    end.getUTCFullYear() + duration.years,
    end.getUTCMonth() + duration.months,
    end.getUTCDate() + duration.days,
  );
  end.setTime(end.getTime() + duration.seconds * 1000);
  return end;
}

/** The latest end the platform allows for an access starting at `start` ({@link MAX_GRANT_YEARS} years). */
export function maxGrantEnd(start: Date): Date {
  return addDuration(start, { years: MAX_GRANT_YEARS, months: 0, days: 0, seconds: 0 });
}
