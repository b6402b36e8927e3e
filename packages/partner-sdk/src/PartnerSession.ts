import { readGrant, sendAccessRequest, GrantsError } from '@sdt/grants';
import { LAYOUT, PodError, createClientCredentialsFetch, type AuthenticatedFetch } from '@sdt/pod';
import type { CategoryName } from '@sdt/vocab';
import { InboxReader } from './InboxReader.ts';
import { GrantBook, type GrantCopy, type GrantStateCounts } from './GrantBook.ts';
import { GrantExpiredError } from './GrantExpiredError.ts';
import { GrantRevokedError } from './GrantRevokedError.ts';
import { NotGrantedError } from './NotGrantedError.ts';
import { OutOfScopeError } from './OutOfScopeError.ts';
import type { PartnerCredentials } from './partnerAccount.ts';
import { PartnerError } from './PartnerError.ts';
import type { RetentionStore } from './RetentionStore.ts';
import type { ServiceDescription } from './serviceDescription.ts';
import { accessRequestFor } from './accessRequestFor.ts';

/** Options of {@link PartnerSession.connect}. */
export interface PartnerSessionOptions {
  /** Kept derived data, deleted when a grant ends (see {@link RetentionStore}). */
  readonly store?: RetentionStore;
  /**
   * Base URLs of the platform's pod servers, allowed as `replyTo` on loopback (the defaults cover
   * http://localhost:3101-3103/). Tests add their servers' URLs.
   */
  readonly platformServers?: readonly string[];
  /** Clock (tests pass a fixed one). */
  readonly now?: () => Date;
  /** The fetch used underneath (token and resource requests). */
  readonly fetch?: typeof globalThis.fetch;
}

/** Where a partner's access to one citizen's data stands, and the pod to read from. */
export interface GrantedAccess {
  readonly grant: GrantCopy;
  /** `podUrl` and an authenticated `fetch`, as `@sdt/pod` readers take them. */
  readonly access: { readonly podUrl: string; readonly fetch: typeof globalThis.fetch };
}

/** What a refresh of the answers found. */
export interface AnswersUpdate {
  /** Grants that ended by revocation with this refresh. */
  readonly revoked: readonly GrantCopy[];
  /** Number of grant copies known after the refresh. */
  readonly grants: number;
}

/** Called when a grant ends (revoked or expired) and its kept data was deleted. */
export type GrantEndedListener = (grant: GrantCopy, reason: 'revoked' | 'expired') => void;

/** One citizen's outcome in {@link PartnerSession.requestAccessBatch}. */
export type BatchRequestResult =
  | { readonly citizen: string; readonly requestIri: string }
  | { readonly citizen: string; readonly error: PartnerError | GrantsError };

function isForbidden(error: unknown): boolean {
  return (
    (PodError.isInstance(error) && error.code === 'forbidden') ||
    (GrantsError.isInstance(error) && error.code === 'forbidden')
  );
}

/**
 * A partner application logged in with client credentials: sends access requests for its service,
 * follows the answers that reach its inbox, reads granted data and tells exactly why a read is refused.
 * Kept data (in the optional {@link RetentionStore}) is deleted as soon as a grant is seen to end.
 */
export class PartnerSession {
  public readonly credentials: Omit<PartnerCredentials, 'secret'>;
  public readonly description: ServiceDescription;
  /** A fetch authenticated as the partner (Bearer tokens from the client-credentials grant). */
  public readonly fetch: typeof globalThis.fetch;
  public readonly book = new GrantBook();
  private readonly store: RetentionStore | undefined;
  private readonly platformServers: readonly string[];
  private readonly clock: () => Date;
  private readonly listeners: GrantEndedListener[] = [];
  private readonly inbox: InboxReader;
  private runningRefresh: Promise<AnswersUpdate> | undefined;
  private queuedRefresh: Promise<AnswersUpdate> | undefined;
  private readonly authenticated: AuthenticatedFetch;

