/**
 * Registers the `partner` and `grants` command groups of `selfdata` (issue 3). Every command logs in
 * on `--server` with `--email` / `--password` (or `SDT_SERVER`, `SDT_EMAIL`, `SDT_PASSWORD`) through
 * the account API, works with temporary client credentials and deletes them before it ends.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GrantState } from '@sdt/grants';
import { parsePositive, parseServerUrl } from '../options.ts';
import {
  runGrantsApprove,
  runGrantsDeny,
  runGrantsList,
  runGrantsLog,
  runGrantsReceipts,
  runGrantsRequests,
  runGrantsRevoke,
} from './grantsCommands.ts';
import {
  DEFAULT_PARTNER_CLIENT,
  runPartnerAnswers,
  runPartnerRead,
  runPartnerRequest,
  type PartnerRequestFlags,
} from './partnerCommands.ts';
import type { LoginFlags } from './grantsSession.ts';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parses an ISO 8601 date-time with a time zone (`2027-01-31T00:00:00Z`). */
function parseDateTime(value: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new InvalidArgumentError(
      `"${value}" is not an ISO 8601 date or date-time with a time zone (e.g. 2027-01-31T00:00:00Z).`,
    );
  }
  return new Date(value).toISOString();
}

const STATES: readonly GrantState[] = ['active', 'expired', 'revoked', 'upcoming'];

function withLogin(command: Command): Command {
  return command
    .addOption(
      new Option('--server <url>', 'pod server of your account, e.g. http://localhost:3102/')
        .env('SDT_SERVER')
        .argParser(parseServerUrl)
        .makeOptionMandatory(),
    )
    .addOption(new Option('--email <email>', 'email of your account').env('SDT_EMAIL').makeOptionMandatory())
    .addOption(
      new Option('--password <password>', 'password of your account').env('SDT_PASSWORD').makeOptionMandatory(),
    );
}

/** Adds `selfdata partner ...` and `selfdata grants ...` to the program. */
export function registerGrantCommands(program: Command): void {
  const partner = program
    .command('partner')
    .description('partner service: request access to citizen data, read what was granted');

  withLogin(partner.command('request'))
    .description("send an access request to a citizen's inbox; prints the request IRI as the last line")
    .requiredOption('--citizen <webId>', "the citizen's WebID")
    .requiredOption('--category <name>', 'a data category (repeat for several), e.g. electricity', collect)
    .requiredOption('--purpose <term>', 'a DPV purpose, e.g. ServiceProvision')
    .option('--days <n>', 'days of access from approval (at most 3 years)', parsePositive)
    .option('--end-date <date-time>', 'end of access, instead of --days', parseDateTime)
    .option(
      '--client-id <id>',
      `client id the grant is bound to (default: your persistent "${DEFAULT_PARTNER_CLIENT}" credentials, created on first use)`,
    )
    .option(
      '--client-name <name>',
      'name of the persistent client credentials to create or reuse',
      DEFAULT_PARTNER_CLIENT,
    )
    .option('--mode <mode>', 'read, append or write (repeat for several; default read)', collect)
    .option('--legal-basis <term>', 'a DPV legal basis or GDPR article, e.g. Consent, A6-1-e', 'Consent')
    .option('--reply-to <url>', 'inbox for the answer (default: the ldp:inbox of your WebID)')
    .option('--requestor-name <name>', 'your display name')
    .option('--explanation-fr <text>', 'why, in French (default: generated)')
    .option('--explanation-en <text>', 'why, in English (default: generated)')
    .action(async (flags: Omit<PartnerRequestFlags, 'mode'> & { mode?: string[] }) => {
      await runPartnerRequest({ ...flags, mode: flags.mode ?? ['read'] }, out);
    });

  withLogin(partner.command('read'))
    .description('read a resource as your persistent client (the one a grant is bound to); prints its body')
    .argument('<url>', 'resource URL, e.g. http://localhost:3102/alice/data/electricity/daily-2026-10')
    .option('--client-id <id>', 'act as the persistent client with this id (default: the one named by --client-name)')
    .option('--client-name <name>', 'name of the persistent client credentials', DEFAULT_PARTNER_CLIENT)
    .action(async (url: string, flags: LoginFlags & { clientId?: string; clientName: string }) => {
      await runPartnerRead(url, flags, (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`));
    });

  withLogin(partner.command('answers'))
    .description('list the answers (consent receipts) that arrived in your inbox')
    .option('--json', 'print JSON')
    .action(async (flags: LoginFlags & { json?: boolean }) => {
      await runPartnerAnswers(flags, out);
    });

  const grants = program
    .command('grants')
    .description('citizen: answer access requests, list and revoke grants, read the access log');

  withLogin(grants.command('requests'))
    .description('list the pending access requests (collects the inbox first; invalid ones are reported on stderr)')
    .option('--json', 'print JSON')
    .option('--discard-invalid', 'delete invalid requests from the inbox after reporting them')
    .action(async (flags: LoginFlags & { json?: boolean; discardInvalid?: boolean }) => {
      await runGrantsRequests(flags, out, err);
    });

  withLogin(grants.command('approve'))
    .description('approve a request, possibly narrower; prints the grant IRI as the last line')
    .argument('<request>', 'the request IRI (as sent, or as listed by "grants requests")')
    .option('--until <date-time>', "end of access, before the request's own end", parseDateTime)
    .option('--category <name>', 'grant only these of the categories asked (repeat for several)', collect)
    .action(async (request: string, flags: LoginFlags & { until?: string; category?: string[] }) => {
      await runGrantsApprove(request, flags, out, err);
    });

  withLogin(grants.command('deny'))
    .description('deny a request')
    .argument('<request>', 'the request IRI')
    .action(async (request: string, flags: LoginFlags) => {
      await runGrantsDeny(request, flags, out, err);
    });

  withLogin(grants.command('list'))
    .description('list your grants with their state (active, expired, revoked, upcoming)')
    .option('--json', 'print JSON')
    .addOption(new Option('--state <state>', 'only grants in this state').choices(STATES))
    .action(async (flags: LoginFlags & { json?: boolean; state?: GrantState }) => {
      await runGrantsList(flags, out);
    });

  withLogin(grants.command('revoke'))
    .description('revoke a grant; the next request by the grantee is refused')
    .argument('<grant>', 'the grant IRI')
    .action(async (grant: string, flags: LoginFlags) => {
      await runGrantsRevoke(grant, flags, out, err);
    });

  withLogin(grants.command('receipts'))
    .description('list the consent receipts kept in your pod (given, refused, withdrawn)')
    .option('--json', 'print JSON')
    .action(async (flags: LoginFlags & { json?: boolean }) => {
      await runGrantsReceipts(flags, out);
    });

  withLogin(grants.command('log'))
    .description('read who accessed your pod (allowed and denied requests)')
    .option('--json', 'print JSON: an array of { time, agent, client, target, mode, outcome, grant }')
    .option('--from <date-time>', 'entries at or after', parseDateTime)
    .option('--to <date-time>', 'entries before', parseDateTime)
    .action(async (flags: LoginFlags & { json?: boolean; from?: string; to?: string }) => {
      await runGrantsLog(flags, out);
    });
}
