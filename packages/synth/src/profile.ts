import type {
  Citizen,
  Dwelling,
  EnergyLabel,
  FamilyQuotientStatement,
  HeatingEnergy,
  Household,
  HouseholdMember,
  Territory,
  Tenure,
} from '@sdt/vocab';
import { formatAllocataireName, pickFamilyName, pickGivenName, type NameSex } from './names.ts';
import type { Random } from './Random.ts';
import { clamp, getQuantileKey, getNormalCdf, round } from './statistics.ts';
import { TERRITORY_PROFILES, type District } from './territories.ts';

/** Household types of the INSEE census (RP), with their share of French households (RP 2020, rounded). */
export type HouseholdType = 'single' | 'couple' | 'couple-children' | 'single-parent' | 'other';
const HOUSEHOLD_TYPE_SHARES: Readonly<Record<HouseholdType, number>> = {
  single: 0.37,
  couple: 0.26,
  'couple-children': 0.25,
  'single-parent': 0.09,
  other: 0.03,
};

/**
 * Energy label shares of French main residences, worst first (ONRE, "Le parc de logements par classe
 * de performance énergétique au 1er janvier 2023", rounded): D is the most common label.
 */
const LABEL_SHARES_WORST_FIRST: readonly (readonly [EnergyLabel, number])[] = [
  ['G', 0.06],
  ['F', 0.1],
  ['E', 0.22],
  ['D', 0.32],
  ['C', 0.22],
  ['B', 0.05],
  ['A', 0.03],
];

/** DPE 2021 thresholds: primary energy (kWhEP/m2/yr) and emissions (kgCO2e/m2/yr), upper bounds. */
const ENERGY_BANDS: Readonly<Record<EnergyLabel, readonly [number, number]>> = {
  A: [40, 70],
  B: [70, 110],
  C: [110, 180],
  D: [180, 250],
  E: [250, 330],
  F: [330, 420],
  G: [420, 560],
};
const GHG_BANDS: Readonly<Record<EnergyLabel, readonly [number, number]>> = {
  A: [2, 6],
  B: [6, 11],
  C: [11, 30],
  D: [30, 50],
  E: [50, 70],
  F: [70, 100],
  G: [100, 140],
};

/**
 * Primary energy factor of electricity in the DPE 2021 method (2.3 until the end of 2025; the 2026
 * decree lowers it to 1.9) and emission factors in kgCO2e per kWh of final energy (DPE 2021 method,
 * arrêté du 31 mars 2021; district heating: a typical French network).
 */
export const ELECTRICITY_PRIMARY_FACTOR = 2.3;
const EMISSION_FACTORS: Readonly<Record<HeatingEnergy, number>> = {
  electric: 0.079,
  'heat-pump': 0.079,
  gas: 0.227,
  oil: 0.324,
  wood: 0.03,
  district: 0.15,
};

/** Construction periods of main residences (INSEE RP 2020, France, rounded) as [from, to, share]. */
const CONSTRUCTION_PERIODS: readonly (readonly [number, number, number])[] = [
  [1850, 1918, 0.12],
  [1919, 1945, 0.08],
  [1946, 1970, 0.18],
  [1971, 1990, 0.25],
  [1991, 2005, 0.16],
  [2006, 2012, 0.1],
  [2013, 2023, 0.11],
];

/** Heating energy of main residences by dwelling type (CEREN / SDES 2022, rounded, territory-neutral). */
const HEATING_SHARES_FLAT: Readonly<Record<HeatingEnergy, number>> = {
  electric: 0.4,
  gas: 0.4,
  'heat-pump': 0.03,
  district: 0.12,
  wood: 0.01,
  oil: 0.04,
};
const HEATING_SHARES_HOUSE: Readonly<Record<HeatingEnergy, number>> = {
  electric: 0.3,
  gas: 0.33,
  'heat-pump': 0.17,
  district: 0,
  wood: 0.11,
  oil: 0.09,
};

/** Everything about a citizen that does not change day to day, plus the latent traits behind it. */
export interface CitizenProfile {
  territory: Territory;
  identity: Citizen;
  household: Household;
  income: FamilyQuotientStatement;
  housing: Dwelling;
  traits: CitizenTraits;
}

/** Latent traits that drive the time series (not part of the published data). */
export interface CitizenTraits {
  sex: NameSex;
  /** Age in completed years at the end of the period. */
  age: number;
  householdType: HouseholdType;
  isApartment: boolean;
  /** Works or studies outside home (drives commutes and weekday electricity). */
  commutes: boolean;
  /** Multiplier of the specific-use electricity (appliances, lighting). */
  electricityHabit: number;
  /** Multiplier of water use. */
  waterHabit: number;
  /** Multiplier of the number of recorded trips. */
  tripActivity: number;
}

