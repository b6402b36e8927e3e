import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the operator secret lives, relative to the server's root file path. Inside `.internal/`,
 * which CSS refuses to every HTTP request (its `PathBasedReader`) and hides from container listings.
 * A contract shared with `@sdt/pod`'s `readOperatorSecret`.
 */
export const OPERATOR_SECRET_RELATIVE_PATH = '.internal/sdt/operator-secret';

/** Environment variable that, when set, gives the operator secret instead of the file. */
export const OPERATOR_SECRET_ENV = 'SDT_OPERATOR_SECRET';

/** Shortest operator secret accepted. */
export const OPERATOR_SECRET_MIN_LENGTH = 16;

/**
 * Holds the operator secret that protects the server's operator endpoints (provisioning).
 * Taken from `SDT_OPERATOR_SECRET` when set; otherwise read from the data folder, where a random
 * 256-bit secret is generated (file mode 0600) on first use. The secret is never logged.
 */
export class OperatorSecretStore {
  private secret?: Promise<string>;

  /**
   * @param rootFilePath - The server's root file path (its data folder).
   * @param environmentSecret - Secret given by the environment; `process.env.SDT_OPERATOR_SECRET` when omitted.
   */
  public constructor(
    private readonly rootFilePath: string,
    private readonly environmentSecret?: string,
  ) {}

  /** Absolute path of the secret file. */
  public get filePath(): string {
    return path.join(this.rootFilePath, OPERATOR_SECRET_RELATIVE_PATH);
  }

  /**
   * The operator secret, generated on first call when neither the environment nor the file has one.
   *
   * @throws Error when the environment gives a secret shorter than 16 characters.
   */
  public async getSecret(): Promise<string> {
    this.secret ??= this.loadSecret();
    return this.secret;
  }

  private async loadSecret(): Promise<string> {
    const fromEnvironment = this.environmentSecret ?? process.env[OPERATOR_SECRET_ENV];
    if (fromEnvironment !== undefined && fromEnvironment !== '') {
      if (fromEnvironment.length < OPERATOR_SECRET_MIN_LENGTH) {
        throw new Error(`${OPERATOR_SECRET_ENV} must be at least ${OPERATOR_SECRET_MIN_LENGTH} characters long.`);
      }
      return fromEnvironment;
    }
    await mkdir(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
    const generated = randomBytes(32).toString('base64url');
    try {
      await writeFile(this.filePath, generated, { mode: 0o600, flag: 'wx' });
      return generated;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    // Keep an existing secret (restart), but make sure only the server's user can read it.
    await chmod(this.filePath, 0o600);
    const existing = (await readFile(this.filePath, 'utf8')).trim();
    if (existing.length < OPERATOR_SECRET_MIN_LENGTH) {
      throw new Error(
        `The operator secret in ${this.filePath} is shorter than ${OPERATOR_SECRET_MIN_LENGTH} characters.`,
      );
    }
    return existing;
  }
}
