/** What went wrong, as a stable machine-readable code. */
export type ResearchErrorCode =
  /** The query text is not valid SPARQL 1.1 (the message gives line and column). */
  | 'syntax'
  /** Not a SELECT query (CONSTRUCT, DESCRIBE, ASK, updates). */
  | 'not-select'
  /** A projected variable, HAVING or ORDER BY expression would expose raw (non-aggregated) values. */
  | 'not-aggregate'
  /** An aggregate function the study does not allow (GROUP_CONCAT, SAMPLE, MIN/MAX without noise). */
  | 'aggregate-not-allowed'
  /** A feature that could leak or reach other data (SERVICE, FROM, GRAPH, identifiers, raw sub-queries). */
  | 'forbidden-feature'
  /** A GROUP BY key that is not derived from the study's declared coarse attributes. */
  | 'group-key-not-allowed'
  /** The fast evaluator does not cover this query shape: fall back to Comunica. */
  | 'unsupported'
  /** A privacy parameter is invalid (k below 5, epsilon not positive, lower bound above upper bound...). */
  | 'invalid-parameter'
  /** Running the query would exceed the study's privacy budget. */
  | 'budget-exceeded'
  /** Evaluating the query on one pod would take more work than allowed (e.g. a huge cross product). */
  | 'resource-limit'
  /** The reference engine (Comunica) failed. */
  | 'reference-engine-failed';

/** Where in the query text an error is, both 1-based. */
export interface QueryPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The root error of `@sdt/research`. Every expected failure (bad query, refused query, exhausted
 * budget) is one of these, with a `code` and a message that names the part of the query at fault.
 */
export class ResearchError extends Error {
  public readonly code: ResearchErrorCode;
  public readonly position: QueryPosition | undefined;

  public constructor(
    code: ResearchErrorCode,
    message: string,
    options: { cause?: unknown; position?: QueryPosition } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ResearchError';
    this.code = code;
    this.position = options.position;
  }

  /** Duck-typed check that also recognises errors from a duplicated copy of this package. */
  public static isInstance(error: unknown): error is ResearchError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'ResearchError' &&
      typeof (error as { code?: unknown }).code === 'string'
    );
  }
}
