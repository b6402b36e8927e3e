import { CO2_KG_PER_KM } from '@sdt/vocab';
import type { TransportMode, Trip } from '@sdt/vocab';
import { formatCompactUtc, formatInstant, getEpochOfLocal, type CalendarDay, type Period } from './calendar.ts';
import type { Absence } from './lifestyle.ts';
import type { CitizenProfile } from './profile.ts';
import type { Random } from './Random.ts';
import { clamp, round } from './statistics.ts';
import { TERRITORY_PROFILES } from './territories.ts';

/**
 * Emission factors in kg CO2e per passenger-km (ADEME Base Carbone, as shown by impactco2.fr, 2023):
 * thermal car with its driver alone 0.218; car-pooling counts the car for two; thermal bus 0.113;
 * tram 0.0043; metro 0.0044; regional train (TER) 0.0277 and high-speed train (TGV, used for trips of
 * 150 km or more) 0.0029; motorbike 0.191; e-bike 0.0022 (electricity only); walking and cycling 0.
 * Ferry: no Base Carbone factor fits a harbour shuttle; 0.1 is our assumption (a small diesel boat
 * with average load, between a bus and a car).
 */
export { CO2_KG_PER_KM };
const HIGH_SPEED_TRAIN_KG_PER_KM = 0.0029;
const HIGH_SPEED_MIN_KM = 150;

/** Typical urban trip lengths per mode (km): median, log-sd, min, max (EMP 2019 orders of magnitude). */
const DISTANCE: Readonly<Record<Exclude<TransportMode, 'ferry'>, readonly [number, number, number, number]>> = {
  walk: [0.9, 0.5, 0.2, 4],
  bike: [3, 0.5, 0.5, 15],
  ebike: [5, 0.5, 1, 25],
  bus: [4, 0.5, 0.8, 20],
  tram: [4.5, 0.5, 1, 20],
  metro: [4.5, 0.5, 1, 20],
  train: [35, 0.5, 8, 120],
  car: [8, 0.8, 1, 80],
  carpool: [15, 0.7, 2, 120],
  motorbike: [9, 0.7, 1, 60],
};

/** Door-to-door speed (km/h) and fixed overhead (min: waiting, parking, walking to the stop). */
const SPEED: Readonly<Record<TransportMode, readonly [number, number]>> = {
  walk: [4.5, 0],
  bike: [14, 2],
  ebike: [18, 2],
  bus: [13, 6],
  tram: [17, 5],
  metro: [24, 6],
  train: [60, 10],
  car: [25, 3],
  carpool: [25, 5],
  motorbike: [30, 2],
  ferry: [10, 8],
};

/** Trips kept per citizen at most, so that pods stay small. */
export const MAX_TRIPS = 400;

/** Maximum commute distance (km) for which each mode is a sensible choice. */
const COMMUTE_REACH: Readonly<Record<TransportMode, number>> = {
  walk: 2.5,
  bike: 10,
  ebike: 20,
  bus: 25,
  tram: 25,
  metro: 25,
  train: 120,
  car: 200,
  carpool: 200,
  motorbike: 200,
  ferry: 3,
};

/**
 * Trips the citizen recorded: commutes on some working days (45 % of them: not every trip is recorded,
 * and telework), errands and week-end outings, one to three long week-ends by train or car and the
 * journeys to and from holidays. Modes follow the territory's modal split; distance by mode, duration
 * from the mode's speed, CO2 from ADEME factors.
 * @returns trips in chronological order, at most {@link MAX_TRIPS}.
 */
