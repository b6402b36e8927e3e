import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, readOperatorSecret } from '@sdt/pod';
import { startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { runCli } from './runCli.ts';

describe('selfdata seed with the operator secret', () => {
  let server: TestPodServer;
  let secret: string;

  beforeAll(async () => {
    server = await startTestPodServer({ territory: 'larochelle' });
    secret = (await readOperatorSecret(server.rootFilePath)) ?? '';
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('creates accounts through the operator endpoint, and they log in through the account API', async () => {
    const run = await runCli(['seed', '--territory', 'larochelle', '--citizens', '1', '--server', server.baseUrl], {
      SDT_OPERATOR_SECRET: secret,
    });
    expect(run.stderr).not.toContain('unexpected');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/larochelle: 2 created, 0 completed, 0 already complete/);
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const token = await client.login('demo@larochelle.example', 'demo-citizen');
    expect(Object.keys(await client.listPods(token!))).toEqual([`${server.baseUrl}demo/`]);
  });

  it('creates nothing twice when run again', async () => {
    const run = await runCli(['seed', '--territory', 'larochelle', '--citizens', '1', '--server', server.baseUrl], {
      SDT_OPERATOR_SECRET: secret,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/larochelle: 0 created, 0 completed, 2 already complete/);
  });

  it('fails clearly with a wrong operator secret', async () => {
    const run = await runCli(['seed', '--territory', 'larochelle', '--citizens', '1', '--server', server.baseUrl], {
      SDT_OPERATOR_SECRET: 'a-wrong-operator-secret',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/403: Wrong operator secret/);
  });
});
