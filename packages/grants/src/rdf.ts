/**
 * RDF form of the grant protocol's records (docs/grants.md): Turtle writers and readers.
 */
import { DataFactory, Store, Writer, type Quad, type Term } from 'n3';
import { CATEGORIES, CATEGORY_NAMES, DCT, DPV, PROV, RDF, SDT, XSD, type CategoryName } from '@sdt/vocab';
import { GrantsError } from './GrantsError.ts';
import {
  MODE_IRIS,
  type AccessGrant,
  type AccessLogEntry,
  type AccessMode,
  type AccessRequest,
  type ConsentReceipt,
  type ConsentStatus,
  type GrantState,
  type RequestStatus,
} from './model.ts';

const { namedNode, literal, quad } = DataFactory;

const PREFIXES = {
  sdt: SDT.NS,
  dpv: DPV.NS,
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  pd: 'https://w3id.org/dpv/pd#',
  acl: 'http://www.w3.org/ns/auth/acl#',
  dct: DCT.NS,
  xsd: XSD.NS,
  prov: PROV.NS,
};

const REQUEST_STATUS_IRIS: Readonly<Record<RequestStatus, string>> = {
  pending: SDT.Pending,
  approved: SDT.Approved,
  refused: SDT.Refused,
};
const CONSENT_STATUS_IRIS: Readonly<Record<ConsentStatus, string>> = {
  given: DPV.ConsentGiven,
  refused: DPV.ConsentRefused,
  withdrawn: DPV.ConsentWithdrawn,
};

function reverse<K extends string>(map: Readonly<Record<K, string>>): ReadonlyMap<string, K> {
  return new Map(Object.entries(map).map(([key, iri]) => [iri as string, key as K]));
}

const MODES_BY_IRI = reverse(MODE_IRIS);
const REQUEST_STATUS_BY_IRI = reverse(REQUEST_STATUS_IRIS);
const CONSENT_STATUS_BY_IRI = reverse(CONSENT_STATUS_IRIS);
const CATEGORY_BY_IRI = new Map<string, CategoryName>(CATEGORY_NAMES.map((name) => [CATEGORIES[name].iri, name]));

/** The category name of an `sdt:` category IRI, or undefined. */
export function categoryOfIri(iri: string): CategoryName | undefined {
  return CATEGORY_BY_IRI.get(iri);
}

/** The access mode of an ACL mode IRI, or undefined. */
export function modeOfIri(iri: string): AccessMode | undefined {
  return MODES_BY_IRI.get(iri);
}

function dateTime(value: string): ReturnType<typeof literal> {
  return literal(value, namedNode(XSD.dateTime));
}

