import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContent, listCategoryResources, readCatalog } from '@sdt/pod';
import { getFreePort, loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { runCli } from './runCli.ts';

describe('selfdata seed', () => {
  let server: TestPodServer;

  beforeAll(async () => {
    server = await startTestPodServer({ territory: 'nantes' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('provisions synthetic citizens and the demo citizen with a full year of electricity', async () => {
    const run = await runCli(['seed', '--territory', 'nantes', '--citizens', '2', '--server', server.baseUrl]);
    expect(run.stderr).not.toContain('unexpected');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nantes: 3 created, 0 completed, 0 already complete/);

    const demo = await loginAs(server.baseUrl, 'demo@nantes.example', 'demo-citizen');
    try {
      expect(demo.podUrl).toBe(`${server.baseUrl}demo/`);
      const months = (await listCategoryResources(demo, 'electricity')).filter((p) => p.includes('/daily-'));
      expect(months).toHaveLength(12);
      let readings = 0;
      for (const month of months) {
        const content = await getContent(demo, { category: 'electricity', series: 'daily' }, month);
        if (content.category === 'electricity' && content.series === 'daily') readings += content.readings.length;
      }
      expect(readings).toBeGreaterThanOrEqual(365);
      const catalog = await readCatalog({ ...demo, webId: demo.webId });
      expect(catalog?.entries.electricity?.recordCount).toBeGreaterThanOrEqual(365);
      expect(catalog?.entries.electricity?.periodStart).toMatch(/^\d{4}-\d{2}-01$/);
      // Another citizen and an anonymous client are refused.
      const other = await loginAs(server.baseUrl, 'citizen-0000@nantes.example', 'synth-nantes-0000');
      try {
        expect((await other.fetch(`${demo.podUrl}${months[0]}`)).status).toBe(403);
      } finally {
        await other.close();
      }
      expect((await fetch(`${demo.podUrl}${months[0]}`)).status).toBe(401);
    } finally {
      await demo.close();
    }
  });

  it('creates nothing twice when run again', async () => {
    const run = await runCli(['seed', '--territory', 'nantes', '--citizens', '3', '--server', server.baseUrl]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nantes: 1 created, 0 completed, 3 already complete/);
  });

  it('refuses an unknown territory with a clear message', async () => {
    const run = await runCli(['seed', '--territory', 'paris', '--citizens', '2', '--server', server.baseUrl]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown territory "paris"; expected one of: lyon, nantes, larochelle/);
  });

  it('refuses a negative count', async () => {
    const run = await runCli(['seed', '--territory', 'lyon', '--citizens', '-3', '--server', server.baseUrl]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/"-3" is not a whole number >= 0/);
  });

  it('says so when the pod server is down, and creates nothing', async () => {
    const port = await getFreePort();
    const run = await runCli(['seed', '--territory', 'lyon', '--citizens', '2', '--server', `http://localhost:${port}/`]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/The lyon pod server at http:\/\/localhost:\d+\/ is not answering/);
  });
});
