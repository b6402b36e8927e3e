import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  AccountClient,
  OPERATOR_SECRET_RELATIVE_PATH,
  provisionAccounts,
  provisionCitizen,
  readOperatorSecret,
} from '@sdt/pod';
import { startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: TestPodServer;
let secret: string;
let endpoint: string;

async function post(body: unknown, authorization?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const alice = { email: 'alice@provision.example', password: 'alice-password', podName: 'alice' };
const bob = { email: 'bob@provision.example', password: 'bob-password', podName: 'bob' };

beforeAll(async () => {
  server = await startTestPodServer({ territory: 'lyon' });
  secret = (await readOperatorSecret(server.rootFilePath)) ?? '';
  endpoint = new URL('.sdt/provision', server.baseUrl).href;
});

afterAll(async () => {
  await server?.stop();
});

describe('the operator secret', () => {
  it('is generated at start in the data folder, readable only by its owner', async () => {
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const info = await stat(path.join(server.rootFilePath, OPERATOR_SECRET_RELATIVE_PATH));
    expect(info.mode & 0o077).toBe(0);
  });

  it('cannot be read over HTTP', async () => {
    const response = await fetch(new URL(OPERATOR_SECRET_RELATIVE_PATH, server.baseUrl));
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain(secret);
  });
});

describe('POST /.sdt/provision', () => {
  it('answers 401 without the operator secret', async () => {
    const { status } = await post({ citizens: [alice] });
    expect(status).toBe(401);
  });

  it('answers 403 with a wrong operator secret', async () => {
    const { status } = await post({ citizens: [alice] }, `SDT-Operator ${secret.slice(1)}x`);
    expect(status).toBe(403);
    const other = await post({ citizens: [alice] }, `Bearer ${secret}`);
    expect(other.status).toBe(401);
  });

  it('answers 400 naming the bad field of an invalid batch', async () => {
    const { status, json } = await post({ citizens: [{ ...alice, email: 'not an email' }] }, `SDT-Operator ${secret}`);
    expect(status).toBe(400);
    expect(json.message).toContain('citizens[0].email');
  });

  it('creates accounts whose email/password login works through the normal account API', async () => {
    const results = await provisionAccounts(server.baseUrl, [alice, bob], { secret });
    expect(results).toEqual([
      {
        email: alice.email,
        podUrl: `${server.baseUrl}alice/`,
        webId: `${server.baseUrl}alice/profile/card#me`,
        existed: false,
      },
      {
        email: bob.email,
        podUrl: `${server.baseUrl}bob/`,
        webId: `${server.baseUrl}bob/profile/card#me`,
        existed: false,
      },
    ]);
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const token = await client.login(alice.email, alice.password);
    expect(token).toBeDefined();
    expect(Object.keys(await client.listPods(token!))).toEqual([`${server.baseUrl}alice/`]);
    expect(Object.keys(await client.listWebIds(token!))).toEqual([`${server.baseUrl}alice/profile/card#me`]);
    expect(await client.login(alice.email, 'not-her-password')).toBeUndefined();
    const profile = await fetch(`${server.baseUrl}alice/profile/card`);
    expect(profile.status).toBe(200);
  });

  it('is idempotent: an existing email is reported, not duplicated, and keeps its password', async () => {
    const again = await provisionAccounts(server.baseUrl, [{ ...alice, password: 'another-password' }], { secret });
    expect(again).toEqual([
      {
        email: alice.email,
        podUrl: `${server.baseUrl}alice/`,
        webId: `${server.baseUrl}alice/profile/card#me`,
        existed: true,
      },
    ]);
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const token = await client.login(alice.email, alice.password);
    expect(Object.keys(await client.listPods(token!))).toHaveLength(1);
    expect(await client.login(alice.email, 'another-password')).toBeUndefined();
  });

  it('reports a failure per citizen and creates nothing for them', async () => {
    const results = await provisionAccounts(
      server.baseUrl,
      [
        { email: 'carol@provision.example', password: 'carol-password', podName: 'alice' },
        { email: 'dave@provision.example', password: 'dave-password', podName: 'dave' },
      ],
      { secret },
    );
    expect(results[0]).toMatchObject({
      email: 'carol@provision.example',
      error: { code: 'pod-name-taken' },
      accountCreated: false,
    });
    expect(results[1]).toMatchObject({ email: 'dave@provision.example', existed: false });
    const client = new AccountClient({ serverUrl: server.baseUrl });
    expect(await client.login('carol@provision.example', 'carol-password')).toBeUndefined();
  });

  it('reports an email given twice in one batch once as a failure', async () => {
    const eve = { email: 'eve@provision.example', password: 'eve-password', podName: 'eve' };
    const results = await provisionAccounts(server.baseUrl, [eve, { ...eve, email: 'EVE@provision.example' }], {
      secret,
    });
    expect(results[0]).toMatchObject({ existed: false });
    expect(results[1]).toMatchObject({ error: { code: 'duplicate-in-batch' } });
  });
});

describe('password hashing in a worker thread', () => {
  it('lets accounts created through the account API log in, and refuses a wrong password', async () => {
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const account = await client.ensureAccountWithPod('frank@provision.example', 'frank-password', 'frank');
    expect(account.existed).toBe(false);
    expect(await client.login('frank@provision.example', 'frank-password')).toBeDefined();
    expect(await client.login('frank@provision.example', 'frank-passwordx')).toBeUndefined();
  });
});

describe('provisionCitizen with the operator secret', () => {
  it('creates the account through the endpoint and sets up the full layout', async () => {
    const result = await provisionCitizen(
      server.baseUrl,
      { email: 'grace@provision.example', password: 'grace-password', podName: 'grace' },
      { operatorSecret: secret },
    );
    expect(result).toMatchObject({ outcome: 'created', podUrl: `${server.baseUrl}grace/` });
    const again = await provisionCitizen(
      server.baseUrl,
      { email: 'grace@provision.example', password: 'grace-password', podName: 'grace' },
      { operatorSecret: secret },
    );
    expect(again.outcome).toBe('unchanged');
  });
});