  private constructor(
    credentials: PartnerCredentials,
    description: ServiceDescription,
    options: PartnerSessionOptions,
  ) {
    const { secret: _secret, ...visible } = credentials;
    this.credentials = visible;
    this.description = description;
    this.authenticated = createClientCredentialsFetch({
      issuer: credentials.serverUrl,
      id: credentials.clientId,
      secret: credentials.secret,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.fetch = this.authenticated.fetch;
    this.inbox = new InboxReader(`${credentials.podUrl}${LAYOUT.inbox}`, this.fetch);
    this.store = options.store;
    this.platformServers = [credentials.serverUrl, ...(options.platformServers ?? [])];
    this.clock = options.now ?? ((): Date => new Date());
  }

  /**
   * Opens a session (no network until the first call).
   *
   * @param credentials - from {@link ensurePartnerAccount}, or given by the platform operator
   * @param description - the validated service description
   */
  public static connect(
    credentials: PartnerCredentials,
    description: ServiceDescription,
    options: PartnerSessionOptions = {},
  ): PartnerSession {
    return new PartnerSession(credentials, description, options);
  }

  /** The partner's inbox, where consent receipts arrive. */
  public get inboxUrl(): string {
    return `${this.credentials.podUrl}${LAYOUT.inbox}`;
  }

  /** The OAuth client id grants are bound to. */
  public get clientId(): string {
    return this.credentials.clientId;
  }

  /** Current time of the session's clock. */
  public now(): Date {
    return this.clock();
  }

  /** Registers a listener called when a grant ends (after its kept data was deleted). */
  public onGrantEnded(listener: GrantEndedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Sends an access request for this service to one citizen's inbox: the description's purpose, legal
   * basis, categories (all by default), duration and explanation; answers come back to the partner's inbox.
   *
   * @param options - `categories` to ask for fewer than the description lists (required ones are always asked)
   * @returns the IRI of the request in the citizen's inbox
   * @throws GrantsError `invalid-request` naming the field, `no-inbox`, `forbidden`
   */
  public async requestAccess(
    citizenWebId: string,
    options: { categories?: readonly CategoryName[] } = {},
  ): Promise<string> {
    const input = accessRequestFor(
      this.description,
      { webId: this.credentials.webId, clientId: this.credentials.clientId, inbox: this.inboxUrl },
      citizenWebId,
      options,
    );
    const requestIri = await sendAccessRequest(input, {
      fetch: this.fetch,
      now: this.now(),
      platformServers: this.platformServers,
    });
    this.book.recordSent(requestIri, citizenWebId, this.now().toISOString());
    return requestIri;
  }

  /**
   * Sends the same request to many citizens, a few at a time; one failure does not stop the others.
   *
   * @returns one result per citizen, in the order given
   */
  public async requestAccessBatch(
    citizenWebIds: readonly string[],
    options: { concurrency?: number } = {},
  ): Promise<BatchRequestResult[]> {
    const results: BatchRequestResult[] = new Array<BatchRequestResult>(citizenWebIds.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < citizenWebIds.length) {
        const index = next++;
        const citizen = citizenWebIds[index]!;
        try {
          results[index] = { citizen, requestIri: await this.requestAccess(citizen) };
        } catch (error: unknown) {
          if (!PartnerError.isInstance(error) && !GrantsError.isInstance(error)) throw error;
          results[index] = { citizen, error };
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, citizenWebIds.length)) }, worker),
    );
    return results;
  }

  /**
   * Reads the receipts in the partner's inbox (approvals, refusals, withdrawals), updates the grant
   * copies, deletes kept data of grants that were revoked or expired, and tells the listeners.
   * Call it on a timer, or from a webhook notification ({@link handleInboxNotification}).
   */
  public async refreshAnswers(): Promise<AnswersUpdate> {
    const receipts = await this.inbox.readNew();
    const revoked = this.book.apply(receipts);
    for (const grant of revoked) await this.endGrant(grant, 'revoked');
    await this.sweepExpired();
    return { revoked, grants: this.book.all().length };
  }

  /**
   * A webhook notification about the inbox arrived: re-read the answers (the notification itself is
   * only a hint). Notifications arriving while a refresh runs are coalesced into one more refresh, so
   * a burst (or a flood) of notifications costs at most two inbox reads at a time.
   */
  public async handleInboxNotification(): Promise<AnswersUpdate> {
    if (this.queuedRefresh) return this.queuedRefresh;
    const previous = this.runningRefresh;
    const next = (async (): Promise<AnswersUpdate> => {
      await previous?.catch(() => undefined);
      this.queuedRefresh = undefined;
      return this.refreshAnswers();
    })();
    if (previous) this.queuedRefresh = next;
    this.runningRefresh = next;
    void next
      .finally(() => {
        if (this.runningRefresh === next) this.runningRefresh = undefined;
      })
      .catch(() => undefined);
    return next;
  }

  /** Deletes the kept data of grants that expired since the last sweep. */
  public async sweepExpired(): Promise<GrantCopy[]> {
    if (!this.store) return [];
    const expired = this.book.all().filter((grant) => GrantBook.stateAt(grant, this.now()) === 'expired');
    const ended: GrantCopy[] = [];
    for (const grant of expired) {
      if (await this.store.hasDataFor(grant.iri)) {
        await this.endGrant(grant, 'expired');
        ended.push(grant);
      }
    }
    await this.store.sweep(this.now());
    return ended;
  }

  private async endGrant(grant: GrantCopy, reason: 'revoked' | 'expired'): Promise<void> {
    await this.store?.deleteForGrant(grant.iri);
    for (const listener of this.listeners) listener(grant, reason);
  }

  /** Counts of this partner's requests and grants by state (numbers only, never who). */
  public grantStateCounts(): GrantStateCounts {
    return this.book.counts(this.now());
  }

