import type { Territory } from '@sdt/vocab';
import type { CalendarDay } from './calendar.ts';
import { Random } from './Random.ts';
import { TERRITORY_PROFILES } from './territories.ts';

/** Heating threshold (°C): heating degree days are counted below it, the usual French "DJU base 17". */
const HEATING_BASE = 17;
/** Standard deviation (°C) of the daily departure from the climate normal. */
const ANOMALY_SD = 3;
/** The anomaly is a moving average over this many days of white noise, so that cold spells last. */
const ANOMALY_DAYS = 5;
const DAY_MS = 86_400_000;
const MID_MONTH_DAY = [15, 45, 74, 105, 135, 166, 196, 227, 258, 288, 319, 349];

/**
 * @returns the climate-normal mean temperature of a day of the year (1..366), interpolated linearly
 * between the monthly normals placed at mid-month.
 */
export function getNormalTemperature(territory: Territory, dayOfYear: number): number {
  const normals = TERRITORY_PROFILES[territory].monthlyMeanTemperature;
  for (let i = 0; i < 12; i++) {
    const from = MID_MONTH_DAY[i] ?? 0;
    const to = i === 11 ? 365 + 15 : (MID_MONTH_DAY[i + 1] ?? 0);
    const day = dayOfYear < 15 ? dayOfYear + 365 : dayOfYear;
    if (day >= from && day < to) {
      const a = normals[i] ?? 0;
      const b = normals[(i + 1) % 12] ?? 0;
      return a + ((b - a) * (day - from)) / (to - from);
    }
  }
  return normals[0] ?? 0;
}

const anomalyCache = new Map<string, number>();

/**
 * @returns the day's temperature: the normal plus a weather anomaly shared by every citizen of the
 * territory for that seed (a cold week is cold for everyone) and independent of the period asked.
 */
export function getDayTemperature(seed: string, territory: Territory, day: CalendarDay): number {
  const dayNumber = Math.floor(Date.UTC(day.year, day.monthNumber - 1, day.dayOfMonth) / DAY_MS);
  let anomaly = 0;
  for (let k = 0; k < ANOMALY_DAYS; k++) anomaly += getWhiteNoise(seed, territory, dayNumber - k);
  return getNormalTemperature(territory, getDayOfYear(day)) + (ANOMALY_SD * anomaly) / Math.sqrt(ANOMALY_DAYS);
}

/**
 * @returns heating degree days of a day: `17 - T` when positive, none from June to September (heating
 * is switched off in summer in French homes).
 */
export function getHeatingDegreeDays(temperature: number, monthNumber: number): number {
  if (monthNumber >= 6 && monthNumber <= 9) return 0;
  return Math.max(0, HEATING_BASE - temperature);
}

const normalHddCache = new Map<Territory, number>();

/** @returns the climate-normal heating degree days of a whole year (used to spread yearly heating). */
export function getNormalYearlyHeatingDegreeDays(territory: Territory): number {
  const cached = normalHddCache.get(territory);
  if (cached !== undefined) return cached;
  let total = 0;
  const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let dayOfYear = 1;
  for (let month = 1; month <= 12; month++) {
    for (let d = 0; d < (lengths[month - 1] ?? 30); d++) {
      // Average the degree days over the anomaly distribution (a few quadrature points), as days do.
      const normal = getNormalTemperature(territory, dayOfYear);
      let expected = 0;
      for (const [z, w] of GAUSS_HERMITE) expected += w * getHeatingDegreeDays(normal + ANOMALY_SD * z, month);
      total += expected;
      dayOfYear++;
    }
  }
  normalHddCache.set(territory, total);
  return total;
}

/** @returns the day of the year, 1..366. */
export function getDayOfYear(day: CalendarDay): number {
  return Math.floor((Date.UTC(day.year, day.monthNumber - 1, day.dayOfMonth) - Date.UTC(day.year, 0, 1)) / DAY_MS) + 1;
}

/** Gauss-Hermite nodes and weights for E[f(Z)], Z standard normal (5 points). */
const GAUSS_HERMITE: readonly (readonly [number, number])[] = [
  [-2.856970013872806, 0.011257411327720691],
  [-1.355626179974266, 0.22207592200561266],
  [0, 0.5333333333333333],
  [1.355626179974266, 0.22207592200561266],
  [2.856970013872806, 0.011257411327720691],
];

function getWhiteNoise(seed: string, territory: Territory, dayNumber: number): number {
  const key = `${seed}|${territory}|${dayNumber}`;
  let value = anomalyCache.get(key);
  if (value === undefined) {
    value = Random.fromKey(seed, 'weather', territory, dayNumber).normal();
    // Bounded: a long-running process generating for many seeds must not grow without limit.
    if (anomalyCache.size >= 200_000) anomalyCache.clear();
    anomalyCache.set(key, value);
  }
  return value;
}
