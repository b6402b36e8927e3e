import { SAREF_NS, SDT_NS } from '@sdt/vocab';
import type { StatisticsDimension, StatisticsMeasure } from './TerritoryStatistics.ts';

/** Reading class of each measure's daily readings (the 30-minute electricity curve is `sdt:ElectricityPowerReading`, never counted). */
const READING_CLASS: Readonly<Record<StatisticsMeasure, string>> = {
  electricity: 'sdt:ElectricityEnergyReading',
  gas: 'sdt:GasReading',
  water: 'sdt:WaterReading',
};

/** The predicate of each dimension (housing: `sdt:energyLabel`; household: `sdt:householdSize`, `sdt:district`). */
export const DIMENSION_PREDICATES: Readonly<Record<StatisticsDimension, string>> = {
  energyLabel: `${SDT_NS}energyLabel`,
  householdSize: `${SDT_NS}householdSize`,
  district: `${SDT_NS}district`,
};

/**
 * The study query of one measure by one dimension and month: the average of the daily readings
 * (`sdt:intervalDuration "P1D"`, so gas monthly readings and the electricity load curve are left
 * out) of every home of a group, with the local month of the reading (`SUBSTR(STR(?t), 1, 7)`: the
 * timestamp carries its Europe/Paris offset). Variables: `?group ?month ?average ?days`.
 */
export function buildStatisticsQuery(measure: StatisticsMeasure, dimension: StatisticsDimension): string {
  return `PREFIX sdt: <${SDT_NS}>
PREFIX saref: <${SAREF_NS}>
SELECT ?group ?month (AVG(?value) AS ?average) (COUNT(?value) AS ?days) WHERE {
  ?reading a ${READING_CLASS[measure]} ;
    saref:hasTimestamp ?t ;
    saref:hasValue ?value ;
    sdt:intervalDuration ?interval .
  FILTER(STR(?interval) = "P1D")
  ?home <${DIMENSION_PREDICATES[dimension]}> ?group .
  BIND(SUBSTR(STR(?t), 1, 7) AS ?month)
}
GROUP BY ?group ?month
ORDER BY ?group ?month`;
}
