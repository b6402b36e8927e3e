/**
 * The records of the grant protocol as plain values (docs/grants.md has their RDF form).
 */
import { ACL, type CategoryName } from '@sdt/vocab';

/** An access mode a grant may give. */
export type AccessMode = 'read' | 'append' | 'write';

/** ACL IRI of each access mode. */
export const MODE_IRIS: Readonly<Record<AccessMode, string>> = Object.freeze({
  read: ACL.Read,
  append: ACL.Append,
  write: ACL.Write,
});

/** Text in French and English. */
export interface LocalizedText {
  readonly fr: string;
  readonly en: string;
}

/** State of a request copied into `grants/requests/`. */
export type RequestStatus = 'pending' | 'approved' | 'refused';

/** An access request as sent by a partner (docs/grants.md, `AccessRequest`). */
export interface AccessRequest {
  /** IRI of the request (`…/inbox/<name>#request` as sent, `…/grants/requests/<name>#request` once copied). */
  readonly iri: string;
  /** WebID of the requesting agent. */
  readonly requestor: string;
  /** OAuth client id the grant will be bound to. */
  readonly clientId: string;
  /** DPV purpose IRI. */
  readonly purpose: string;
  /** DPV legal basis or GDPR article IRI. */
  readonly legalBasis: string;
  readonly categories: readonly CategoryName[];
  readonly modes: readonly AccessMode[];
  /** Requested duration (`xsd:duration`, e.g. `P30D`), counted from approval; or else `endDate`. */
  readonly duration?: string;
  /** Requested end (ISO date-time), instead of a duration. */
  readonly endDate?: string;
  readonly explanation: LocalizedText;
  /** Inbox where the receipt of the answer goes. */
  readonly replyTo: string;
  /** When the partner made the request (ISO date-time). */
  readonly created: string;
  readonly requestorName?: string;
  readonly clientName?: string;
  /** State of a copy in `grants/requests/` (absent in an inbox). */
  readonly status?: RequestStatus;
  /** The grant an approved request produced. */
  readonly grant?: string;
  /** The inbox item a copy was made from. */
  readonly receivedAs?: string;
}

/** Recorded status of a grant. */
export type GrantStatus = 'active' | 'revoked';

/**
 * State of a grant at a given time: `revoked` when revoked; else `expired` after its end,
 * `upcoming` before its start, `active` in between.
 */
export type GrantState = 'active' | 'expired' | 'revoked' | 'upcoming';

/** An access grant (docs/grants.md, `AccessGrant`), the record the pod server enforces. */
export interface AccessGrant {
  readonly iri: string;
  readonly status: GrantStatus;
  /** State at the time the grant was read (expiry derived from `validUntil`). */
  readonly state: GrantState;
  readonly grantee: string;
  readonly clientId: string;
  readonly categories: readonly CategoryName[];
  readonly modes: readonly AccessMode[];
  readonly purpose: string;
  readonly legalBasis: string;
  /** Start of validity, inclusive (ISO date-time). */
  readonly validFrom: string;
  /** End of validity, exclusive (ISO date-time). */
  readonly validUntil: string;
  /** The request it answers (its copy in `grants/requests/`). */
  readonly answers: string;
  readonly grantedBy: string;
  readonly created: string;
  readonly revokedAt?: string;
}

/** Consent status of a receipt. */
export type ConsentStatus = 'given' | 'refused' | 'withdrawn';

/** A consent receipt (docs/grants.md, `ConsentReceipt`; DPV / ISO/IEC TS 27560 fields). */
export interface ConsentReceipt {
  readonly iri: string;
  readonly identifier: string;
  readonly created: string;
  /** The citizen. */
  readonly dataSubject: string;
  /** The requestor. */
  readonly dataController: string;
  readonly recipients: readonly string[];
  readonly purpose: string;
  readonly legalBasis: string;
  /** DPV personal-data categories of the categories. */
  readonly personalData: readonly string[];
  readonly categories: readonly CategoryName[];
  readonly consentStatus: ConsentStatus;
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly grant?: string;
  /** The request answered (its copy in the citizen's `grants/requests/`). */
  readonly answers: string;
  /** Where this copy was read from (a citizen's `grants/receipts/…` or a partner's inbox item). */
  readonly location: string;
}

/** One entry of a pod's access log (docs/grants.md, `AccessLogEntry`); the JSON of `selfdata grants log --json`. */
export interface AccessLogEntry {
  /** ISO date-time of the request. */
  readonly time: string;
  /** WebID of the agent, or null for an anonymous request. */
  readonly agent: string | null;
  /** Client id of the token, or null. */
  readonly client: string | null;
  readonly target: string;
  readonly mode: AccessMode | 'control';
  readonly outcome: 'allowed' | 'denied';
  /** The grant that allowed the request, or null. */
  readonly grant: string | null;
}
