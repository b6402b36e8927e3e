import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readAccessLog } from '@sdt/grants';
import type { AuthenticatedFetch } from '@sdt/pod';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import {
  AVG_KWH_BY_LABEL_MONTH,
  checkStudyQuery,
  createSeededRandom,
  dwellingTurtle,
  electricityMonthTurtle,
  evaluatePerPodWithComunica,
  fetchResourcesAsQuads,
  finalise,
  getStudyQueryPolicy,
  listPodResources,
  listStudies,
  listStudyParticipants,
  loadStudyBudget,
  mergePartials,
  optInToStudy,
  optOutOfStudy,
  publishStudy,
  readStudy,
  ResearchEngineAccount,
  ResearchError,
  runStudyQuery,
  StudyError,
  type Study,
  type StudyAnswer,
} from '@sdt/research';

type Session = Awaited<ReturnType<typeof loginAs>>;

const ENGINE_PASSWORD = 'engine-password-for-tests';
const citizen = (territory: string, i: number): { email: string; password: string; podName: string } => ({
  email: `c${i}@${territory}.example`,
  password: `password-${i}`,
  podName: `c${i}`,
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a failure');
}

function table(answer: StudyAnswer): string[] {
  return answer.rows.map((row) =>
    [...answer.variables.map((v) => row.bindings[v]?.value ?? ''), String(row.contributingPods ?? '')].join(' | '),
  );
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('studies, opt-in and the research engine on real pod servers (Lyon and Nantes)', () => {
  let lyon: TestPodServer;
  let nantes: TestPodServer;
  let engine: ResearchEngineAccount;
  let study: Study;
  let noisy: Study;
  let citizens: Session[];
  let studyFetch: AuthenticatedFetch;
  let platformServers: string[];
  const labels = ['LabelC', 'LabelC', 'LabelC', 'LabelC', 'LabelC', 'LabelC', 'LabelD', 'LabelC'];

  beforeAll(async () => {
    [lyon, nantes] = await Promise.all([
      startTestPodServer({ territory: 'lyon', citizens: [1, 2, 3, 4].map((i) => citizen('lyon', i)) }),
      startTestPodServer({ territory: 'nantes', citizens: [5, 6, 7, 8].map((i) => citizen('nantes', i)) }),
    ]);
    platformServers = [lyon.baseUrl, nantes.baseUrl];
    engine = await ResearchEngineAccount.open({ serverUrl: lyon.baseUrl, password: ENGINE_PASSWORD, create: true });
    citizens = await Promise.all([
      ...[1, 2, 3, 4].map((i) => loginAs(lyon.baseUrl, `c${i}@lyon.example`, `password-${i}`)),
      ...[5, 6, 7, 8].map((i) => loginAs(nantes.baseUrl, `c${i}@nantes.example`, `password-${i}`)),
    ]);
    await Promise.all(
      citizens.map(async (c, i) => {
        const put = async (path: string, body: string): Promise<void> => {
          const response = await c.fetch(`${c.podUrl}${path}`, {
            method: 'PUT',
            headers: { 'content-type': 'text/turtle' },
            body,
          });
          expect(response.status).toBeLessThan(300);
        };
        await put('data/housing/dwelling', dwellingTurtle(labels[i]!));
        await put('data/electricity/daily-2025-01', electricityMonthTurtle(2025, 1, i));
        await put('data/electricity/daily-2025-07', electricityMonthTurtle(2025, 7, i));
      }),
    );
    const end = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const common = {
      title: { fr: 'Consommation par classe DPE', en: 'Use by energy label' },
      team: 'Équipe énergie',
      institution: 'Université de Lyon',
      description: { fr: 'Comparer les consommations.', en: 'Compare electricity use.' },
      categories: ['electricity', 'housing'] as const,
      endDate: end,
      privacyBudget: 1,
    };
    study = await publishStudy({ ...common, slug: 'dpe-electricity', minimumGroupSize: 5 }, engine);
    noisy = await publishStudy(
      {
        ...common,
        slug: 'dpe-electricity-noisy',
        minimumGroupSize: 5,
        usesNoise: true,
        privacyBudget: 0.25,
        queryEpsilon: 0.1,
        clippingBounds: { avgKwh: { lower: 0, upper: 40 * 31, maxCount: 31 }, days: { maxCount: 31 } },
      },
      engine,
    );
    // Seven citizens opt in to the exact study, the eighth (Nantes c8) does not.
    for (const c of citizens.slice(0, 7)) await optInToStudy(study, c, { platformServers });
    studyFetch = await engine.openStudyClient(study.slug);
  }, 300_000);

  afterAll(async () => {
    await Promise.all((citizens ?? []).map((c) => c.close()));
    await engine?.close();
    await Promise.all([lyon?.stop(), nantes?.stop()]);
  });

  it('publishes studies in the territory registry, readable without login', async () => {
    const listed = await listStudies(lyon.baseUrl);
    expect(listed.map((s) => s.slug).sort()).toEqual(['dpe-electricity', 'dpe-electricity-noisy']);
    const read = await readStudy(study.iri);
    expect(read).toMatchObject({
      slug: 'dpe-electricity',
      minimumGroupSize: 5,
      categories: ['electricity', 'housing'],
      engineWebId: engine.webId,
      engineClientId: study.engineClientId,
      purpose: 'https://w3id.org/dpv#ScientificResearch',
    });
    expect(await listStudies(nantes.baseUrl)).toEqual([]);
  });

  it('refuses a study with k below 5, naming the field, and leaves no engine client behind', async () => {
    const error = await caught(
      publishStudy(
        {
          slug: 'too-small',
          title: { fr: 'x', en: 'x' },
          team: 't',
          institution: 'i',
          description: { fr: 'x', en: 'x' },
          categories: ['electricity'],
          endDate: new Date(Date.now() + 86_400_000).toISOString(),
          privacyBudget: 1,
          minimumGroupSize: 3,
        },
        engine,
      ),
    );
    expect(StudyError.isInstance(error) && error.code).toBe('invalid-study');
    expect((error as StudyError).field).toBe('minimumGroupSize');
    const noClient = await caught(engine.openStudyClient('too-small'));
    expect(StudyError.isInstance(noClient) && noClient.code).toBe('engine');
  });

  it('answers an unknown study IRI with unknown-study', async () => {
    const error = await caught(readStudy(`${engine.podUrl}studies/nothing-here#study`));
    expect((error as StudyError).code).toBe('unknown-study');
  });

  it('finds the opted-in pods from the receipts in the engine inbox, and only them', async () => {
    const participants = await listStudyParticipants(study, engine);
    expect(participants.map((p) => p.podUrl).sort()).toEqual(
      citizens
        .slice(0, 7)
        .map((c) => c.podUrl)
        .sort(),
    );
    expect(await listStudyParticipants(noisy, engine)).toEqual([]);
  });

  it('lets the pod server refuse the engine a pod that did not opt in (403), and allow one that did', async () => {
    const outsider = await studyFetch.fetch(`${citizens[7]!.podUrl}data/electricity/daily-2025-01`);
    expect(outsider.status).toBe(403);
    const member = await studyFetch.fetch(`${citizens[0]!.podUrl}data/electricity/daily-2025-01`);
    expect(member.status).toBe(200);
    await member.text();
    // Another study's client of the same engine has no grant either.
    const other = await engine.openStudyClient(noisy.slug);
    expect((await other.fetch(`${citizens[0]!.podUrl}data/electricity/daily-2025-01`)).status).toBe(403);
  });

  it('gives the same rows through the research endpoints, over HTTP and with Comunica, suppressing groups below k', async () => {
    const pods = citizens.slice(0, 7).map((c) => ({ podUrl: c.podUrl }));
    const progress: number[] = [];
    const viaEndpoints = await runStudyQuery({
      study,
      query: AVG_KWH_BY_LABEL_MONTH,
      pods,
      fetch: studyFetch.fetch,
      endpoints: platformServers,
      onProgress: (p) => progress.push(p.done),
    });
    const overHttp = await runStudyQuery({ study, query: AVG_KWH_BY_LABEL_MONTH, pods, fetch: studyFetch.fetch });
    expect(viaEndpoints.report).toMatchObject({
      podsAsked: 7,
      podsAnswered: 7,
      podsFailed: 0,
      paths: { endpoint: 7, http: 0 },
    });
    expect(overHttp.report).toMatchObject({
      podsAsked: 7,
      podsAnswered: 7,
      podsFailed: 0,
      paths: { endpoint: 0, http: 7 },
    });
    expect(progress.at(-1)).toBe(7);
    // LabelC: 6 pods (kept); LabelD: 1 pod (suppressed), for each of the two months.
    expect(table(viaEndpoints).map((row) => row.split(' | ').slice(0, 2).join(' '))).toEqual([
      'https://w3id.org/selfdata-territorial/ns#LabelC 2025-01',
      'https://w3id.org/selfdata-territorial/ns#LabelC 2025-07',
    ]);
    expect(viaEndpoints.report.groupsSuppressed).toBe(2);
    expect(table(overHttp)).toEqual(table(viaEndpoints));

    const plan = checkStudyQuery(AVG_KWH_BY_LABEL_MONTH, getStudyQueryPolicy(study));
    const partials = [];
    for (const pod of pods) {
      const urls = await listPodResources(studyFetch.fetch, pod.podUrl, study.categories);
      partials.push(await evaluatePerPodWithComunica(plan, await fetchResourcesAsQuads(studyFetch.fetch, urls)));
    }
    const comunica = finalise(mergePartials(partials), plan, { minimumContributingPods: 5 });
    expect(
      comunica.map((row) =>
        [row.bindings.label?.value, row.bindings.month?.value, row.bindings.avgKwh?.value].join(' '),
      ),
    ).toEqual(
      viaEndpoints.rows.map((row) =>
        [row.bindings.label?.value, row.bindings.month?.value, row.bindings.avgKwh?.value].join(' '),
      ),
    );
  });

  it('reports a pod without a grant as refused on both paths, never dropping it', async () => {
    const pods = [...citizens.slice(0, 7), citizens[7]!].map((c) => ({ podUrl: c.podUrl }));
    for (const endpoints of [platformServers, []]) {
      const answer = await runStudyQuery({
        study,
        query: AVG_KWH_BY_LABEL_MONTH,
        pods,
        fetch: studyFetch.fetch,
        endpoints,
      });
      expect(answer.report.podsFailed).toBe(1);
      expect(answer.report.failures[0]).toMatchObject({ pod: citizens[7]!.podUrl, reason: 'forbidden' });
    }
  });

  it('reads only the categories a citizen granted, the same way on both paths', async () => {
    const narrow = citizens[7]!;
    await optInToStudy(study, narrow, { platformServers, categories: ['electricity'] });
    const pods = citizens.map((c) => ({ podUrl: c.podUrl }));
    const viaEndpoints = await runStudyQuery({
      study,
      query: AVG_KWH_BY_LABEL_MONTH,
      pods,
      fetch: studyFetch.fetch,
      endpoints: platformServers,
    });
    const overHttp = await runStudyQuery({ study, query: AVG_KWH_BY_LABEL_MONTH, pods, fetch: studyFetch.fetch });
    for (const answer of [viaEndpoints, overHttp]) {
      // The pod answers (without its dwelling it has no group): nothing fails, nothing changes.
      expect(answer.report).toMatchObject({ podsAsked: 8, podsAnswered: 8, podsFailed: 0 });
    }
    expect(table(overHttp)).toEqual(table(viaEndpoints));
    expect((await studyFetch.fetch(`${narrow.podUrl}data/housing/dwelling`)).status).toBe(403);
    expect(await optOutOfStudy(study, narrow, { platformServers })).toHaveLength(1);
  });

  it('reports every pod of a territory server that is down', async () => {
    const ghost = `http://127.0.0.1:${await closedPort()}/`;
    const pods = [
      ...citizens.slice(0, 7).map((c) => ({ podUrl: c.podUrl })),
      { podUrl: `${ghost}a/` },
      { podUrl: `${ghost}b/` },
    ];
    const answer = await runStudyQuery({
      study,
      query: AVG_KWH_BY_LABEL_MONTH,
      pods,
      fetch: studyFetch.fetch,
      endpoints: [...platformServers, ghost],
      retries: 0,
    });
    expect(answer.report).toMatchObject({ podsAsked: 9, podsAnswered: 7, podsFailed: 2 });
    expect(answer.report.failures.map((f) => f.reason)).toEqual(['server-unreachable', 'server-unreachable']);
    const overHttp = await runStudyQuery({
      study,
      query: AVG_KWH_BY_LABEL_MONTH,
      pods,
      fetch: studyFetch.fetch,
      retries: 0,
    });
    expect(overHttp.report.failures.map((f) => [f.pod, f.reason])).toEqual([
      [`${ghost}a/`, 'network'],
      [`${ghost}b/`, 'network'],
    ]);
  });

  it('shows the engine reads in the citizen access log, with the grant used', async () => {
    const owner = citizens[0]!;
    let entries: Awaited<ReturnType<typeof readAccessLog>> = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      entries = (await readAccessLog(owner.podUrl, { fetch: owner.fetch })).filter((e) => e.agent === engine.webId);
      if (entries.some((e) => e.target === `${owner.podUrl}data/electricity/`)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const grant = entries.find((e) => e.target === `${owner.podUrl}data/electricity/`)?.grant;
    expect(grant).toMatch(new RegExp(`^${owner.podUrl}grants/study_dpe-electricity_`));
    expect(entries.filter((e) => e.client === study.engineClientId).every((e) => e.outcome === 'allowed')).toBe(true);
    // The other study's client was refused, and that is logged too.
    expect(entries.some((e) => e.client !== study.engineClientId && e.outcome === 'denied')).toBe(true);
  });

  it('refuses leaking queries, expired studies and an empty set of pods with clear messages', async () => {
    const pods = [{ podUrl: citizens[0]!.podUrl }];
    const rows = await caught(
      runStudyQuery({
        study,
        pods,
        fetch: studyFetch.fetch,
        query: 'SELECT ?kwh WHERE { ?r <https://saref.etsi.org/core/hasValue> ?kwh }',
      }),
    );
    expect(ResearchError.isInstance(rows) && rows.code).toBe('not-aggregate');
    const later = new Date(Date.parse(study.endDate) + 1000);
    expect(
      (
        (await caught(
          runStudyQuery({ study, pods, fetch: studyFetch.fetch, query: AVG_KWH_BY_LABEL_MONTH, now: later }),
        )) as StudyError
      ).code,
    ).toBe('expired-study');
    expect(
      (
        (await caught(
          runStudyQuery({ study, pods: [], fetch: studyFetch.fetch, query: AVG_KWH_BY_LABEL_MONTH }),
        )) as StudyError
      ).code,
    ).toBe('no-consenting-pods');
    const response = await studyFetch.fetch(`${lyon.baseUrl}.sdt/research`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ study: noisy.iri, query: AVG_KWH_BY_LABEL_MONTH, pods: [] }),
    });
    expect(response.status).toBe(403); // the client of another study
    await response.text();
  });

  it('adds seeded Laplace noise and charges the budget until it is exhausted', async () => {
    for (const c of citizens.slice(0, 6)) await optInToStudy(noisy, c, { platformServers });
    const noisyFetch = await engine.openStudyClient(noisy.slug);
    const pods = (await listStudyParticipants(noisy, engine)).map((p) => ({ podUrl: p.podUrl }));
    expect(pods).toHaveLength(6);
    const { budget, save } = await loadStudyBudget(noisy, engine);
    const run = (seed: number): Promise<StudyAnswer> =>
      runStudyQuery({
        study: noisy,
        query: AVG_KWH_BY_LABEL_MONTH,
        pods,
        fetch: noisyFetch.fetch,
        endpoints: platformServers,
        budget,
        saveBudget: save,
        random: createSeededRandom(seed),
      });
    const first = await run(7);
    const second = await run(7);
    expect(first.rows.map((r) => r.bindings.avgKwh?.value)).toEqual(second.rows.map((r) => r.bindings.avgKwh?.value));
    expect(first.rows.every((r) => r.contributingPods === undefined)).toBe(true);
    expect(first.report.noise?.mechanisms.length).toBeGreaterThan(0);
    expect(second.report.budget).toMatchObject({ total: 0.25, spent: 0.2 });
    const refused = await caught(run(8));
    expect(ResearchError.isInstance(refused) && refused.code).toBe('budget-exceeded');
    const reloaded = await loadStudyBudget(noisy, engine);
    expect(reloaded.budget.spent).toBeCloseTo(0.2);
  });

  it('revokes the grant on opt-out: the engine is refused and the pod leaves the participants', async () => {
    const leaving = citizens[6]!;
    const revoked = await optOutOfStudy(study, leaving, { platformServers });
    expect(revoked).toHaveLength(1);
    expect((await studyFetch.fetch(`${leaving.podUrl}data/electricity/daily-2025-01`)).status).toBe(403);
    const participants = await listStudyParticipants(study, engine);
    expect(participants.map((p) => p.podUrl)).not.toContain(leaving.podUrl);
    expect(participants).toHaveLength(6);
  });
});