/** Serialises quads as Turtle with the protocol's prefixes. */
export function writeTurtle(quads: Quad[]): string {
  const writer = new Writer({ prefixes: PREFIXES });
  writer.addQuads(quads);
  let out = '';
  writer.end((error, result) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

/** Quads of an access request whose subject is `subject` (absolute, or `#request` for a new inbox item). */
export function accessRequestQuads(request: Omit<AccessRequest, 'iri'>, subject: string): Quad[] {
  const s = namedNode(subject);
  const q: Quad[] = [
    quad(s, namedNode(RDF.type), namedNode(SDT.AccessRequest)),
    quad(s, namedNode(SDT.requestor), namedNode(request.requestor)),
    quad(s, namedNode(SDT.clientId), literal(request.clientId)),
    quad(s, namedNode(DPV.hasPurpose), namedNode(request.purpose)),
    quad(s, namedNode(DPV.hasLegalBasis), namedNode(request.legalBasis)),
    ...request.categories.map((name) => quad(s, namedNode(SDT.forCategory), namedNode(CATEGORIES[name].iri))),
    ...request.modes.map((mode) => quad(s, namedNode(SDT.mode), namedNode(MODE_IRIS[mode]))),
  ];
  if (request.duration !== undefined)
    q.push(quad(s, namedNode(SDT.duration), literal(request.duration, namedNode(XSD.duration))));
  if (request.endDate !== undefined) q.push(quad(s, namedNode(SDT.endDate), dateTime(request.endDate)));
  q.push(
    quad(s, namedNode(DCT.description), literal(request.explanation.fr, 'fr')),
    quad(s, namedNode(DCT.description), literal(request.explanation.en, 'en')),
    quad(s, namedNode(SDT.replyTo), namedNode(request.replyTo)),
    quad(s, namedNode(DCT.created), dateTime(request.created)),
  );
  if (request.requestorName !== undefined)
    q.push(quad(s, namedNode(SDT.requestorName), literal(request.requestorName)));
  if (request.clientName !== undefined) q.push(quad(s, namedNode(SDT.clientName), literal(request.clientName)));
  if (request.status !== undefined)
    q.push(quad(s, namedNode(SDT.status), namedNode(REQUEST_STATUS_IRIS[request.status])));
  if (request.grant !== undefined) q.push(quad(s, namedNode(SDT.grant), namedNode(request.grant)));
  if (request.receivedAs !== undefined) q.push(quad(s, namedNode(PROV.wasDerivedFrom), namedNode(request.receivedAs)));
  return q;
}

/** Quads of an access grant. */
export function accessGrantQuads(grant: Omit<AccessGrant, 'state'>): Quad[] {
  const s = namedNode(grant.iri);
  const q: Quad[] = [
    quad(s, namedNode(RDF.type), namedNode(SDT.AccessGrant)),
    quad(s, namedNode(SDT.status), namedNode(grant.status === 'active' ? SDT.Active : SDT.Revoked)),
    quad(s, namedNode(SDT.grantee), namedNode(grant.grantee)),
    quad(s, namedNode(SDT.clientId), literal(grant.clientId)),
    ...grant.categories.map((name) => quad(s, namedNode(SDT.forCategory), namedNode(CATEGORIES[name].iri))),
    ...grant.modes.map((mode) => quad(s, namedNode(SDT.mode), namedNode(MODE_IRIS[mode]))),
    quad(s, namedNode(DPV.hasPurpose), namedNode(grant.purpose)),
    quad(s, namedNode(DPV.hasLegalBasis), namedNode(grant.legalBasis)),
    quad(s, namedNode(SDT.validFrom), dateTime(grant.validFrom)),
    quad(s, namedNode(SDT.validUntil), dateTime(grant.validUntil)),
    quad(s, namedNode(SDT.answers), namedNode(grant.answers)),
    quad(s, namedNode(SDT.grantedBy), namedNode(grant.grantedBy)),
    quad(s, namedNode(DCT.created), dateTime(grant.created)),
  ];
  if (grant.revokedAt !== undefined) q.push(quad(s, namedNode(SDT.revokedAt), dateTime(grant.revokedAt)));
  return q;
}

/** Quads of a consent receipt. */
export function consentReceiptQuads(receipt: Omit<ConsentReceipt, 'location'>): Quad[] {
  const s = namedNode(receipt.iri);
  const q: Quad[] = [
    quad(s, namedNode(RDF.type), namedNode(SDT.ConsentReceipt)),
    quad(s, namedNode(RDF.type), namedNode(DPV.ConsentRecord)),
    quad(s, namedNode(DCT.identifier), literal(receipt.identifier)),
    quad(s, namedNode(DCT.created), dateTime(receipt.created)),
    quad(s, namedNode(DPV.hasDataSubject), namedNode(receipt.dataSubject)),
    quad(s, namedNode(DPV.hasDataController), namedNode(receipt.dataController)),
    ...receipt.recipients.map((recipient) => quad(s, namedNode(DPV.hasRecipient), namedNode(recipient))),
    quad(s, namedNode(DPV.hasPurpose), namedNode(receipt.purpose)),
    quad(s, namedNode(DPV.hasLegalBasis), namedNode(receipt.legalBasis)),
    ...receipt.personalData.map((pd) => quad(s, namedNode(DPV.hasPersonalData), namedNode(pd))),
    ...receipt.categories.map((name) => quad(s, namedNode(SDT.forCategory), namedNode(CATEGORIES[name].iri))),
    quad(s, namedNode(DPV.hasConsentStatus), namedNode(CONSENT_STATUS_IRIS[receipt.consentStatus])),
  ];
  if (receipt.validFrom !== undefined) q.push(quad(s, namedNode(SDT.validFrom), dateTime(receipt.validFrom)));
  if (receipt.validUntil !== undefined) q.push(quad(s, namedNode(SDT.validUntil), dateTime(receipt.validUntil)));
  if (receipt.grant !== undefined) q.push(quad(s, namedNode(SDT.grant), namedNode(receipt.grant)));
  q.push(quad(s, namedNode(SDT.answers), namedNode(receipt.answers)));
  return q;
}

/** Read access to the statements about one subject, with errors that name the subject and the property. */
class Subject {
  public constructor(
    private readonly store: Store,
    public readonly iri: string,
  ) {}

  public all(predicate: string): Term[] {
    return this.store.getObjects(namedNode(this.iri), namedNode(predicate), null);
  }

  public optional(predicate: string): Term | undefined {
    const values = this.all(predicate);
    if (values.length > 1) throw this.error(predicate, 'has several values');
    return values[0];
  }

  public one(predicate: string): Term {
    const value = this.optional(predicate);
    if (!value) throw this.error(predicate, 'is missing');
    return value;
  }

  public iriOf(predicate: string): string {
    const value = this.one(predicate);
    if (value.termType !== 'NamedNode') throw this.error(predicate, 'is not an IRI');
    return value.value;
  }

  public text(predicate: string): string {
    const value = this.one(predicate);
    if (value.termType !== 'Literal') throw this.error(predicate, 'is not a literal');
    return value.value;
  }

  public optionalText(predicate: string): string | undefined {
    const value = this.optional(predicate);
    if (value && value.termType !== 'Literal') throw this.error(predicate, 'is not a literal');
    return value?.value;
  }

  public mapped<T>(predicate: string, map: (iri: string) => T | undefined): T[] {
    return this.all(predicate).map((term) => {
      const value = term.termType === 'NamedNode' ? map(term.value) : undefined;
      if (value === undefined) throw this.error(predicate, `has an unknown value ${term.value}`);
      return value;
    });
  }

  public error(predicate: string, what: string): GrantsError {
    return new GrantsError('invalid-data', `${this.iri}: ${predicate} ${what}.`, { field: predicate });
  }
}

function subjectsOfType(quads: Quad[], type: string): Subject[] {
  const store = new Store(quads);
  return store.getSubjects(namedNode(RDF.type), namedNode(type), null).map((s) => new Subject(store, s.value));
}

/** Every subject typed `type` in the quads (IRIs). */
export function findSubjects(quads: Quad[], type: string): string[] {
  return subjectsOfType(quads, type).map((s) => s.iri);
}

/**
 * Reads the access request `iri` from quads (already SHACL-validated or trusted).
 *
 * @throws GrantsError `invalid-data` naming the property that is missing or wrong
 */
export function readAccessRequest(quads: Quad[], iri: string): AccessRequest {
  const s = new Subject(new Store(quads), iri);
  const descriptions = s.all(DCT.description);
  const text = (language: string): string => {
    const found = descriptions.find((d) => d.termType === 'Literal' && d.language === language);
    if (!found) throw s.error(DCT.description, `has no @${language} text`);
    return found.value;
  };
  const status = s.optional(SDT.status);
  const grant = s.optional(SDT.grant);
  const receivedAs = s.optional(PROV.wasDerivedFrom);
  const duration = s.optionalText(SDT.duration);
  const endDate = s.optionalText(SDT.endDate);
  const requestorName = s.optionalText(SDT.requestorName);
  const clientName = s.optionalText(SDT.clientName);
  const statusValue = status ? REQUEST_STATUS_BY_IRI.get(status.value) : undefined;
  if (status && !statusValue) throw s.error(SDT.status, `has an unknown value ${status.value}`);
  return {
    iri,
    requestor: s.iriOf(SDT.requestor),
    clientId: s.text(SDT.clientId),
    purpose: s.iriOf(DPV.hasPurpose),
    legalBasis: s.iriOf(DPV.hasLegalBasis),
    categories: s.mapped(SDT.forCategory, categoryOfIri),
    modes: s.mapped(SDT.mode, modeOfIri),
    ...(duration === undefined ? {} : { duration }),
    ...(endDate === undefined ? {} : { endDate }),
    explanation: { fr: text('fr'), en: text('en') },
    replyTo: s.iriOf(SDT.replyTo),
    created: s.text(DCT.created),
    ...(requestorName === undefined ? {} : { requestorName }),
    ...(clientName === undefined ? {} : { clientName }),
    ...(statusValue === undefined ? {} : { status: statusValue }),
    ...(grant ? { grant: grant.value } : {}),
    ...(receivedAs ? { receivedAs: receivedAs.value } : {}),
  };
}

/** The state of a grant at `now`: revoked, else expired / upcoming / active from its validity window. */
export function grantStateAt(grant: Pick<AccessGrant, 'status' | 'validFrom' | 'validUntil'>, now: Date): GrantState {
  if (grant.status === 'revoked') return 'revoked';
  const time = now.getTime();
  if (time >= Date.parse(grant.validUntil)) return 'expired';
  if (time < Date.parse(grant.validFrom)) return 'upcoming';
  return 'active';
}

/**
 * Reads the grant `iri` from quads.
 *
 * @param now - time at which the state is derived
 * @throws GrantsError `invalid-data` naming the property that is missing or wrong
 */
export function readAccessGrant(quads: Quad[], iri: string, now: Date): AccessGrant {
  const s = new Subject(new Store(quads), iri);
  const statusIri = s.iriOf(SDT.status);
  if (statusIri !== SDT.Active && statusIri !== SDT.Revoked)
    throw s.error(SDT.status, `has an unknown value ${statusIri}`);
  const revokedAt = s.optionalText(SDT.revokedAt);
  const base = {
    iri,
    status: statusIri === SDT.Active ? ('active' as const) : ('revoked' as const),
    grantee: s.iriOf(SDT.grantee),
    clientId: s.text(SDT.clientId),
    categories: s.mapped(SDT.forCategory, categoryOfIri),
    modes: s.mapped(SDT.mode, modeOfIri),
    purpose: s.iriOf(DPV.hasPurpose),
    legalBasis: s.iriOf(DPV.hasLegalBasis),
    validFrom: s.text(SDT.validFrom),
    validUntil: s.text(SDT.validUntil),
    answers: s.iriOf(SDT.answers),
    grantedBy: s.iriOf(SDT.grantedBy),
    created: s.text(DCT.created),
    ...(revokedAt === undefined ? {} : { revokedAt }),
  };
  return { ...base, state: grantStateAt(base, now) };
}

/**
 * Reads the consent receipt `iri` from quads.
 *
 * @param location - URL of the resource it was read from
 * @throws GrantsError `invalid-data` naming the property that is missing or wrong
 */
export function readConsentReceipt(quads: Quad[], iri: string, location: string): ConsentReceipt {
  const s = new Subject(new Store(quads), iri);
  const [consentStatus] = s.mapped(DPV.hasConsentStatus, (value) => CONSENT_STATUS_BY_IRI.get(value));
  if (!consentStatus) throw s.error(DPV.hasConsentStatus, 'is missing');
  const validFrom = s.optionalText(SDT.validFrom);
  const validUntil = s.optionalText(SDT.validUntil);
  const grant = s.optional(SDT.grant);
  return {
    iri,
    identifier: s.text(DCT.identifier),
    created: s.text(DCT.created),
    dataSubject: s.iriOf(DPV.hasDataSubject),
    dataController: s.iriOf(DPV.hasDataController),
    recipients: s.all(DPV.hasRecipient).map((t) => t.value),
    purpose: s.iriOf(DPV.hasPurpose),
    legalBasis: s.iriOf(DPV.hasLegalBasis),
    personalData: s.all(DPV.hasPersonalData).map((t) => t.value),
    categories: s.mapped(SDT.forCategory, categoryOfIri),
    consentStatus,
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(grant ? { grant: grant.value } : {}),
    answers: s.iriOf(SDT.answers),
    location,
  };
}

const LOG_MODES: ReadonlyMap<string, AccessLogEntry['mode']> = new Map([
  ...MODES_BY_IRI,
  ['http://www.w3.org/ns/auth/acl#Control', 'control' as const],
]);

/**
 * Reads every `sdt:AccessLogEntry` of an `audit/<day>` resource. Entries that lack a required field
 * (time, target, mode, outcome) are skipped rather than failing the whole day.
 */
export function readAccessLogEntries(quads: Quad[]): AccessLogEntry[] {
  const entries: AccessLogEntry[] = [];
  for (const s of subjectsOfType(quads, SDT.AccessLogEntry)) {
    try {
      const outcome = s.iriOf(SDT.outcome);
      const agent = s.optional(SDT.agent);
      const client = s.optionalText(SDT.clientId);
      const grant = s.optional(SDT.grant);
      const modes = s.mapped(SDT.mode, (iri) => LOG_MODES.get(iri));
      const time = s.text(DCT.date);
      const target = s.iriOf(SDT.target);
      if (outcome !== SDT.Allowed && outcome !== SDT.Denied) continue;
      for (const mode of modes) {
        entries.push({
          time,
          agent: agent?.value ?? null,
          client: client ?? null,
          target,
          mode,
          outcome: outcome === SDT.Allowed ? 'allowed' : 'denied',
          grant: grant?.value ?? null,
        });
      }
    } catch (error: unknown) {
      if (!GrantsError.isInstance(error)) throw error;
    }
  }
  return entries;
}
