import { DPV, SAREF_NS, SDT_NS, type CategoryName } from '@sdt/vocab';
import type { AggregateBounds } from '../privacy/noise.ts';
import type { StudyQueryPolicy } from '../query/StudyQueryPolicy.ts';

/** Purposes a study may declare (DPV). */
export const STUDY_PURPOSES = [DPV.ScientificResearch, DPV.ProvideOfficialStatistics] as const;

/** Default and lowest minimum group size (distinct contributing pods per group). */
export const DEFAULT_MINIMUM_GROUP_SIZE = 10;
export const LOWEST_MINIMUM_GROUP_SIZE = 5;

/** A research study, as published in a territory's study registry. */
export interface StudyDescription {
  /** Short name, unique in the registry: `[a-z0-9-]{3,60}`; the study's IRI is `<registry>studies/<slug>#study`. */
  readonly slug: string;
  readonly title: { readonly fr: string; readonly en: string };
  readonly team: string;
  readonly institution: string;
  /**
   * WebIDs of the researchers who own the study: they may run its queries from the portal's researcher
   * space (the engine runs them; researchers only ever get aggregates). Empty: CLI only (engine password).
   */
  readonly researchers?: readonly string[];
  readonly description: { readonly fr: string; readonly en: string };
  /** `dpv:ScientificResearch` or `dpv:ProvideOfficialStatistics` (IRI). */
  readonly purpose: string;
  /** A legal basis IRI of `LEGAL_BASES` (e.g. `dpv:PublicInterest`, `eu-gdpr:A6-1-e`). */
  readonly legalBasis: string;
  /** Data categories the study reads (the grant's categories). */
  readonly categories: readonly CategoryName[];
  /** End of the study (ISO date-time); grants end then too. */
  readonly endDate: string;
  /** Minimum number of distinct contributing pods per group (default 10, never below 5). */
  readonly minimumGroupSize: number;
  /** Total differential-privacy budget (epsilon) over all the study's queries. */
  readonly privacyBudget: number;
  /** True when answers carry Laplace noise (then MIN / MAX are allowed). */
  readonly usesNoise: boolean;
  /** Epsilon charged per query (noisy studies). */
  readonly queryEpsilon: number;
  /** Predicates of the coarse attributes a query may group by (IRIs). */
  readonly groupKeyPredicates: readonly string[];
  /** Predicates of timestamps a query may group by year or month (IRIs). */
  readonly timestampPredicates: readonly string[];
  /** Clipping bounds of one pod's contribution per group, by projected variable (`avgKwh`) or `#1`, `#2`… */
  readonly clippingBounds: Readonly<Record<string, AggregateBounds>>;
  /** Most groups one pod may contribute to (noisy studies), default 12. */
  readonly maxGroupsPerPod: number;
  /** WebID of the territory's research engine (the grantee of the opt-ins). */
  readonly engineWebId: string;
  /** The engine's OAuth client id for this study (grants are bound to it, one client per study). */
  readonly engineClientId: string;
  /** The engine's inbox, where consent receipts are delivered. */
  readonly engineInbox: string;
  /** Creation time (ISO). */
  readonly created: string;
}

/** A study read from a registry: its description and where it is. */
export interface Study extends StudyDescription {
  /** `<registry>studies/<slug>#study`. */
  readonly iri: string;
}

/** The query policy (`checkStudyQuery`) of a study. */
export function getStudyQueryPolicy(study: StudyDescription): StudyQueryPolicy {
  return {
    groupKeyPredicates: study.groupKeyPredicates,
    timestampPredicates: study.timestampPredicates,
    usesNoise: study.usesNoise,
  };
}

/** True once the study's end date has passed. */
export function isStudyExpired(study: Pick<StudyDescription, 'endDate'>, now: Date = new Date()): boolean {
  return now.getTime() >= Date.parse(study.endDate);
}

/** Group keys and timestamps of a typical energy study (DPE class, heating, household size, district; month). */
export const ENERGY_STUDY_ATTRIBUTES = {
  groupKeyPredicates: [
    `${SDT_NS}energyLabel`,
    `${SDT_NS}greenhouseGasLabel`,
    `${SDT_NS}heatingEnergy`,
    `${SDT_NS}householdSize`,
    `${SDT_NS}district`,
  ],
  timestampPredicates: [`${SAREF_NS}hasTimestamp`],
} as const;
