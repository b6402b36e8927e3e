/**
 * `selfdata research ...`: the research engine account, studies, citizen opt-in / opt-out, and
 * running a study query with streamed progress.
 */
import type { Command } from 'commander';
import { getEnginePassword, listStudyParticipants, readStudy, ResearchEngineAccount } from '@sdt/research';
import type { Territory } from '@sdt/vocab';
import { defaultServerUrl, parsePositive, parseServerUrl, parseTerritory } from '../options.ts';
import {
  accredit,
  answerToJson,
  formatAnswer,
  formatStatistics,
  listAccredited,
  listTerritoryStudies,
  optIn,
  optOut,
  publishStatistics,
  publishStudyFile,
  runStudy,
  setUpEngine,
  toResearchCliError,
  type EngineFlags,
} from './researchCommands.ts';

interface LoginOptions {
  server: string;
  email: string;
  password: string;
}

function rethrow(error: unknown): never {
  throw toResearchCliError(error);
}

function addEngineOptions(command: Command): Command {
  return command
    .option('--server <url>', 'territory server hosting the research engine', parseServerUrl, defaultServerUrl('lyon'))
    .option('--engine-email <email>', 'research engine account (default research-engine@<host>.selfdata.example)')
    .option(
      '--engine-password <password>',
      'research engine password (default: SDT_RESEARCH_ENGINE_PASSWORD, else the demo one)',
    );
}

function addLoginOptions(command: Command): Command {
  return command
    .option(
      '--server <url>',
      'pod server of the citizen (or SDT_SERVER)',
      parseServerUrl,
      process.env.SDT_SERVER ?? defaultServerUrl('lyon'),
    )
    .option('--email <email>', 'citizen email (or SDT_EMAIL)', process.env.SDT_EMAIL)
    .option('--password <password>', 'citizen password (or SDT_PASSWORD)', process.env.SDT_PASSWORD);
}

function login(opts: Partial<LoginOptions>): LoginOptions {
  if (!opts.server || !opts.email || !opts.password)
    throw toResearchCliError(new Error('Give --server, --email and --password.'));
  return opts as LoginOptions;
}

