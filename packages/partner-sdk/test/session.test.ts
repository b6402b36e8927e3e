import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest, denyRequest, revokeGrant } from '@sdt/grants';
import { sendRequest } from '@sdt/pod';
import { generateDemoCitizen } from '@sdt/synth';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import {
  GrantExpiredError,
  GrantRevokedError,
  NotGrantedError,
  OutOfScopeError,
  PartnerSession,
  buildClientIdDocument,
  ensurePartnerAccount,
  ensureRegistry,
  listRegisteredServices,
  readHousehold,
  readIncome,
  registerService,
  validateServiceDescription,
  type PartnerCredentials,
  type ServiceDescription,
} from '../src/index.ts';

type Citizen = Awaited<ReturnType<typeof loginAs>>;

const DESCRIPTION: ServiceDescription = validateServiceDescription({
  id: 'test-service',
  territory: 'lyon',
  name: { fr: 'Service de test', en: 'Test service' },
  summary: { fr: 'Un service pour les tests.', en: 'A service for tests.' },
  operator: { name: 'Tests' },
  contact: { email: 'tests@example.org' },
  purpose: 'ServiceProvision',
  legalBasis: 'Consent',
  dataNeeds: [
    { category: 'household', required: true, why: { fr: 'Pour tester.', en: 'To test.' } },
    { category: 'income', required: false, why: { fr: 'Pour tester.', en: 'To test.' } },
  ],
  accessDays: 10,
  retentionDays: 5,
  privacyPolicy: 'https://example.org/privacy',
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an error');
}

describe('a partner session against a real pod server', () => {
  let lyon: TestPodServer;
  let citizen: Citizen;
  let folder: string;
  let credentials: PartnerCredentials;
  let platformServers: string[];

  beforeAll(async () => {
    const demo = generateDemoCitizen('lyon', { months: 1, endMonth: '2026-10' });
    lyon = await startTestPodServer({
      territory: 'lyon',
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
    platformServers = [lyon.baseUrl];
    citizen = await loginAs(lyon.baseUrl, demo.account.email, demo.account.password);
    folder = await mkdtemp(path.join(tmpdir(), 'sdt-partner-'));
    credentials = await ensurePartnerAccount({
      serverUrl: lyon.baseUrl,
      email: 'test-service@partners.lyon.example',
      password: 'partner-test',
      podName: 'partner-test-service',
      credentialsFile: path.join(folder, 'credentials.json'),
    });
  }, 180_000);

  afterAll(async () => {
    await citizen?.close();
    await lyon?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const citizenOptions = (): { fetch: typeof fetch; webId: string; platformServers: string[] } => ({
    fetch: citizen.fetch,
    webId: citizen.webId,
    platformServers,
  });

  it('opens the partner account once and keeps its client id across restarts, in a private file', async () => {
    const again = await ensurePartnerAccount({
      serverUrl: lyon.baseUrl,
      email: 'test-service@partners.lyon.example',
      password: 'partner-test',
      podName: 'partner-test-service',
      credentialsFile: path.join(folder, 'credentials.json'),
    });
    expect(again.clientId).toBe(credentials.clientId);
    expect(again.webId).toBe(`${lyon.baseUrl}partner-test-service/profile/card#me`);
    expect((await stat(path.join(folder, 'credentials.json'))).mode & 0o777).toBe(0o600);
    const wrong = await caught(
      ensurePartnerAccount({
        serverUrl: lyon.baseUrl,
        email: 'test-service@partners.lyon.example',
        password: 'other',
        podName: 'partner-test-service',
      }),
    );
    expect(wrong).toMatchObject({ code: 'auth' });
  });

  it('says NotGranted before any answer, and after a refusal', async () => {
    const session = PartnerSession.connect(credentials, DESCRIPTION, { platformServers });
    expect(await caught(readHousehold(session, citizen.webId))).toBeInstanceOf(NotGrantedError);
    const requestIri = await session.requestAccess(citizen.webId);
    expect(session.grantStateCounts()).toMatchObject({ pending: 1 });
    await denyRequest(requestIri, citizenOptions());
    const error = await caught(readHousehold(session, citizen.webId));
    expect(error).toBeInstanceOf(NotGrantedError);
    expect((error as Error).message).toMatch(/the citizen refused the request/);
    expect(session.grantStateCounts()).toMatchObject({ pending: 0, refused: 1 });
  });

  it('reads what is granted, and says OutOfScope for an optional category the citizen kept', async () => {
    const session = PartnerSession.connect(credentials, DESCRIPTION, { platformServers });
    const requestIri = await session.requestAccess(citizen.webId);
    const { grant } = await approveRequest(requestIri, { ...citizenOptions(), categories: ['household'] });
    const household = await readHousehold(session, citizen.webId);
    expect(household.size).toBe(3);
    const error = await caught(readIncome(session, citizen.webId));
    expect(error).toBeInstanceOf(OutOfScopeError);
    expect(error).toMatchObject({ code: 'out-of-scope', category: 'income', grant: grant.iri, statusCode: undefined });
    await revokeGrant(grant.iri, citizenOptions());
  });

  it('says GrantExpired from its own copy once the validity window is over, without asking the pod server', async () => {
    const clock: { now?: Date } = {};
    const session = PartnerSession.connect(credentials, DESCRIPTION, {
      platformServers,
      now: () => clock.now ?? new Date(),
    });
    const requestIri = await session.requestAccess(citizen.webId);
    const { grant } = await approveRequest(requestIri, citizenOptions());
    expect((await readHousehold(session, citizen.webId)).size).toBe(3);
    clock.now = new Date(Date.parse(grant.validUntil) + 1000);
    const error = await caught(readHousehold(session, citizen.webId));
    expect(error).toBeInstanceOf(GrantExpiredError);
    expect((error as GrantExpiredError).statusCode).toBeUndefined();
    await revokeGrant(grant.iri, citizenOptions());
  });

  it('tells a revocation from the grant record when the withdrawal receipt never reached it', async () => {
    const session = PartnerSession.connect(credentials, DESCRIPTION, { platformServers });
    const requestIri = await session.requestAccess(citizen.webId);
    const { grant } = await approveRequest(requestIri, citizenOptions());
    expect((await readHousehold(session, citizen.webId)).size).toBe(3);
    const { receipt } = await revokeGrant(grant.iri, citizenOptions());
    // Lose the withdrawal receipt in the partner's inbox.
    const inbox = await sendRequest(session.fetch, session.inboxUrl, { headers: { accept: 'text/turtle' } }, [200]);
    const items = [...(await inbox.text()).matchAll(/<([^>]+)>/g)]
      .map((m) => new URL(m[1]!, session.inboxUrl).href)
      .filter((url) => url.startsWith(session.inboxUrl) && url !== session.inboxUrl);
    for (const item of new Set(items)) {
      const body = await (await session.fetch(item)).text();
      if (body.includes(receipt.identifier)) await session.fetch(item, { method: 'DELETE' });
    }
    const error = await caught(readHousehold(session, citizen.webId));
    expect(error).toBeInstanceOf(GrantRevokedError);
    expect((error as GrantRevokedError).statusCode).toBe(403);
  });

  it('sends a batch of requests and reports each failure without stopping', async () => {
    const session = PartnerSession.connect(credentials, DESCRIPTION, { platformServers });
    const results = await session.requestAccessBatch([citizen.webId, `${lyon.baseUrl}nobody/profile/card#me`]);
    expect('requestIri' in results[0]!).toBe(true);
    const failed = results[1] as { citizen: string; error: { code: string } };
    expect(failed.citizen).toBe(`${lyon.baseUrl}nobody/profile/card#me`);
    expect(['not-found', 'forbidden']).toContain(failed.error.code);
  });
});

describe('the service registry on a real pod server', () => {
  let nantes: TestPodServer;
  const operator = { email: 'registry@nantes.example', password: 'registry-test' };

  beforeAll(async () => {
    nantes = await startTestPodServer({ territory: 'nantes' });
  }, 120_000);

  afterAll(async () => {
    await nantes?.stop();
  });

  it('lists nothing before any registration', async () => {
    expect(await listRegisteredServices({ serverUrl: nantes.baseUrl })).toEqual([]);
  });

  it('lists registered services for anyone, and leaves out entries that are not valid services', async () => {
    const description = { ...DESCRIPTION, territory: 'nantes' as const };
    await registerService(buildClientIdDocument(description, 'http://localhost:3299/'), {
      location: { serverUrl: nantes.baseUrl },
      operator,
    });
    // Registering again replaces the entry.
    await registerService(buildClientIdDocument(description, 'http://localhost:3299/'), {
      location: { serverUrl: nantes.baseUrl },
      operator,
    });
    const registry = await ensureRegistry({ serverUrl: nantes.baseUrl }, operator);
    try {
      await sendRequest(
        registry.fetch,
        `${registry.servicesUrl}broken`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/ld+json' },
          body: '{"client_id": "http://x.example/clientid.jsonld"}',
        },
        [201, 204, 205],
      );
    } finally {
      await registry.close();
    }
    const invalid: string[] = [];
    const services = await listRegisteredServices(
      { serverUrl: nantes.baseUrl },
      { onInvalid: (entry, error) => invalid.push(`${entry}: ${error.message}`) },
    );
    expect(services.map((s) => [s.id, s.appUrl, s.clientId])).toEqual([
      ['test-service', 'http://localhost:3299/', 'http://localhost:3299/clientid.jsonld'],
    ]);
    expect(services[0]!.description).toEqual(description);
    expect(invalid).toEqual([
      expect.stringMatching(/services\/broken: Invalid service description: service_description: is required/),
    ]);
  });

  it('refuses to register an invalid description and writes nothing', async () => {
    const document = {
      ...buildClientIdDocument(DESCRIPTION, 'http://localhost:3298/'),
      service_description: { ...DESCRIPTION, id: 'bad', retentionDays: 99 },
    };
    await expect(
      registerService(document as never, { location: { serverUrl: nantes.baseUrl }, operator }),
    ).rejects.toThrow(/retentionDays: 99 days is longer than the grant duration/);
    expect((await listRegisteredServices({ serverUrl: nantes.baseUrl })).map((s) => s.id)).not.toContain('bad');
  });
});
