/**
 * Partner side of the protocol: send an access request to a citizen's inbox, read the answers
 * (consent receipts) that arrive in the partner's own inbox.
 */
import {
  CATEGORY_NAMES,
  DPV,
  DPV_NS,
  EU_GDPR,
  LDP,
  LEGAL_BASES,
  PURPOSES,
  isCategoryName,
  type CategoryName,
} from '@sdt/vocab';
import { GrantsError, invalidRequest } from './GrantsError.ts';
import { MODE_IRIS, type AccessMode, type AccessRequest, type ConsentReceipt, type LocalizedText } from './model.ts';
import { documentOf, getTurtle, listContainer, mapBounded, parsePodTurtle, send, type FetchFn } from './podIo.ts';
import { accessRequestQuads, findSubjects, modeOfIri, readConsentReceipt, writeTurtle } from './rdf.ts';
import { validateAccessRequestTurtle, type RequestCheckOptions } from './validateAccessRequest.ts';
import { SDT } from '@sdt/vocab';

/** What a partner asks for (see {@link sendAccessRequest}). */
export interface AccessRequestInput {
  /** WebID of the citizen; the request goes to the inbox its profile names. */
  readonly citizenWebId: string;
  /** WebID of the requesting partner. */
  readonly requestor: string;
  /** Category names of the catalogue, e.g. `electricity`. */
  readonly categories: readonly string[];
  /** A DPV purpose of the platform list, as IRI or local name (`ServiceProvision`). */
  readonly purpose: string;
  /** A DPV legal basis or GDPR article of the platform list, as IRI or local name (`Consent`, `A6-1-e`); default `dpv:Consent`. */
  readonly legalBasis?: string;
  /** `read`, `append`, `write` (or ACL IRIs); default `read`. */
  readonly modes?: readonly string[];
  /** Days of access from approval; or else `endDate`. */
  readonly days?: number;
  /** End of access (ISO date-time or Date), instead of `days`. */
  readonly endDate?: Date | string;
  /** OAuth client id the grant will be bound to. */
  readonly clientId: string;
  /** Why, in plain words, in French and English. */
  readonly explanation: LocalizedText;
  /** Inbox where the receipt of the answer goes (usually the partner's own `ldp:inbox`). */
  readonly replyTo: string;
  readonly requestorName?: string;
  readonly clientName?: string;
}

/** Options of the partner functions. */
export interface PartnerOptions extends RequestCheckOptions {
  /** A fetch authenticated as the partner. */
  readonly fetch: FetchFn;
}

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/** Resolves a DPV purpose given as IRI or local name, or throws naming the `purpose` field. */
export function resolvePurpose(value: string): string {
  const iri = value.includes(':') ? value : `${DPV_NS}${value}`;
  if (!(PURPOSES as readonly string[]).includes(iri)) {
    throw invalidRequest(
      'purpose',
      `unknown purpose "${value}"; expected one of ${PURPOSES.map(localName).join(', ')}.`,
    );
  }
  return iri;
}

/** Resolves a legal basis given as IRI or local name (`Consent`, `A6-1-e`), or throws naming the `legalBasis` field. */
export function resolveLegalBasis(value: string): string {
  const iri = value.includes(':')
    ? value
    : value.startsWith('A') && /^A\d/.test(value)
      ? `${EU_GDPR.NS}${value}`
      : `${DPV_NS}${value}`;
  if (!(LEGAL_BASES as readonly string[]).includes(iri)) {
    throw invalidRequest(
      'legalBasis',
      `unknown legal basis "${value}"; expected one of ${LEGAL_BASES.map(localName).join(', ')}.`,
    );
  }
  return iri;
}

/** Resolves modes given as `read` / `append` / `write` or ACL IRIs, or throws naming the `modes` field. */
export function resolveModes(values: readonly string[]): AccessMode[] {
  const modes = values.map((value) => {
    const mode = (value.toLowerCase() in MODE_IRIS ? value.toLowerCase() : modeOfIri(value)) as AccessMode | undefined;
    if (!mode) throw invalidRequest('modes', `unknown mode "${value}"; expected read, append or write.`);
    return mode;
  });
  if (modes.length === 0) throw invalidRequest('modes', 'at least one mode is needed.');
  return [...new Set(modes)];
}

/** Checks category names, or throws naming the `categories` field. */
export function resolveCategories(values: readonly string[]): CategoryName[] {
  if (values.length === 0) throw invalidRequest('categories', 'at least one category is needed.');
  return [
    ...new Set(
      values.map((value) => {
        if (!isCategoryName(value))
          throw invalidRequest(
            'categories',
            `unknown category "${value}"; expected one of ${CATEGORY_NAMES.join(', ')}.`,
          );
        return value;
      }),
    ),
  ];
}

/**
 * Builds the Turtle of an access request (subject `<#request>`, relative to the inbox item it becomes)
 * and validates it exactly as the citizen side will.
 *
 * @returns the Turtle and the request it describes
 * @throws GrantsError `invalid-request` naming the field at fault
 */
