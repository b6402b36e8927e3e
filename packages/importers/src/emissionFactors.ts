import type { TransportMode } from '@sdt/vocab';

/** An emission factor per passenger-kilometre, with where it comes from. */
export interface EmissionFactor {
  /** kg CO2e per passenger-km (construction and use, as published). */
  kgCo2ePerKm: number;
  source: string;
}

const IMPACTCO2 = 'ADEME, impactco2.fr transport comparator (Base Empreinte), values read 2024';

/**
 * Emission factors per mode (kg CO2e per passenger-km). Sources:
 * - ADEME Base Empreinte through the impactco2.fr transport comparator (https://impactco2.fr/outils/transport):
 *   car (thermal, 1 occupant) 0.218, bus (thermal) 0.113, tram 0.0043, metro 0.0042, TER 0.0277,
 *   TGV 0.0029, e-bike 0.0022, motorbike (thermal) 0.191, bike and walk 0;
 * - carpool: the thermal car shared by two (0.218 / 2), as impactco2.fr computes "covoiturage";
 * - ferry (foot passenger): no ADEME per-passenger value for short crossings is published on
 *   impactco2.fr; UK DESNZ 2023 conversion factors, "Ferry, foot passenger" 0.0187 kg CO2e/pkm.
 */
export const EMISSION_FACTORS: Readonly<Record<TransportMode | 'ter' | 'tgv', EmissionFactor>> = Object.freeze({
  walk: { kgCo2ePerKm: 0, source: IMPACTCO2 },
  bike: { kgCo2ePerKm: 0, source: IMPACTCO2 },
  ebike: { kgCo2ePerKm: 0.0022, source: IMPACTCO2 },
  bus: { kgCo2ePerKm: 0.113, source: IMPACTCO2 },
  tram: { kgCo2ePerKm: 0.0043, source: IMPACTCO2 },
  metro: { kgCo2ePerKm: 0.0042, source: IMPACTCO2 },
  /** A train of unknown kind counts as a regional train (TER), the usual case for daily trips. */
  train: { kgCo2ePerKm: 0.0277, source: `${IMPACTCO2} (TER)` },
  ter: { kgCo2ePerKm: 0.0277, source: IMPACTCO2 },
  tgv: { kgCo2ePerKm: 0.0029, source: IMPACTCO2 },
  car: { kgCo2ePerKm: 0.218, source: IMPACTCO2 },
  carpool: { kgCo2ePerKm: 0.109, source: `${IMPACTCO2} (thermal car, 2 occupants)` },
  motorbike: { kgCo2ePerKm: 0.191, source: IMPACTCO2 },
  ferry: { kgCo2ePerKm: 0.0187, source: 'UK DESNZ 2023 greenhouse gas conversion factors, ferry foot passenger' },
});

/** Mode names found in trip files (French and English, lower case, accents removed) -> factor key. */
const MODE_ALIASES: Readonly<Record<string, TransportMode | 'ter' | 'tgv'>> = Object.freeze({
  walk: 'walk',
  walking: 'walk',
  foot: 'walk',
  marche: 'walk',
  a_pied: 'walk',
  pied: 'walk',
  bike: 'bike',
  bicycle: 'bike',
  cycling: 'bike',
  velo: 'bike',
  ebike: 'ebike',
  e_bike: 'ebike',
  vae: 'ebike',
  velo_electrique: 'ebike',
  bus: 'bus',
  autobus: 'bus',
  car: 'car',
  voiture: 'car',
  automobile: 'car',
  carpool: 'carpool',
  covoiturage: 'carpool',
  tram: 'tram',
  tramway: 'tram',
  metro: 'metro',
  subway: 'metro',
  train: 'train',
  rail: 'train',
  ter: 'ter',
  tgv: 'tgv',
  motorbike: 'motorbike',
  motorcycle: 'motorbike',
  moto: 'motorbike',
  scooter: 'motorbike',
  ferry: 'ferry',
  bateau: 'ferry',
  boat: 'ferry',
  passeur: 'ferry',
});

/** Accepted spellings of modes, for error messages. */
export const MODE_NAMES: readonly string[] = Object.keys(MODE_ALIASES);

/** The platform mode and emission-factor key of a mode name, or `undefined` if unknown. */
export function resolveMode(name: string): { mode: TransportMode; factor: EmissionFactor } | undefined {
  const key = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const alias = MODE_ALIASES[key];
  if (alias === undefined) return undefined;
  const mode: TransportMode = alias === 'ter' || alias === 'tgv' ? 'train' : alias;
  return { mode, factor: EMISSION_FACTORS[alias] };
}
