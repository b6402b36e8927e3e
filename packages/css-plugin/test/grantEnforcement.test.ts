import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient } from '@sdt/pod';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { putGrant, readAccessLog, TERMS, waitForAccessLog, type TestGrant } from './grantFixtures.ts';

type Session = Awaited<ReturnType<typeof loginAs>>;

const HOUR = 3_600_000;
const TURTLE = { 'content-type': 'text/turtle' };

let server: TestPodServer;
let alice: Session;
let carol: Session;
let bob: Session;
let pod: string;
const sessions: Session[] = [];

async function bobSession(): Promise<Session> {
  const session = await loginAs(server.baseUrl, 'bob@example.org', 'bob-password-1');
  sessions.push(session);
  return session;
}

async function ownerPut(path: string, body: string): Promise<void> {
  const response = await alice.fetch(`${pod}${path}`, { method: 'PUT', headers: TURTLE, body });
  expect(response.ok, `PUT ${path}`).toBe(true);
}

/** Sends a request without URL normalisation (fetch would resolve `..` itself). */
function rawGet(url: string, token: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const path = url.slice(url.indexOf('/', 'http://'.length));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

/** A Bearer access token of bob's, from fresh client credentials (test-utils does not expose its own). */
async function bobToken(): Promise<string> {
  const account = new AccountClient({ serverUrl: server.baseUrl });
  const accountToken = await account.login('bob@example.org', 'bob-password-1');
  if (!accountToken) throw new Error('bob cannot log in');
  const credentials = await account.createClientCredentials(accountToken, 'raw-requests', bob.webId);
  const response = await fetch(`${server.baseUrl}.oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(credentials.id)}:${encodeURIComponent(credentials.secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=webid',
  });
  const body = (await response.json()) as { access_token: string };
  rawClientId = credentials.id;
  return body.access_token;
}

let rawClientId = '';

beforeAll(async () => {
  server = await startTestPodServer({
    territory: 'lyon',
    citizens: [
      { email: 'alice@example.org', password: 'alice-password-1', podName: 'alice' },
      { email: 'bob@example.org', password: 'bob-password-1', podName: 'bob' },
      { email: 'carol@example.org', password: 'carol-password-1', podName: 'carol' },
    ],
  });
  alice = await loginAs(server.baseUrl, 'alice@example.org', 'alice-password-1');
  carol = await loginAs(server.baseUrl, 'carol@example.org', 'carol-password-1');
  bob = await bobSession();
  pod = alice.podUrl;
  await ownerPut('data/electricity/r1', '<#r> <https://example.org/kwh> 12 .');
  await ownerPut('data/gas/g1', '<#r> <https://example.org/kwh> 3 .');
  await ownerPut('data/water/w1', '<#r> <https://example.org/litres> 140 .');
  await ownerPut('data/electricity-old/x', '<#r> <https://example.org/kwh> 1 .');
  await ownerPut('data/housing/h1', '<#r> <https://example.org/m2> 70 .');
});

afterAll(async () => {
  for (const session of [alice, carol, ...sessions]) await session?.close().catch(() => undefined);
  await server?.stop();
});

interface Column {
  mode: 'read' | 'append' | 'write';
  category: string;
  grantMode: 'Read' | 'Append' | 'Write';
  otherMode: 'Read' | 'Append' | 'Write';
  send: (session: Session) => Promise<Response>;
}

const columns: Column[] = [
  {
    mode: 'read',
    category: 'electricity',
    grantMode: 'Read',
    otherMode: 'Append',
    send: (s) => s.fetch(`${pod}data/electricity/r1`),
  },
  {
    mode: 'append',
    category: 'gas',
    grantMode: 'Append',
    otherMode: 'Read',
    send: (s) =>
      s.fetch(`${pod}data/gas/`, { method: 'POST', headers: TURTLE, body: '<#r> <https://example.org/kwh> 4 .' }),
  },
  {
    mode: 'write',
    category: 'water',
    grantMode: 'Write',
    otherMode: 'Append',
    send: (s) =>
      s.fetch(`${pod}data/water/w1`, {
        method: 'PUT',
        headers: TURTLE,
        body: '<#r> <https://example.org/litres> 150 .',
      }),
  },
];

interface Row {
  name: string;
  allowed: boolean;
  grant?: (column: Column, clientId: string) => TestGrant;
}

const activeGrant = (column: Column, clientId: string): TestGrant => ({
  grantee: bob.webId,
  clientId,
  categories: [column.category],
  modes: [column.grantMode],
  validFrom: new Date(Date.now() - HOUR),
  validUntil: new Date(Date.now() + HOUR),
});

const rows: Row[] = [
  { name: 'no grant', allowed: false },
  { name: 'an active grant', allowed: true, grant: activeGrant },
  {
    name: 'an expired grant',
    allowed: false,
    grant: (c, id) => ({
      ...activeGrant(c, id),
      validFrom: new Date(Date.now() - 2 * HOUR),
      validUntil: new Date(Date.now() - HOUR),
    }),
  },
  {
    name: 'a grant not yet valid',
    allowed: false,
    grant: (c, id) => ({
      ...activeGrant(c, id),
      validFrom: new Date(Date.now() + HOUR),
      validUntil: new Date(Date.now() + 2 * HOUR),
    }),
  },
  { name: 'a revoked grant', allowed: false, grant: (c, id) => ({ ...activeGrant(c, id), status: 'Revoked' }) },
  {
    name: 'a grant for another category',
    allowed: false,
    grant: (c, id) => ({ ...activeGrant(c, id), categories: ['housing'] }),
  },
  {
    name: 'a grant for another mode',
    allowed: false,
    grant: (c, id) => ({ ...activeGrant(c, id), modes: [c.otherMode] }),
  },
  {
    name: 'a grant for another client id',
    allowed: false,
    grant: (c, id) => ({ ...activeGrant(c, id), clientId: `${id}-other` }),
  },
  {
    name: 'a grant to another agent',
    allowed: false,
    grant: (c, id) => ({ ...activeGrant(c, id), grantee: carol.webId }),
  },
];

describe('grant enforcement matrix', () => {
  const rowSessions = new Map<string, Session>();
  beforeAll(async () => {
    for (const row of rows) {
      const session = await bobSession();
      rowSessions.set(row.name, session);
      for (const column of columns) {
        if (row.grant) {
          await putGrant(
            alice.fetch,
            pod,
            `matrix-${rows.indexOf(row)}-${column.mode}`,
            row.grant(column, session.clientId),
          );
        }
      }
    }
  });

  for (const row of rows) {
    for (const column of columns) {
      it(`${row.allowed ? 'allows' : 'refuses'} ${column.mode} to a grantee with ${row.name}`, async () => {
        const response = await column.send(rowSessions.get(row.name)!);
        await response.arrayBuffer();
        if (row.allowed) {
          expect(response.status).toBeGreaterThanOrEqual(200);
          expect(response.status).toBeLessThan(300);
        } else {
          expect(response.status).toBe(403);
        }
      });
    }
  }
});

describe('grant lifecycle', () => {
  it('enforces expiry to the second: allowed until validUntil, refused once it has passed', async () => {
    const session = await bobSession();
    const validUntil = new Date(Date.now() + 2_000);
    await putGrant(alice.fetch, pod, 'expiring', { ...activeGrant(columns[0]!, session.clientId), validUntil });
    const before = await session.fetch(`${pod}data/electricity/r1`);
    expect(before.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, validUntil.getTime() - Date.now()) + 100));
    const after = await session.fetch(`${pod}data/electricity/r1`);
    expect(after.status).toBe(403);
  });

  it('applies a revocation to the very next request', async () => {
    const session = await bobSession();
    const grant = activeGrant(columns[0]!, session.clientId);
    await putGrant(alice.fetch, pod, 'revoked-later', grant);
    expect((await session.fetch(`${pod}data/electricity/r1`)).status).toBe(200);
    await putGrant(alice.fetch, pod, 'revoked-later', { ...grant, status: 'Revoked' });
    expect((await session.fetch(`${pod}data/electricity/r1`)).status).toBe(403);
  });

  it('refreshes its cache when a grant is created, changed or deleted', async () => {
    const session = await bobSession();
    const read = async (): Promise<number> => (await session.fetch(`${pod}data/electricity/r1`)).status;
    expect(await read()).toBe(403);
    const grant = activeGrant(columns[0]!, session.clientId);
    await putGrant(alice.fetch, pod, 'cache', grant);
    expect(await read()).toBe(200);
    await putGrant(alice.fetch, pod, 'cache', { ...grant, categories: ['gas'] });
    expect(await read()).toBe(403);
    expect((await session.fetch(`${pod}data/gas/g1`)).status).toBe(200);
    await putGrant(alice.fetch, pod, 'cache', grant);
    expect(await read()).toBe(200);
    expect((await alice.fetch(`${pod}grants/cache`, { method: 'DELETE' })).ok).toBe(true);
    expect(await read()).toBe(403);
  });

  it('lets a read grant list the category container but nothing around it', async () => {
    const session = await bobSession();
    await putGrant(alice.fetch, pod, 'listing', activeGrant(columns[0]!, session.clientId));
    expect((await session.fetch(`${pod}data/electricity/`)).status).toBe(200);
    expect((await session.fetch(`${pod}data/`)).status).toBe(403);
    expect((await session.fetch(`${pod}data/electricity/r1.acr`)).status).toBe(403);
    expect((await session.fetch(`${pod}data/electricity/r1`, { method: 'DELETE' })).status).toBe(403);
  });
});

describe('path tricks', () => {
  let session: Session;
  let token: string;
  beforeAll(async () => {
    session = await bobSession();
    await putGrant(alice.fetch, pod, 'paths', activeGrant(columns[0]!, session.clientId));
    token = await bobToken();
    await putGrant(alice.fetch, pod, 'paths-raw', activeGrant(columns[0]!, rawClientId));
  });

  it('refuses a sibling container whose name starts with the granted category', async () => {
    expect((await session.fetch(`${pod}data/electricity-old/x`)).status).toBe(403);
    expect((await session.fetch(`${pod}data/electricity-old/`)).status).toBe(403);
  });

  it('refuses encoded slashes and encoded dots', async () => {
    for (const path of [
      'data/electricity/..%2Fgas/g1',
      'data/electricity%2F..%2Fgas/g1',
      'data/electricity/%2E%2E/gas/g1',
      'data/electricity/%2e%2e%2fgas%2fg1',
    ]) {
      const response = await session.fetch(`${pod}${path}`);
      await response.arrayBuffer();
      expect([400, 403, 404], path).toContain(response.status);
    }
  });

  it('refuses dot segments sent without normalisation', async () => {
    expect(token).not.toBe('');
    for (const path of [
      'data/electricity/../gas/g1',
      'data/electricity/./../gas/g1',
      'data/electricity/../../grants/carols',
    ]) {
      expect([400, 403, 404], path).toContain(await rawGet(`${pod}${path}`, token));
    }
    expect(await rawGet(`${pod}data/electricity/r1`, token)).toBe(200);
  });
});

describe('protection of grants/ and audit/', () => {
  let session: Session;
  let grantIri: string;
  beforeAll(async () => {
    session = await bobSession();
    grantIri = await putGrant(alice.fetch, pod, 'own', activeGrant(columns[0]!, session.clientId));
    await putGrant(alice.fetch, pod, 'carols', { ...activeGrant(columns[0]!, carol.clientId), grantee: carol.webId });
    await ownerPut(
      'grants/receipts/own',
      `<#receipt> a <${TERMS.SDT}ConsentReceipt>; <${TERMS.SDT}grant> <${grantIri}>.`,
    );
    await ownerPut(
      'grants/requests/own',
      `<#request> a <${TERMS.SDT}AccessRequest>; <${TERMS.SDT}requestor> <${bob.webId}>.`,
    );
    await ownerPut(
      'grants/requests/carols',
      `<#request> a <${TERMS.SDT}AccessRequest>; <${TERMS.SDT}requestor> <${carol.webId}>.`,
    );
  });

  it('lets a grantee read its own grant, its receipts and its requests, and nothing else in grants/', async () => {
    expect((await session.fetch(`${pod}grants/own`)).status).toBe(200);
    expect((await session.fetch(`${pod}grants/receipts/own`)).status).toBe(200);
    expect((await session.fetch(`${pod}grants/requests/own`)).status).toBe(200);
    expect((await session.fetch(`${pod}grants/carols`)).status).toBe(403);
    expect((await session.fetch(`${pod}grants/requests/carols`)).status).toBe(403);
    expect((await session.fetch(`${pod}grants/`)).status).toBe(403);
    expect((await carol.fetch(`${pod}grants/receipts/own`)).status).toBe(403);
  });

  it('refuses a grantee writing grants/, even its own grant', async () => {
    const body = '<#grant> a <https://w3id.org/selfdata-territorial/ns#AccessGrant>.';
    expect((await session.fetch(`${pod}grants/own`, { method: 'PUT', headers: TURTLE, body })).status).toBe(403);
    expect((await session.fetch(`${pod}grants/forged`, { method: 'PUT', headers: TURTLE, body })).status).toBe(403);
    expect((await session.fetch(`${pod}grants/`, { method: 'POST', headers: TURTLE, body })).status).toBe(403);
    expect((await session.fetch(`${pod}grants/own`, { method: 'DELETE' })).status).toBe(403);
    const patch = `@prefix solid: <http://www.w3.org/ns/solid/terms#>. _:p a solid:InsertDeletePatch; solid:inserts { <#grant> <${TERMS.SDT}clientId> "x". }.`;
    expect(
      (
        await session.fetch(`${pod}grants/own`, {
          method: 'PATCH',
          headers: { 'content-type': 'text/n3' },
          body: patch,
        })
      ).status,
    ).toBe(403);
  });

  it('refuses every write to audit/, to a grantee and to the owner alike, and lets the owner read it', async () => {
    const body = '<#e> a <https://w3id.org/selfdata-territorial/ns#AccessLogEntry>.';
    const day = new Date().toISOString().slice(0, 10);
    // Make sure today's log exists.
    await (await session.fetch(`${pod}data/electricity/r1`)).arrayBuffer();
    await waitForAccessLog(alice.fetch, pod, (entries) => entries.length > 0);
    for (const who of [session, alice]) {
      expect((await who.fetch(`${pod}audit/${day}`, { method: 'PUT', headers: TURTLE, body })).status).toBe(403);
      expect((await who.fetch(`${pod}audit/forged`, { method: 'PUT', headers: TURTLE, body })).status).toBe(403);
      expect((await who.fetch(`${pod}audit/`, { method: 'POST', headers: TURTLE, body })).status).toBe(403);
      expect((await who.fetch(`${pod}audit/${day}`, { method: 'DELETE' })).status).toBe(403);
      const patch = `@prefix solid: <http://www.w3.org/ns/solid/terms#>. _:p a solid:InsertDeletePatch; solid:inserts { <#x> a <${TERMS.SDT}AccessLogEntry>. }.`;
      expect(
        (
          await who.fetch(`${pod}audit/${day}`, {
            method: 'PATCH',
            headers: { 'content-type': 'text/n3' },
            body: patch,
          })
        ).status,
      ).toBe(403);
    }
    expect((await session.fetch(`${pod}audit/${day}`)).status).toBe(403);
    expect((await alice.fetch(`${pod}audit/${day}`)).status).toBe(200);
    expect((await alice.fetch(`${pod}audit/`)).status).toBe(200);
  });

  it('lets the owner keep writing its own grants', async () => {
    expect(
      (
        await alice.fetch(`${pod}grants/owner-note`, {
          method: 'PUT',
          headers: TURTLE,
          body: '<#n> <https://example.org/p> 1 .',
        })
      ).ok,
    ).toBe(true);
    expect((await alice.fetch(`${pod}grants/owner-note`, { method: 'DELETE' })).ok).toBe(true);
  });
});