/** Fixed choices for a hand-written (demo) profile; everything else is still drawn. */
export interface ProfileSpec {
  givenName: string;
  familyName: string;
  sex: NameSex;
  birthDate: string;
  householdType: HouseholdType;
  /** Partner given name and birth year, if the type has a partner. */
  partner?: { givenName: string; familyName: string; birthYear: number };
  childBirthYears: readonly number[];
  districtName: string;
  streetAddress: string;
  familyQuotient: number;
  provider: 'CAF' | 'MSA';
  isApartment: boolean;
  housing: Required<Pick<Dwelling, 'floorArea' | 'energyLabel' | 'heatingEnergy' | 'tenure' | 'yearBuilt'>>;
  commutes: boolean;
}

/**
 * Draws a plausible profile (identity, household, family quotient, dwelling) for one citizen.
 * @param random - the citizen's profile stream.
 * @param territory - where the citizen lives.
 * @param referenceYear - the year the period ends (ages are computed at its end).
 * @param quotientDate - YYYY-MM-DD the family quotient applies to.
 * @param email - the account e-mail, copied into the identity record.
 * @param spec - fixed choices (demo citizens); omitted for synthetic citizens.
 * @returns the profile.
 */
export function drawProfile(
  random: Random,
  territory: Territory,
  referenceYear: number,
  quotientDate: string,
  email: string,
  spec?: ProfileSpec,
): CitizenProfile {
  const place = TERRITORY_PROFILES[territory];
  const householdType = spec?.householdType ?? random.weighted(HOUSEHOLD_TYPE_SHARES);
  const sex: NameSex = spec?.sex ?? (random.chance(0.5) ? 'female' : 'male');
  const age = spec ? referenceYear - Number(spec.birthDate.slice(0, 4)) : drawAge(random, householdType);
  const birthYear = referenceYear - age;
  const birthDate = spec?.birthDate ?? drawBirthDate(random, birthYear);
  const familyName = spec?.familyName ?? pickFamilyName(random);
  const givenName = spec?.givenName ?? pickGivenName(random, birthYear, sex);

  const members: HouseholdMember[] = [{ role: 'adult', birthYear: Number(birthDate.slice(0, 4)) }];
  const allocataires = [formatAllocataireName(givenName, familyName)];
  const hasPartner = householdType === 'couple' || householdType === 'couple-children';
  if (spec?.partner) {
    members.push({ role: 'adult', birthYear: spec.partner.birthYear });
    allocataires.push(formatAllocataireName(spec.partner.givenName, spec.partner.familyName));
  } else if (hasPartner) {
    const partnerYear = Math.min(referenceYear - 18, Math.round(birthYear + random.normal() * 3));
    const partnerSex: NameSex = random.chance(0.93) ? (sex === 'female' ? 'male' : 'female') : sex;
    const partnerFamily = random.chance(0.3) ? pickFamilyName(random) : familyName;
    members.push({ role: 'adult', birthYear: partnerYear });
    allocataires.push(formatAllocataireName(pickGivenName(random, partnerYear, partnerSex), partnerFamily));
  } else if (householdType === 'other') {
    // Flat-share or several generations: one or two more adults.
    const extra = random.chance(0.7) ? 1 : 2;
    for (let i = 0; i < extra; i++) {
      const otherAge = age < 35 ? random.int(19, 34) : random.int(18, 90);
      members.push({ role: 'adult', birthYear: referenceYear - otherAge });
    }
  }
  const childYears = spec ? [...spec.childBirthYears] : drawChildBirthYears(random, householdType, age, referenceYear);
  for (const year of childYears) members.push({ role: 'child', birthYear: year });

  const district = spec ? findDistrict(territory, spec.districtName) : random.pick(place.districts);
  const identity: Citizen = {
    givenName,
    familyName,
    birthDate,
    email,
    address: {
      streetAddress: spec?.streetAddress ?? `${drawHouseNumber(random)} ${random.pick(district.streets)}`,
      postalCode: district.postalCode,
      addressLocality: place.locality,
      district: district.name,
    },
  };
  const household: Household = { size: members.length, members, district: district.name };

  // A latent standard-of-living score couples the family quotient, the tenure and the dwelling.
  const wealth = random.normal() + (age >= 25 && age <= 62 ? 0.15 : 0) + (householdType === 'single-parent' ? -0.5 : 0);
  const familyQuotient = spec?.familyQuotient ?? drawFamilyQuotient(wealth, householdType, childYears.length, age);
  const income: FamilyQuotientStatement = {
    familyQuotient,
    numberOfChildren: childYears.length,
    allocataires,
    date: quotientDate,
    provider: spec?.provider ?? (random.chance(place.msaShare) ? 'MSA' : 'CAF'),
  };

  const tenure = spec?.housing.tenure ?? drawTenure(random, wealth, age);
  const isApartment = spec?.isApartment ?? drawIsApartment(random, place.apartmentShare, tenure, members.length);
  const housing = spec
    ? completeDwelling(random, spec.housing)
    : drawDwelling(random, members.length, tenure, isApartment, referenceYear);

  const commutes = spec?.commutes ?? drawCommutes(random, age);
  return {
    territory,
    identity,
    household,
    income,
    housing,
    traits: {
      sex,
      age,
      householdType,
      isApartment,
      commutes,
      electricityHabit: clamp(random.logNormal(1, 0.2), 0.6, 1.6),
      waterHabit: clamp(random.logNormal(1, 0.25), 0.55, 1.8),
      tripActivity: random.uniform(0.6, 1.1),
    },
  };
}

