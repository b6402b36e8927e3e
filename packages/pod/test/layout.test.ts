import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { CATEGORIES, CATEGORY_NAMES, LDP, PIM, SOLID } from '@sdt/vocab';
import { AccountClient, LAYOUT, openOwnerSession, readCatalog, setUpLayout } from '@sdt/pod';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';

describe('a provisioned pod', () => {
  let server: TestPodServer;
  let alice: Awaited<ReturnType<typeof loginAs>>;
  let bob: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    server = await startTestPodServer({
      territory: 'nantes',
      citizens: [
        { email: 'alice@nantes.example', password: 'alice-password', podName: 'alice' },
        { email: 'bob@nantes.example', password: 'bob-password', podName: 'bob' },
      ],
    });
    alice = await loginAs(server.baseUrl, 'alice@nantes.example', 'alice-password');
    bob = await loginAs(server.baseUrl, 'bob@nantes.example', 'bob-password');
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await server?.stop();
  });

  it('has every category container, inbox, grants, audit and a catalogue', async () => {
    const paths = [...CATEGORY_NAMES.map((c) => `data/${c}/`), LAYOUT.inbox, LAYOUT.grants, LAYOUT.audit, LAYOUT.catalog];
    for (const path of paths) {
      const response = await alice.fetch(`${alice.podUrl}${path}`, { method: 'HEAD' });
      expect(response.status, path).toBe(200);
    }
    expect(await readCatalog({ podUrl: alice.podUrl, webId: alice.webId, fetch: alice.fetch })).toBeDefined();
  });

  it('links inbox, type indexes and storage from the public WebID profile', async () => {
    const response = await fetch(alice.webId);
    expect(response.status).toBe(200);
    const quads = new Parser({ baseIRI: alice.webId }).parse(await response.text());
    const objects = (predicate: string) => quads.filter((q) => q.subject.value === alice.webId && q.predicate.value === predicate).map((q) => q.object.value);
    expect(objects(LDP.inbox)).toEqual([`${alice.podUrl}inbox/`]);
    expect(objects(SOLID.publicTypeIndex)).toEqual([`${alice.podUrl}settings/publicTypeIndex`]);
    expect(objects(SOLID.privateTypeIndex)).toEqual([`${alice.podUrl}settings/privateTypeIndex`]);
    expect(objects(PIM.storage)).toContain(alice.podUrl);
  });

  it('registers every category class in the public and the private type index', async () => {
    for (const [index, reader] of [[LAYOUT.publicTypeIndex, fetch], [LAYOUT.privateTypeIndex, alice.fetch]] as const) {
      const url = `${alice.podUrl}${index}`;
      const response = await reader(url);
      expect(response.status, index).toBe(200);
      const quads = new Parser({ baseIRI: url }).parse(await response.text());
      for (const name of CATEGORY_NAMES) {
        for (const cls of CATEGORIES[name].classes) {
          const registration = quads.find((q) => q.predicate.value === SOLID.forClass && q.object.value === cls && quads.some((r) => r.subject.equals(q.subject) && r.predicate.value === SOLID.instanceContainer && r.object.value === `${alice.podUrl}data/${name}/`));
          expect(registration, `${index} ${name} ${cls}`).toBeDefined();
        }
      }
    }
  });

  it('keeps personal data and the private index owner-only: 401 anonymous, 403 another citizen', async () => {
    for (const path of ['data/electricity/', 'data/health/', LAYOUT.privateTypeIndex, LAYOUT.catalog, LAYOUT.grants, LAYOUT.audit, LAYOUT.inbox]) {
      const url = `${alice.podUrl}${path}`;
      expect((await fetch(url)).status, `anonymous ${path}`).toBe(401);
      expect((await bob.fetch(url)).status, `bob ${path}`).toBe(403);
      expect((await alice.fetch(url)).status, `alice ${path}`).toBe(200);
    }
  });

  it('lets an authenticated agent append to the inbox but not an anonymous one', async () => {
    const url = `${alice.podUrl}${LAYOUT.inbox}`;
    const body = '<#it> <http://schema.org/name> "hello".';
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle' }, body })).status).toBe(401);
    expect((await bob.fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle' }, body })).status).toBe(201);
  });

  it('sets up the layout on a pod created through the server sign-up alone', async () => {
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const token = await client.createAccount('carol@nantes.example', 'carol-password');
    const { podUrl, webId } = await client.createPod(token, 'carol');
    const session = await openOwnerSession(client, token, webId);
    try {
      expect((await session.fetch(`${podUrl}catalog`)).status).toBe(404);
      const first = await setUpLayout({ podUrl, webId, fetch: session.fetch });
      expect(first.alreadyComplete).toBe(false);
      expect(first.created).toContain('data/electricity/');
      const second = await setUpLayout({ podUrl, webId, fetch: session.fetch });
      expect(second).toEqual({ created: [], alreadyComplete: true });
    } finally {
      await session.close();
    }
  });
});