describe('access log', () => {
  it('logs 200 concurrent grantee reads as exactly 200 entries naming the grant', async () => {
    const session = await bobSession();
    const grantIri = await putGrant(alice.fetch, pod, 'concurrent', activeGrant(columns[0]!, session.clientId));
    const statuses = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const response = await session.fetch(`${pod}data/electricity/r1`);
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const mine = (entries: Awaited<ReturnType<typeof readAccessLog>>) =>
      entries.filter((e) => e.client === session.clientId);
    await waitForAccessLog(alice.fetch, pod, (entries) => mine(entries).length >= 200);
    // One more batch period, to see that nothing is written twice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const entries = mine(await readAccessLog(alice.fetch, pod));
    expect(entries).toHaveLength(200);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        agent: bob.webId,
        target: `${pod}data/electricity/r1`,
        modes: [`${TERMS.ACL}Read`],
        outcome: `${TERMS.SDT}Allowed`,
        grant: grantIri,
      });
    }
  });

  it('logs refused and anonymous requests, and never the owner', async () => {
    const session = await bobSession();
    expect((await session.fetch(`${pod}data/health/`)).status).toBe(403);
    expect((await fetch(`${pod}data/gas/g1`)).status).toBe(401);
    expect((await alice.fetch(`${pod}data/water/w1`)).status).toBe(200);
    const entries = await waitForAccessLog(
      alice.fetch,
      pod,
      (all) =>
        all.some((e) => e.client === session.clientId) &&
        all.some((e) => e.agent === undefined && e.target === `${pod}data/gas/g1`),
    );
    const refused = entries.find((e) => e.client === session.clientId);
    expect(refused).toMatchObject({ agent: bob.webId, target: `${pod}data/health/`, outcome: `${TERMS.SDT}Denied` });
    expect(refused?.grant).toBeUndefined();
    expect(entries.find((e) => e.agent === undefined && e.target === `${pod}data/gas/g1`)).toMatchObject({
      outcome: `${TERMS.SDT}Denied`,
    });
    expect(entries.some((e) => e.agent === alice.webId)).toBe(false);
  });
});

