import { ResearchError, StudyError, type StudyAnswer } from '@sdt/research';
import { summariseFailures, type RunLine, type TermJson } from './researchView.ts';

// The lines of `POST /api/research/run` built from the engine's answer or error (server side; the
// browser reads them with `splitRunLines`). Kept apart from the route so that they are tested.

type Term = StudyAnswer['rows'][number]['bindings'][string];

/** An RDF term as JSON. */
export function termToJson(term: Term): TermJson {
  if (term.termType === 'Literal') {
    return { termType: 'Literal', value: term.value, datatype: term.datatype.value, ...(term.language ? { language: term.language } : {}) };
  }
  return { termType: term.termType, value: term.value };
}

/** The answer as the `result` line. Failed pods are summed up by reason: pod addresses never reach the researcher. */
export function toResultLine(answer: StudyAnswer): RunLine {
  const { report } = answer;
  return {
    type: 'result',
    variables: answer.variables,
    rows: answer.rows.map((row) => ({
      bindings: Object.fromEntries(Object.entries(row.bindings).map(([name, term]) => [name, termToJson(term)])),
      ...(row.contributingPods === undefined ? {} : { contributingPods: row.contributingPods }),
    })),
    report: {
      podsAsked: report.podsAsked,
      podsAnswered: report.podsAnswered,
      podsFailed: report.podsFailed,
      failures: summariseFailures(report.failures),
      paths: report.paths,
      minimumGroupSize: report.minimumGroupSize,
      groups: report.groups,
      groupsSuppressed: report.groupsSuppressed,
      clippedGroups: report.clippedGroups,
      noise: report.noise ? { epsilon: report.noise.epsilon, mechanisms: report.noise.mechanisms.map((mechanism) => ({ scale: mechanism.scale })) } : null,
      budget: report.budget,
      durationMs: report.durationMs,
    },
  };
}

/** A refusal or failure as the `error` line: the checker's own message (it names the part of the query at fault). */
export function toErrorLine(error: unknown): RunLine {
  if (ResearchError.isInstance(error)) {
    return { type: 'error', code: error.code, message: error.message, ...(error.position ? { position: { line: error.position.line, column: error.position.column } } : {}) };
  }
  if (StudyError.isInstance(error) && ['expired-study', 'no-consenting-pods', 'unknown-study'].includes(error.code)) {
    return { type: 'error', code: error.code, message: error.message };
  }
  // Anything else (engine login, a server down before any pod was asked...): no detail, no stack.
  return { type: 'error', code: 'failed', message: '' };
}

