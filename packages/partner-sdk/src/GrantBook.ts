import type { ConsentReceipt } from '@sdt/grants';
import type { CategoryName } from '@sdt/vocab';

/** State of a grant as the partner knows it from the receipts it received. */
export type GrantCopyState = 'active' | 'expired' | 'revoked' | 'upcoming';

/** The partner's own copy of a grant, built from the consent receipts in its inbox. */
export interface GrantCopy {
  /** IRI of the grant in the citizen's pod (`<pod>grants/<name>#grant`). */
  readonly iri: string;
  /** Root of the citizen's pod (from the grant IRI). */
  readonly podUrl: string;
  /** WebID of the citizen. */
  readonly citizen: string;
  readonly categories: readonly CategoryName[];
  readonly validFrom: string;
  readonly validUntil: string;
  /** The request it answers. */
  readonly answers: string;
  /** When the citizen withdrew consent, if they did. */
  readonly revokedAt?: string;
}

/** Counts of the partner's grants and requests by state: numbers only, never who. */
export interface GrantStateCounts {
  /** Requests sent (by this process) that have no answer yet. */
  readonly pending: number;
  readonly active: number;
  readonly expired: number;
  readonly revoked: number;
  readonly refused: number;
}

function podOfGrant(grantIri: string): string | undefined {
  const document = grantIri.split('#')[0] ?? grantIri;
  return /^(https?:\/\/.+\/)grants\/[^/]+$/.exec(document)?.[1];
}

/**
 * The grants a partner holds, as told by the consent receipts that reached its inbox: approvals add a
 * grant, withdrawals mark it revoked, refusals are counted. Expiry is derived from `validUntil` at the
 * time asked, like the pod server does. Pure: feed it receipts with {@link GrantBook.apply}.
 */
export class GrantBook {
  private readonly grants = new Map<string, GrantCopy>();
  private readonly refusals = new Map<string, string>();
  private readonly sent = new Map<string, { citizen: string; at: string }>();
  private readonly seenReceipts = new Set<string>();

  /**
   * Records receipts (any order, duplicates ignored).
   *
   * @returns the grants that became revoked with these receipts (so that kept data can be deleted)
   */
  public apply(receipts: readonly ConsentReceipt[]): GrantCopy[] {
    const revoked: GrantCopy[] = [];
    const ordered = [...receipts].sort((a, b) => order(a) - order(b) || a.created.localeCompare(b.created));
    for (const receipt of ordered) {
      const key = `${receipt.iri}|${receipt.consentStatus}`;
      if (this.seenReceipts.has(key)) continue;
      this.seenReceipts.add(key);
      if (receipt.consentStatus === 'refused') {
        this.refusals.set(receipt.answers, receipt.dataSubject);
        continue;
      }
      if (!receipt.grant) continue;
      const podUrl = podOfGrant(receipt.grant);
      if (!podUrl) continue;
      const existing = this.grants.get(receipt.grant);
      if (receipt.consentStatus === 'given') {
        if (existing) continue;
        if (!receipt.validFrom || !receipt.validUntil) continue;
        this.grants.set(receipt.grant, {
          iri: receipt.grant,
          podUrl,
          citizen: receipt.dataSubject,
          categories: receipt.categories,
          validFrom: receipt.validFrom,
          validUntil: receipt.validUntil,
          answers: receipt.answers,
        });
      } else if (receipt.consentStatus === 'withdrawn') {
        const base: GrantCopy = existing ?? {
          iri: receipt.grant,
          podUrl,
          citizen: receipt.dataSubject,
          categories: receipt.categories,
          validFrom: receipt.validFrom ?? receipt.created,
          validUntil: receipt.validUntil ?? receipt.created,
          answers: receipt.answers,
        };
        if (base.revokedAt) continue;
        const updated = { ...base, revokedAt: receipt.created };
        this.grants.set(receipt.grant, updated);
        revoked.push(updated);
      }
    }
    return revoked;
  }

  /** Marks a grant revoked (e.g. the grant record itself says so). @returns the updated copy. */
  public markRevoked(grantIri: string, at: string): GrantCopy | undefined {
    const existing = this.grants.get(grantIri);
    if (!existing || existing.revokedAt) return existing;
    const updated = { ...existing, revokedAt: at };
    this.grants.set(grantIri, updated);
    return updated;
  }

  /** Remembers a request this partner sent at `at` (ISO date-time), for the pending count. */
  public recordSent(requestIri: string, citizen: string, at: string = new Date().toISOString()): void {
    this.sent.set(requestIri, { citizen, at });
  }

  /** State of a grant copy at `now`. */
  public static stateAt(grant: GrantCopy, now: Date): GrantCopyState {
    if (grant.revokedAt) return 'revoked';
    if (now.getTime() >= Date.parse(grant.validUntil)) return 'expired';
    if (now.getTime() < Date.parse(grant.validFrom)) return 'upcoming';
    return 'active';
  }

  /** Every grant copy. */
  public all(): GrantCopy[] {
    return [...this.grants.values()];
  }

  /** One grant copy by IRI. */
  public get(grantIri: string): GrantCopy | undefined {
    return this.grants.get(grantIri);
  }

  /**
   * The grant that matters for a citizen at `now`: an active one covering `category` if any, else
   * the most recent one (so that the caller can say why it does not cover the read).
   */
  public grantFor(citizen: string, now: Date, category?: CategoryName): GrantCopy | undefined {
    const mine = this.all()
      .filter((grant) => grant.citizen === citizen)
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom));
    return (
      mine.find(
        (grant) =>
          GrantBook.stateAt(grant, now) === 'active' && (category === undefined || grant.categories.includes(category)),
      ) ??
      mine.find((grant) => GrantBook.stateAt(grant, now) === 'active') ??
      mine[0]
    );
  }

  /** True when a request this partner sent to the citizen at or after `since` (ISO) has no answer yet. */
  public hasPendingSince(citizen: string, since: string): boolean {
    const answered = [...this.grants.values()].map((grant) => grant.answers).concat([...this.refusals.keys()]);
    return [...this.sent].some(
      ([request, sent]) =>
        sent.citizen === citizen && sent.at >= since && !answered.some((answer) => sameRequest(answer, request)),
    );
  }

  /** True when the citizen refused a request of this partner (and never granted since). */
  public hasRefused(citizen: string): boolean {
    return [...this.refusals.values()].includes(citizen);
  }

  /** Counts by state at `now` (numbers only). */
  public counts(now: Date): GrantStateCounts {
    const counts = { pending: 0, active: 0, expired: 0, revoked: 0, refused: this.refusals.size };
    const answered = new Set([...this.grants.values()].map((grant) => grant.answers).concat([...this.refusals.keys()]));
    for (const grant of this.grants.values()) {
      const state = GrantBook.stateAt(grant, now);
      if (state === 'upcoming') counts.active++;
      else counts[state]++;
    }
    for (const request of this.sent.keys()) {
      if (![...answered].some((answer) => sameRequest(answer, request))) counts.pending++;
    }
    return counts;
  }
}

/** Receipts name the request by its copy in `grants/requests/<name>`; a partner knows it as `inbox/<name>`. */
function sameRequest(answered: string, sent: string): boolean {
  const name = (iri: string): string =>
    (iri.split('#')[0] ?? iri).replace(/\/(inbox|grants\/requests)\/([^/]+)$/, '/$2');
  return name(answered) === name(sent);
}

function order(receipt: ConsentReceipt): number {
  return receipt.consentStatus === 'withdrawn' ? 1 : 0;
}
