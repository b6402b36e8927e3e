/**
 * What the `selfdata research` commands do, as functions (the CLI wiring is in researchCli.ts).
 */
import { readFile } from 'node:fs/promises';
import {
  accreditResearcher,
  createKeepAliveFetch,
  getEnginePassword,
  listAccreditedResearchers,
  listStudies,
  listStudyParticipants,
  loadStudyBudget,
  optInToStudy,
  optOutOfStudy,
  publishStudy,
  publishTerritoryStatistics,
  readStudy,
  revokeAccreditation,
  ResearchEngineAccount,
  ResearchError,
  runStudyQuery,
  StatisticsError,
  StudyError,
  type Accreditation,
  type PublishedTerritoryStatistics,
  type StatisticsProgress,
  type Study,
  type StudyAnswer,
  type StudyInput,
  type StudyQueryProgress,
} from '@sdt/research';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { defaultServerUrl } from '../options.ts';
import { platformServers, withOwnerSession, type LoginFlags } from './grantsSession.ts';

/** How the CLI reaches a territory's research engine account. */
export interface EngineFlags {
  /** The territory server hosting the engine (and its study registry). */
  server: string;
  engineEmail?: string;
  enginePassword?: string;
}

function enginePassword(flags: EngineFlags): string {
  // The demo engines' password when neither is given (what `pnpm start` creates them with).
  return flags.enginePassword ?? getEnginePassword();
}

/** Turns research errors into one-line CLI errors. */
export function toResearchCliError(error: unknown): unknown {
  if (ResearchError.isInstance(error) || StudyError.isInstance(error) || StatisticsError.isInstance(error))
    return new CliError(error.message, 1, { cause: error });
  return error;
}

