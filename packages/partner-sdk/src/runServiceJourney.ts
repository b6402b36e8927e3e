/**
 * The whole journey of a partner service with one citizen, driven over the service's HTTP API and,
 * for the citizen's side, through `@sdt/grants` (the same functions the `selfdata grants` commands
 * and the portal call): request, approval, result, revocation, refusal. Used by `selfdata demo
 * partners` and by the demo services' end-to-end tests.
 */
import { approveRequest, revokeGrant, GrantsError } from '@sdt/grants';
import type { ResultAnswer } from './partnerServer.ts';

/** The citizen's side: their WebID and, unless `approve` and `revoke` are given, an owner session on their pod. */
export interface JourneyCitizen {
  readonly webId: string;
  readonly podUrl?: string;
  /** A fetch authenticated as the citizen (pod owner). */
  readonly fetch?: typeof globalThis.fetch;
}

/** What the citizen's approval did (see {@link ServiceJourneyOptions.approve}). */
export interface JourneyApproval {
  readonly grantIri: string;
  /** One line saying what was granted. */
  readonly message: string;
  /** Whether the receipt reached the service's inbox. */
  readonly delivered: boolean;
}

/** One step of a journey, as printed. */
export interface JourneyStep {
  readonly service: string;
  readonly step: 'request' | 'approve' | 'result' | 'revoke' | 'refused';
  readonly ok: boolean;
  readonly message: string;
}

/** Options of {@link runServiceJourney}. */
export interface ServiceJourneyOptions {
  /** The service's name, as printed (`energy-coach`). */
  readonly service: string;
  /** The service's base URL (e.g. `http://localhost:3202/`). */
  readonly appUrl: string;
  readonly citizen: JourneyCitizen;
  /** Pod servers allowed as `replyTo` on loopback (defaults cover http://localhost:3101-3103/). */
  readonly platformServers?: readonly string[];
  /** Called after each step (e.g. to print it). */
  readonly onStep?: (step: JourneyStep) => void;
  /** Approve until this time instead of the full duration asked (tests of expiry). */
  readonly approveUntil?: Date;
  /** Stop after the result (no revocation). */
  readonly keepGrant?: boolean;
  /** How the citizen approves (default: `approveRequest` of `@sdt/grants` with the citizen's fetch), e.g. the CLI's command code. */
  readonly approve?: (requestIri: string) => Promise<JourneyApproval>;
  /** How the citizen revokes (default: `revokeGrant` of `@sdt/grants`); returns one line saying what was done (with the word "revoked"). */
  readonly revoke?: (grantIri: string) => Promise<string>;
}

/** What a journey did. */
export interface ServiceJourney {
  readonly ok: boolean;
  readonly steps: readonly JourneyStep[];
  readonly requestIri?: string;
  readonly ticket?: string;
  readonly grantIri?: string;
  /** The service's answer with the grant in force. */
  readonly result?: ResultAnswer;
  /** The service's answer after the revocation. */
  readonly afterRevocation?: ResultAnswer;
}

async function callJson<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    signal: AbortSignal.timeout(120_000),
  });
  return { status: response.status, body: (await response.json()) as T };
}

