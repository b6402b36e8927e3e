/**
 * Where the grant registry lives in a citizen pod (docs/grants.md): `grants/requests/<name>`,
 * `grants/<name>`, `grants/receipts/<name>-<status>`. A request that arrived as `inbox/<name>` keeps
 * its name everywhere, so its copy, its grant and its receipts can be found from any of them.
 */
import { LAYOUT } from '@sdt/pod';
import { GrantsError } from './GrantsError.ts';
import { documentOf } from './podIo.ts';

/** Container of the copies of answered and pending requests. */
export const REQUESTS_PATH = `${LAYOUT.grants}requests/`;
/** Container of the consent receipts. */
export const RECEIPTS_PATH = `${LAYOUT.grants}receipts/`;

/** Where a request IRI lives: its pod, its name, and whether it is still in the inbox. */
export interface RequestLocation {
  readonly podUrl: string;
  readonly name: string;
  readonly inInbox: boolean;
}

/**
 * Locates a request IRI (`<pod>inbox/<name>#request` or `<pod>grants/requests/<name>#request`).
 *
 * @throws GrantsError `invalid-argument` when the IRI is neither
 */
export function locateRequest(requestIri: string): RequestLocation {
  const document = documentOf(requestIri);
  const match = /^(https?:\/\/.+\/)(inbox\/|grants\/requests\/)([^/]+)$/.exec(document);
  if (!match) {
    throw new GrantsError(
      'invalid-argument',
      `${requestIri} is not an access request of a pod (expected …/inbox/<name>#request or …/grants/requests/<name>#request).`,
      {
        field: 'request',
      },
    );
  }
  return { podUrl: match[1]!, name: match[3]!, inInbox: match[2] === LAYOUT.inbox };
}

/**
 * Locates a grant IRI (`<pod>grants/<name>#grant`).
 *
 * @throws GrantsError `invalid-argument` when it is not one
 */
export function locateGrant(grantIri: string): { podUrl: string; name: string } {
  const match = /^(https?:\/\/.+\/)grants\/([^/]+)$/.exec(documentOf(grantIri));
  if (!match) {
    throw new GrantsError('invalid-argument', `${grantIri} is not a grant of a pod (expected …/grants/<name>#grant).`, {
      field: 'grant',
    });
  }
  return { podUrl: match[1]!, name: match[2]! };
}

/** IRI of the copy of request `name` in `grants/requests/`. */
export function requestCopyIri(podUrl: string, name: string): string {
  return `${podUrl}${REQUESTS_PATH}${encodeURIComponent(name)}#request`;
}

/** IRI of the grant answering request `name`. */
export function grantIri(podUrl: string, name: string): string {
  return `${podUrl}${LAYOUT.grants}${encodeURIComponent(name)}#grant`;
}

/** IRI of a receipt about request `name` (`given`, `refused`, `withdrawn`). */
export function receiptIri(podUrl: string, name: string, status: string): string {
  return `${podUrl}${RECEIPTS_PATH}${encodeURIComponent(name)}-${status}#receipt`;
}

/**
 * True when a receipt answers the request `requestIri`, whether the partner knows it as sent
 * (`…/inbox/<name>#request`) or as copied (`…/grants/requests/<name>#request`).
 */
export function receiptAnswers(receipt: { readonly answers: string }, requestIri: string): boolean {
  try {
    const asked = locateRequest(requestIri);
    const answered = locateRequest(receipt.answers);
    return asked.podUrl === answered.podUrl && asked.name === answered.name;
  } catch {
    return false;
  }
}
