import type { Period } from './calendar.ts';
import type { Random } from './Random.ts';

/** A stretch of days the household spends away from home (holidays). */
export interface Absence {
  /** First day away, YYYY-MM-DD. */
  first: string;
  /** Last day away, YYYY-MM-DD. */
  last: string;
}

const DAY_MS = 86_400_000;

/**
 * Draws the household's holidays: most French households leave in July or August (about 60-70 % go on
 * summer holidays, INSEE/DGE "Suivi de la demande touristique"), one to three weeks from a Saturday; a
 * few take a winter week in February.
 * @returns the absences overlapping the period, in order.
 */
export function drawAbsences(random: Random, period: Period): Absence[] {
  const firstDay = period.days[0];
  const lastDay = period.days[period.days.length - 1];
  if (!firstDay || !lastDay) return [];
  const absences: Absence[] = [];
  for (let year = firstDay.year; year <= lastDay.year; year++) {
    if (random.chance(0.2)) absences.push(drawStay(random, year, 1, 1, 1, 25, 7));
    if (random.chance(0.68)) {
      const weeks = Number(random.weighted({ 1: 0.35, 2: 0.45, 3: 0.2 }));
      absences.push(drawStay(random, year, 6, 1, 7, 20, weeks * 7));
    }
  }
  return absences.filter((absence) => absence.last >= firstDay.date && absence.first <= lastDay.date);
}

/** @returns the set of dates (YYYY-MM-DD) covered by the absences. */
export function getAwayDates(absences: readonly Absence[]): Set<string> {
  const dates = new Set<string>();
  for (const absence of absences) {
    for (let ms = Date.parse(absence.first); ; ms += DAY_MS) {
      const date = new Date(ms).toISOString().slice(0, 10);
      dates.add(date);
      if (date >= absence.last) break;
    }
  }
  return dates;
}

/** A stay of `length` days starting on a Saturday drawn between two (0-based month, day) dates. */
function drawStay(
  random: Random,
  year: number,
  fromMonth: number,
  fromDay: number,
  toMonth: number,
  toDay: number,
  length: number,
): Absence {
  const from = Date.UTC(year, fromMonth, fromDay);
  const to = Date.UTC(year, toMonth, toDay);
  let start = from + random.int(0, Math.floor((to - from) / DAY_MS)) * DAY_MS;
  while (new Date(start).getUTCDay() !== 6) start += DAY_MS;
  return {
    first: new Date(start).toISOString().slice(0, 10),
    last: new Date(start + (length - 1) * DAY_MS).toISOString().slice(0, 10),
  };
}
