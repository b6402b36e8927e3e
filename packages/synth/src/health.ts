import type { HealthObservation } from '@sdt/vocab';
import type { Period } from './calendar.ts';
import type { CitizenProfile } from './profile.ts';
import type { Random } from './Random.ts';
import { clamp, round } from './statistics.ts';

/** LOINC codes and QUDT unit local names of the observations generated. */
const BODY_HEIGHT = { code: '8302-2', label: 'Body height', unit: 'CentiM' } as const;
const BODY_WEIGHT = { code: '29463-7', label: 'Body weight', unit: 'KiloGM' } as const;
const SYSTOLIC = { code: '8480-6', label: 'Systolic blood pressure', unit: 'MilliM_HG' } as const;
const DIASTOLIC = { code: '8462-4', label: 'Diastolic blood pressure', unit: 'MilliM_HG' } as const;

/**
 * A handful of observations: height once, body weight two or three times, blood pressure once or
 * twice. Heights follow French adult averages (ObÉpi-Roche / INSEE: ~164 cm women, ~177 cm men),
 * body-mass index centres on 25 and rises a little with age, blood pressure rises with age.
 * Ids are `obs-<date>-<LOINC code>`, stable for the same inputs.
 */
export function generateHealth(
  random: Random,
  profile: CitizenProfile,
  period: Period,
): { observations: HealthObservation[] } {
  const { sex, age } = profile.traits;
  const heightCm = Math.round(
    clamp(sex === 'female' ? 164 + 6.5 * random.normal() : 177 + 7 * random.normal(), 145, 205),
  );
  const bmi = clamp(random.logNormal(24 + 0.05 * (age - 40), 0.14), 17, 42);
  const weightKg = bmi * (heightCm / 100) ** 2;
  const systolic = Math.round(clamp(116 + 0.5 * (age - 30) + 12 * random.normal(), 95, 185));
  const diastolic = Math.round(clamp(72 + 0.15 * (age - 30) + 8 * random.normal(), 55, 110));

  const dates = period.days.map((day) => day.date);
  const visits = random.int(2, 3);
  const observations: HealthObservation[] = [];
  const seen = new Set<string>();
  for (let visit = 0; visit < visits; visit++) {
    // One visit per slice of the period, on a weekday-independent random day of it.
    const from = Math.floor((visit * dates.length) / visits);
    const to = Math.floor(((visit + 1) * dates.length) / visits) - 1;
    const date = dates[random.int(from, Math.max(from, to))];
    if (!date || seen.has(date)) continue;
    seen.add(date);
    const add = (measure: { code: string; label: string; unit: string }, value: number): void => {
      observations.push({
        id: `obs-${date}-${measure.code}`,
        code: measure.code,
        label: measure.label,
        value,
        unit: measure.unit,
        date,
      });
    };
    if (visit === 0) add(BODY_HEIGHT, heightCm);
    add(BODY_WEIGHT, round(weightKg + 1.2 * random.normal(), 1));
    if (visit === 0 || random.chance(0.5)) {
      add(SYSTOLIC, systolic + Math.round(5 * random.normal()));
      add(DIASTOLIC, diastolic + Math.round(3 * random.normal()));
    }
  }
  return { observations };
}