function describe(error: unknown): string {
  if (GrantsError.isInstance(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one service's journey with one citizen and reports every step; never throws for a failed step.
 *
 * @returns `ok` when every step did what it should (the last one being a refusal after revocation)
 */
export async function runServiceJourney(options: ServiceJourneyOptions): Promise<ServiceJourney> {
  const steps: JourneyStep[] = [];
  const base = options.appUrl.endsWith('/') ? options.appUrl : `${options.appUrl}/`;
  const citizenOptions = (): { fetch: typeof globalThis.fetch; webId: string; platformServers?: readonly string[] } => {
    if (!options.citizen.fetch)
      throw new Error('the citizen has no owner session (citizen.fetch) and no approve/revoke functions were given');
    return {
      fetch: options.citizen.fetch,
      webId: options.citizen.webId,
      ...(options.platformServers ? { platformServers: options.platformServers } : {}),
    };
  };
  const approve =
    options.approve ??
    (async (requestIri: string): Promise<JourneyApproval> => {
      const approved = await approveRequest(requestIri, {
        ...citizenOptions(),
        ...(options.approveUntil ? { until: options.approveUntil } : {}),
      });
      return {
        grantIri: approved.grant.iri,
        delivered: approved.delivery.delivered,
        message: `${approved.grant.categories.join(', ')} until ${approved.grant.validUntil}${approved.delivery.delivered ? '' : ` (receipt NOT delivered: ${approved.delivery.error ?? 'unknown'})`}`,
      };
    });
  const revoke =
    options.revoke ??
    (async (grantIri: string): Promise<string> => {
      const revoked = await revokeGrant(grantIri, citizenOptions());
      return `revoked by the citizen at ${revoked.grant.revokedAt ?? 'now'}${revoked.delivery.delivered ? '; withdrawal receipt delivered to the service' : ''}`;
    });
  const record = (step: JourneyStep['step'], ok: boolean, message: string): void => {
    const entry = { service: options.service, step, ok, message };
    steps.push(entry);
    options.onStep?.(entry);
  };
  const done = (extra: Partial<ServiceJourney> = {}): ServiceJourney => ({
    ok: steps.length > 0 && steps.every((s) => s.ok),
    steps,
    ...extra,
  });

  // 1. The service sends its access request to the citizen's inbox.
  let requestIri: string;
  let ticket: string;
  try {
    const { status, body } = await callJson<{ requestIri?: string; ticket?: string; message?: string }>(
      `${base}api/requests`,
      { method: 'POST', body: JSON.stringify({ webId: options.citizen.webId }) },
    );
    if (status !== 201 || !body.requestIri || !body.ticket) throw new Error(body.message ?? `status ${status}`);
    requestIri = body.requestIri;
    ticket = body.ticket;
    record('request', true, `access request sent to ${options.citizen.webId} (${requestIri})`);
  } catch (error: unknown) {
    record('request', false, `the access request could not be sent: ${describe(error)}`);
    return done({ ok: false });
  }

  // 2. The citizen approves it (the grants code path: grant in grants/, receipt to the partner inbox).
  let grantIri: string;
  try {
    const approved = await approve(requestIri);
    grantIri = approved.grantIri;
    record(
      'approve',
      approved.delivered,
      `approved by the citizen: ${approved.message}${approved.delivered ? '; receipt delivered to the service' : ''}`,
    );
  } catch (error: unknown) {
    record('approve', false, `the citizen could not approve: ${describe(error)}`);
    return done({ ok: false, requestIri, ticket });
  }

  // 3. The service computes its result from the granted data.
  let result: ResultAnswer;
  try {
    result = (await callJson<ResultAnswer>(`${base}api/result?ticket=${encodeURIComponent(ticket)}`)).body;
    if (result.ok) record('result', true, result.summary);
    else record('result', false, `no result: ${result.code}: ${result.message}`);
  } catch (error: unknown) {
    record('result', false, `the service did not answer: ${describe(error)}`);
    return done({ ok: false, requestIri, ticket, grantIri });
  }
  if (options.keepGrant) return done({ requestIri, ticket, grantIri, result });

  // 4. The citizen revokes the grant.
  try {
    record('revoke', true, await revoke(grantIri));
  } catch (error: unknown) {
    record('revoke', false, `the citizen could not revoke: ${describe(error)}`);
    return done({ ok: false, requestIri, ticket, grantIri, result });
  }

  // 5. The service's next read is refused, and it says why.
  try {
    const after = (await callJson<ResultAnswer>(`${base}api/result?ticket=${encodeURIComponent(ticket)}`)).body;
    if (!after.ok && after.code === 'grant-revoked') {
      const by = after.refusedByServer
        ? 'the pod server answered 403'
        : "the service's own records (withdrawal receipt) stopped the read before the pod server";
      record('refused', true, `revoked: the revocation took effect, the next read was refused (${by})`);
    } else if (after.ok) {
      record('refused', false, 'the service could still read the data after the revocation');
    } else {
      record('refused', false, `the next read was refused, but not as revoked: ${after.code}: ${after.message}`);
    }
    return done({ requestIri, ticket, grantIri, result, afterRevocation: after });
  } catch (error: unknown) {
    record('refused', false, `the service did not answer after the revocation: ${describe(error)}`);
    return done({ ok: false, requestIri, ticket, grantIri, result });
  }
}
