import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { provisionCitizen } from '@sdt/pod';
import { PODS_CONFIG_DIR, startPodServer } from '@sdt/pods-config';
import { getFreePort, loginAs, startTestPodServer } from '@sdt/test-utils';
import { putGrant, readAccessLog, TERMS, waitForAccessLog } from './grantFixtures.ts';

const HOUR = 3_600_000;
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('grants across territories', () => {
  it('lets a partner whose account lives on the Lyon server read a Nantes pod with its grant', async () => {
    const lyon = await startTestPodServer({
      territory: 'lyon',
      citizens: [{ email: 'coach@partner.example', password: 'coach-password-1', podName: 'coach' }],
    });
    cleanups.push(() => lyon.stop());
    const nantes = await startTestPodServer({
      territory: 'nantes',
      citizens: [{ email: 'alice@example.org', password: 'alice-password-1', podName: 'alice' }],
    });
    cleanups.push(() => nantes.stop());
    const partner = await loginAs(lyon.baseUrl, 'coach@partner.example', 'coach-password-1');
    const alice = await loginAs(nantes.baseUrl, 'alice@example.org', 'alice-password-1');
    cleanups.push(
      () => partner.close(),
      () => alice.close(),
    );
    const pod = alice.podUrl;
    const put = await alice.fetch(`${pod}data/electricity/2026-10`, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: '<#r> <https://example.org/kwh> 12 .',
    });
    expect(put.ok).toBe(true);

    expect((await partner.fetch(`${pod}data/electricity/2026-10`)).status).toBe(403);
    const grant = await putGrant(alice.fetch, pod, 'coach', {
      grantee: partner.webId,
      clientId: partner.clientId,
      categories: ['electricity'],
      modes: ['Read'],
      validFrom: new Date(Date.now() - HOUR),
      validUntil: new Date(Date.now() + HOUR),
    });
    const read = await partner.fetch(`${pod}data/electricity/2026-10`);
    expect(read.status).toBe(200);
    expect(await read.text()).toContain('kwh');
    expect((await partner.fetch(`${pod}data/gas/`)).status).toBe(403);

    const entries = await waitForAccessLog(alice.fetch, pod, (all) => all.some((e) => e.grant === grant));
    expect(entries.find((e) => e.grant === grant)).toMatchObject({
      agent: partner.webId,
      client: partner.clientId,
      outcome: `${TERMS.SDT}Allowed`,
    });
  });
});

describe('access log journal', () => {
  it('flushes on stop and replays a journal left by a crashed process on the next start', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sdt-journal-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const port = await getFreePort();
    const first = await startPodServer({ territory: 'lyon', port, rootFilePath: root, loggingLevel: 'error' });
    const alice = await provisionCitizen(first.baseUrl, {
      email: 'alice@example.org',
      password: 'alice-password-1',
      podName: 'alice',
    });
    const pod = alice.podUrl;
    // Journalled, then flushed by stop().
    expect((await fetch(`${pod}data/electricity/`)).status).toBe(401);
    await first.stop();

    // A journal as a process killed before its batch would leave it, with a last line cut short.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const lines = ids.map((id, index) =>
      JSON.stringify({
        id,
        time: new Date(Date.now() - index * 1000).toISOString(),
        pod,
        target: `${pod}data/gas/`,
        agent: 'https://partner.example/profile/card#me',
        client: 'crashed-client',
        modes: [`${TERMS.ACL}Read`],
        outcome: 'Denied',
      }),
    );
    const directory = path.join(root, '.internal', 'sdt-access-journal');
    await mkdir(directory, { recursive: true });
    await writeFile(
      path.join(directory, `journal-${dead}-${randomUUID()}-000000001.jsonl`),
      `${lines.join('\n')}\n{"id":"cut`,
    );

    const second = await startPodServer({ territory: 'lyon', port, rootFilePath: root, loggingLevel: 'error' });
    cleanups.push(() => second.stop());
    const owner = await loginAs(second.baseUrl, 'alice@example.org', 'alice-password-1');
    cleanups.push(() => owner.close());
    const entries = await readAccessLog(owner.fetch, pod);
    expect(
      entries
        .filter((e) => e.client === 'crashed-client')
        .map((e) => e.id.split('#e-')[1])
        .sort(),
    ).toEqual([...ids].sort());
    expect(entries.some((e) => e.target === `${pod}data/electricity/` && e.agent === undefined)).toBe(true);
  });
});

describe('the stock variant used by the benchmark', () => {
  it('undoes the plugin: the owner may write audit/, a grant allows nothing and nothing is logged', async () => {
    const server = await startTestPodServer({
      territory: 'lyon',
      citizens: [
        { email: 'alice@example.org', password: 'alice-password-1', podName: 'alice' },
        { email: 'bob@example.org', password: 'bob-password-1', podName: 'bob' },
      ],
      extraConfigs: [path.join(PODS_CONFIG_DIR, 'variants', 'stock-css.json')],
    });
    cleanups.push(() => server.stop());
    const alice = await loginAs(server.baseUrl, 'alice@example.org', 'alice-password-1');
    const bob = await loginAs(server.baseUrl, 'bob@example.org', 'bob-password-1');
    cleanups.push(
      () => alice.close(),
      () => bob.close(),
    );
    const pod = alice.podUrl;
    const turtle = { 'content-type': 'text/turtle' };
    expect((await alice.fetch(`${pod}data/gas/g1`, { method: 'PUT', headers: turtle, body: '<#a> <#b> 1 .' })).ok).toBe(
      true,
    );
    await putGrant(alice.fetch, pod, 'bob', {
      grantee: bob.webId,
      clientId: bob.clientId,
      categories: ['gas'],
      modes: ['Read'],
      validFrom: new Date(Date.now() - HOUR),
      validUntil: new Date(Date.now() + HOUR),
    });
    expect((await bob.fetch(`${pod}data/gas/g1`)).status).toBe(403);
    expect((await alice.fetch(`${pod}audit/x`, { method: 'PUT', headers: turtle, body: '<#a> <#b> 1 .' })).ok).toBe(
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await readAccessLog(alice.fetch, pod)).filter((entry) => entry.outcome !== undefined)).toEqual([]);
  });
});
