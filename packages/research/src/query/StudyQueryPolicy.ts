import {
  DCT_NS,
  QUDT_NS,
  RDFS_NS,
  RDF_NS,
  SAREF_NS,
  SCHEMA_NS,
  SDT_NS,
  SOSA_NS,
  TIME_NS,
  UNIT_NS,
  XSD_NS,
} from '@sdt/vocab';

/**
 * What a study allows its queries to do: the part of a study the query checker needs. The study
 * registry (title, team, k, budget...) builds one of these from a published study.
 */
export interface StudyQueryPolicy {
  /**
   * Predicates whose objects are coarse attributes a query may group by (e.g. `sdt:energyLabel`,
   * `sdt:householdSize`, `sdt:district`).
   */
  readonly groupKeyPredicates: readonly string[];
  /**
   * Predicates whose objects are xsd:dateTime timestamps (e.g. `saref:hasTimestamp`); a query may
   * group by the year or the month of one (`YEAR(?t)`, `MONTH(?t)`, `SUBSTR(STR(?t), 1, 4 or 7)`).
   */
  readonly timestampPredicates: readonly string[];
  /** True when the study adds noise to its answers: only then are MIN and MAX allowed. */
  readonly usesNoise: boolean;
  /**
   * Namespaces every IRI written in a query must belong to, so that a query names vocabulary terms
   * and never an individual resource of a pod. Defaults to {@link DEFAULT_VOCABULARY_NAMESPACES}.
   */
  readonly vocabularyNamespaces?: readonly string[];
}

/** The vocabularies the platform's data uses (see `@sdt/vocab`). */
export const DEFAULT_VOCABULARY_NAMESPACES: readonly string[] = [
  SDT_NS,
  SAREF_NS,
  SOSA_NS,
  UNIT_NS,
  QUDT_NS,
  XSD_NS,
  RDF_NS,
  RDFS_NS,
  SCHEMA_NS,
  DCT_NS,
  TIME_NS,
];

/** The policy of a typical energy study: group by DPE label, heating, household size, district and month. */
export const ENERGY_STUDY_POLICY: StudyQueryPolicy = {
  groupKeyPredicates: [
    `${SDT_NS}energyLabel`,
    `${SDT_NS}greenhouseGasLabel`,
    `${SDT_NS}heatingEnergy`,
    `${SDT_NS}householdSize`,
    `${SDT_NS}district`,
    `${SDT_NS}tenure`,
  ],
  timestampPredicates: [`${SAREF_NS}hasTimestamp`],
  usesNoise: false,
};