export function generateTrips(
  random: Random,
  profile: CitizenProfile,
  period: Period,
  absences: readonly Absence[],
  awayDates: ReadonlySet<string>,
): { trips: Trip[] } {
  const split = TERRITORY_PROFILES[profile.territory].modalSplit;
  const ferryKm = TERRITORY_PROFILES[profile.territory].ferryKm;
  const { commutes, tripActivity, age } = profile.traits;
  const commuteKm = clamp(random.logNormal(6, 0.7), 0.6, 40);
  const commuteWeights = Object.fromEntries(
    Object.entries(split).map(([mode, share]) => [mode, commuteKm <= COMMUTE_REACH[mode as TransportMode] ? share : 0]),
  ) as Record<TransportMode, number>;
  const commuteMode = random.weighted(commuteWeights);
  // One to three long week-ends: out on a Friday evening, back on the Sunday afternoon.
  const longWeekends = new Map<string, { mode: TransportMode; km: number; back: boolean }>();
  for (let i = random.int(1, 3); i > 0; i--) {
    let index = random.int(0, period.days.length - 1);
    while (index < period.days.length - 2 && period.days[index]?.weekday !== 5) index++;
    const friday = period.days[index];
    const sunday = period.days[index + 2];
    if (!friday || !sunday || friday.weekday !== 5 || awayDates.has(friday.date) || awayDates.has(sunday.date))
      continue;
    const trip = {
      mode: (random.chance(0.55) ? 'train' : 'car') as TransportMode,
      km: Math.round(random.uniform(150, 550)),
    };
    longWeekends.set(friday.date, { ...trip, back: false });
    longWeekends.set(sunday.date, { ...trip, back: true });
  }
  const drawDistance = (mode: TransportMode): number => {
    if (mode === 'ferry') return clamp(random.logNormal(ferryKm, 0.2), 0.3, 5);
    const [median, sigma, min, max] = DISTANCE[mode];
    return clamp(random.logNormal(median, sigma), min, max);
  };

  const trips: Trip[] = [];
  /** Local date each trip was planned on, to thin whole days (round trips stay whole). */
  const tripDays: string[] = [];
  const add = (
    day: CalendarDay,
    hour: number,
    minute: number,
    mode: TransportMode,
    km: number,
    notBefore = 0,
  ): number => {
    let departure = getEpochOfLocal(day.year, day.monthNumber, day.dayOfMonth, hour, minute);
    departure = Math.max(departure, notBefore);
    // One person, one trip at a time: never leave before the previous trip has arrived.
    const last = trips[trips.length - 1];
    if (last) departure = Math.max(departure, Date.parse(last.arrival) + 5 * 60_000);
    const [speed, overhead] = SPEED[mode];
    const effectiveSpeed =
      mode === 'car' || mode === 'carpool' || mode === 'motorbike'
        ? speed + 60 * (1 - Math.exp(-km / 40))
        : mode === 'train' && km >= HIGH_SPEED_MIN_KM
          ? 180
          : speed;
    const minutes = Math.max(1, Math.round((km / effectiveSpeed) * 60 + overhead));
    const arrival = departure + minutes * 60_000;
    const factor = mode === 'train' && km >= HIGH_SPEED_MIN_KM ? HIGH_SPEED_TRAIN_KG_PER_KM : CO2_KG_PER_KM[mode];
    const distanceKm = round(km, 2);
    tripDays.push(day.date);
    trips.push({
      id: `t${formatCompactUtc(departure)}`,
      departure: formatInstant(departure),
      arrival: formatInstant(arrival),
      mode,
      distanceKm,
      co2Kg: round(distanceKm * factor, 3),
    });
    return arrival;
  };
  const roundTrip = (day: CalendarDay, outHour: number, stayMinutes: number, mode: TransportMode, km: number): void => {
    const minute = random.int(0, 59);
    const arrival = add(day, outHour, minute, mode, km);
    const back = arrival + stayMinutes * 60_000;
    // Come back the same day, or leave the way back unrecorded.
    if (back < day.endMs - 3_600_000) add(day, outHour, minute, mode, km * random.uniform(0.95, 1.05), back);
  };

  const absenceStarts = new Map(absences.map((absence) => [absence.first, absence]));
  const absenceEnds = new Set(absences.map((absence) => absence.last));
  for (const day of period.days) {
    const holiday = absenceStarts.get(day.date);
    if (holiday || absenceEnds.has(day.date)) {
      // Journey to or from the holiday place.
      const km = Math.round(random.uniform(250, 800));
      const mode: TransportMode = random.chance(0.6) ? 'car' : 'train';
      add(day, holiday ? random.int(7, 10) : random.int(9, 13), random.int(0, 59), mode, km);
      continue;
    }
    if (awayDates.has(day.date)) continue;
    const longWeekend = longWeekends.get(day.date);
    if (longWeekend) {
      add(
        day,
        longWeekend.back ? random.int(14, 17) : random.int(17, 19),
        random.int(0, 59),
        longWeekend.mode,
        longWeekend.km,
      );
      continue;
    }
    const weekend = day.weekday >= 6;
    if (!weekend && commutes && random.chance((0.45 * tripActivity) / 0.85)) {
      const mode = random.chance(0.85) ? commuteMode : random.weighted(commuteWeights);
      const km = commuteKm * random.uniform(0.95, 1.05);
      const out = add(day, random.int(7, 8), random.int(0, 59), mode, km);
      const workMinutes = random.int(7 * 60 + 30, 9 * 60 + 30);
      add(day, 0, 0, mode, km, out + workMinutes * 60_000);
      if (random.chance(0.1)) {
        const errand = random.weighted(split);
        roundTrip(day, random.int(19, 20), random.int(45, 120), errand, drawDistance(errand));
      }
      continue;
    }
    const outing = weekend ? 0.3 : commutes ? 0.1 : age >= 75 ? 0.22 : 0.3;
    if (random.chance((outing * tripActivity) / 0.85)) {
      const mode = random.weighted(split);
      const start = weekend ? random.int(10, 15) : random.int(9, 16);
      roundTrip(day, start, random.int(45, 240), mode, drawDistance(mode));
    }
  }
  return { trips: thinTrips(trips, tripDays) };
}

/**
 * Keeps at most {@link MAX_TRIPS} trips by dropping whole days evenly spread over the period (as if
 * the citizen had not recorded them), so that round trips stay whole.
 */
function thinTrips(trips: Trip[], tripDays: readonly string[]): Trip[] {
  if (trips.length <= MAX_TRIPS) return trips;
  const days = [...new Set(tripDays)];
  for (let target = Math.floor((days.length * MAX_TRIPS) / trips.length); target > 0; target--) {
    const kept = new Set(Array.from({ length: target }, (_, i) => days[Math.floor((i * days.length) / target)]));
    const result = trips.filter((_, i) => kept.has(tripDays[i]));
    if (result.length <= MAX_TRIPS) return result;
  }
  return [];
}
