/**
 * Plain TypeScript view of a citizen's records, one interface per record class. `packages/pod`
 * maps these to and from RDF; `packages/synth` generates them; `packages/importers` parses provider
 * files into them.
 *
 * Conventions:
 * - instants are ISO 8601 strings with the Europe/Paris offset of that instant, e.g.
 *   `2025-01-03T00:00:00+01:00` (never a local time without offset);
 * - days are `YYYY-MM-DD`; months `YYYY-MM`;
 * - intervals are ISO 8601 durations: `P1D`, `PT30M`, `P1M`;
 * - numbers are in the unit named by the field.
 */

export type Territory = 'lyon' | 'nantes' | 'larochelle';
export const TERRITORIES: readonly Territory[] = ['lyon', 'nantes', 'larochelle'];

export interface PostalAddress {
  streetAddress: string;
  postalCode: string;
  addressLocality: string;
  /** Quartier / district name, coarse enough for statistics. */
  district?: string;
}

/** `identity`: the citizen's identity record (`sdt:Citizen`, a `schema:Person`). */
export interface Citizen {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  email?: string;
  address: PostalAddress;
}

export type HouseholdRole = 'adult' | 'child';

export interface HouseholdMember {
  role: HouseholdRole;
  birthYear: number;
}

/** `household`: composition of the citizen's household (`sdt:Household`). */
export interface Household {
  size: number;
  members: HouseholdMember[];
  district: string;
}

/** `income`: a family-quotient attestation (`sdt:FamilyQuotientStatement`). */
export interface FamilyQuotientStatement {
  /** EUR per month, as computed by the CAF / MSA. */
  familyQuotient: number;
  numberOfChildren: number;
  /** Names of the allocataires as given by the provider. */
  allocataires: string[];
  /** Day the quotient applies to, YYYY-MM-DD. */
  date: string;
  provider: 'CAF' | 'MSA';
}

export type EnergyLabel = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
export const ENERGY_LABELS: readonly EnergyLabel[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
export type HeatingEnergy = 'electric' | 'heat-pump' | 'gas' | 'district' | 'wood' | 'oil';
export const HEATING_ENERGIES: readonly HeatingEnergy[] = ['electric', 'heat-pump', 'gas', 'district', 'wood', 'oil'];
export type Tenure = 'owner' | 'tenant' | 'social-tenant';
export const TENURES: readonly Tenure[] = ['owner', 'tenant', 'social-tenant'];

/** `housing`: the dwelling (`sdt:Dwelling`, a `schema:Accommodation`), typically from a DPE. */
export interface Dwelling {
  /** m2 */
  floorArea: number;
  energyLabel: EnergyLabel;
  greenhouseGasLabel?: EnergyLabel;
  heatingEnergy: HeatingEnergy;
  tenure: Tenure;
  yearBuilt?: number;
  /** kWh of primary energy per m2 per year (DPE). */
  primaryEnergyConsumption?: number;
  /** kg CO2e per m2 per year (DPE). */
  greenhouseGasEmissions?: number;
}

/** `electricity`: energy consumed over an interval (`sdt:ElectricityEnergyReading`), kWh. */
export interface EnergyReading {
  /** Start of the interval (ISO instant with offset). */
  start: string;
  /** `P1D` for daily readings. */
  interval: string;
  kWh: number;
}

/** `electricity`: average power over an interval (`sdt:ElectricityPowerReading`), W. */
export interface PowerReading {
  start: string;
  /** `PT30M` for the Enedis load curve. */
  interval: string;
  watts: number;
}

/** `gas`: gas consumed over an interval (`sdt:GasReading`). */
export interface GasReading {
  start: string;
  /** `P1D` or `P1M`. */
  interval: string;
  kWh: number;
  volumeM3?: number;
  /** kWh per m3. */
  conversionCoefficient?: number;
}

/** `water`: water consumed over an interval (`sdt:WaterReading`). */
export interface WaterReading {
  start: string;
  interval: string;
  volumeM3: number;
  /** Meter index at the end of the interval, m3. */
  meterIndexM3?: number;
}

export type TransportMode =
  | 'walk'
  | 'bike'
  | 'ebike'
  | 'bus'
  | 'tram'
  | 'metro'
  | 'train'
  | 'car'
  | 'carpool'
  | 'motorbike'
  | 'ferry';
export const TRANSPORT_MODES: readonly TransportMode[] = [
  'walk',
  'bike',
  'ebike',
  'bus',
  'tram',
  'metro',
  'train',
  'car',
  'carpool',
  'motorbike',
  'ferry',
];

/** `mobility`: one trip (`sdt:Trip`, a `schema:Trip`). */
export interface Trip {
  /** Stable id within the pod (used as the fragment), e.g. derived from the departure instant. */
  id: string;
  departure: string;
  arrival: string;
  mode: TransportMode;
  /** km */
  distanceKm: number;
  /** kg CO2e */
  co2Kg: number;
}

/** `health`: one minimal health observation (`sdt:HealthObservation`). */
export interface HealthObservation {
  id: string;
  /** LOINC code, e.g. `29463-7` (body weight). */
  code: string;
  label: string;
  value: number;
  /** QUDT unit local name, e.g. `KiloGM`. */
  unit: string;
  /** YYYY-MM-DD */
  date: string;
}

/** Everything a synthetic (or real) citizen's pod holds, by category. */
export interface CitizenData {
  identity: Citizen;
  household: Household;
  income: FamilyQuotientStatement;
  housing: Dwelling;
  electricity: { daily: EnergyReading[]; curve: PowerReading[] };
  gas: { daily: GasReading[]; monthly: GasReading[] };
  water: { daily: WaterReading[] };
  mobility: { trips: Trip[] };
  health: { observations: HealthObservation[] };
}
