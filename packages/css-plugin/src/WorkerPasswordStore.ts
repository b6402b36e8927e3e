import type { AccountLoginStorage } from '@solid/community-server';
import {
  BadRequestHttpError,
  BasePasswordStore,
  ForbiddenHttpError,
  getLoggerFor,
  PASSWORD_STORAGE_DESCRIPTION,
  PASSWORD_STORAGE_TYPE,
} from '@solid/community-server';
import { BcryptWorkerPool } from './BcryptWorkerPool';

type PasswordStorage = AccountLoginStorage<{ [PASSWORD_STORAGE_TYPE]: typeof PASSWORD_STORAGE_DESCRIPTION }>;

/**
 * CSS's {@link BasePasswordStore}, with bcrypt hashing and comparison moved to worker threads.
 * Same storage, same bcryptjs library, same cost (salt rounds) and same hash format: logins created
 * by either store verify with the other. Only where the CPU work runs changes, so that the event loop
 * keeps serving requests while a password is hashed, and a second core can do the hashing.
 */
export class WorkerPasswordStore extends BasePasswordStore {
  protected readonly workerLogger = getLoggerFor(this);
  private readonly passwordStorage: PasswordStorage;
  private readonly rounds: number;
  private readonly pool: BcryptWorkerPool;

  /**
   * @param storage - The account storage (as for BasePasswordStore).
   * @param saltRounds - bcrypt cost; 10 as in CSS.
   * @param workers - Number of hashing threads; 1 by default.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CSS types this parameter loosely for Components.js too.
  public constructor(storage: AccountLoginStorage<any>, saltRounds = 10, workers = 1) {
    super(storage, saltRounds);
    this.passwordStorage = storage as PasswordStorage;
    this.rounds = saltRounds;
    this.pool = new BcryptWorkerPool(workers);
  }

  public override async create(email: string, accountId: string, password: string): Promise<string> {
    if (await this.findByEmail(email)) {
      this.workerLogger.warn('Trying to create a duplicate password login');
      throw new BadRequestHttpError('There already is a login for this e-mail address.');
    }
    const payload = await this.passwordStorage.create(PASSWORD_STORAGE_TYPE, {
      accountId,
      email: email.toLowerCase(),
      password: await this.pool.hash(password, this.rounds),
      verified: false,
    });
    return payload.id;
  }

  public override async authenticate(email: string, password: string): Promise<{ accountId: string; id: string }> {
    const payload = await this.passwordStorage.find(PASSWORD_STORAGE_TYPE, { email: email.toLowerCase() });
    const entry = payload[0];
    if (!entry) {
      throw new ForbiddenHttpError('Invalid email/password combination.');
    }
    if (!(await this.pool.compare(password, entry.password))) {
      throw new ForbiddenHttpError('Invalid email/password combination.');
    }
    if (!entry.verified) {
      throw new ForbiddenHttpError('Login still needs to be verified.');
    }
    return { accountId: entry.accountId, id: entry.id };
  }

  /** Stops the hashing threads (called when the server stops). */
  public async finalize(): Promise<void> {
    await this.pool.close();
  }

  public override async update(id: string, password: string): Promise<void> {
    if (!(await this.passwordStorage.has(PASSWORD_STORAGE_TYPE, id))) {
      throw new ForbiddenHttpError('Login does not exist.');
    }
    await this.passwordStorage.setField(
      PASSWORD_STORAGE_TYPE,
      id,
      'password',
      await this.pool.hash(password, this.rounds),
    );
  }
}
