/**
 * How the energy coach compares a home with similar homes. The model reference table is documented
 * here; it is a DEMONSTRATION reference, used when the territory's open statistics (`territory.ts`:
 * aggregates over consenting pods, same DPE class or household size, month by month) are not
 * published or do not cover the home.
 *
 * Sources:
 * - DPE class limits (kWh of primary energy per m2 per year, five uses): arrêté du 31 mars 2021,
 *   A < 70, B < 110, C < 180, D < 250, E < 330, F < 420, G above. The reference of a class is the
 *   middle of its range (A: 50, G: 460); for gas, primary = final energy (factor 1); for electricity
 *   the DPE 2021 factor is 2.3.
 * - Electricity for appliances, lighting and cooking (not heating) by household size: orders of
 *   magnitude of ADEME / Enertech household measurement campaigns (about 2,500 kWh a year for two people).
 * - Small homes use more per m2 than large ones: a size-band factor (demonstration values).
 */
import type { Dwelling, EnergyLabel, EnergyReading, GasReading } from '@sdt/vocab';
import type { TerritoryReference } from './territory.ts';

/** Reference final energy for heating and hot water, kWh per m2 per year, by DPE class (gas: primary = final). */
export const CLASS_REFERENCE_KWH_M2: Readonly<Record<EnergyLabel, number>> = Object.freeze({
  A: 50,
  B: 90,
  C: 145,
  D: 215,
  E: 290,
  F: 375,
  G: 460,
});
/** DPE 2021 primary-to-final factor of electricity. */
export const ELECTRICITY_PRIMARY_FACTOR = 2.3;
/** Size bands (m2, lower bound inclusive) and their per-m2 factor. */
export const SIZE_BANDS = Object.freeze([
  { label: 'moins de 50 m²', min: 0, max: 50, factor: 1.1 },
  { label: 'de 50 à 79 m²', min: 50, max: 80, factor: 1.0 },
  { label: 'de 80 à 119 m²', min: 80, max: 120, factor: 0.95 },
  { label: '120 m² ou plus', min: 120, max: Infinity, factor: 0.9 },
] as const);
/** Electricity for appliances, lighting and cooking, kWh per year, by household size (5: five or more). */
export const APPLIANCE_KWH_BY_PERSONS: readonly number[] = Object.freeze([0, 1800, 2500, 3000, 3500, 4000]);
/** Ratio above which use is flagged high, below which it is flagged low. */
export const HIGH_RATIO = 1.25;
export const LOW_RATIO = 0.75;
/** A day is unusual when its electricity is above this multiple of the median day. */
export const UNUSUAL_DAY_FACTOR = 2;

export type Verdict = 'élevée' | 'dans la moyenne' | 'sobre';

/** One energy compared with similar homes. */
export interface Comparison {
  /** kWh over a year (estimated from the days available when fewer than 365). */
  readonly annualKWh: number;
  /** kWh a similar home uses in a year. */
  readonly referenceKWh: number;
  /** annual / reference. */
  readonly ratio: number;
  readonly verdict: Verdict;
  /** Days of readings used. */
  readonly days: number;
}

/** What the coach tells the household. */
export interface EnergyAdvice {
  /** The comparison group, in words: « logements de classe E de 80 à 119 m² ». */
  readonly group: string;
  readonly electricity: Comparison;
  readonly gas?: Comparison;
  /** Days (YYYY-MM-DD) whose electricity was unusually high, highest first (at most 5). */
  readonly unusualDays: readonly { readonly day: string; readonly kWh: number }[];
  readonly suggestions: readonly string[];
  /** True when the household size was not granted (2 persons assumed). */
  readonly personsAssumed: boolean;
  /**
   * The reference each energy was compared with: the territory's open statistics of similar homes,
   * month by month, or the model above (and why). Absent when the statistics were not consulted.
   */
  readonly reference?: TerritoryReference;
}

/** The size band of a floor area. */
export function sizeBandOf(floorArea: number): (typeof SIZE_BANDS)[number] {
  return SIZE_BANDS.find((band) => floorArea >= band.min && floorArea < band.max) ?? SIZE_BANDS[SIZE_BANDS.length - 1]!;
}

/** The verdict of a ratio to the reference (high above {@link HIGH_RATIO}, sober below {@link LOW_RATIO}). */
export function verdictOf(ratio: number): Verdict {
  if (ratio > HIGH_RATIO) return 'élevée';
  if (ratio < LOW_RATIO) return 'sobre';
  return 'dans la moyenne';
}