export async function buildAccessRequest(
  input: Omit<AccessRequestInput, 'citizenWebId'>,
  options: RequestCheckOptions = {},
): Promise<{ turtle: string; request: AccessRequest }> {
  const now = options.now ?? new Date();
  if ((input.days === undefined) === (input.endDate === undefined)) {
    throw invalidRequest('duration', 'give either a number of days or an end date.');
  }
  if (input.days !== undefined && (!Number.isInteger(input.days) || input.days < 1)) {
    throw invalidRequest('duration', `${input.days} days: the number of days must be a whole number of at least 1.`);
  }
  let endDate: string | undefined;
  if (input.endDate !== undefined) {
    const end = new Date(input.endDate);
    if (Number.isNaN(end.getTime())) throw invalidRequest('endDate', `"${String(input.endDate)}" is not a date-time.`);
    endDate = end.toISOString();
  }
  const request: Omit<AccessRequest, 'iri'> = {
    requestor: input.requestor,
    clientId: input.clientId,
    purpose: resolvePurpose(input.purpose),
    legalBasis: resolveLegalBasis(input.legalBasis ?? DPV.Consent),
    categories: resolveCategories(input.categories),
    modes: resolveModes(input.modes ?? ['read']),
    ...(input.days === undefined ? {} : { duration: `P${input.days}D` }),
    ...(endDate === undefined ? {} : { endDate }),
    explanation: input.explanation,
    replyTo: input.replyTo,
    created: now.toISOString(),
    ...(input.requestorName === undefined ? {} : { requestorName: input.requestorName }),
    ...(input.clientName === undefined ? {} : { clientName: input.clientName }),
  };
  const turtle = writeTurtle(accessRequestQuads(request, '#request'));
  const validated = await validateAccessRequestTurtle(turtle, 'https://request.invalid/inbox/new', { ...options, now });
  return { turtle, request: validated };
}

/**
 * Reads the inbox a WebID profile names (`ldp:inbox`).
 *
 * @throws GrantsError `no-inbox` when the profile names none, `not-found` / `forbidden` / `http` on HTTP errors
 */
export async function discoverInbox(webId: string, options: { fetch: FetchFn }): Promise<string> {
  const profile = documentOf(webId);
  const resource = await getTurtle(options.fetch, profile);
  if (!resource)
    throw new GrantsError('not-found', `The WebID profile ${profile} does not exist.`, { field: 'citizenWebId' });
  const inbox = parsePodTurtle(resource.text, profile).find(
    (q) => q.subject.value === webId && q.predicate.value === LDP.inbox,
  );
  if (!inbox || inbox.object.termType !== 'NamedNode') {
    throw new GrantsError('no-inbox', `The WebID profile of ${webId} names no inbox (ldp:inbox).`, {
      field: 'citizenWebId',
    });
  }
  return inbox.object.value;
}

/**
 * Sends an access request to a citizen: validates it locally first (shape, platform lists, modes each
 * category allows, at most 3 years, `replyTo`, 64 KiB), discovers the citizen's inbox from the WebID
 * profile and POSTs the request there as Turtle.
 *
 * @returns the IRI of the request (`<inbox item>#request`)
 * @throws GrantsError `invalid-request` naming the field (nothing is sent), `no-inbox`, `forbidden`, `http`
 */
export async function sendAccessRequest(input: AccessRequestInput, options: PartnerOptions): Promise<string> {
  const { turtle } = await buildAccessRequest(input, options);
  const inbox = await discoverInbox(input.citizenWebId, options);
  const response = await send(
    options.fetch,
    inbox,
    { method: 'POST', headers: { 'content-type': 'text/turtle' }, body: turtle },
    [200, 201],
  );
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (!location) throw new GrantsError('http', `POST ${inbox} answered no Location header.`);
  return `${new URL(location, inbox).href}#request`;
}

/**
 * Lists the consent receipts that arrived in a partner's inbox (approvals, refusals, withdrawals),
 * oldest first. Other inbox items are ignored.
 *
 * @param partnerInboxUrl - the partner's inbox (owner access)
 */
export async function listAnswers(partnerInboxUrl: string, options: { fetch: FetchFn }): Promise<ConsentReceipt[]> {
  const members = (await listContainer(options.fetch, partnerInboxUrl)).filter((url) => !url.endsWith('/'));
  const found = await mapBounded(members, 6, async (url) => {
    const resource = await getTurtle(options.fetch, url).catch(() => undefined);
    if (!resource) return [];
    try {
      const quads = parsePodTurtle(resource.text, url);
      return findSubjects(quads, SDT.ConsentReceipt).map((iri) => readConsentReceipt(quads, iri, url));
    } catch (error: unknown) {
      if (GrantsError.isInstance(error)) return [];
      throw error;
    }
  });
  return found.flat().sort((a, b) => a.created.localeCompare(b.created));
}
