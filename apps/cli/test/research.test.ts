import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { AVG_KWH_BY_LABEL_MONTH, dwellingTurtle, electricityMonthTurtle, optInToStudy, readStudy } from '@sdt/research';
import { runCli } from './runCli.ts';

const ENGINE = ['--engine-password', 'cli-engine-password'];
const citizens = [1, 2, 3, 4, 5].map((i) => ({
  email: `r${i}@lyon.example`,
  password: `password-${i}`,
  podName: `r${i}`,
}));

describe('selfdata research', () => {
  let lyon: TestPodServer;
  let folder: string;
  let studyIri: string;

  beforeAll(async () => {
    lyon = await startTestPodServer({ territory: 'lyon', citizens });
    folder = await mkdtemp(path.join(tmpdir(), 'sdt-research-cli-'));
    for (const c of citizens) {
      const session = await loginAs(lyon.baseUrl, c.email, c.password);
      for (const [resource, body] of [
        ['data/housing/dwelling', dwellingTurtle('LabelB')],
        ['data/electricity/daily-2025-03', electricityMonthTurtle(2025, 3, c.podName.length)],
      ] as const) {
        const response = await session.fetch(`${session.podUrl}${resource}`, {
          method: 'PUT',
          headers: { 'content-type': 'text/turtle' },
          body,
        });
        expect(response.status).toBeLessThan(300);
      }
      await session.close();
    }
    await writeFile(path.join(folder, 'avg.rq'), AVG_KWH_BY_LABEL_MONTH);
    await writeFile(
      path.join(folder, 'rows.rq'),
      'SELECT ?kwh WHERE { ?r <https://saref.etsi.org/core/hasValue> ?kwh }',
    );
    await writeFile(
      path.join(folder, 'study.json'),
      JSON.stringify({
        slug: 'cli-study',
        title: { fr: 'Étude CLI', en: 'CLI study' },
        team: 'Équipe',
        institution: 'Métropole de Lyon',
        description: { fr: 'Test.', en: 'Test.' },
        categories: ['electricity', 'housing'],
        endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        privacyBudget: 1,
        minimumGroupSize: 5,
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await lyon?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('creates the engine, publishes a study and lists it', async () => {
    const engine = await runCli(['research', 'engine', '--server', lyon.baseUrl, ...ENGINE]);
    expect(engine.stderr).toBe('');
    expect(engine.stdout).toContain(`study registry ${lyon.baseUrl}research-engine/studies/`);
    const published = await runCli([
      'research',
      'publish',
      path.join(folder, 'study.json'),
      '--server',
      lyon.baseUrl,
      ...ENGINE,
    ]);
    expect(published.code).toBe(0);
    studyIri = published.stdout.trim().replace(/^published /u, '');
    expect(studyIri).toBe(`${lyon.baseUrl}research-engine/studies/cli-study#study`);
    const listed = await runCli(['research', 'studies', '--server', lyon.baseUrl, '--json']);
    expect((JSON.parse(listed.stdout) as { slug: string }[]).map((s) => s.slug)).toEqual(['cli-study']);
  }, 120_000);

  it('accredits a researcher, lists the accredited researchers, and revokes', async () => {
    const webId = 'https://researcher.example/profile/card#me';
    const server = ['--server', lyon.baseUrl, ...ENGINE];
    const accredited = await runCli(['research', 'accredit', '--webid', webId, ...server]);
    expect(accredited.code).toBe(0);
    expect(accredited.stdout).toContain(`accredited ${webId} since `);
    const listed = await runCli(['research', 'accredited', '--json', ...server]);
    expect((JSON.parse(listed.stdout) as { webId: string }[]).map((a) => a.webId)).toEqual([webId]);
    const revoked = await runCli(['research', 'accredit', '--webid', webId, '--revoke', ...server]);
    expect(revoked.stdout).toBe(`revoked the accreditation of ${webId}\n`);
    expect((await runCli(['research', 'accredited', ...server])).stdout).toBe('');
  }, 120_000);

  it('opts citizens in, runs a query with progress and a privacy report, and opts out', async () => {
    const login = (i: number): string[] => [
      '--server',
      lyon.baseUrl,
      '--email',
      citizens[i]!.email,
      '--password',
      citizens[i]!.password,
    ];
    const optIn = await runCli(['research', 'opt-in', '--study', studyIri, ...login(0)]);
    expect(optIn.code).toBe(0);
    expect(optIn.stdout).toMatch(/^granted .*grants\/study_cli-study_/u);
    // The other four through the library (each CLI process costs seconds on a loaded machine).
    const study = await readStudy(studyIri);
    for (const c of citizens.slice(1)) {
      const session = await loginAs(lyon.baseUrl, c.email, c.password);
      await optInToStudy(study, session, { platformServers: [lyon.baseUrl] });
      await session.close();
    }
    const json = await runCli([
      'research',
      'run',
      '--study',
      studyIri,
      path.join(folder, 'avg.rq'),
      '--json',
      ...ENGINE,
    ]);
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('pods 5/5');
    const answer = JSON.parse(json.stdout) as {
      rows: { bindings: Record<string, { value: string }>; contributingPods: number }[];
      report: { podsAsked: number; podsAnswered: number; paths: { endpoint: number } };
    };
    expect(answer.rows.map((r) => [r.bindings.label?.value, r.bindings.month?.value, r.contributingPods])).toEqual([
      ['https://w3id.org/selfdata-territorial/ns#LabelB', '2025-03', 5],
    ]);
    expect(answer.report).toMatchObject({ podsAsked: 5, podsAnswered: 5, paths: { endpoint: 5 } });

    const text = await runCli([
      'research',
      'run',
      '--study',
      studyIri,
      path.join(folder, 'avg.rq'),
      '--http-only',
      ...ENGINE,
    ]);
    expect(text.stdout).toContain('LabelB  2025-03');
    expect(text.stdout).toContain('pods: 5 asked, 5 answered, 0 failed (0 through research endpoints, 5 over HTTP)');
    expect(text.stdout).toContain('groups: 1, 0 suppressed (fewer than k = 5 pods)');

    const refused = await runCli(['research', 'run', '--study', studyIri, path.join(folder, 'rows.rq'), ...ENGINE]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^selfdata: .*\?kwh/u);

    const optOut = await runCli(['research', 'opt-out', '--study', studyIri, ...login(0)]);
    expect(optOut.stdout).toMatch(/^revoked .*grants\/study_cli-study_/u);
    const after = await runCli([
      'research',
      'run',
      '--study',
      studyIri,
      path.join(folder, 'avg.rq'),
      '--json',
      ...ENGINE,
    ]);
    const report = (JSON.parse(after.stdout) as { report: { podsAsked: number; groupsSuppressed: number } }).report;
    expect(report).toMatchObject({ podsAsked: 4, groupsSuppressed: 1 });
  }, 240_000);
});
