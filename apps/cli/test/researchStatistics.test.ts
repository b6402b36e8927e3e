import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { readTerritoryStatistics } from '@sdt/research';
import { runCli } from './runCli.ts';

const ENGINE = ['--engine-password', 'cli-statistics-engine-password'];

describe('selfdata research statistics', () => {
  let lyon: TestPodServer;

  beforeAll(async () => {
    lyon = await startTestPodServer({ territory: 'lyon' });
    const engine = await runCli(['research', 'engine', '--server', lyon.baseUrl, ...ENGINE]);
    expect(engine.code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await lyon?.stop();
  });

  it('asks for the territory of a server that is not a platform server', async () => {
    const result = await runCli(['research', 'statistics', '--server', lyon.baseUrl, ...ENGINE]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--territory');
  });

  it('publishes the statistics (empty while nobody opted in) and prints where, then as JSON', async () => {
    const result = await runCli(['research', 'statistics', '--server', lyon.baseUrl, '--territory', 'lyon', ...ENGINE]);
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`published ${lyon.baseUrl}research-engine/statistics/monthly`);
    expect(result.stdout).toContain('pods: 0 asked, 0 answered, 0 failed');
    expect(result.stdout).toContain('note: No home has opted in');
    const json = await runCli([
      'research',
      'statistics',
      '--server',
      lyon.baseUrl,
      '--territory',
      'lyon',
      '--json',
      ...ENGINE,
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ territory: 'lyon', observations: [], minimumGroupSize: 10 });
    expect(await readTerritoryStatistics(lyon.baseUrl)).toMatchObject({ territory: 'lyon', observations: [] });
  });
});
