/** Stable codes of the study registry, the opt-in and the coordinator. */
export type StudyErrorCode =
  /** A study description breaks a rule (SHACL shape or a rule SHACL cannot say); `field` names it. */
  | 'invalid-study'
  /** No study at that IRI in the registry. */
  | 'unknown-study'
  /** The study's end date has passed: no more queries, no more opt-ins. */
  | 'expired-study'
  /** No pod has an active grant to the research engine for the study. */
  | 'no-consenting-pods'
  /** A pod, registry or endpoint answered with an unexpected HTTP status. */
  | 'http'
  /** The engine account or its study client is missing. */
  | 'engine';

/** Error of the study registry, opt-in and coordinator, with a `code` and the `field` at fault when there is one. */
export class StudyError extends Error {
  public readonly code: StudyErrorCode;
  public readonly field: string | undefined;
  public readonly status: number | undefined;

  public constructor(
    code: StudyErrorCode,
    message: string,
    options: { field?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StudyError';
    this.code = code;
    this.field = options.field;
    this.status = options.status;
  }

  /** True for a StudyError (also across module copies). */
  public static isInstance(error: unknown): error is StudyError {
    return error instanceof Error && error.name === 'StudyError' && typeof (error as StudyError).code === 'string';
  }
}
