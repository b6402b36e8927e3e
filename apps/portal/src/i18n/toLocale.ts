import type { Locale } from './routing.ts';

/**
 * The locale of a route segment, French for anything else (the layout already answers 404 for an
 * unknown locale; this only narrows the type).
 *
 * @param value - the `[locale]` segment
 */
export function toLocale(value: string): Locale {
  return value === 'en' ? 'en' : 'fr';
}
