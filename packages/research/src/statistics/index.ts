export {
  STATISTICS_DIMENSIONS,
  STATISTICS_MEASURES,
  STATISTICS_UNITS,
  type StatisticsCoverage,
  type StatisticsDimension,
  type StatisticsMeasure,
  type StatisticsObservation,
  type TerritoryStatistics,
} from './TerritoryStatistics.ts';
export { StatisticsError, type StatisticsErrorCode } from './StatisticsError.ts';
export {
  ensureTerritoryStatisticsStudy,
  TERRITORY_NAMES,
  TERRITORY_STATISTICS_SLUG,
  territoryStatisticsStudyInput,
} from './territoryStatisticsStudy.ts';
export { buildStatisticsQuery } from './statisticsQueries.ts';
export {
  ETALAB_LICENCE,
  parseStatisticsCube,
  QB_NS,
  STATISTICS_PATH,
  statisticsToQuads,
  statisticsToTurtle,
  validateStatisticsCube,
} from './statisticsCube.ts';
export {
  publishTerritoryStatistics,
  type PublishedTerritoryStatistics,
  type PublishTerritoryStatisticsOptions,
  type StatisticsProgress,
} from './publishTerritoryStatistics.ts';
export { readTerritoryStatistics, territoryStatisticsUrl } from './readTerritoryStatistics.ts';
export { findSimilarHomes, type HomeAttributes, type SimilarHomesSeries } from './findSimilarHomes.ts';