describe('inbox limits', () => {
  const request = '@prefix sdt: <https://w3id.org/selfdata-territorial/ns#>. <#request> a sdt:AccessRequest.';

  it('accepts a Turtle access request from an authenticated agent', async () => {
    const response = await bob.fetch(`${pod}inbox/`, { method: 'POST', headers: TURTLE, body: request });
    expect(response.status).toBe(201);
  });

  it('refuses anonymous agents', async () => {
    expect((await fetch(`${pod}inbox/`, { method: 'POST', headers: TURTLE, body: request })).status).toBe(401);
  });

  it('refuses other media types with 415', async () => {
    const response = await bob.fetch(`${pod}inbox/`, {
      method: 'POST',
      headers: { 'content-type': 'application/ld+json' },
      body: '{}',
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('text/turtle');
  });

  it('refuses bodies over 64 KiB with 413', async () => {
    const big = `${request}\n${`# ${'x'.repeat(1000)}\n`.repeat(70)}`;
    const response = await bob.fetch(`${pod}inbox/`, { method: 'POST', headers: TURTLE, body: big });
    expect(response.status).toBe(413);
  });

  it('refuses Turtle that does not parse with 400 and says where', async () => {
    const response = await bob.fetch(`${pod}inbox/`, {
      method: 'POST',
      headers: TURTLE,
      body: '<#a> <#b> "unterminated .\n',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not valid Turtle.*line 1/su);
  });

  it('refuses PATCH and container creation by anyone but the owner', async () => {
    const patch =
      '@prefix solid: <http://www.w3.org/ns/solid/terms#>. _:p a solid:InsertDeletePatch; solid:inserts { <#a> <#b> <#c>. }.';
    expect([403, 415]).toContain(
      (await bob.fetch(`${pod}inbox/p1`, { method: 'PATCH', headers: { 'content-type': 'text/n3' }, body: patch }))
        .status,
    );
    expect([403, 415]).toContain((await bob.fetch(`${pod}inbox/sub/`, { method: 'PUT', headers: TURTLE })).status);
  });
});
