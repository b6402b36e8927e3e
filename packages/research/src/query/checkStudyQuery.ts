import sparqljs from 'sparqljs';
import type { SparqlQuery } from 'sparqljs';
import { ResearchError, type QueryPosition } from '../ResearchError.ts';
import { explainFastEvaluationSupport } from '../evaluation/compilePodEvaluator.ts';
import { QueryChecker } from './QueryChecker.ts';
import type { StudyQueryPolicy } from './StudyQueryPolicy.ts';
import type { StudyQueryPlan } from './StudyQueryPlan.ts';

/**
 * Checks that a SPARQL query can run in a study and turns it into a plan.
 *
 * Rules (each refusal says which part is at fault and why):
 * - only SELECT; no FROM / FROM NAMED, SERVICE, GRAPH, trailing VALUES, `SELECT *`;
 * - every projected variable is a GROUP BY key or an expression over aggregates and keys; aggregates
 *   are COUNT, SUM, AVG, and MIN / MAX only when the study adds noise; never GROUP_CONCAT or SAMPLE;
 * - the query has GROUP BY or at least one aggregate;
 * - group keys come from the study's coarse attributes: see {@link checkGroupKey};
 * - IRIs written in the query belong to the study's vocabulary namespaces (no individual resources);
 * - a variable in subject or predicate position identifies a resource: it may be joined, counted
 *   (COUNT, COUNT DISTINCT), tested with BOUND or compared with another variable, never inspected
 *   (STR, REGEX...);
 * - VALUES may not bind a group key and may list only literals and vocabulary terms;
 * - a sub-query must itself pass these rules (so it never projects raw values).
 *
 * @param queryText - the SPARQL 1.1 query
 * @param study - what the study allows
 * @returns the plan
 * @throws ResearchError with code `syntax`, `not-select`, `not-aggregate`, `aggregate-not-allowed`,
 *   `forbidden-feature` or `group-key-not-allowed`
 */
export function checkStudyQuery(queryText: string, study: StudyQueryPolicy): StudyQueryPlan {
  const parsed = parseQuery(queryText);
  if (parsed.type === 'update') {
    throw new ResearchError('not-select', 'Only SELECT queries are allowed; this is a SPARQL update.');
  }
  if (parsed.queryType !== 'SELECT') {
    throw new ResearchError(
      'not-select',
      `Only SELECT queries are allowed; ${parsed.queryType} would return data, not aggregates.`,
    );
  }
  const checker = new QueryChecker(study);
  const plan = checker.checkSelect(parsed, true);
  const fastEvaluation = explainFastEvaluationSupport(plan);
  return { ...plan, queryText, fastEvaluation };
}

/** Parses SPARQL, turning parser errors into a `syntax` error with line and column. */
function parseQuery(queryText: string): SparqlQuery {
  try {
    return new sparqljs.Parser({ skipUngroupedVariableCheck: true }).parse(queryText);
  } catch (error) {
    throw toSyntaxError(queryText, error);
  }
}

interface JisonError {
  message: string;
  hash?: { token?: string; text?: string; loc?: { first_line: number; first_column: number; last_column: number } };
}

function toSyntaxError(queryText: string, error: unknown): ResearchError {
  const jison = error as JisonError;
  const message = typeof jison?.message === 'string' ? jison.message : String(error);
  let position: QueryPosition | undefined;
  let detail: string;
  if (jison.hash?.loc !== undefined) {
    // Jison's location is that of the last token read; the unexpected token is the next one.
    const atEnd = jison.hash.text === undefined || jison.hash.text === '' || jison.hash.token === 'EOF';
    const afterPrevious = toOffset(queryText, jison.hash.loc.first_line, jison.hash.loc.last_column);
    const found = atEnd ? -1 : queryText.indexOf(jison.hash.text!, afterPrevious);
    position = toPosition(queryText, found >= 0 ? found : atEnd ? queryText.trimEnd().length : afterPrevious);
    detail = `unexpected ${atEnd ? 'end of the query' : `'${jison.hash.text}'`}`;
  } else {
    detail = message.split('\n')[0] ?? message;
    const prefix = /Unknown prefix: (\S*)/u.exec(message)?.[1];
    if (prefix !== undefined) position = locate(queryText, new RegExp(`(^|[^\\w:])${escapeRegExp(prefix)}:`, 'u'));
  }
  const where = position === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
  return new ResearchError('syntax', `Invalid SPARQL${where}: ${detail}.`, {
    cause: error,
    ...(position ? { position } : {}),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function locate(text: string, pattern: RegExp): QueryPosition | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  return toPosition(text, match.index + (match[1]?.length ?? 0));
}

/** 1-based line and column of a character offset. */
function toPosition(text: string, offset: number): QueryPosition {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Character offset of a 1-based line and a 0-based column. */
function toOffset(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let index = 0; index < line - 1 && index < lines.length; index += 1) offset += (lines[index]?.length ?? 0) + 1;
  return offset + column;
}
