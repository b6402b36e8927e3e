/**
 * Eligibility rules of the solidarity tariffs, written in the code with their source.
 *
 * Sources (read 2025; the thresholds below are a DEMONSTRATION scale modelled on them, to be checked
 * against the deliberations in force before any real use):
 * - Public transport: SYTRAL Mobilités, « Tarification solidaire TCL » (https://www.tcl.fr/tarification-solidaire):
 *   a free solidarity pass and a reduced solidarity pass, granted on the CAF/MSA family quotient; each
 *   member of the household aged 4 or more holds their own pass; under 4 travel free anyway.
 * - Water: Eau du Grand Lyon, « Tarification sociale de l'eau » (https://www.eaudugrandlyon.com/):
 *   a yearly aid paid to households under a family-quotient ceiling, growing with the household size.
 * - The family quotient is the CAF/MSA figure (EUR per month) of the API Particulier answer; an
 *   attestation older than 12 months must be renewed.
 */
import type { FamilyQuotientStatement, Household } from '@sdt/vocab';

/** Solidarity transport band. */
export type TransportBand = 'gratuit' | 'reduit' | 'non-eligible';

/** Family-quotient ceilings (EUR/month, inclusive) of the transport bands (demonstration scale). */
export const TRANSPORT_CEILINGS = Object.freeze({ gratuit: 400, reduit: 800 });
/** Monthly price of each band (EUR), the full-price pass for comparison (demonstration figures). */
export const TRANSPORT_PRICES = Object.freeze({ gratuit: 0, reduit: 10, plein: 68 });
/** Age from which a pass is needed. */
export const PASS_MIN_AGE = 4;
/** Family-quotient ceiling of the water aid (EUR/month, inclusive). */
export const WATER_CEILING = 800;
/** Yearly water aid: base for one person, plus per extra person, capped (EUR). */
export const WATER_AID = Object.freeze({ base: 40, perExtraPerson: 20, cap: 140 });
/** Months an attestation stays valid. */
export const ATTESTATION_MONTHS = 12;

/** The decision, with everything needed to explain it. */
export interface SolidarityDecision {
  readonly familyQuotient: number;
  readonly householdSize: number;
  /** Members aged 4 or more on the reference date (each needs a pass). */
  readonly passHolders: number;
  readonly transportBand: TransportBand;
  /** EUR per month for the household (passes x band price). */
  readonly transportMonthlyCost: number;
  /** EUR per month saved compared with full-price passes. */
  readonly transportMonthlySaving: number;
  readonly waterEligible: boolean;
  /** EUR per year. */
  readonly waterAid: number;
  /** True when the attestation is older than 12 months (the decision is then provisional). */
  readonly attestationOutdated: boolean;
  readonly attestationDate: string;
}

/** Transport band of a family quotient. */
export function transportBandOf(familyQuotient: number): TransportBand {
  if (familyQuotient <= TRANSPORT_CEILINGS.gratuit) return 'gratuit';
  if (familyQuotient <= TRANSPORT_CEILINGS.reduit) return 'reduit';
  return 'non-eligible';
}

/** Yearly water aid for a household (0 when not eligible). */
export function waterAidOf(familyQuotient: number, householdSize: number): number {
  if (familyQuotient > WATER_CEILING || householdSize < 1) return 0;
  return Math.min(WATER_AID.cap, WATER_AID.base + WATER_AID.perExtraPerson * (householdSize - 1));
}

/**
 * Decides the solidarity tariffs of a household.
 *
 * @param today - reference date `YYYY-MM-DD` (ages and attestation age are measured on it)
 */
export function decideSolidarityTariffs(
  household: Household,
  income: FamilyQuotientStatement,
  today: string,
): SolidarityDecision {
  const year = Number(today.slice(0, 4));
  // Born this year or (year - 3) may still be under 4: count by birth year, the conservative side for the citizen.
  const passHolders = household.members.filter((member) => year - member.birthYear >= PASS_MIN_AGE).length;
  const band = transportBandOf(income.familyQuotient);
  const price = band === 'non-eligible' ? TRANSPORT_PRICES.plein : TRANSPORT_PRICES[band];
  const waterAid = waterAidOf(income.familyQuotient, household.size);
  const attestation = new Date(`${income.date}T00:00:00Z`);
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCMonth(limit.getUTCMonth() - ATTESTATION_MONTHS);
  return {
    familyQuotient: income.familyQuotient,
    householdSize: household.size,
    passHolders,
    transportBand: band,
    transportMonthlyCost: passHolders * price,
    transportMonthlySaving: passHolders * (TRANSPORT_PRICES.plein - price),
    waterEligible: waterAid > 0,
    waterAid,
    attestationOutdated: attestation < limit,
    attestationDate: income.date,
  };
}

/** French label of a band. */
export const BAND_LABELS: Readonly<Record<TransportBand, string>> = Object.freeze({
  gratuit: 'Abonnement solidaire gratuit',
  reduit: 'Abonnement solidaire réduit',
  'non-eligible': 'Pas de tarif solidaire (plein tarif)',
});
