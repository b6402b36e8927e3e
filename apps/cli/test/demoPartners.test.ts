import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCitizen } from '@sdt/synth';
import { startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { runCli } from './runCli.ts';

describe('selfdata demo partners', () => {
  let larochelle: TestPodServer;
  let dataDir: string;

  beforeAll(async () => {
    const demo = generateDemoCitizen('larochelle', { months: 1, endMonth: '2026-10' });
    larochelle = await startTestPodServer({
      territory: 'larochelle',
      citizens: [
        {
          email: demo.account.email,
          password: demo.account.password,
          podName: demo.account.podName,
          data: demo.data,
          source: 'test',
        },
      ],
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'sdt-partners-'));
  }, 180_000);

  afterAll(async () => {
    await larochelle?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("runs the CO2 coach's journey with the demo citizen and prints one line per step", async () => {
    const run = await runCli([
      'demo',
      'partners',
      '--service',
      'co2-coach',
      '--larochelle',
      larochelle.baseUrl,
      '--data-dir',
      dataDir,
      '--free-ports',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.every((line) => line.startsWith('co2-coach: '))).toBe(true);
    expect(lines.map((line) => line.split(': ')[1]?.split(' ')[0])).toEqual([
      'service',
      'request',
      'approve',
      'result',
      'revoke',
      'refused',
    ]);
    expect(lines[4]).toMatch(/^co2-coach: revoke: revoked /);
    expect(lines[5]).toMatch(/^co2-coach: refused: revoked: the revocation took effect/);
  });

  it('creates the partner account once and reuses its credentials on the next run', async () => {
    const run = await runCli([
      'demo',
      'partners',
      '--service',
      'co2-coach',
      '--larochelle',
      larochelle.baseUrl,
      '--data-dir',
      dataDir,
      '--free-ports',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/co2-coach: refused: revoked/);
  });

  it('fails with a clear message when a pod server is down', async () => {
    const run = await runCli([
      'demo',
      'partners',
      '--service',
      'co2-coach',
      '--larochelle',
      'http://localhost:9/',
      '--data-dir',
      dataDir,
      '--free-ports',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/larochelle pod server at http:\/\/localhost:9\/ is not answering/);
  });

  it('refuses an unknown service', async () => {
    const run = await runCli(['demo', 'partners', '--service', 'taxi', '--larochelle', larochelle.baseUrl]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown service taxi; expected solidarity-tariff, energy-coach, co2-coach/);
  });
});
