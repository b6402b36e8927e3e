import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GrantBook, type GrantCopy } from './GrantBook.ts';
import { GrantExpiredError } from './GrantExpiredError.ts';
import { GrantRevokedError } from './GrantRevokedError.ts';
import { NotGrantedError } from './NotGrantedError.ts';
import { PartnerError } from './PartnerError.ts';

/** One piece of derived data kept by a partner, tied to the grant it was derived under. */
export interface KeptEntry<T = unknown> {
  readonly key: string;
  /** IRI of the grant the data was derived under. */
  readonly grant: string;
  /** WebID of the citizen it is about. */
  readonly citizen: string;
  readonly value: T;
  /** ISO date-time it was stored. */
  readonly storedAt: string;
  /** ISO date-time it must be gone by: the grant's end or the retention period, whichever comes first. */
  readonly deleteAt: string;
}

/** Options of {@link RetentionStore}. */
export interface RetentionStoreOptions {
  /** Days derived data may be kept (the service description's `retentionDays`). */
  readonly retentionDays: number;
  /** JSON file the entries are kept in (written atomically, mode 0600); memory only when absent. */
  readonly file?: string;
}

const DAY_MS = 86_400_000;

/**
 * Keeps what a partner derives from granted data only while it may: an entry is deleted when its grant
 * is revoked ({@link deleteForGrant}, called by the session as soon as it learns of it), when the grant
 * expires, or when the retention period is over, whichever comes first ({@link sweep}; {@link get}
 * never returns an entry past its time). Nothing is stored under a grant that is not active.
 */
export class RetentionStore {
  private readonly retentionMs: number;
  private readonly file: string | undefined;
  private entries: Map<string, KeptEntry> | undefined;
  private writing: Promise<void> = Promise.resolve();

  public constructor(options: RetentionStoreOptions) {
    if (!Number.isInteger(options.retentionDays) || options.retentionDays < 0) {
      throw new PartnerError(
        'invalid-argument',
        `retentionDays: ${options.retentionDays} is not a whole number of days >= 0.`,
      );
    }
    this.retentionMs = options.retentionDays * DAY_MS;
    this.file = options.file;
  }

  private async load(): Promise<Map<string, KeptEntry>> {
    if (this.entries) return this.entries;
    const entries = new Map<string, KeptEntry>();
    if (this.file) {
      try {
        for (const entry of JSON.parse(await readFile(this.file, 'utf8')) as KeptEntry[]) entries.set(entry.key, entry);
      } catch (error: unknown) {
        if ((error as { code?: string }).code !== 'ENOENT') {
          throw new PartnerError(
            'invalid-argument',
            `The retention store ${this.file} cannot be read: ${(error as Error).message}`,
            { cause: error },
          );
        }
      }
    }
    this.entries = entries;
    return entries;
  }

  private async persist(): Promise<void> {
    const file = this.file;
    if (!file) return;
    const snapshot = JSON.stringify([...(await this.load()).values()]);
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, snapshot, { mode: 0o600 });
      await rename(temporary, file);
    });
    await this.writing;
  }

  /**
   * Keeps `value` under `key`, derived under `grant`, until the grant ends or the retention period is
   * over. Replaces an earlier value under the same key.
   *
   * @throws NotGrantedError / GrantExpiredError / GrantRevokedError when the grant is not active at `now`
   */
  public async put<T>(grant: GrantCopy, key: string, value: T, now: Date = new Date()): Promise<KeptEntry<T>> {
    const state = GrantBook.stateAt(grant, now);
    const read = { citizen: grant.citizen, category: grant.categories.join(','), grant: grant.iri };
    if (state === 'revoked')
      throw new GrantRevokedError(`Nothing may be kept under the revoked grant ${grant.iri}.`, read);
    if (state === 'expired')
      throw new GrantExpiredError(`Nothing may be kept under the expired grant ${grant.iri}.`, read);
    if (state !== 'active') throw new NotGrantedError(`The grant ${grant.iri} is not active yet.`, read);
    const deleteAt = new Date(Math.min(Date.parse(grant.validUntil), now.getTime() + this.retentionMs)).toISOString();
    const entry: KeptEntry<T> = {
      key,
      grant: grant.iri,
      citizen: grant.citizen,
      value,
      storedAt: now.toISOString(),
      deleteAt,
    };
    (await this.load()).set(key, entry);
    await this.persist();
    return entry;
  }

  /** The value kept under `key`, or undefined when there is none or its time is over (then it is deleted). */
  public async get<T>(key: string, now: Date = new Date()): Promise<KeptEntry<T> | undefined> {
    const entries = await this.load();
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (Date.parse(entry.deleteAt) <= now.getTime()) {
      entries.delete(key);
      await this.persist();
      return undefined;
    }
    return entry as KeptEntry<T>;
  }

  /** True when something derived under `grantIri` is kept. */
  public async hasDataFor(grantIri: string): Promise<boolean> {
    return [...(await this.load()).values()].some((entry) => entry.grant === grantIri);
  }

  /** Deletes everything derived under a grant (it was revoked or expired). @returns how many entries. */
  public async deleteForGrant(grantIri: string): Promise<number> {
    const entries = await this.load();
    let deleted = 0;
    for (const [key, entry] of entries) {
      if (entry.grant === grantIri) {
        entries.delete(key);
        deleted++;
      }
    }
    if (deleted > 0) await this.persist();
    return deleted;
  }

  /** Deletes every entry whose grant ended or whose retention period is over at `now`. @returns how many. */
  public async sweep(now: Date = new Date()): Promise<number> {
    const entries = await this.load();
    let deleted = 0;
    for (const [key, entry] of entries) {
      if (Date.parse(entry.deleteAt) <= now.getTime()) {
        entries.delete(key);
        deleted++;
      }
    }
    if (deleted > 0) await this.persist();
    return deleted;
  }

  /** Number of entries kept (numbers only). */
  public async size(): Promise<number> {
    return (await this.load()).size;
  }

  /** Deletes everything, including the file. */
  public async clear(): Promise<void> {
    (await this.load()).clear();
    await this.writing;
    if (this.file) await rm(this.file, { force: true });
  }
}
