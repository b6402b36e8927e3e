import type { WaterReading } from '@sdt/vocab';
import type { Period } from './calendar.ts';
import { getDayOfYear } from './climate.ts';
import type { CitizenProfile } from './profile.ts';
import type { Random } from './Random.ts';
import { round } from './statistics.ts';

/**
 * Domestic water use: about 148 L per person per day in France (SISPEA / Office français de la
 * biodiversité, 2020), a child counting for ~80 % of an adult, a little more at week-ends and in
 * summer; a few litres a day of leaks and stand-by when the household is away.
 */
const LITRES_PER_PERSON_PER_DAY = 148;
const AWAY_M3 = 0.004;

/** @returns one `P1D` reading per local day (m3, to the litre) with a monotonically increasing meter index. */
export function generateWater(
  random: Random,
  profile: CitizenProfile,
  period: Period,
  awayDates: ReadonlySet<string>,
): { daily: WaterReading[] } {
  const persons = profile.household.members.reduce((sum, member) => sum + (member.role === 'adult' ? 1 : 0.8), 0);
  const perDayM3 = (persons * LITRES_PER_PERSON_PER_DAY * profile.traits.waterHabit) / 1000;
  let index = round(random.uniform(50, 2500), 3);
  const daily = period.days.map((day): WaterReading => {
    const season = Math.cos((2 * Math.PI * (getDayOfYear(day) - 196)) / 365.25);
    const weekend = day.weekday >= 6 ? 1.08 : 0.97;
    const used = awayDates.has(day.date)
      ? AWAY_M3 * random.uniform(0.5, 1.5)
      : perDayM3 * weekend * (1 + 0.06 * season) * Math.exp(0.2 * random.normal() - 0.02);
    const volumeM3 = Math.max(0.001, round(used, 3));
    index = round(index + volumeM3, 3);
    return { start: day.start, interval: 'P1D', volumeM3, meterIndexM3: index };
  });
  return { daily };
}
