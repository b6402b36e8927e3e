import { randomUUID } from 'node:crypto';
import {
  approveRequest,
  buildAccessRequest,
  listAnswers,
  listGrants,
  revokeGrant,
  type AccessGrant,
  type AnswerResult,
} from '@sdt/grants';
import type { CategoryName } from '@sdt/vocab';
import { isStudyExpired, type Study } from './Study.ts';
import { StudyError } from './StudyError.ts';

/** A citizen acting on their own pod (an owner-authenticated fetch). */
export interface CitizenSession {
  readonly fetch: typeof globalThis.fetch;
  readonly webId: string;
  readonly podUrl: string;
}

/** Options of opt-in and opt-out. */
export interface ConsentOptions {
  /** Platform servers allowed on loopback as receipt destinations (the engine's inbox), e.g. in tests. */
  readonly platformServers?: readonly string[];
  readonly now?: Date;
  /** Opt-in only: grant fewer categories than the study asks (the engine then reads only those). */
  readonly categories?: readonly CategoryName[];
}

/** Name prefix of the access requests (and grants) of a study in a citizen's pod: `study_<slug>_<uuid>`. */
export function studyRequestPrefix(study: Pick<Study, 'slug'>): string {
  return `study_${study.slug}_`;
}

/**
 * Opts a citizen in to a study: the citizen's side writes an access request from the study's research
 * engine (its WebID and its client for the study — never the researcher) into its own inbox, for the
 * study's categories until the study's end, then approves it (`@sdt/grants`): a grant the pod
 * server enforces, a receipt kept in the pod and one delivered to the engine's inbox.
 * @throws StudyError `expired-study`; GrantsError from the grant protocol
 */
export async function optInToStudy(
  study: Study,
  citizen: CitizenSession,
  options: ConsentOptions = {},
): Promise<AnswerResult & { grant: AccessGrant }> {
  const now = options.now ?? new Date();
  if (isStudyExpired(study, now))
    throw new StudyError('expired-study', `The study ${study.slug} ended on ${study.endDate}.`);
  const check = { ...(options.platformServers ? { platformServers: options.platformServers } : {}), now };
  const { turtle } = await buildAccessRequest(
    {
      requestor: study.engineWebId,
      clientId: study.engineClientId,
      categories: study.categories,
      purpose: study.purpose,
      legalBasis: study.legalBasis,
      modes: ['read'],
      endDate: study.endDate,
      explanation: {
        fr: `Étude « ${study.title.fr} » (${study.team}, ${study.institution}) : ${study.description.fr}`,
        en: `Study "${study.title.en}" (${study.team}, ${study.institution}): ${study.description.en}`,
      },
      replyTo: study.engineInbox,
      requestorName: `Moteur de recherche du territoire — ${study.title.fr}`,
      clientName: `study-${study.slug}`,
    },
    check,
  );
  const url = `${citizen.podUrl}inbox/${studyRequestPrefix(study)}${randomUUID()}`;
  const put = await citizen.fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'text/turtle', 'if-none-match': '*' },
    body: turtle,
  });
  await put.arrayBuffer();
  if (![200, 201, 204].includes(put.status))
    throw new StudyError('http', `PUT ${url} answered ${put.status}.`, { status: put.status });
  return approveRequest(`${url}#request`, {
    fetch: citizen.fetch,
    webId: citizen.webId,
    ...check,
    until: study.endDate,
    ...(options.categories ? { categories: options.categories } : {}),
  });
}

/** The citizen's active grants to a study's engine client. */
export async function listStudyGrants(
  study: Study,
  citizen: CitizenSession,
  options: ConsentOptions = {},
): Promise<AccessGrant[]> {
  const grants = await listGrants(citizen.podUrl, {
    fetch: citizen.fetch,
    state: 'active',
    ...(options.now ? { now: options.now } : {}),
  });
  return grants.filter((g) => g.grantee === study.engineWebId && g.clientId === study.engineClientId);
}

/**
 * Opts a citizen out: revokes every active grant of the pod to the study's engine client (the
 * engine gets a `ConsentWithdrawn` receipt). Returns the grants revoked.
 */
export async function optOutOfStudy(
  study: Study,
  citizen: CitizenSession,
  options: ConsentOptions = {},
): Promise<AccessGrant[]> {
  const grants = await listStudyGrants(study, citizen, options);
  const revoked: AccessGrant[] = [];
  for (const grant of grants) {
    const result = await revokeGrant(grant.iri, {
      fetch: citizen.fetch,
      webId: citizen.webId,
      ...(options.platformServers ? { platformServers: options.platformServers } : {}),
    });
    revoked.push(result.grant);
  }
  return revoked;
}

/** A pod that opted in to a study, as the engine knows it from the receipts in its inbox. */
export interface StudyParticipant {
  /** Pod root URL. */
  readonly podUrl: string;
  readonly webId: string;
  /** The grant (in the citizen's pod) the engine reads with. */
  readonly grant: string;
  readonly categories: readonly CategoryName[];
  readonly validUntil: string | undefined;
}

/**
 * The pods currently opted in to a study, from the consent receipts in the engine's inbox (given and
 * not withdrawn since, not expired, for a grant named after the study). The pod servers enforce the
 * grants whatever this list says: a pod listed here that revoked meanwhile answers 403.
 */
export async function listStudyParticipants(
  study: Study,
  engine: { fetch: typeof globalThis.fetch; inbox: string },
  now: Date = new Date(),
): Promise<StudyParticipant[]> {
  const receipts = await listAnswers(engine.inbox, { fetch: engine.fetch });
  const prefix = studyRequestPrefix(study);
  const latest = new Map<string, (typeof receipts)[number]>();
  for (const receipt of receipts) {
    if (receipt.grant === undefined) continue;
    const name = receipt.grant.split('#')[0]!.replace(/^.*\//u, '');
    if (!name.startsWith(prefix)) continue;
    latest.set(receipt.grant, receipt); // receipts are sorted oldest first
  }
  const participants: StudyParticipant[] = [];
  for (const [grant, receipt] of latest) {
    if (receipt.consentStatus !== 'given') continue;
    if (receipt.validUntil !== undefined && Date.parse(receipt.validUntil) <= now.getTime()) continue;
    const at = grant.lastIndexOf('/grants/');
    if (at < 0) continue;
    participants.push({
      podUrl: grant.slice(0, at + 1),
      webId: receipt.dataSubject,
      grant,
      categories: receipt.categories,
      validUntil: receipt.validUntil,
    });
  }
  return participants.sort((a, b) => a.podUrl.localeCompare(b.podUrl));
}