  /**
   * Checks, from the partner's own copy of its grants, that a read of `category` for `citizen` is
   * covered, without contacting the citizen's pod.
   *
   * @param refusal - the pod server's refusal being explained, if any (kept as `statusCode` and `cause`:
   *   an error with a `statusCode` was refused by the server, one without by the partner's own records)
   * @throws NotGrantedError, GrantExpiredError, GrantRevokedError, OutOfScopeError
   */
  public checkGranted(
    citizen: string,
    category: CategoryName,
    refusal: { statusCode?: number; cause?: unknown } = {},
  ): GrantedAccess {
    const now = this.now();
    const grant = this.book.grantFor(citizen, now, category);
    const read = { citizen, category, ...(grant ? { grant: grant.iri } : {}) };
    const by = refusal.statusCode === undefined ? '' : ` The pod server refused the read (${refusal.statusCode}).`;
    if (!grant) {
      const why = this.book.hasRefused(citizen)
        ? 'the citizen refused the request'
        : 'no approval has reached the partner inbox';
      throw new NotGrantedError(
        `${this.description.id}: no grant covers ${category} of ${citizen} (${why}).${by}`,
        read,
        refusal,
      );
    }
    const state = GrantBook.stateAt(grant, now);
    const ended = state === 'revoked' ? grant.revokedAt : state === 'expired' ? grant.validUntil : undefined;
    if (ended !== undefined && this.book.hasPendingSince(citizen, new Date(ended).toISOString())) {
      throw new NotGrantedError(
        `${this.description.id}: a new request to ${citizen} is waiting for an answer (the last grant ${grant.iri} is ${state}).${by}`,
        read,
        refusal,
      );
    }
    if (state === 'revoked') {
      throw new GrantRevokedError(
        `${this.description.id}: the citizen revoked the grant ${grant.iri} at ${grant.revokedAt}; access ended then.${by}`,
        read,
        refusal,
      );
    }
    if (state === 'expired') {
      throw new GrantExpiredError(
        `${this.description.id}: the grant ${grant.iri} expired at ${grant.validUntil}.${by}`,
        read,
        refusal,
      );
    }
    if (state === 'upcoming') {
      throw new NotGrantedError(
        `${this.description.id}: the grant ${grant.iri} starts at ${grant.validFrom}.${by}`,
        read,
        refusal,
      );
    }
    if (!grant.categories.includes(category)) {
      throw new OutOfScopeError(
        `${this.description.id}: the grant ${grant.iri} covers ${grant.categories.join(', ')}, not ${category}.${by}`,
        read,
        refusal,
      );
    }
    return { grant, access: { podUrl: grant.podUrl, fetch: this.fetch } };
  }

  /**
   * Runs `reader` against the citizen's pod under the grant that covers `category`. A refusal of the
   * pod server (401/403) is explained: the answers are re-read and the grant record itself is read
   * (a grantee may read its own grant) to tell revoked from expired from never granted.
   *
   * @throws NotGrantedError, GrantExpiredError, GrantRevokedError, OutOfScopeError; PartnerError
   *   `invalid-data` when the citizen's data does not have the expected shape; `server` otherwise
   */
  public async read<T>(
    citizen: string,
    category: CategoryName,
    reader: (access: GrantedAccess['access']) => Promise<T>,
  ): Promise<T> {
    const granted = await this.precheck(citizen, category);
    try {
      return await reader(granted.access);
    } catch (error: unknown) {
      if (isForbidden(error)) {
        await this.explainRefusal(granted.grant, citizen, category, error);
      }
      if (PodError.isInstance(error) && error.code === 'invalid-data') {
        throw new PartnerError(
          'invalid-data',
          `${this.description.id}: the ${category} data of the citizen does not have the expected shape (${error.message}).`,
          { cause: error },
        );
      }
      if (PartnerError.isInstance(error)) throw error;
      throw new PartnerError(
        'server',
        `${this.description.id}: reading ${category} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private async precheck(citizen: string, category: CategoryName): Promise<GrantedAccess> {
    try {
      return this.checkGranted(citizen, category);
    } catch {
      // A (new) approval may have arrived since the last refresh; refreshing also deletes what was
      // derived under grants that ended.
      await this.refreshAnswers();
    }
    return this.checkGranted(citizen, category);
  }

  /** Always throws: the most precise reason why the pod server refused a read the partner's copy allowed. */
  private async explainRefusal(
    grant: GrantCopy,
    citizen: string,
    category: CategoryName,
    cause: unknown,
  ): Promise<never> {
    const statusCode = (cause as { statusCode?: number }).statusCode;
    const options = { cause, ...(statusCode === undefined ? {} : { statusCode }) };
    await this.refreshAnswers().catch(() => undefined);
    try {
      const record = await readGrant(grant.iri, { fetch: this.fetch, now: this.now() });
      if (record.state === 'revoked') {
        const updated = this.book.markRevoked(grant.iri, record.revokedAt ?? this.now().toISOString());
        if (updated) await this.endGrant(updated, 'revoked');
      }
    } catch {
      // The grant record may not be readable (not shared with grantees, or gone): rely on the receipts.
    }
    this.checkGranted(citizen, category, options);
    throw new NotGrantedError(
      `${this.description.id}: the pod server refused to read ${category} (status ${statusCode ?? 'unknown'}) although the partner's copy of grant ${grant.iri} is active; it may have been revoked without notice.`,
      { citizen, category, grant: grant.iri },
      options,
    );
  }

  /** Forgets the cached access token. */
  public logout(): void {
    this.authenticated.logout();
  }
}
