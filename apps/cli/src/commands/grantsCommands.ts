/**
 * `selfdata grants ...`: what a citizen does with requests and grants from the command line.
 */
import {
  approveRequest,
  listReceipts,
  denyRequest,
  listGrants,
  listPendingRequests,
  readAccessLog,
  revokeGrant,
  type AccessRequest,
  type Delivery,
  type GrantState,
} from '@sdt/grants';
import { withOwnerSession, type LoginFlags } from './grantsSession.ts';

type Out = (line: string) => void;

function local(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

function reportDelivery(delivery: Delivery, replyTo: string, out: Out, err: Out): void {
  if (delivery.delivered) out(`receipt sent to ${replyTo}`);
  else
    err(
      `warning: the receipt could not be sent to the requestor (${delivery.error ?? 'unknown reason'}); it is kept in your pod.`,
    );
}

function describeRequest(request: AccessRequest, out: Out): void {
  out(request.iri);
  out(
    `  from:       ${request.requestorName ? `${request.requestorName} ` : ''}<${request.requestor}> (client ${request.clientId})`,
  );
  out(`  purpose:    ${local(request.purpose)} (legal basis ${local(request.legalBasis)})`);
  out(`  categories: ${request.categories.join(', ')}; modes: ${request.modes.join(', ')}`);
  out(`  for:        ${request.duration !== undefined ? request.duration : `until ${request.endDate ?? '?'}`}`);
  out(`  why:        ${request.explanation.en} / ${request.explanation.fr}`);
}

/** `selfdata grants requests`: the pending requests (invalid inbox items reported on stderr). */
export async function runGrantsRequests(
  flags: LoginFlags & { json?: boolean; discardInvalid?: boolean },
  out: Out,
  err: Out,
): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const pending = await listPendingRequests(session.podUrl, {
      fetch: session.fetch,
      platformServers: session.platformServers,
      onInvalid: (item) =>
        err(`warning: ${flags.discardInvalid ? 'deleted' : 'ignored'} ${item.url}: ${item.error.message}`),
      removeInvalid: flags.discardInvalid === true,
    });
    if (flags.json) {
      out(JSON.stringify(pending, null, 2));
      return;
    }
    if (pending.length === 0) out('No pending request.');
    for (const request of pending) describeRequest(request, out);
  });
}

/** `selfdata grants approve`: prints what was granted, then the grant IRI as the last line. */
export async function runGrantsApprove(
  requestIri: string,
  flags: LoginFlags & { until?: string; category?: string[] },
  out: Out,
  err: Out,
): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const result = await approveRequest(requestIri, {
      fetch: session.fetch,
      webId: session.webId,
      platformServers: session.platformServers,
      ...(flags.until === undefined ? {} : { until: flags.until }),
      ...(flags.category === undefined || flags.category.length === 0 ? {} : { categories: flags.category }),
    });
    const { grant } = result;
    out(
      `granted ${grant.categories.join(', ')} (${grant.modes.join(', ')}) to ${grant.grantee} for client ${grant.clientId}, from ${grant.validFrom} until ${grant.validUntil}`,
    );
    reportDelivery(result.delivery, result.request.replyTo, out, err);
    out(grant.iri);
  });
}

/** `selfdata grants deny`. */
export async function runGrantsDeny(requestIri: string, flags: LoginFlags, out: Out, err: Out): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const result = await denyRequest(requestIri, {
      fetch: session.fetch,
      webId: session.webId,
      platformServers: session.platformServers,
    });
    reportDelivery(result.delivery, result.request.replyTo, out, err);
    out(`refused ${result.request.iri}`);
  });
}

/** `selfdata grants list`. */
export async function runGrantsList(
  flags: LoginFlags & { json?: boolean; state?: GrantState },
  out: Out,
): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const grants = await listGrants(session.podUrl, {
      fetch: session.fetch,
      ...(flags.state === undefined ? {} : { state: flags.state }),
    });
    if (flags.json) {
      out(JSON.stringify(grants, null, 2));
      return;
    }
    if (grants.length === 0) out('No grant.');
    for (const grant of grants) {
      out(
        `${grant.state.padEnd(8)}  until ${grant.validUntil}  ${grant.categories.join(',')} (${grant.modes.join(',')})  ${grant.grantee}  ${grant.iri}`,
      );
    }
  });
}

/** `selfdata grants revoke`. */
export async function runGrantsRevoke(grantIri: string, flags: LoginFlags, out: Out, err: Out): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const result = await revokeGrant(grantIri, {
      fetch: session.fetch,
      webId: session.webId,
      platformServers: session.platformServers,
    });
    if (result.delivery.delivered) out('receipt sent to the requestor');
    else
      err(
        `warning: the requestor was not notified (${result.delivery.error ?? 'unknown reason'}); the receipt is kept in your pod.`,
      );
    out(`revoked ${result.grant.iri} at ${result.grant.revokedAt ?? ''}`);
  });
}

/** `selfdata grants log`: JSON is an array of `{ time, agent, client, target, mode, outcome, grant }`. */
export async function runGrantsLog(
  flags: LoginFlags & { json?: boolean; from?: string; to?: string },
  out: Out,
): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const entries = await readAccessLog(session.podUrl, {
      fetch: session.fetch,
      ...(flags.from === undefined ? {} : { from: new Date(flags.from) }),
      ...(flags.to === undefined ? {} : { to: new Date(flags.to) }),
    });
    if (flags.json) {
      out(JSON.stringify(entries, null, 2));
      return;
    }
    if (entries.length === 0) out('Nobody but you accessed your pod.');
    for (const entry of entries) {
      out(
        `${entry.time}  ${entry.outcome.padEnd(7)}  ${entry.mode.padEnd(6)}  ${entry.agent ?? 'anonymous'}  ${entry.client ?? '-'}  ${entry.target}${entry.grant ? `  grant ${entry.grant}` : ''}`,
      );
    }
  });
}

/** `selfdata grants receipts`: the consent receipts kept in the pod. */
export async function runGrantsReceipts(flags: LoginFlags & { json?: boolean }, out: Out): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const receipts = await listReceipts(session.podUrl, { fetch: session.fetch });
    if (flags.json) {
      out(JSON.stringify(receipts, null, 2));
      return;
    }
    if (receipts.length === 0) out('No receipt.');
    for (const receipt of receipts) {
      out(
        `${receipt.created}  ${receipt.consentStatus.padEnd(9)}  ${receipt.categories.join(',')}  ${receipt.dataController}  ${receipt.iri}`,
      );
    }
  });
}