function drawAge(random: Random, type: HouseholdType): number {
  switch (type) {
    case 'single': {
      // Single-person households are mostly young adults or people over 65 (INSEE RP).
      const band = random.weighted({ young: 0.38, middle: 0.3, senior: 0.32 });
      if (band === 'young') return random.int(19, 34);
      if (band === 'middle') return random.int(35, 64);
      return random.int(65, 92);
    }
    case 'couple':
      return random.chance(0.35) ? random.int(23, 40) : random.int(50, 85);
    case 'couple-children':
      return random.int(27, 56);
    case 'single-parent':
      return random.int(24, 55);
    case 'other':
      return random.chance(0.6) ? random.int(19, 32) : random.int(35, 70);
  }
}

function drawChildBirthYears(random: Random, type: HouseholdType, parentAge: number, referenceYear: number): number[] {
  let count = 0;
  if (type === 'couple-children') count = Number(random.weighted({ 1: 0.4, 2: 0.42, 3: 0.15, 4: 0.03 }));
  else if (type === 'single-parent') count = Number(random.weighted({ 1: 0.55, 2: 0.33, 3: 0.12 }));
  const years: number[] = [];
  // Children are born when the parent is 20 or older and are at most 22 at home.
  const oldest = Math.max(0, Math.min(22, parentAge - 20));
  let childAge = random.int(Math.min(oldest, Math.max(0, parentAge - 38)), oldest);
  for (let i = 0; i < count; i++) {
    years.push(referenceYear - childAge);
    childAge = Math.max(0, childAge - random.int(1, 4));
  }
  return years;
}

