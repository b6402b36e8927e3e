/**
 * CO2 of trips and lower-carbon suggestions.
 *
 * Sources:
 * - Emission factors, kg CO2e per passenger-km: ADEME Base Carbone, as published by impactco2.fr
 *   (car alone 0.218, carpool of two 0.109, urban bus 0.113, tram 0.0043, metro 0.0044, regional
 *   train 0.0277, motorbike 0.191, electric bike 0.0022, walking and cycling 0; boat: demonstration value).
 * - Territory average: a DEMONSTRATION reference of 60 kg CO2e per person and month for everyday
 *   trips (about 2 kg a day, the order of magnitude of French urban areas in the 2019 EMP survey),
 *   until the territory statistics of the research engine replace it.
 * - Alternatives by distance of a car trip: walking up to 2 km, cycling (or e-bike) up to 8 km, the
 *   Yélo bus network or the train beyond (demonstration thresholds).
 */
import { CO2_KG_PER_KM, type TransportMode, type Trip } from '@sdt/vocab';

/** kg CO2e per passenger-km by mode: the platform's single table (`@sdt/vocab`). */
export { CO2_KG_PER_KM };
/** Territory reference, kg CO2e per person per month (demonstration). */
export const TERRITORY_MONTHLY_KG = 60;
/** Distance limits (km, inclusive) of the suggested alternatives to a car trip. */
export const WALK_MAX_KM = 2;
export const BIKE_MAX_KM = 8;

/** French names of the modes. */
export const MODE_LABELS: Readonly<Record<TransportMode, string>> = Object.freeze({
  walk: 'marche',
  bike: 'vélo',
  ebike: 'vélo électrique',
  bus: 'bus',
  tram: 'tramway',
  metro: 'métro',
  train: 'train',
  car: 'voiture',
  carpool: 'covoiturage',
  motorbike: 'deux-roues motorisé',
  ferry: 'bateau',
});

/** Totals of one mode in one month. */
export interface ModeTotal {
  readonly trips: number;
  readonly km: number;
  readonly co2Kg: number;
}

/** One month of trips. */
export interface MonthTotal {
  readonly month: string;
  readonly byMode: Readonly<Partial<Record<TransportMode, ModeTotal>>>;
  readonly co2Kg: number;
}

/** A lower-carbon alternative for a group of car trips. */
export interface Suggestion {
  readonly alternative: 'walk' | 'bike' | 'bus';
  /** Car trips it applies to. */
  readonly trips: number;
  readonly km: number;
  /** kg CO2e saved over the period if these trips switched. */
  readonly savingKg: number;
  readonly text: string;
}

/** The coach's report. */
export interface Co2Report {
  readonly months: readonly MonthTotal[];
  readonly totalCo2Kg: number;
  readonly monthlyAverageKg: number;
  readonly territoryMonthlyKg: number;
  /** monthlyAverageKg / territoryMonthlyKg. */
  readonly ratio: number;
  readonly suggestions: readonly Suggestion[];
  /** Trips left out because their distance is not a number >= 0 (reported, not crashed on). */
  readonly skippedTrips: number;
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** CO2 of one trip, kg. */
export function tripCo2Kg(trip: Pick<Trip, 'mode' | 'distanceKm'>): number {
  return trip.distanceKm * CO2_KG_PER_KM[trip.mode];
}

/** Computes CO2 by mode and month, compares with the territory and suggests alternatives. */
export function reportTrips(trips: readonly Trip[]): Co2Report {
  const valid = trips.filter(
    (trip) => Number.isFinite(trip.distanceKm) && trip.distanceKm >= 0 && trip.mode in CO2_KG_PER_KM,
  );
  const months = new Map<string, Map<TransportMode, { trips: number; km: number; co2Kg: number }>>();
  for (const trip of valid) {
    const month = trip.departure.slice(0, 7);
    const modes = months.get(month) ?? new Map();
    months.set(month, modes);
    const total = modes.get(trip.mode) ?? { trips: 0, km: 0, co2Kg: 0 };
    modes.set(trip.mode, {
      trips: total.trips + 1,
      km: total.km + trip.distanceKm,
      co2Kg: total.co2Kg + tripCo2Kg(trip),
    });
  }
  const monthTotals: MonthTotal[] = [...months.keys()].sort().map((month) => {
    const modes = months.get(month)!;
    const byMode: Partial<Record<TransportMode, ModeTotal>> = {};
    let co2 = 0;
    for (const [mode, total] of modes) {
      byMode[mode] = { trips: total.trips, km: round(total.km), co2Kg: round(total.co2Kg, 2) };
      co2 += total.co2Kg;
    }
    return { month, byMode, co2Kg: round(co2, 2) };
  });
  const totalCo2Kg = round(
    valid.reduce((sum, trip) => sum + tripCo2Kg(trip), 0),
    2,
  );
  const monthlyAverageKg = monthTotals.length === 0 ? 0 : round(totalCo2Kg / monthTotals.length, 1);
  const carTrips = valid.filter((trip) => trip.mode === 'car' || trip.mode === 'motorbike');
  const group = (
    alternative: Suggestion['alternative'],
    selected: Trip[],
    altMode: TransportMode,
    text: (km: number, saving: number, count: number) => string,
  ): Suggestion | undefined => {
    if (selected.length === 0) return undefined;
    const km = selected.reduce((sum, trip) => sum + trip.distanceKm, 0);
    const saving = selected.reduce((sum, trip) => sum + tripCo2Kg(trip) - trip.distanceKm * CO2_KG_PER_KM[altMode], 0);
    return {
      alternative,
      trips: selected.length,
      km: round(km),
      savingKg: round(saving),
      text: text(round(km), round(saving), selected.length),
    };
  };
  const suggestions = [
    group(
      'walk',
      carTrips.filter((t) => t.distanceKm <= WALK_MAX_KM),
      'walk',
      (km, saving, n) =>
        `${n} trajet(s) motorisé(s) de ${WALK_MAX_KM} km ou moins (${km} km au total) pourraient se faire à pied : ${saving} kg de CO2 évités.`,
    ),
    group(
      'bike',
      carTrips.filter((t) => t.distanceKm > WALK_MAX_KM && t.distanceKm <= BIKE_MAX_KM),
      'ebike',
      (km, saving, n) =>
        `${n} trajet(s) de ${WALK_MAX_KM} à ${BIKE_MAX_KM} km (${km} km) pourraient se faire à vélo ou à vélo électrique (Yélo propose des vélos en libre-service) : ${saving} kg de CO2 évités.`,
    ),
    group(
      'bus',
      carTrips.filter((t) => t.distanceKm > BIKE_MAX_KM),
      'bus',
      (km, saving, n) =>
        `${n} trajet(s) de plus de ${BIKE_MAX_KM} km (${km} km) pourraient se faire en bus Yélo, en train ou en covoiturage : jusqu'à ${saving} kg de CO2 évités en bus.`,
    ),
  ]
    .filter((s): s is Suggestion => s !== undefined && s.savingKg > 0)
    .sort((a, b) => b.savingKg - a.savingKg);
  return {
    months: monthTotals,
    totalCo2Kg,
    monthlyAverageKg,
    territoryMonthlyKg: TERRITORY_MONTHLY_KG,
    ratio: round(monthlyAverageKg / TERRITORY_MONTHLY_KG, 2),
    suggestions,
    skippedTrips: trips.length - valid.length,
  };
}
