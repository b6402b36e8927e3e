/**
 * Citizen side of the protocol, requests: collect what arrived in the inbox, list pending requests,
 * approve (possibly narrower) or deny. Every function acts as the pod owner through `fetch`.
 */
import { CATEGORIES, MAX_REQUEST_BYTES, SDT, validateQuads } from '@sdt/vocab';
import { LAYOUT } from '@sdt/pod';
import {
  grantIri,
  locateRequest,
  receiptIri,
  requestCopyIri,
  REQUESTS_PATH,
  type RequestLocation,
} from './citizenPaths.ts';
import { deliverReceipt, type Delivery } from './deliverReceipt.ts';
import type { DestinationOptions } from './destinations.ts';
import { addDuration, parseDuration } from './durations.ts';
import { GrantsError, invalidRequest } from './GrantsError.ts';
import type { AccessGrant, AccessMode, AccessRequest, ConsentReceipt, ConsentStatus, RequestStatus } from './model.ts';
import {
  deleteResource,
  documentOf,
  getTurtle,
  listContainer,
  mapBounded,
  nameOf,
  parsePodTurtle,
  putTurtle,
  send,
  type FetchFn,
} from './podIo.ts';
import {
  accessGrantQuads,
  accessRequestQuads,
  consentReceiptQuads,
  findSubjects,
  grantStateAt,
  readAccessRequest,
  writeTurtle,
} from './rdf.ts';
import { checkRequestRules, validateAccessRequestTurtle } from './validateAccessRequest.ts';

/** Options of the citizen-side functions. */
export interface CitizenOptions extends DestinationOptions {
  /** A fetch authenticated as the pod owner. */
  readonly fetch: FetchFn;
  /** Time of the operation (default: now). */
  readonly now?: Date;
}

/** Options of the functions that answer: the citizen's WebID is recorded as grantor and data subject. */
export interface AnswerOptions extends CitizenOptions {
  /** WebID of the citizen (the pod owner). */
  readonly webId: string;
}

/** An inbox item that is not a valid access request (left in the inbox; nothing written to grants/). */
export interface InvalidInboxItem {
  readonly url: string;
  readonly error: GrantsError;
}

/** Options of {@link listPendingRequests}. */
export interface CollectOptions extends CitizenOptions {
  /** Called for each inbox item refused as an access request. */
  readonly onInvalid?: (item: InvalidInboxItem) => void;
  /** Delete refused items from the inbox after reporting them (default: leave them). */
  readonly removeInvalid?: boolean;
}

async function readInboxItem(fetchFn: FetchFn, url: string): Promise<string | undefined> {
  const response = await send(fetchFn, url, { headers: { accept: 'text/turtle' } }, [200, 404, 406]);
  if (response.status !== 200) {
    await response.arrayBuffer();
    if (response.status === 406) throw invalidRequest('content-type', 'the request is not Turtle.');
    return undefined;
  }
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_REQUEST_BYTES) {
    await response.body?.cancel();
    throw invalidRequest('size', `${length} bytes is more than the maximum of ${MAX_REQUEST_BYTES} bytes (64 KiB).`);
  }
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (!type.startsWith('text/turtle'))
    throw invalidRequest('content-type', `the request is ${type || 'untyped'}, not Turtle.`);
  return text;
}

/**
 * Validates one inbox item and, when it is a valid access request, copies it to
 * `grants/requests/<name>` (state pending) and removes it from the inbox.
 *
 * @returns the copy, or undefined when the item is not an access request at all (e.g. a notification)
 * @throws GrantsError `invalid-request` naming the field when it is an invalid request (nothing written)
 */
