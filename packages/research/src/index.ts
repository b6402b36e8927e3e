/**
 * @sdt/research: the query core of privacy-preserving federated SPARQL aggregation.
 * Check a study query, evaluate it per pod (fast evaluator, or Comunica as fallback), merge the
 * pods' partial aggregates, finalise rows, then apply the privacy primitives.
 */
export { ResearchError, type ResearchErrorCode, type QueryPosition } from './ResearchError.ts';
export { checkStudyQuery } from './query/checkStudyQuery.ts';
export { getAggregateKey } from './query/syntaxTree.ts';
export { DEFAULT_VOCABULARY_NAMESPACES, ENERGY_STUDY_POLICY, type StudyQueryPolicy } from './query/StudyQueryPolicy.ts';
export type {
  AggregateFunction,
  FastEvaluationSupport,
  PlannedAggregate,
  PlannedGroupKey,
  PlannedProjection,
  SelectPlan,
  StudyQueryPlan,
} from './query/StudyQueryPlan.ts';
export type { AggregateState, PartialAggregates, PartialGroup } from './partials.ts';
export { evaluatePerPod, evaluatePodPartials } from './evaluatePerPod.ts';
export {
  compilePodEvaluator,
  DEFAULT_MAX_MATCHES_PER_POD,
  explainFastEvaluationSupport,
  toTripleSource,
  type EvaluationOptions,
  type PodData,
  type PodEvaluator,
} from './evaluation/compilePodEvaluator.ts';
export { PodDataIndex, type TermTriple, type TripleSource } from './evaluation/PodDataIndex.ts';
export { StoreTripleSource } from './evaluation/StoreTripleSource.ts';
export { mergePartials } from './mergePartials.ts';
export { parsePartialAggregates } from './parsePartialAggregates.ts';
export { finalise, finaliseAggregate, type FinaliseOptions, type ResultRow } from './finalise.ts';
export {
  buildPartialQuery,
  evaluatePerPodWithComunica,
  evaluateWithComunica,
  type ComunicaOptions,
  type ComunicaSource,
  type SolutionRow,
} from './comunica/evaluateWithComunica.ts';
export { createSecureRandom, createSeededRandom, type RandomSource } from './privacy/createSeededRandom.ts';
export { laplaceNoise } from './privacy/laplaceNoise.ts';
export { suppressSmallGroups, type SuppressionResult } from './privacy/suppressSmallGroups.ts';
export { PrivacyBudget, type BudgetCharge, type PrivacyBudgetState } from './privacy/PrivacyBudget.ts';
export {
  addLaplaceNoise,
  calculateSensitivities,
  clipPodPartials,
  getContributionBounds,
  type AggregateBounds,
  type ClippedPartials,
  type NoiseMechanism,
  type NoiseParameters,
  type NoisyPartials,
} from './privacy/noise.ts';
export { StudyError, type StudyErrorCode } from './studies/StudyError.ts';
export {
  DEFAULT_MINIMUM_GROUP_SIZE,
  ENERGY_STUDY_ATTRIBUTES,
  LOWEST_MINIMUM_GROUP_SIZE,
  STUDY_PURPOSES,
  getStudyQueryPolicy,
  isStudyExpired,
  type Study,
  type StudyDescription,
} from './studies/Study.ts';
export { parseStudy, studyIri, studyToQuads, studyToTurtle, validateStudy } from './studies/studyRdf.ts';
export {
  BUDGETS_PATH,
  ENGINE_CLIENTS_PATH,
  RESEARCH_ENGINE_POD_NAME,
  ResearchEngineAccount,
  STUDIES_PATH,
  defaultEngineEmail,
  DEMO_ENGINE_PASSWORD,
  getEnginePassword,
  studyRegistryUrl,
} from './studies/ResearchEngineAccount.ts';
export {
  ensureStudy,
  listStudies,
  loadStudyBudget,
  publishStudy,
  readStudy,
  type StudyInput,
} from './studies/studyRegistry.ts';
export {
  ACCREDITED_RESEARCHER_CLASS,
  ACCREDITED_RESEARCHERS_PATH,
  accreditResearcher,
  isAccreditedResearcher,
  listAccreditedResearchers,
  revokeAccreditation,
  type Accreditation,
} from './studies/accreditation.ts';
export {
  listStudyGrants,
  listStudyParticipants,
  optInToStudy,
  optOutOfStudy,
  studyRequestPrefix,
  type CitizenSession,
  type ConsentOptions,
  type StudyParticipant,
} from './studies/studyConsent.ts';
export {
  createKeepAliveFetch,
  fetchResourcesAsQuads,
  listPodResources,
  PodReadError,
  type HttpReadOptions,
} from './engine/readPodOverHttp.ts';
export {
  RESEARCH_ENDPOINT_PATH,
  runStudyQuery,
  type AnswerRow,
  type EndpointLine,
  type PodFailure,
  type PodTarget,
  type PrivacyReport,
  type RunStudyQueryOptions,
  type StudyAnswer,
  type StudyQueryProgress,
} from './coordinator/runStudyQuery.ts';
export { AVG_KWH_BY_LABEL_MONTH, dwellingTurtle, electricityMonthTurtle } from './engine/syntheticPodData.ts';
export { countComunicaSolutionsOverHttp } from './engine/comunicaOverHttp.ts';
export {
  DEMO_RESEARCHER,
  DEMO_STUDY_SLUGS,
  setUpResearchDemo,
  type DemoParticipant,
  type ResearchDemo,
  type ResearchDemoOptions,
} from './demo/setUpResearchDemo.ts';
export * from './statistics/index.ts';
