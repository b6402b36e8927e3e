/**
 * Citizen side of the protocol, grants: list them by state, revoke, list receipts.
 */
import { SDT } from '@sdt/vocab';
import { LAYOUT } from '@sdt/pod';
import { locateGrant, RECEIPTS_PATH } from './citizenPaths.ts';
import {
  buildReceipt,
  readAnsweredRequest,
  storeAndDeliverReceipt,
  type AnswerOptions,
  type CitizenOptions,
} from './citizenRequests.ts';
import type { Delivery } from './deliverReceipt.ts';
import { GrantsError } from './GrantsError.ts';
import type { AccessGrant, AccessRequest, ConsentReceipt, GrantState } from './model.ts';
import { documentOf, getTurtle, listContainer, mapBounded, parsePodTurtle, putTurtle, type FetchFn } from './podIo.ts';
import {
  accessGrantQuads,
  findSubjects,
  grantStateAt,
  readAccessGrant,
  readConsentReceipt,
  writeTurtle,
} from './rdf.ts';

async function loadGrant(
  fetchFn: FetchFn,
  url: string,
  now: Date,
): Promise<{ grant: AccessGrant; etag: string | null } | undefined> {
  const resource = await getTurtle(fetchFn, url);
  if (!resource) return undefined;
  const quads = parsePodTurtle(resource.text, url);
  const [iri] = findSubjects(quads, SDT.AccessGrant);
  if (!iri) throw new GrantsError('invalid-data', `${url} holds no sdt:AccessGrant.`);
  return { grant: readAccessGrant(quads, iri, now), etag: resource.etag };
}

/**
 * Reads one grant, with its state at `now`.
 *
 * @throws GrantsError `not-found`, `invalid-data`
 */
export async function readGrant(grantIri: string, options: { fetch: FetchFn; now?: Date }): Promise<AccessGrant> {
  const loaded = await loadGrant(options.fetch, documentOf(grantIri), options.now ?? new Date());
  if (!loaded) throw new GrantsError('not-found', `No grant ${grantIri}.`, { field: 'grant' });
  return loaded.grant;
}

/**
 * Lists the grants of a pod (`grants/<name>`), oldest first, each with its state at `now`
 * (`expired` is derived from `validUntil`, never recorded).
 *
 * @param options - `state` keeps only grants in that state
 */
export async function listGrants(
  podUrl: string,
  options: { fetch: FetchFn; state?: GrantState; now?: Date },
): Promise<AccessGrant[]> {
  const now = options.now ?? new Date();
  const members = (await listContainer(options.fetch, `${podUrl}${LAYOUT.grants}`)).filter((url) => !url.endsWith('/'));
  const grants = await mapBounded(members, 6, async (url) => {
    try {
      return (await loadGrant(options.fetch, url, now))?.grant;
    } catch (error: unknown) {
      if (GrantsError.isInstance(error) && error.code === 'invalid-data') return undefined;
      throw error;
    }
  });
  return grants
    .filter(
      (grant): grant is AccessGrant =>
        grant !== undefined && (options.state === undefined || grant.state === options.state),
    )
    .sort((a, b) => a.created.localeCompare(b.created));
}

/**
 * Revokes a grant: status `Revoked` with `revokedAt` (the pod server refuses the next request), a
 * `ConsentReceipt` (consent withdrawn) in `grants/receipts/`, sent to the requestor's `replyTo`.
 *
 * @returns the revoked grant, the receipt and whether it was delivered
 * @throws GrantsError `already-revoked`, `not-found`, `invalid-argument` (not a grant IRI)
 */
export async function revokeGrant(
  grantIri: string,
  options: AnswerOptions,
): Promise<{ grant: AccessGrant; receipt: ConsentReceipt; delivery: Delivery }> {
  const now = options.now ?? new Date();
  const { podUrl, name } = locateGrant(grantIri);
  const url = documentOf(grantIri);
  let revoked: AccessGrant | undefined;
  for (let attempt = 0; attempt < 3 && !revoked; attempt++) {
    const loaded = await loadGrant(options.fetch, url, now);
    if (!loaded) throw new GrantsError('not-found', `No grant ${grantIri}.`, { field: 'grant' });
    if (loaded.grant.status === 'revoked')
      throw new GrantsError('already-revoked', `The grant ${grantIri} was already revoked.`, { field: 'grant' });
    const body = { ...loaded.grant, status: 'revoked' as const, revokedAt: now.toISOString() };
    if (await putTurtle(options.fetch, url, writeTurtle(accessGrantQuads(body)), { etag: loaded.etag })) {
      revoked = { ...body, state: grantStateAt(body, now) };
    }
  }
  if (!revoked) throw new GrantsError('http', `The grant ${grantIri} kept changing while being revoked; try again.`);
  const request: AccessRequest | undefined = await readAnsweredRequest(options.fetch, revoked.answers);
  const requestLike: AccessRequest = request ?? {
    iri: revoked.answers,
    requestor: revoked.grantee,
    clientId: revoked.clientId,
    purpose: revoked.purpose,
    legalBasis: revoked.legalBasis,
    categories: revoked.categories,
    modes: revoked.modes,
    explanation: { fr: '', en: '' },
    replyTo: '',
    created: revoked.created,
  };
  const receiptBody = buildReceipt(
    requestLike,
    { podUrl, name, inInbox: false },
    'withdrawn',
    options.webId,
    now,
    revoked,
  );
  if (!request) {
    // The request copy is gone: keep the receipt, nobody to notify.
    const { receipt } = await storeAndDeliverReceipt(receiptBody, 'about:blank', options);
    return {
      grant: revoked,
      receipt,
      delivery: { delivered: false, error: 'The request this grant answers is gone; the requestor was not notified.' },
    };
  }
  const { receipt, delivery } = await storeAndDeliverReceipt(receiptBody, request.replyTo, options);
  return { grant: revoked, receipt, delivery };
}

/** Lists the consent receipts kept in a pod (`grants/receipts/`), oldest first. */
export async function listReceipts(podUrl: string, options: CitizenOptions): Promise<ConsentReceipt[]> {
  const members = (await listContainer(options.fetch, `${podUrl}${RECEIPTS_PATH}`)).filter((url) => !url.endsWith('/'));
  const found = await mapBounded(members, 6, async (url) => {
    const resource = await getTurtle(options.fetch, url);
    if (!resource) return [];
    try {
      const quads = parsePodTurtle(resource.text, url);
      return findSubjects(quads, SDT.ConsentReceipt).map((iri) => readConsentReceipt(quads, iri, url));
    } catch (error: unknown) {
      if (GrantsError.isInstance(error) && error.code === 'invalid-data') return [];
      throw error;
    }
  });
  return found.flat().sort((a, b) => a.created.localeCompare(b.created));
}