function drawBirthDate(random: Random, year: number): string {
  const month = random.int(1, 12);
  const day = random.int(1, month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function drawHouseNumber(random: Random): string {
  const number = Math.min(180, Math.floor(random.logNormal(14, 0.9)) + 1);
  return random.chance(0.06) ? `${number} bis` : String(number);
}

function findDistrict(territory: Territory, name: string): District {
  const district = TERRITORY_PROFILES[territory].districts.find((candidate) => candidate.name === name);
  if (!district) throw new RangeError(`unknown district "${name}" in ${territory}`);
  return district;
}

/**
 * Family quotient (EUR/month): log-normal around a median of ~900 EUR (CNAF, distribution of the
 * quotients of allocataires), shifted by household type, kept in 200..2500.
 */
function drawFamilyQuotient(wealth: number, type: HouseholdType, children: number, age: number): number {
  let shift = 0;
  if (type === 'couple') shift += 0.15;
  if (type === 'single-parent') shift -= 0.2;
  if (children >= 3) shift -= 0.15;
  if (age >= 65) shift -= 0.05;
  return Math.round(clamp(900 * Math.exp(0.45 * wealth + shift), 200, 2500));
}

/** Tenure (INSEE RP 2020: 58% owners, ~25% private tenants, ~17% social tenants), tied to income and age. */
function drawTenure(random: Random, wealth: number, age: number): Tenure {
  if ((wealth < -0.9 && random.chance(0.85)) || random.chance(0.02)) return 'social-tenant';
  const score = wealth + 0.04 * (age - 45) + random.normal() * 0.7;
  return score > -0.45 ? 'owner' : 'tenant';
}

function drawIsApartment(random: Random, apartmentShare: number, tenure: Tenure, size: number): boolean {
  let share = apartmentShare;
  if (tenure === 'social-tenant') share = Math.max(share, 0.9);
  if (tenure === 'owner') share *= 0.85;
  if (size >= 4) share *= 0.75;
  return random.chance(share);
}

function drawCommutes(random: Random, age: number): boolean {
  if (age < 25) return random.chance(0.7);
  if (age < 62) return random.chance(0.8);
  if (age < 67) return random.chance(0.3);
  return false;
}

/**
 * Dwelling: floor area grows with household size (INSEE ENL: ~40 m2 for one person in a flat, ~100 m2
 * for a family house), construction year and energy label are drawn jointly (a Gaussian copula,
 * correlation 0.6, newer is better) so that both keep their national distributions, heating energy
 * depends on the dwelling type and age.
 */
function drawDwelling(
  random: Random,
  size: number,
  tenure: Tenure,
  isApartment: boolean,
  referenceYear: number,
): Dwelling {
  const median = isApartment ? 28 + 17 * size : 65 + 17 * size;
  const floorArea = Math.round(
    clamp(random.logNormal(median, 0.18) * (tenure === 'social-tenant' ? 0.95 : 1), 14, 260),
  );

  const ageScore = random.normal();
  const yearBuilt = Math.min(referenceYear - 1, getYearOfQuantile(getNormalCdf(ageScore), random));
  const labelScore = 0.6 * ageScore + 0.8 * random.normal();
  const energyLabel = getQuantileKey(LABEL_SHARES_WORST_FIRST, getNormalCdf(labelScore));

  const shares = { ...(isApartment ? HEATING_SHARES_FLAT : HEATING_SHARES_HOUSE) };
  if (yearBuilt >= 2013) {
    // RT 2012 then RE 2020: heat pumps dominate new homes, no new oil boilers, few gas ones.
    shares['heat-pump'] *= 3;
    shares.oil = 0;
    if (yearBuilt >= 2022) shares.gas *= 0.2;
  }
  const heatingEnergy = random.weighted(shares);
  return completeDwelling(random, { floorArea, energyLabel, heatingEnergy, tenure, yearBuilt });
}

/** Adds DPE consumption and emissions consistent with the label (DPE 2021 "double threshold"). */
function completeDwelling(
  random: Random,
  base: Required<Pick<Dwelling, 'floorArea' | 'energyLabel' | 'heatingEnergy' | 'tenure' | 'yearBuilt'>>,
): Dwelling {
  const primaryFactor = isElectricHeating(base.heatingEnergy) ? ELECTRICITY_PRIMARY_FACTOR : 1;
  const emissionPerPrimary = (EMISSION_FACTORS[base.heatingEnergy] ?? 0) / primaryFactor;
  const [low, high] = ENERGY_BANDS[base.energyLabel];
  const [, ghgHigh] = GHG_BANDS[base.energyLabel];
  // The label is the worse of the energy and emissions labels: keep emissions within the label too.
  const upper = Math.min(high, ghgHigh / emissionPerPrimary);
  let primaryEnergyConsumption: number;
  let greenhouseGasEmissions: number;
  if (upper > low + 1) {
    primaryEnergyConsumption = Math.floor(random.uniform(low, upper));
    greenhouseGasEmissions = round(primaryEnergyConsumption * emissionPerPrimary, 1);
  } else {
    primaryEnergyConsumption = Math.floor(random.uniform(low, high));
    const [ghgLow, ghgUpper] = GHG_BANDS[base.energyLabel];
    greenhouseGasEmissions = round(random.uniform(ghgLow, ghgUpper - 0.1), 1);
  }
  return {
    ...base,
    primaryEnergyConsumption,
    greenhouseGasEmissions,
    greenhouseGasLabel: getGreenhouseGasLabel(greenhouseGasEmissions),
  };
}

/** @returns the DPE 2021 emissions label of `kgPerM2` (A < 6, B < 11, C < 30, D < 50, E < 70, F < 100). */
export function getGreenhouseGasLabel(kgPerM2: number): EnergyLabel {
  for (const label of ['A', 'B', 'C', 'D', 'E', 'F'] as const) {
    if (kgPerM2 < GHG_BANDS[label][1]) return label;
  }
  return 'G';
}

/** @returns the DPE 2021 energy label of a primary consumption (A < 70, ..., F < 420, else G). */
export function getEnergyLabel(kWhPerM2: number): EnergyLabel {
  for (const label of ['A', 'B', 'C', 'D', 'E', 'F'] as const) {
    if (kWhPerM2 < ENERGY_BANDS[label][1]) return label;
  }
  return 'G';
}

/** @returns whether the main heating runs on electricity (so the electricity meter sees it). */
export function isElectricHeating(energy: HeatingEnergy): boolean {
  return energy === 'electric' || energy === 'heat-pump';
}

function getYearOfQuantile(u: number, random: Random): number {
  let cumulative = 0;
  for (const [from, to, share] of CONSTRUCTION_PERIODS) {
    cumulative += share;
    if (u < cumulative) return random.int(from, to);
  }
  return random.int(2013, 2023);
}
