import type { Store } from 'n3';
import { ResearchError } from './ResearchError.ts';
import { compilePodEvaluator, type PodEvaluator } from './evaluation/compilePodEvaluator.ts';
import type { PartialAggregates } from './partials.ts';
import type { StudyQueryPlan } from './query/StudyQueryPlan.ts';
import { evaluatePerPodWithComunica, type ComunicaOptions } from './comunica/evaluateWithComunica.ts';

/** Compiled evaluators, remembered per plan object (plans are immutable; entries go with their plan). */
const compiled = new WeakMap<StudyQueryPlan, PodEvaluator>();

/**
 * Evaluates a checked study query over one pod's data with the fast evaluator. The store is read as
 * the union of its graphs. Compiling is done once per plan and reused for every pod.
 * @param plan - from {@link checkStudyQuery}
 * @param store - one pod's data (never several pods: a pod never joins with another)
 * @returns the pod's partial aggregates
 * @throws ResearchError `unsupported` when `plan.fastEvaluation.supported` is false: use
 *   {@link evaluatePerPodWithComunica} instead
 */
export function evaluatePerPod(plan: StudyQueryPlan, store: Store): PartialAggregates {
  if (!plan.fastEvaluation.supported) throw new ResearchError('unsupported', plan.fastEvaluation.reason);
  let evaluator = compiled.get(plan);
  if (evaluator === undefined) {
    evaluator = compilePodEvaluator(plan);
    compiled.set(plan, evaluator);
  }
  return evaluator.evaluate(store);
}

/**
 * Evaluates a checked study query over one pod's data with the fast evaluator when it covers the
 * query, else with Comunica; both give the same partial aggregates.
 * @param options - `engine`: a Comunica engine to reuse for the fallback
 * @throws ResearchError `reference-engine-failed` when the Comunica fallback fails
 */
export async function evaluatePodPartials(plan: StudyQueryPlan, store: Store, options: ComunicaOptions = {}): Promise<PartialAggregates> {
  return plan.fastEvaluation.supported ? evaluatePerPod(plan, store) : evaluatePerPodWithComunica(plan, store, options);
}
