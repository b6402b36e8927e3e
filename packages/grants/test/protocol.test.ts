import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { LAYOUT } from '@sdt/pod';
import { validateTurtle } from '@sdt/vocab';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import {
  approveRequest,
  denyRequest,
  discoverInbox,
  GrantsError,
  listAnswers,
  listGrants,
  listPendingRequests,
  listReceipts,
  listRequests,
  readAccessLog,
  readGrant,
  receiptAnswers,
  revokeGrant,
  sendAccessRequest,
  type AccessRequestInput,
  type InvalidInboxItem,
} from '@sdt/grants';

type Session = Awaited<ReturnType<typeof loginAs>>;

async function refusal(promise: Promise<unknown>): Promise<GrantsError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (GrantsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the grant protocol between a partner on Lyon and a citizen on Nantes', () => {
  let nantes: TestPodServer;
  let lyon: TestPodServer;
  let alice: Session;
  let partner: Session;
  let partnerInbox: string;
  let platformServers: string[];
  let request: (change?: Partial<AccessRequestInput>) => AccessRequestInput;

  beforeAll(async () => {
    [nantes, lyon] = await Promise.all([
      startTestPodServer({
        territory: 'nantes',
        citizens: [{ email: 'alice@nantes.example', password: 'alice-password', podName: 'alice' }],
      }),
      startTestPodServer({
        territory: 'lyon',
        citizens: [{ email: 'coach@lyon.example', password: 'coach-password', podName: 'coach' }],
      }),
    ]);
    alice = await loginAs(nantes.baseUrl, 'alice@nantes.example', 'alice-password');
    partner = await loginAs(lyon.baseUrl, 'coach@lyon.example', 'coach-password');
    partnerInbox = await discoverInbox(partner.webId, partner);
    platformServers = [nantes.baseUrl, lyon.baseUrl];
    request = (change = {}) => ({
      citizenWebId: alice.webId,
      requestor: partner.webId,
      categories: ['electricity', 'gas'],
      purpose: 'ServiceProvision',
      days: 30,
      clientId: partner.clientId,
      explanation: {
        fr: 'Comparer votre consommation à celle de foyers semblables.',
        en: 'Compare your use with similar households.',
      },
      replyTo: partnerInbox,
      requestorName: 'Coach énergie',
      ...change,
    });
    await alice.fetch(`${alice.podUrl}data/electricity/daily-2026-10`, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: '<#r1> <https://saref.etsi.org/core/hasValue> 12.5 .',
    });
  }, 120_000);

  afterAll(async () => {
    await alice?.close();
    await partner?.close();
    await Promise.all([nantes?.stop(), lyon?.stop()]);
  });

  const owner = (): { fetch: typeof fetch; webId: string; platformServers: string[] } => ({
    fetch: alice.fetch,
    webId: alice.webId,
    platformServers,
  });

  async function grantsTree(): Promise<string[]> {
    const list = async (path: string): Promise<string[]> => {
      const response = await alice.fetch(`${alice.podUrl}${path}`);
      if (response.status === 404) return [];
      const text = await response.text();
      const base = `${alice.podUrl}${path}`;
      return new Parser({ baseIRI: base })
        .parse(text)
        .filter((q) => q.subject.value === base && q.predicate.value === 'http://www.w3.org/ns/ldp#contains')
        .map((q) => q.object.value);
    };
    return [
      ...(await list(LAYOUT.grants)),
      ...(await list(`${LAYOUT.grants}requests/`)),
      ...(await list(`${LAYOUT.grants}receipts/`)),
    ].sort();
  }

  it('delivers a request to the inbox named by the WebID profile, where the citizen finds it pending', async () => {
    const iri = await sendAccessRequest(request(), { fetch: partner.fetch, platformServers });
    expect(iri).toMatch(new RegExp(`^${alice.podUrl}inbox/[^/]+#request$`));
    const pending = await listPendingRequests(alice.podUrl, { fetch: alice.fetch, platformServers });
    const name = iri.split('/inbox/')[1]!.split('#')[0]!;
    const found = pending.find((r) => r.iri === `${alice.podUrl}grants/requests/${name}#request`);
    expect(found).toMatchObject({
      requestor: partner.webId,
      clientId: partner.clientId,
      categories: ['electricity', 'gas'],
      modes: ['read'],
      duration: 'P30D',
      status: 'pending',
      receivedAs: iri,
    });
    // The inbox item moved to grants/requests/.
    expect((await alice.fetch(iri.split('#')[0]!)).status).toBe(404);
  });

  it('approves narrower than asked: a grant, a receipt kept and a receipt delivered to the partner', async () => {
    const iri = await sendAccessRequest(request(), { fetch: partner.fetch, platformServers });
    const until = new Date(Date.now() + 7 * 86_400_000);
    const result = await approveRequest(iri, { ...owner(), categories: ['electricity'], until });
    expect(result.delivery.delivered).toBe(true);
    const grant = result.grant;
    expect(grant).toMatchObject({
      status: 'active',
      state: 'active',
      grantee: partner.webId,
      clientId: partner.clientId,
      categories: ['electricity'],
      modes: ['read'],
      grantedBy: alice.webId,
      validUntil: until.toISOString(),
    });
    expect(grant.iri).toMatch(new RegExp(`^${alice.podUrl}grants/[^/]+#grant$`));

    // The grant resource is the docs/grants.md shape, as the pod server will read it.
    const text = await (await alice.fetch(grant.iri.split('#')[0]!)).text();
    const report = await validateTurtle(text, grant.iri.split('#')[0]!);
    expect(report.results).toEqual([]);
    expect(text).toContain('sdt:forCategory sdt:electricity');
    expect(text).not.toContain('sdt:gas');
    expect(await readGrant(grant.iri, { fetch: alice.fetch })).toEqual(grant);

    // Kept by the citizen and received by the partner.
    const kept = (await listReceipts(alice.podUrl, { fetch: alice.fetch })).find((r) => r.grant === grant.iri);
    expect(kept).toMatchObject({
      consentStatus: 'given',
      dataSubject: alice.webId,
      dataController: partner.webId,
      categories: ['electricity'],
    });
    const answers = await listAnswers(partnerInbox, { fetch: partner.fetch });
    const answer = answers.find((r) => r.grant === grant.iri);
    expect(answer).toMatchObject({
      consentStatus: 'given',
      answers: grant.answers,
      validUntil: until.toISOString(),
      personalData: ['https://w3id.org/dpv/pd#UsageData'],
    });

    // Answered once only.
    expect((await refusal(approveRequest(iri, owner()))).code).toBe('already-answered');
    expect(
      (await listRequests(alice.podUrl, { fetch: alice.fetch })).find((r) => r.iri === grant.answers),
    ).toMatchObject({ status: 'approved', grant: grant.iri });
  });

  it('never approves wider than asked, and writes nothing when refusing to', async () => {
    const iri = await sendAccessRequest(request({ categories: ['electricity'], days: 10 }), {
      fetch: partner.fetch,
      platformServers,
    });
    await listPendingRequests(alice.podUrl, { fetch: alice.fetch, platformServers });
    const before = await grantsTree();
    const wider = await refusal(approveRequest(iri, { ...owner(), categories: ['electricity', 'gas'] }));
    expect(wider).toMatchObject({ code: 'invalid-argument', field: 'categories' });
    expect(wider.message).toMatch(/"gas" was not asked for/);
    const later = await refusal(approveRequest(iri, { ...owner(), until: new Date(Date.now() + 20 * 86_400_000) }));
    expect(later).toMatchObject({ code: 'invalid-argument', field: 'until' });
    const past = await refusal(approveRequest(iri, { ...owner(), until: '2020-01-01T00:00:00Z' }));
    expect(past).toMatchObject({ code: 'invalid-argument', field: 'until' });
    expect(await grantsTree()).toEqual(before);
  });

  it('revokes: status Revoked with its time, and a withdrawal receipt to the partner', async () => {
    const iri = await sendAccessRequest(request({ categories: ['gas'] }), { fetch: partner.fetch, platformServers });
    const { grant } = await approveRequest(iri, owner());
    const revoked = await revokeGrant(grant.iri, owner());
    expect(revoked.grant).toMatchObject({ status: 'revoked', state: 'revoked' });
    expect(revoked.grant.revokedAt).toBeDefined();
    expect(revoked.delivery.delivered).toBe(true);
    expect(await readGrant(grant.iri, { fetch: alice.fetch })).toMatchObject({
      status: 'revoked',
      revokedAt: revoked.grant.revokedAt,
    });
    const text = await (await alice.fetch(grant.iri.split('#')[0]!)).text();
    expect((await validateTurtle(text, grant.iri.split('#')[0]!)).conforms).toBe(true);
    const withdrawn = (await listAnswers(partnerInbox, { fetch: partner.fetch }))
      .filter((r) => r.grant === grant.iri)
      .map((r) => r.consentStatus);
    expect(withdrawn.sort()).toEqual(['given', 'withdrawn']);
    expect((await refusal(revokeGrant(grant.iri, owner()))).code).toBe('already-revoked');
  });

  it('denies: a refusal receipt to the partner and no grant', async () => {
    const iri = await sendAccessRequest(request({ categories: ['water'] }), { fetch: partner.fetch, platformServers });
    const grantsBefore = (await listGrants(alice.podUrl, { fetch: alice.fetch })).length;
    const result = await denyRequest(iri, owner());
    expect(result.request.status).toBe('refused');
    expect(result.delivery.delivered).toBe(true);
    expect(result.receipt).toMatchObject({ consentStatus: 'refused', categories: ['water'] });
    expect(result.receipt.grant).toBeUndefined();
    expect((await listGrants(alice.podUrl, { fetch: alice.fetch })).length).toBe(grantsBefore);
    const answer = (await listAnswers(partnerInbox, { fetch: partner.fetch })).find((r) => receiptAnswers(r, iri));
    expect(answer?.answers).toBe(result.request.iri);
    expect(answer?.consentStatus).toBe('refused');
    expect((await refusal(approveRequest(iri, owner()))).code).toBe('already-answered');
  });

  it('lists grants by state, expiry derived from the time', async () => {
    const iri = await sendAccessRequest(request({ categories: ['mobility'], days: 5 }), {
      fetch: partner.fetch,
      platformServers,
    });
    const { grant } = await approveRequest(iri, owner());
    const active = await listGrants(alice.podUrl, { fetch: alice.fetch, state: 'active' });
    expect(active.map((g) => g.iri)).toContain(grant.iri);
    const later = new Date(Date.parse(grant.validUntil) + 1000);
    expect(
      (await listGrants(alice.podUrl, { fetch: alice.fetch, state: 'expired', now: later })).map((g) => g.iri),
    ).toContain(grant.iri);
    expect(
      (await listGrants(alice.podUrl, { fetch: alice.fetch, state: 'active', now: later })).map((g) => g.iri),
    ).not.toContain(grant.iri);
    const revoked = await listGrants(alice.podUrl, { fetch: alice.fetch, state: 'revoked' });
    expect(revoked.length).toBeGreaterThanOrEqual(1);
    expect(revoked.every((g) => g.status === 'revoked')).toBe(true);
  });

  describe('refuses invalid requests that reach the inbox, and writes nothing to grants/', () => {
    const cases: [string, (turtle: string) => string, string][] = [
      [
        'bad Turtle',
        () => '<#request> a <https://w3id.org/selfdata-territorial/ns#AccessRequest> ; <x> "unterminated .',
        'turtle',
      ],
      ['a missing purpose', (t) => t.replace(/\s*dpv:hasPurpose dpv:ServiceProvision;/, ''), 'purpose'],
      [
        'an unknown purpose',
        (t) => t.replace('dpv:hasPurpose dpv:ServiceProvision', 'dpv:hasPurpose dpv:Marketing'),
        'purpose',
      ],
      [
        'an unknown category',
        (t) => t.replace('sdt:forCategory sdt:electricity', 'sdt:forCategory sdt:bankAccount'),
        'categories',
      ],
      ['more than 3 years', (t) => t.replace('"P30D"', '"P4Y"'), 'duration'],
      [
        'a mode the category does not allow',
        (t) =>
          t
            .replace('sdt:forCategory sdt:electricity', 'sdt:forCategory sdt:health')
            .replace('sdt:mode acl:Read', 'sdt:mode acl:Append'),
        'modes',
      ],
      [
        'a replyTo on a private address',
        (t) => t.replace(/sdt:replyTo <[^>]+>/, 'sdt:replyTo <http://192.168.1.10/inbox/>'),
        'replyTo',
      ],
      [
        'a replyTo on loopback outside the platform',
        (t) => t.replace(/sdt:replyTo <[^>]+>/, 'sdt:replyTo <http://127.0.0.1:6379/>'),
        'replyTo',
      ],
      [
        'a replyTo that is not http',
        (t) => t.replace(/sdt:replyTo <[^>]+>/, 'sdt:replyTo <file:///etc/passwd>'),
        'replyTo',
      ],
      ['more than 64 KiB', (t) => `${t}\n# ${'x'.repeat(70 * 1024)}\n`, 'size'],
    ];

    it.each(cases)('%s', async (_label, mutate, field) => {
      const { buildAccessRequest } = await import('@sdt/grants');
      const { turtle } = await buildAccessRequest(request({ categories: ['electricity'] }), { platformServers });
      await listPendingRequests(alice.podUrl, { fetch: alice.fetch, platformServers });
      const before = await grantsTree();
      const posted = await partner.fetch(`${alice.podUrl}inbox/`, {
        method: 'POST',
        headers: { 'content-type': 'text/turtle' },
        body: mutate(turtle),
      });
      await posted.arrayBuffer();
      if (posted.status >= 400) {
        // Refused by the pod server itself (size or syntax checks of the inbox): also fine.
        expect(posted.status).toBeLessThan(500);
        expect(await grantsTree()).toEqual(before);
        return;
      }
      const location = posted.headers.get('location')!;
      const invalid: InvalidInboxItem[] = [];
      await listPendingRequests(alice.podUrl, {
        fetch: alice.fetch,
        platformServers,
        onInvalid: (item) => invalid.push(item),
      });
      const mine = invalid.find((item) => item.url === location);
      expect(mine?.error.code).toBe('invalid-request');
      expect(mine?.error.field).toBe(field);
      expect(await grantsTree()).toEqual(before);
      // Approving it directly is refused the same way.
      const direct = await refusal(approveRequest(`${location}#request`, owner()));
      expect(direct.field).toBe(field);
      expect(await grantsTree()).toEqual(before);
      await listPendingRequests(alice.podUrl, { fetch: alice.fetch, platformServers, removeInvalid: true });
      expect((await alice.fetch(location)).status).toBe(404);
    });
  });

  it('reads an empty access log when nobody but the owner came', async () => {
    const entries = await readAccessLog(alice.podUrl, { fetch: alice.fetch });
    expect(Array.isArray(entries)).toBe(true);
  });

  it('lets the partner on Lyon read the granted category on Nantes, nothing else, until revoked; the citizen reads it in the log', async () => {
    // Start from no grant in force (earlier tests left some).
    for (const active of await listGrants(alice.podUrl, { fetch: alice.fetch, state: 'active' }))
      await revokeGrant(active.iri, owner());
    const granted0 = await partner.fetch(`${alice.podUrl}data/electricity/daily-2026-10`);
    await granted0.arrayBuffer();
    expect(granted0.status).toBe(403);
    const iri = await sendAccessRequest(request({ categories: ['electricity'] }), {
      fetch: partner.fetch,
      platformServers,
    });
    const { grant } = await approveRequest(iri, owner());
    const granted = `${alice.podUrl}data/electricity/daily-2026-10`;
    const read = await partner.fetch(granted);
    expect(read.status).toBe(200);
    expect(await read.text()).toContain('hasValue');
    expect((await partner.fetch(`${alice.podUrl}data/electricity/`)).status).toBe(200);
    const other = await partner.fetch(`${alice.podUrl}data/health/observations`);
    await other.arrayBuffer();
    expect(other.status).toBe(403);
    const { grant: revoked } = await revokeGrant(grant.iri, owner());
    const afterRevoke = await partner.fetch(granted);
    await afterRevoke.arrayBuffer();
    expect(afterRevoke.status).toBe(403);
    // The server may batch log writes: wait until the entries are there.
    let entries: Awaited<ReturnType<typeof readAccessLog>> = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      entries = (await readAccessLog(alice.podUrl, { fetch: alice.fetch })).filter((e) => e.agent === partner.webId);
      const allowed = entries.some((e) => e.outcome === 'allowed' && e.grant === grant.iri);
      const deniedAfter = entries.some(
        (e) => e.outcome === 'denied' && e.target === granted && e.time >= revoked.revokedAt!,
      );
      if (allowed && deniedAfter) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(entries).toContainEqual({
      time: expect.any(String),
      agent: partner.webId,
      client: partner.clientId,
      target: granted,
      mode: 'read',
      outcome: 'allowed',
      grant: grant.iri,
    });
    expect(entries.some((e) => e.outcome === 'denied' && e.target === granted && e.time >= revoked.revokedAt!)).toBe(
      true,
    );
  });
});