/** Sum of the last 365 days, scaled to a year when fewer days are available. */
export function annualise(readings: readonly { start: string; interval: string; kWh: number }[]): {
  annualKWh: number;
  days: number;
} {
  const daily = readings.filter((r) => r.interval === 'P1D').slice(-365);
  if (daily.length > 0) {
    const total = daily.reduce((sum, r) => sum + r.kWh, 0);
    return { annualKWh: (total * 365) / daily.length, days: daily.length };
  }
  const monthly = readings.filter((r) => r.interval === 'P1M').slice(-12);
  const total = monthly.reduce((sum, r) => sum + r.kWh, 0);
  return {
    annualKWh: monthly.length === 0 ? 0 : (total * 12) / monthly.length,
    days: Math.round(monthly.length * 30.4),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Compares a home with similar homes and suggests actions.
 *
 * @param persons - household size, or undefined when not granted (2 assumed)
 * @param reference - the comparison with the territory statistics (`compareWithTerritory`): where an
 *   energy was compared with them, its verdict there drives the suggestions instead of the model's
 */
export function adviseHousehold(
  dwelling: Dwelling,
  electricity: readonly EnergyReading[],
  gas: readonly GasReading[] | undefined,
  persons: number | undefined,
  reference?: TerritoryReference,
): EnergyAdvice {
  const band = sizeBandOf(dwelling.floorArea);
  const perM2 = CLASS_REFERENCE_KWH_M2[dwelling.energyLabel] * band.factor;
  const heatingKWh = perM2 * dwelling.floorArea;
  const people = Math.max(1, Math.min(5, persons ?? 2));
  const appliances = APPLIANCE_KWH_BY_PERSONS[people]!;
  const electricHeating = dwelling.heatingEnergy === 'electric' || dwelling.heatingEnergy === 'heat-pump';
  // Heat pumps deliver about three times the electricity they use.
  const electricHeatingKWh =
    dwelling.heatingEnergy === 'electric'
      ? heatingKWh / ELECTRICITY_PRIMARY_FACTOR
      : dwelling.heatingEnergy === 'heat-pump'
        ? heatingKWh / ELECTRICITY_PRIMARY_FACTOR / 3
        : 0;
  const electricityYear = annualise(electricity);
  const electricityReference = appliances + electricHeatingKWh;
  const electricityRatio = electricityReference === 0 ? 0 : electricityYear.annualKWh / electricityReference;
  const electricityComparison: Comparison = {
    annualKWh: Math.round(electricityYear.annualKWh),
    referenceKWh: Math.round(electricityReference),
    ratio: Math.round(electricityRatio * 100) / 100,
    verdict: verdictOf(electricityRatio),
    days: electricityYear.days,
  };
  let gasComparison: Comparison | undefined;
  if (gas && gas.length > 0 && dwelling.heatingEnergy === 'gas') {
    const gasYear = annualise(gas);
    const ratio = gasYear.annualKWh / heatingKWh;
    gasComparison = {
      annualKWh: Math.round(gasYear.annualKWh),
      referenceKWh: Math.round(heatingKWh),
      ratio: Math.round(ratio * 100) / 100,
      verdict: verdictOf(ratio),
      days: gasYear.days,
    };
  }
  const days = electricity.filter((r) => r.interval === 'P1D');
  const typical = median(days.map((r) => r.kWh));
  const unusualDays = days
    .filter((r) => typical > 0 && r.kWh > UNUSUAL_DAY_FACTOR * typical)
    .sort((a, b) => b.kWh - a.kWh)
    .slice(0, 5)
    .map((r) => ({ day: r.start.slice(0, 10), kWh: Math.round(r.kWh * 10) / 10 }));
  // The verdicts the suggestions follow: the territory's where it was the reference, else the model's.
  const electricityVerdict =
    reference?.electricity.source === 'territory' ? reference.electricity.verdict : electricityComparison.verdict;
  const gasVerdict =
    gasComparison && reference?.gas?.source === 'territory' ? reference.gas.verdict : gasComparison?.verdict;
  const suggestions: string[] = [];
  if (gasVerdict === 'élevée' || (electricHeating && electricityVerdict === 'élevée')) {
    suggestions.push(
      'Baisser la température de chauffage de 1 °C fait économiser environ 7 % de l’énergie de chauffage (ADEME) ; 19 °C dans les pièces de vie, 17 °C dans les chambres.',
    );
  }
  if (gasVerdict === 'élevée')
    suggestions.push('Faire entretenir la chaudière (obligatoire chaque année) et purger les radiateurs.');
  if (electricityVerdict === 'élevée') {
    suggestions.push(
      'Couper les veilles avec une multiprise à interrupteur et vérifier la consommation du chauffe-eau (heures creuses, 55 °C).',
    );
  }
  if (unusualDays.length > 0)
    suggestions.push(
      `Regarder ce qui s’est passé les jours de forte consommation (${unusualDays.map((d) => d.day).join(', ')}) : appareil oublié, chauffage d’appoint, fuite d’eau chaude ?`,
    );
  if (['E', 'F', 'G'].includes(dwelling.energyLabel)) {
    suggestions.push(
      `Votre logement est classé ${dwelling.energyLabel} : un conseiller France Rénov’ de Nantes Métropole peut vous aider à planifier des travaux d’isolation et à obtenir MaPrimeRénov’.`,
    );
  }
  if (suggestions.length === 0)
    suggestions.push(
      'Votre consommation est proche de celle des logements semblables : continuez ainsi, et suivez-la chaque mois.',
    );
  return {
    group: `logements de classe ${dwelling.energyLabel} ${band.label}`,
    electricity: electricityComparison,
    ...(gasComparison ? { gas: gasComparison } : {}),
    unusualDays,
    suggestions,
    personsAssumed: persons === undefined,
    ...(reference ? { reference } : {}),
  };
}