async function importInboxItem(
  url: string,
  podUrl: string,
  options: CitizenOptions,
): Promise<AccessRequest | undefined> {
  const text = await readInboxItem(options.fetch, url);
  if (text === undefined) return undefined;
  const mentionsRequest = text.includes('AccessRequest');
  let request: AccessRequest;
  try {
    request = await validateAccessRequestTurtle(text, url, options);
  } catch (error: unknown) {
    // Other notifications may arrive in an inbox; only what claims to be a request (or is unreadable) is refused.
    if (GrantsError.isInstance(error) && error.field === 'type' && !mentionsRequest) return undefined;
    throw error;
  }
  const name = nameOf(url);
  const copy: AccessRequest = {
    ...request,
    iri: requestCopyIri(podUrl, name),
    status: 'pending',
    receivedAs: request.iri,
  };
  await putTurtle(options.fetch, documentOf(copy.iri), writeTurtle(accessRequestQuads(copy, copy.iri)), {
    create: true,
  });
  await deleteResource(options.fetch, url);
  return copy;
}

/**
 * Moves the valid access requests of a pod's inbox into `grants/requests/` (state pending); invalid
 * ones stay in the inbox, reported through `onInvalid`, and nothing of them is written to `grants/`.
 *
 * @returns the requests imported by this call
 */
export async function collectInboxRequests(podUrl: string, options: CollectOptions): Promise<AccessRequest[]> {
  const members = (await listContainer(options.fetch, `${podUrl}${LAYOUT.inbox}`)).filter((url) => !url.endsWith('/'));
  const imported = await mapBounded(members, 4, async (url) => {
    try {
      return await importInboxItem(url, podUrl, options);
    } catch (error: unknown) {
      if (!GrantsError.isInstance(error) || error.code !== 'invalid-request') throw error;
      options.onInvalid?.({ url, error });
      if (options.removeInvalid) await deleteResource(options.fetch, url);
      return undefined;
    }
  });
  return imported.filter((request): request is AccessRequest => request !== undefined);
}

async function readRequestCopy(
  fetchFn: FetchFn,
  url: string,
): Promise<{ request: AccessRequest; etag: string | null } | undefined> {
  const resource = await getTurtle(fetchFn, url);
  if (!resource) return undefined;
  const quads = parsePodTurtle(resource.text, url);
  const [iri] = findSubjects(quads, SDT.AccessRequest);
  if (!iri) throw new GrantsError('invalid-data', `${url} holds no sdt:AccessRequest.`);
  return { request: readAccessRequest(quads, iri), etag: resource.etag };
}

/**
 * Lists the requests of `grants/requests/` (after collecting the inbox), oldest first.
 *
 * @param options - `status` keeps only requests in that state
 */
export async function listRequests(
  podUrl: string,
  options: CollectOptions & { status?: RequestStatus },
): Promise<AccessRequest[]> {
  await collectInboxRequests(podUrl, options);
  const members = (await listContainer(options.fetch, `${podUrl}${REQUESTS_PATH}`)).filter((url) => !url.endsWith('/'));
  const requests = await mapBounded(members, 6, async (url) => {
    try {
      return (await readRequestCopy(options.fetch, url))?.request;
    } catch (error: unknown) {
      if (GrantsError.isInstance(error) && error.code === 'invalid-data') return undefined;
      throw error;
    }
  });
  return requests
    .filter(
      (request): request is AccessRequest =>
        request !== undefined && (options.status === undefined || request.status === options.status),
    )
    .sort((a, b) => a.created.localeCompare(b.created));
}

/**
 * Lists the requests waiting for the citizen's answer, oldest first: collects the inbox first (valid
 * requests move to `grants/requests/`; invalid ones are reported through `onInvalid`).
 */
export async function listPendingRequests(podUrl: string, options: CollectOptions): Promise<AccessRequest[]> {
  return listRequests(podUrl, { ...options, status: 'pending' });
}

/** Loads the copy of a request (importing it from the inbox first if needed), with its ETag. */
async function loadPendingRequest(
  requestIri: string,
  options: CitizenOptions,
): Promise<{ location: RequestLocation; request: AccessRequest; etag: string | null }> {
  const location = locateRequest(requestIri);
  const copyUrl = documentOf(requestCopyIri(location.podUrl, location.name));
  let loaded = await readRequestCopy(options.fetch, copyUrl);
  if (!loaded && location.inInbox) {
    await importInboxItem(documentOf(requestIri), location.podUrl, options);
    loaded = await readRequestCopy(options.fetch, copyUrl);
  }
  if (!loaded)
    throw new GrantsError('not-found', `No access request ${requestIri} in the inbox or in grants/requests/.`, {
      field: 'request',
    });
  if (loaded.request.status !== 'pending') {
    throw new GrantsError(
      'already-answered',
      `The request ${loaded.request.iri} was already ${loaded.request.status}.`,
      { field: 'request' },
    );
  }
  return { location, ...loaded };
}

