import { TERRITORIES, type Territory } from '@sdt/vocab';
import { getPreviousMonth } from './calendar.ts';
import { SynthError } from './SynthError.ts';

/** Options shared by every generator. */
export interface SynthOptions {
  /** Seed of every random draw; default `'sdt'`. */
  seed?: string | number;
  /** Last full month covered, `YYYY-MM`; default: the month before the current month (Europe/Paris). */
  endMonth?: string;
  /** Number of months covered, ending with `endMonth`; default 12. */
  months?: number;
}

/** Options with defaults applied and checked. */
export interface ResolvedOptions {
  seed: string;
  endMonth: string;
  months: number;
}

/**
 * Applies defaults and checks the options. The only clock read of the package is here, for the
 * default `endMonth`: generation itself never reads the clock.
 * @throws SynthError when a field is malformed.
 */
export function resolveOptions(options: SynthOptions = {}): ResolvedOptions {
  const seed = options.seed ?? 'sdt';
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string') {
    throw new SynthError('invalid-seed', 'options.seed', 'must be a string or a finite number');
  }
  const endMonth = options.endMonth ?? getPreviousMonth();
  const match = /^(\d{4})-(\d{2})$/.exec(endMonth);
  const monthNumber = Number(match?.[2]);
  if (!match || monthNumber < 1 || monthNumber > 12) {
    throw new SynthError('invalid-end-month', 'options.endMonth', `expected YYYY-MM, got "${endMonth}"`);
  }
  const months = options.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new SynthError(
      'invalid-months',
      'options.months',
      `expected an integer from 1 to 120, got ${String(months)}`,
    );
  }
  return { seed: String(seed), endMonth, months };
}

/** @throws SynthError unless `territory` is one of the known territories. */
export function assertTerritory(territory: string): asserts territory is Territory {
  if (!(TERRITORIES as readonly string[]).includes(territory)) {
    throw new SynthError(
      'unknown-territory',
      'territory',
      `expected one of ${TERRITORIES.join(', ')}, got "${territory}"`,
    );
  }
}
