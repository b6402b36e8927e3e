/**
 * What a pod server's research endpoint (packages/css-plugin, `ResearchHttpHandler`) loads from this
 * package at run time: the query checker, the fast per-pod evaluator and the study reader — without
 * Comunica (a server refuses queries the fast evaluator does not cover; the coordinator then reads
 * those pods over HTTP). Kept small so that the first research request loads quickly.
 */
export { checkStudyQuery } from '../query/checkStudyQuery.ts';
export { compilePodEvaluator } from '../evaluation/compilePodEvaluator.ts';
export { parseStudy } from '../studies/studyRdf.ts';
export { getStudyQueryPolicy, isStudyExpired } from '../studies/Study.ts';