/** Registers `selfdata research ...` on the program. */
export function registerResearchCommands(program: Command): void {
  const research = program
    .command('research')
    .description('studies, opt-in and privacy-preserving aggregate queries over consenting pods');

  addEngineOptions(
    research
      .command('engine')
      .description("create (or check) the territory's research engine account and public study registry"),
  ).action(async (opts: EngineFlags) => {
    const result = await setUpEngine(opts).catch(rethrow);
    process.stdout.write(`research engine ${result.webId}\nstudy registry ${result.registry}\n`);
  });

  addEngineOptions(
    research
      .command('publish')
      .argument(
        '<study.json>',
        'study description (JSON: slug, title {fr,en}, team, institution, description {fr,en}, categories, endDate, privacyBudget, minimumGroupSize...)',
      )
      .description('publish a study in the territory registry'),
  ).action(async (file: string, opts: EngineFlags) => {
    const study = await publishStudyFile(file, opts).catch(rethrow);
    process.stdout.write(`published ${study.iri}\n`);
  });

  addEngineOptions(
    research
      .command('accredit')
      .requiredOption('--webid <WebID>', "the researcher's WebID")
      .option('--revoke', 'withdraw the accreditation')
      .description('accredit a researcher on the territory (may publish studies from the portal), or --revoke'),
  ).action(async (opts: EngineFlags & { webid: string; revoke?: boolean }) => {
    const result = await accredit(opts.webid, opts.revoke === true, opts).catch(rethrow);
    process.stdout.write(
      'accreditation' in result
        ? `accredited ${result.accreditation.webId} since ${result.accreditation.since}\n`
        : result.revoked
          ? `revoked the accreditation of ${opts.webid}\n`
          : `${opts.webid} was not accredited\n`,
    );
  });

  addEngineOptions(
    research
      .command('accredited')
      .option('--json', 'print JSON')
      .description("list the territory's accredited researchers"),
  ).action(async (opts: EngineFlags & { json?: boolean }) => {
    const list = await listAccredited(opts).catch(rethrow);
    if (opts.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    else for (const a of list) process.stdout.write(`${a.webId}  since ${a.since}\n`);
  });

  research
    .command('studies')
    .description("list a territory's studies")
    .option('--server <url>', 'territory server', parseServerUrl, defaultServerUrl('lyon'))
    .option('--json', 'print JSON')
    .action(async (opts: { server: string; json?: boolean }) => {
      const studies = await listTerritoryStudies(opts.server).catch(rethrow);
      if (opts.json) process.stdout.write(`${JSON.stringify(studies, null, 2)}\n`);
      else
        for (const s of studies)
          process.stdout.write(
            `${s.iri}  ${s.title.en} (${s.team}, ${s.institution}) until ${s.endDate}, k=${s.minimumGroupSize}\n`,
          );
    });

  addLoginOptions(
    research
      .command('opt-in')
      .requiredOption('--study <IRI>', 'study IRI')
      .description('opt in to a study as a citizen (grant to the research engine)'),
  ).action(async (opts: Partial<LoginOptions> & { study: string }) => {
    const result = await optIn(opts.study, login(opts)).catch(rethrow);
    process.stdout.write(`granted ${result.grant} until ${result.until}\n`);
  });

  addLoginOptions(
    research
      .command('opt-out')
      .requiredOption('--study <IRI>', 'study IRI')
      .description('opt out of a study (revokes the grant)'),
  ).action(async (opts: Partial<LoginOptions> & { study: string }) => {
    const revoked = await optOut(opts.study, login(opts)).catch(rethrow);
    process.stdout.write(
      revoked.length === 0 ? 'no active grant to this study\n' : revoked.map((g) => `revoked ${g}\n`).join(''),
    );
  });

  research
    .command('participants')
    .requiredOption('--study <IRI>', 'study IRI')
    .option('--engine-email <email>', 'research engine account')
    .option(
      '--engine-password <password>',
      'research engine password (default: SDT_RESEARCH_ENGINE_PASSWORD, else the demo one)',
    )
    .description('count the pods opted in to a study (from the receipts in the engine inbox)')
    .action(async (opts: { study: string; engineEmail?: string; enginePassword?: string }) => {
      const study = await readStudy(opts.study).catch(rethrow);
      const engine = await ResearchEngineAccount.open({
        serverUrl: `${new URL(study.engineWebId).origin}/`,
        password: opts.enginePassword ?? getEnginePassword(),
        ...(opts.engineEmail ? { email: opts.engineEmail } : {}),
      }).catch(rethrow);
      try {
        const participants = await listStudyParticipants(study, engine);
        process.stdout.write(`${participants.length} pods opted in to ${study.slug}\n`);
      } finally {
        await engine.close();
      }
    });

  research
    .command('run')
    .requiredOption('--study <IRI>', 'study IRI')
    .argument('<query.rq>', 'SPARQL aggregate query')
    .option('--json', 'print the answer and its report as JSON')
    .option('--http-only', 'read every pod over HTTP (do not use the research endpoints)')
    .option('--concurrency <n>', 'pods read over HTTP at the same time', parsePositive, 16)
    .option('--engine-email <email>', 'research engine account')
    .option(
      '--engine-password <password>',
      'research engine password (default: SDT_RESEARCH_ENGINE_PASSWORD, else the demo one)',
    )
    .description('run a study query over the consenting pods (aggregates only; privacy report included)')
    .action(
      async (
        file: string,
        opts: {
          study: string;
          json?: boolean;
          httpOnly?: boolean;
          concurrency: number;
          engineEmail?: string;
          enginePassword?: string;
        },
      ) => {
        const tty = process.stderr.isTTY;
        const answer = await runStudy(opts.study, file, {
          ...opts,
          onProgress: ({ done, failed, total }) => {
            const text = `pods ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
            if (tty) process.stderr.write(`\r${text}`);
            else if (done === total || done % 100 === 0) process.stderr.write(`${text}\n`);
          },
        }).catch(rethrow);
        if (tty) process.stderr.write('\n');
        process.stdout.write(opts.json ? `${JSON.stringify(answerToJson(answer), null, 2)}\n` : formatAnswer(answer));
      },
    );

  addEngineOptions(
    research
      .command('statistics')
      .option('--territory <name>', 'territory of --server (default: found from the platform servers)', parseTerritory)
      .option('--json', 'print the published statistics and the failures as JSON')
      .description(
        "compute and publish the territory's monthly statistics (open data, RDF Data Cube) from its standing statistics study",
      ),
  ).action(async (opts: EngineFlags & { territory?: Territory; json?: boolean }) => {
    const tty = process.stderr.isTTY;
    const published = await publishStatistics({
      ...opts,
      onProgress: ({ query, queries, done, failed, total }) => {
        const text = `query ${query}/${queries}: pods ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
        if (tty) process.stderr.write(`\r${text}`);
        else if (done === total) process.stderr.write(`${text}\n`);
      },
    }).catch(rethrow);
    if (tty) process.stderr.write('\n');
    process.stdout.write(opts.json ? `${JSON.stringify(published, null, 2)}\n` : formatStatistics(published));
  });
}
