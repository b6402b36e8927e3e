/**
 * `selfdata partner ...`: what a partner service does from the command line (send an access request,
 * read what was granted, read the answers).
 */
import { CATEGORIES, isCategoryName } from '@sdt/vocab';
import { discoverInbox, listAnswers, resolvePurpose, sendAccessRequest } from '@sdt/grants';
import { CliError } from '../CliError.ts';
import { ensurePartnerClient, partnerClientFetch, withOwnerSession, type LoginFlags } from './grantsSession.ts';

/** Default name of the partner's persistent client credentials. */
export const DEFAULT_PARTNER_CLIENT = 'selfdata-partner';

/** Flags of `selfdata partner request`. */
export interface PartnerRequestFlags extends LoginFlags {
  citizen: string;
  category: string[];
  purpose: string;
  days?: number;
  endDate?: string;
  clientId?: string;
  clientName: string;
  mode: string[];
  legalBasis: string;
  replyTo?: string;
  explanationFr?: string;
  explanationEn?: string;
  requestorName?: string;
}

function defaultExplanation(flags: PartnerRequestFlags): { fr: string; en: string } {
  const labels = (language: 'fr' | 'en'): string =>
    flags.category.map((name) => (isCategoryName(name) ? CATEGORIES[name].label[language] : name)).join(', ');
  let purpose = flags.purpose;
  try {
    purpose = resolvePurpose(flags.purpose).split('#')[1] ?? flags.purpose;
  } catch {
    // The request is refused with a clear message below.
  }
  const span =
    flags.days !== undefined
      ? { fr: `pendant ${flags.days} jours`, en: `for ${flags.days} days` }
      : { fr: `jusqu'au ${flags.endDate ?? ''}`, en: `until ${flags.endDate ?? ''}` };
  return {
    fr: flags.explanationFr ?? `Accès à vos données (${labels('fr')}) pour la finalité ${purpose}, ${span.fr}.`,
    en: flags.explanationEn ?? `Access to your data (${labels('en')}) for the purpose ${purpose}, ${span.en}.`,
  };
}

/**
 * Sends an access request to a citizen. Prints the client id the grant will be bound to, then the
 * request's IRI as the last line.
 */
export async function runPartnerRequest(flags: PartnerRequestFlags, out: (line: string) => void): Promise<void> {
  if ((flags.days === undefined) === (flags.endDate === undefined))
    throw new CliError('Give either --days <n> or --end-date <ISO date-time>.');
  await withOwnerSession(flags, async (session) => {
    let clientId = flags.clientId;
    if (clientId === undefined) {
      const client = await ensurePartnerClient(session, flags.clientName);
      clientId = client.id;
      out(
        `client id: ${clientId} (${client.created ? 'new' : 'existing'} persistent credentials "${flags.clientName}")`,
      );
    } else {
      out(`client id: ${clientId}`);
    }
    const replyTo = flags.replyTo ?? (await discoverInbox(session.webId, session));
    const iri = await sendAccessRequest(
      {
        citizenWebId: flags.citizen,
        requestor: session.webId,
        categories: flags.category,
        purpose: flags.purpose,
        legalBasis: flags.legalBasis,
        modes: flags.mode,
        ...(flags.days === undefined ? {} : { days: flags.days }),
        ...(flags.endDate === undefined ? {} : { endDate: flags.endDate }),
        clientId,
        explanation: defaultExplanation(flags),
        replyTo,
        ...(flags.requestorName === undefined ? {} : { requestorName: flags.requestorName }),
      },
      { fetch: session.fetch, platformServers: session.platformServers },
    );
    out(iri);
  });
}

/** Reads a resource as one of the partner's persistent clients and prints it. */
export async function runPartnerRead(
  url: string,
  flags: LoginFlags & { clientId?: string; clientName: string },
  out: (text: string) => void,
): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const client = await partnerClientFetch(session, {
      name: flags.clientName,
      ...(flags.clientId === undefined ? {} : { clientId: flags.clientId }),
    });
    const response = await client.fetch(url, { headers: { accept: 'text/turtle' } });
    const body = await response.text();
    if (!response.ok) throw new CliError(`GET ${url} answered ${response.status}.`, 3);
    out(body);
  });
}

/** Lists the receipts (answers) that arrived in the partner's inbox. */
export async function runPartnerAnswers(
  flags: LoginFlags & { json?: boolean },
  out: (line: string) => void,
): Promise<void> {
  await withOwnerSession(flags, async (session) => {
    const inbox = await discoverInbox(session.webId, session);
    const answers = await listAnswers(inbox, session);
    if (flags.json) {
      out(JSON.stringify(answers, null, 2));
      return;
    }
    if (answers.length === 0) out('No answer yet.');
    for (const answer of answers) {
      out(
        `${answer.created}  ${answer.consentStatus.padEnd(9)}  ${answer.categories.join(',')}  ${answer.answers}${answer.grant ? `  grant ${answer.grant}` : ''}`,
      );
    }
  });
}
