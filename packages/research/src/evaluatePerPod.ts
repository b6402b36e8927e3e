import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import { ResearchError } from './ResearchError.ts';
import {
  compilePodEvaluator,
  type EvaluationOptions,
  type PodData,
  type PodEvaluator,
} from './evaluation/compilePodEvaluator.ts';
import type { PartialAggregates } from './partials.ts';
import type { StudyQueryPlan } from './query/StudyQueryPlan.ts';
import { evaluatePerPodWithComunica, type ComunicaOptions } from './comunica/evaluateWithComunica.ts';

/** Compiled evaluators, remembered per plan object (plans are immutable; entries go with their plan). */
const compiled = new WeakMap<StudyQueryPlan, PodEvaluator>();

/**
 * Evaluates a checked study query over one pod's data with the fast evaluator. The data is read as
 * one set of triples (the union of its graphs). Compiling is done once per plan and reused for every pod.
 * @param plan - from {@link checkStudyQuery}
 * @param data - one pod's data (never several pods: a pod never joins with another): an N3 Store,
 *   its quads (cheapest: straight from the parser), or a PodDataIndex built once for several queries
 * @param options - `maxMatches`: the work allowed on one pod (default 5,000,000 triple matches)
 * @returns the pod's partial aggregates
 * @throws ResearchError `unsupported` when `plan.fastEvaluation.supported` is false: use
 *   {@link evaluatePerPodWithComunica} instead; `resource-limit` when the pod needs more work than allowed
 */
export function evaluatePerPod(
  plan: StudyQueryPlan,
  data: PodData,
  options: EvaluationOptions = {},
): PartialAggregates {
  if (!plan.fastEvaluation.supported) throw new ResearchError('unsupported', plan.fastEvaluation.reason);
  let evaluator = compiled.get(plan);
  if (evaluator === undefined) {
    evaluator = compilePodEvaluator(plan);
    compiled.set(plan, evaluator);
  }
  return evaluator.evaluate(data, options);
}

/**
 * Evaluates a checked study query over one pod's data with the fast evaluator when it covers the
 * query, else with Comunica; both give the same partial aggregates.
 * @param options - `engine`: a Comunica engine to reuse for the fallback
 * @throws ResearchError `reference-engine-failed` when the Comunica fallback fails
 */
export async function evaluatePodPartials(
  plan: StudyQueryPlan,
  data: Store | readonly RDF.Quad[],
  options: ComunicaOptions = {},
): Promise<PartialAggregates> {
  return plan.fastEvaluation.supported ? evaluatePerPod(plan, data) : evaluatePerPodWithComunica(plan, data, options);
}