function receiptFor(
  request: AccessRequest,
  location: RequestLocation,
  status: ConsentStatus,
  webId: string,
  now: Date,
  grant?: Pick<AccessGrant, 'iri' | 'categories' | 'validFrom' | 'validUntil'>,
): Omit<ConsentReceipt, 'location'> {
  const categories = grant?.categories ?? request.categories;
  const iri = receiptIri(location.podUrl, location.name, status);
  return {
    iri,
    identifier: `${location.name}-${status}`,
    created: now.toISOString(),
    dataSubject: webId,
    dataController: request.requestor,
    recipients: [request.requestor],
    purpose: request.purpose,
    legalBasis: request.legalBasis,
    personalData: [...new Set(categories.map((name) => CATEGORIES[name].dpvCategory))],
    categories,
    consentStatus: status,
    ...(grant ? { grant: grant.iri, validFrom: grant.validFrom, validUntil: grant.validUntil } : {}),
    answers: request.iri,
  };
}

/** Writes a receipt in `grants/receipts/` and sends it to the requestor's `replyTo`. */
export async function storeAndDeliverReceipt(
  receipt: Omit<ConsentReceipt, 'location'>,
  replyTo: string,
  options: CitizenOptions,
): Promise<{ receipt: ConsentReceipt; delivery: Delivery }> {
  const turtle = writeTurtle(consentReceiptQuads(receipt));
  const location = documentOf(receipt.iri);
  await putTurtle(options.fetch, location, turtle);
  const delivery = await deliverReceipt(replyTo, turtle, options);
  return { receipt: { ...receipt, location }, delivery };
}

/** Options of {@link approveRequest}. */
export interface ApproveOptions extends AnswerOptions {
  /** End of access, earlier than the request's own end (never later). */
  readonly until?: Date | string;
  /** Categories to grant: a subset of those asked (default: all asked). */
  readonly categories?: readonly string[];
  /** Modes to grant: a subset of those asked (default: all asked). */
  readonly modes?: readonly AccessMode[];
}

/** What an answer did. */
export interface AnswerResult {
  readonly request: AccessRequest;
  readonly receipt: ConsentReceipt;
  /** Whether the receipt reached the requestor's inbox. */
  readonly delivery: Delivery;
}

function narrow<T extends string>(asked: readonly T[], chosen: readonly string[] | undefined, field: string): T[] {
  if (chosen === undefined) return [...asked];
  if (chosen.length === 0) throw new GrantsError('invalid-argument', `${field}: at least one is needed.`, { field });
  for (const value of chosen) {
    if (!(asked as readonly string[]).includes(value)) {
      throw new GrantsError(
        'invalid-argument',
        `${field}: "${value}" was not asked for (asked: ${asked.join(', ')}); a grant is never wider than the request.`,
        { field },
      );
    }
  }
  return asked.filter((value) => chosen.includes(value));
}

/**
 * Approves a pending request, possibly narrower (fewer categories or modes, an earlier end): writes an
 * `AccessGrant` in `grants/<name>`, a `ConsentReceipt` (consent given) in `grants/receipts/`, marks the
 * request approved, and sends the receipt to the requestor's `replyTo`.
 *
 * @param requestIri - the request as sent (`…/inbox/<name>#request`) or as copied (`…/grants/requests/<name>#request`)
 * @returns the grant, the receipt and whether the receipt was delivered
 * @throws GrantsError `invalid-argument` (wider than asked, `until` past or after the request's end),
 *   `invalid-request` (the request breaks a rule, e.g. its end date passed), `already-answered`, `not-found`
 */
