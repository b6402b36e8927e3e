/** Stable codes of the territory statistics. */
export type StatisticsErrorCode =
  /** The statistics resource answered an unexpected HTTP status, or could not be reached. */
  | 'http'
  /** The resource is not a territory statistics cube (bad Turtle, missing or malformed part). */
  | 'invalid-cube';

/** Error of the territory statistics, with a `code` and the focus node or field at fault when known. */
export class StatisticsError extends Error {
  public readonly code: StatisticsErrorCode;
  public readonly focus: string | undefined;
  public readonly status: number | undefined;

  public constructor(
    code: StatisticsErrorCode,
    message: string,
    options: { focus?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StatisticsError';
    this.code = code;
    this.focus = options.focus;
    this.status = options.status;
  }

  /** True for a StatisticsError (also across module copies). */
  public static isInstance(error: unknown): error is StatisticsError {
    return (
      error instanceof Error && error.name === 'StatisticsError' && typeof (error as StatisticsError).code === 'string'
    );
  }
}
