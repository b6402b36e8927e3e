/** Number and date formatters of a page, in its locale (times and months are shown as the pod stores them). */
export interface Formatters {
  readonly number: (value: number, digits?: number) => string;
  /** `YYYY-MM` -> "nov. 2025" / "Nov 2025". */
  readonly month: (month: string) => string;
  /** `YYYY-MM` -> "nov." (axis ticks). */
  readonly shortMonth: (month: string) => string;
  /** `YYYY-MM-DD` -> "3 janv." (axis ticks). */
  readonly shortDay: (day: string) => string;
  /** `YYYY-MM-DD` -> "3 janvier 2026". */
  readonly day: (day: string) => string;
  /** An ISO instant -> date and time in Europe/Paris. */
  readonly instant: (instant: string) => string;
}

/**
 * Builds the formatters of a locale.
 *
 * @param locale - `fr` or `en`
 */
export function createFormatters(locale: string): Formatters {
  const tag = locale === 'en' ? 'en-GB' : 'fr-FR';
  const utc = (text: string): Date => new Date(`${text}T00:00:00Z`);
  const monthFormat = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortMonthFormat = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const shortDayFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dayFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const instantFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
  const valid = (date: Date, fallback: string, format: (date: Date) => string): string =>
    Number.isNaN(date.getTime()) ? fallback : format(date);
  return {
    number: (value, digits = 1) => new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value),
    month: (month) => valid(utc(`${month}-01`), month, (d) => monthFormat.format(d)),
    shortMonth: (month) => valid(utc(`${month}-01`), month, (d) => shortMonthFormat.format(d)),
    shortDay: (day) => valid(utc(day), day, (d) => shortDayFormat.format(d)),
    day: (day) => valid(utc(day), day, (d) => dayFormat.format(d)),
    instant: (instant) => valid(new Date(instant), instant, (d) => instantFormat.format(d)),
  };
}