async function withEngine<T>(
  flags: EngineFlags,
  create: boolean,
  work: (engine: ResearchEngineAccount) => Promise<T>,
): Promise<T> {
  const engine = await ResearchEngineAccount.open({
    serverUrl: flags.server,
    password: enginePassword(flags),
    ...(flags.engineEmail ? { email: flags.engineEmail } : {}),
    create,
  });
  try {
    return await work(engine);
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/** Creates (or checks) a territory's research engine account and its public study registry. */
export async function setUpEngine(flags: EngineFlags): Promise<{ webId: string; registry: string }> {
  return withEngine(flags, true, async (engine) => ({ webId: engine.webId, registry: `${engine.podUrl}studies/` }));
}

/** Publishes a study described by a JSON file (`StudyInput`). */
export async function publishStudyFile(file: string, flags: EngineFlags): Promise<Study> {
  let input: StudyInput;
  try {
    input = JSON.parse(await readFile(file, 'utf8')) as StudyInput;
  } catch (error: unknown) {
    throw new CliError(`${file}: not a readable JSON study description (${(error as Error).message}).`);
  }
  return withEngine(flags, false, (engine) => publishStudy(input, engine));
}

/**
 * Accredits a researcher's WebID on the territory (may then publish studies from the portal), or
 * withdraws the accreditation with `revoke`.
 * @returns the accreditation, or whether one was withdrawn
 */
export async function accredit(
  webId: string,
  revoke: boolean,
  flags: EngineFlags,
): Promise<{ accreditation: Accreditation } | { revoked: boolean }> {
  return withEngine(flags, false, async (engine) =>
    revoke
      ? { revoked: await revokeAccreditation(engine, webId) }
      : { accreditation: await accreditResearcher(engine, webId) },
  );
}

/** The researchers the territory accredited (engine login: the document is owner-only). */
export async function listAccredited(flags: EngineFlags): Promise<Accreditation[]> {
  return withEngine(flags, false, (engine) => listAccreditedResearchers(engine));
}

/** Lists the studies of a territory's registry. */
export async function listTerritoryStudies(server: string): Promise<Study[]> {
  return listStudies(server);
}

/** Opts the logged-in citizen in to a study. */
export async function optIn(studyIri: string, login: LoginFlags): Promise<{ grant: string; until: string }> {
  const study = await readStudy(studyIri);
  return withOwnerSession(login, async (session) => {
    const result = await optInToStudy(study, session, {
      platformServers: [...session.platformServers, new URL(study.engineInbox).origin + '/'],
    });
    return { grant: result.grant.iri, until: result.grant.validUntil };
  });
}

/** Opts the logged-in citizen out of a study (revokes its grants to the study's engine client). */
export async function optOut(studyIri: string, login: LoginFlags): Promise<string[]> {
  const study = await readStudy(studyIri);
  return withOwnerSession(login, async (session) => {
    const revoked = await optOutOfStudy(study, session, { platformServers: session.platformServers });
    return revoked.map((grant) => grant.iri);
  });
}

/** Options of {@link runStudy}. */
export interface RunFlags {
  engineEmail?: string;
  enginePassword?: string;
  /** Read every pod over HTTP (no research endpoint). */
  httpOnly?: boolean;
  concurrency?: number;
  onProgress?: (progress: StudyQueryProgress) => void;
}

/** Runs a study query as the study's research engine over the pods that opted in. */
export async function runStudy(studyIri: string, queryFile: string, flags: RunFlags): Promise<StudyAnswer> {
  const query = await readFile(queryFile, 'utf8').catch((error: unknown) => {
    throw new CliError(`${queryFile}: ${(error as Error).message}`);
  });
  const study = await readStudy(studyIri);
  const server = `${new URL(study.engineWebId).origin}/`;
  return withEngine({ ...flags, server }, false, async (engine) => {
    if (engine.webId !== study.engineWebId)
      throw new CliError(`This account is not the research engine of ${study.iri}.`);
    const pods = await listStudyParticipants(study, engine);
    const keepAlive = createKeepAliveFetch(flags.concurrency ?? 32);
    try {
      const studyClient = await engine.openStudyClient(study.slug, keepAlive.fetch);
      const { budget, save } = await loadStudyBudget(study, engine);
      return await runStudyQuery({
        study,
        query,
        pods,
        fetch: studyClient.fetch,
        endpoints: flags.httpOnly ? [] : platformServers(server),
        budget,
        saveBudget: save,
        ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
        ...(flags.onProgress ? { onProgress: flags.onProgress } : {}),
      });
    } finally {
      await keepAlive.close();
    }
  });
}

type Term = StudyAnswer['rows'][number]['bindings'][string];

function shortTerm(term: Term | undefined): string {
  if (term === undefined) return '';
  if (term.termType === 'NamedNode') return term.value.replace(/^.*[#/]/u, '');
  return term.value;
}

/** The answer as a text table followed by the privacy and coverage report. */
export function formatAnswer(answer: StudyAnswer): string {
  const header = [...answer.variables, ...(answer.rows.some((r) => r.contributingPods !== undefined) ? ['pods'] : [])];
  const rows = answer.rows.map((row) => [
    ...answer.variables.map((v) => shortTerm(row.bindings[v])),
    ...(row.contributingPods === undefined ? [] : [String(row.contributingPods)]),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const r = answer.report;
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''];
  out.push(
    `pods: ${r.podsAsked} asked, ${r.podsAnswered} answered, ${r.podsFailed} failed (${r.paths.endpoint} through research endpoints, ${r.paths.http} over HTTP)`,
    `groups: ${r.groups}, ${r.groupsSuppressed} suppressed (fewer than k = ${r.minimumGroupSize} pods)${r.clippedGroups ? `, ${r.clippedGroups} clipped` : ''}`,
    r.noise
      ? `noise: Laplace, epsilon ${r.noise.epsilon}, scales ${r.noise.mechanisms.map((m) => m.scale.toPrecision(4)).join(', ')}`
      : 'noise: none (exact aggregates)',
    r.budget
      ? `budget: ${r.budget.spent.toPrecision(4)} of ${r.budget.total} spent, ${r.budget.remaining.toPrecision(4)} left`
      : 'budget: not used',
  );
  for (const failure of r.failures)
    out.push(`failed: ${failure.pod} (${failure.reason}, ${failure.path}): ${failure.message}`);
  out.push(`time: ${(r.durationMs / 1000).toFixed(1)} s`);
  return `${out.join('\n')}\n`;
}

/** The answer as JSON (terms as `{ type, value, datatype?, language? }`). */
export function answerToJson(answer: StudyAnswer): unknown {
  const term = (t: Term): Record<string, string> =>
    t.termType === 'Literal'
      ? { type: 'literal', value: t.value, datatype: t.datatype.value, ...(t.language ? { language: t.language } : {}) }
      : { type: t.termType === 'NamedNode' ? 'uri' : 'bnode', value: t.value };
  return {
    variables: answer.variables,
    rows: answer.rows.map((row) => ({
      bindings: Object.fromEntries(Object.entries(row.bindings).map(([k, v]) => [k, term(v)])),
      ...(row.contributingPods === undefined ? {} : { contributingPods: row.contributingPods }),
    })),
    report: answer.report,
  };
}

/** Options of {@link publishStatistics}. */
export interface StatisticsFlags extends EngineFlags {
  /** The server's territory; default: the territory whose platform server is `server`. */
  territory?: Territory;
  onProgress?: (progress: StatisticsProgress) => void;
}

/** The territory of a platform server URL (`SDT_<TERRITORY>_URL` or the default port), if any. */
export function territoryOfServer(server: string): Territory | undefined {
  return TERRITORIES.find((territory) => defaultServerUrl(territory) === server);
}

/**
 * Computes and publishes the territory statistics of a server (its standing statistics study over
 * the three platform servers' research endpoints), as the territory's research engine.
 */
export async function publishStatistics(flags: StatisticsFlags): Promise<PublishedTerritoryStatistics> {
  const territory = flags.territory ?? territoryOfServer(flags.server);
  if (territory === undefined)
    throw new CliError(`${flags.server} is not one of the platform servers: give its territory with --territory.`);
  return withEngine(flags, false, async (engine) => {
    const keepAlive = createKeepAliveFetch(32);
    try {
      return await publishTerritoryStatistics({
        engine,
        territory,
        endpoints: platformServers(flags.server),
        fetch: keepAlive.fetch,
        ...(flags.onProgress ? { onProgress: flags.onProgress } : {}),
      });
    } finally {
      await keepAlive.close();
    }
  });
}

/** A publication as a short text summary (observations, groups, coverage, failures, the dataset URL). */
export function formatStatistics(published: PublishedTerritoryStatistics): string {
  const by = (measure: string): number => published.observations.filter((o) => o.measure === measure).length;
  const c = published.coverage;
  const out = [
    `published ${published.datasetUrl}`,
    `study ${published.study}`,
    `observations: ${published.observations.length} (electricity ${by('electricity')}, gas ${by('gas')}, water ${by('water')}); months ${[...new Set(published.observations.map((o) => o.month))].sort().join(', ') || 'none'}`,
    `groups: ${published.groups} published, ${published.groupsSuppressed} suppressed (fewer than k = ${published.minimumGroupSize} homes)`,
    `pods: ${c.podsAsked} asked, ${c.podsAnswered} answered, ${c.podsFailed} failed`,
    ...published.failures.map((f) => `failed: ${f.pod} (${f.reason}, ${f.path}): ${f.message}`),
    ...(published.note ? [`note: ${published.note}`] : []),
  ];
  return `${out.join('\n')}\n`;
}