export async function approveRequest(
  requestIri: string,
  options: ApproveOptions,
): Promise<AnswerResult & { grant: AccessGrant }> {
  const now = options.now ?? new Date();
  const { location, request, etag } = await loadPendingRequest(requestIri, options);
  checkRequestRules(request, { ...options, now });
  const categories = narrow(request.categories, options.categories, 'categories');
  const modes = narrow(request.modes, options.modes, 'modes');
  const requestEnd =
    request.duration !== undefined ? addDuration(now, parseDuration(request.duration)!) : new Date(request.endDate!);
  let validUntil = requestEnd;
  if (options.until !== undefined) {
    const until = new Date(options.until);
    if (Number.isNaN(until.getTime()))
      throw new GrantsError('invalid-argument', `until: "${String(options.until)}" is not a date-time.`, {
        field: 'until',
      });
    if (until <= now)
      throw new GrantsError('invalid-argument', `until: ${until.toISOString()} has already passed.`, {
        field: 'until',
      });
    if (until > requestEnd) {
      throw new GrantsError(
        'invalid-argument',
        `until: ${until.toISOString()} is after the end the request asked for (${requestEnd.toISOString()}); a grant is never wider than the request.`,
        {
          field: 'until',
        },
      );
    }
    validUntil = until;
  }
  const grantBody: Omit<AccessGrant, 'state'> = {
    iri: grantIri(location.podUrl, location.name),
    status: 'active',
    grantee: request.requestor,
    clientId: request.clientId,
    categories,
    modes,
    purpose: request.purpose,
    legalBasis: request.legalBasis,
    validFrom: now.toISOString(),
    validUntil: validUntil.toISOString(),
    answers: request.iri,
    grantedBy: options.webId,
    created: now.toISOString(),
  };
  const quads = accessGrantQuads(grantBody);
  const report = await validateQuads(quads);
  if (!report.conforms) {
    throw new GrantsError(
      'invalid-data',
      `The grant would not conform to its shape: ${report.results[0]?.message ?? ''}`,
    );
  }
  const created = await putTurtle(options.fetch, documentOf(grantBody.iri), writeTurtle(quads), { create: true });
  if (!created)
    throw new GrantsError('already-answered', `The request ${request.iri} already has a grant.`, { field: 'request' });
  const grant: AccessGrant = { ...grantBody, state: grantStateAt(grantBody, now) };
  const { receipt, delivery } = await storeAndDeliverReceipt(
    receiptFor(request, location, 'given', options.webId, now, grant),
    request.replyTo,
    options,
  );
  const answered: AccessRequest = { ...request, status: 'approved', grant: grant.iri };
  await putTurtle(options.fetch, documentOf(request.iri), writeTurtle(accessRequestQuads(answered, answered.iri)), {
    etag,
  });
  return { request: answered, grant, receipt, delivery };
}

/**
 * Denies a pending request: writes a `ConsentReceipt` (consent refused) in `grants/receipts/`, marks
 * the request refused, and sends the receipt to the requestor's `replyTo`. No grant is written.
 *
 * @throws GrantsError `already-answered`, `not-found`
 */
export async function denyRequest(requestIri: string, options: AnswerOptions): Promise<AnswerResult> {
  const now = options.now ?? new Date();
  const { location, request, etag } = await loadPendingRequest(requestIri, options);
  const { receipt, delivery } = await storeAndDeliverReceipt(
    receiptFor(request, location, 'refused', options.webId, now),
    request.replyTo,
    options,
  );
  const answered: AccessRequest = { ...request, status: 'refused' };
  await putTurtle(options.fetch, documentOf(request.iri), writeTurtle(accessRequestQuads(answered, answered.iri)), {
    etag,
  });
  return { request: answered, receipt, delivery };
}

/** @internal for the grant registry: the copy of the request a grant answers. */
export async function readAnsweredRequest(fetchFn: FetchFn, requestIri: string): Promise<AccessRequest | undefined> {
  return (await readRequestCopy(fetchFn, documentOf(requestIri)).catch(() => undefined))?.request;
}

export { receiptFor as buildReceipt };
