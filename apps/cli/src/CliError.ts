/** An error the CLI reports as one clear line and a non-zero exit code (no stack trace). */
export class CliError extends Error {
  public readonly exitCode: number;

  public constructor(message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
