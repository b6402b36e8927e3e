import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest, revokeGrant } from '@sdt/grants';
import { GrantBook, runServiceJourney, type JourneyStep, type RunningPartnerApp } from '@sdt/partner-sdk';
import { generateDemoCitizen } from '@sdt/synth';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { startCo2Coach, type Co2Report } from '../src/index.ts';

type Citizen = Awaited<ReturnType<typeof loginAs>>;

/** Waits for a condition the pod server's webhook makes true (no timing assertion: only a generous deadline). */
async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the CO2 coach with the La Rochelle demo citizen on a real pod server', () => {
  let larochelle: TestPodServer;
  let app: RunningPartnerApp;
  let citizen: Citizen;

  beforeAll(async () => {
    const demo = generateDemoCitizen('larochelle', { months: 2, endMonth: '2026-10' });
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
    // No polling: only webhook notifications (and reads) refresh the answers.
    app = await startCo2Coach({
      port: 0,
      serverUrl: larochelle.baseUrl,
      platformServers: [larochelle.baseUrl],
      register: false,
      pollSeconds: 0,
      warn: () => undefined,
    });
    citizen = await loginAs(larochelle.baseUrl, demo.account.email, demo.account.password);
  }, 180_000);

  afterAll(async () => {
    await citizen?.close();
    await app?.stop();
    await larochelle?.stop();
  });

  it('runs the whole journey and prints one line per step naming the service', async () => {
    const lines: string[] = [];
    const journey = await runServiceJourney({
      service: 'co2-coach',
      appUrl: app.url,
      citizen,
      platformServers: [larochelle.baseUrl],
      onStep: (step: JourneyStep) => lines.push(`${step.service}: ${step.step}: ${step.message}`),
    });
    expect(journey.ok).toBe(true);
    expect(lines).toHaveLength(5);
    expect(lines.every((line) => line.startsWith('co2-coach: '))).toBe(true);
    expect(lines[4]).toMatch(/^co2-coach: refused: revoked: the revocation took effect/);
    const report = (journey.result as { result: Co2Report }).result;
    // The La Rochelle demo citizen commutes by car: there is something to save.
    expect(report.months.length).toBeGreaterThanOrEqual(1);
    expect(report.totalCo2Kg).toBeGreaterThan(0);
    expect(report.suggestions.length).toBeGreaterThan(0);
  });

  it('learns of approvals and revocations from webhook notifications, and deletes what it kept at once', async () => {
    expect(app.webhook?.topic).toBe(app.session.inboxUrl);
    const response = await fetch(`${app.url}api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ webId: citizen.webId }),
    });
    const { requestIri, ticket } = (await response.json()) as { requestIri: string; ticket: string };
    const { grant } = await approveRequest(requestIri, {
      fetch: citizen.fetch,
      webId: citizen.webId,
      platformServers: [larochelle.baseUrl],
    });
    await eventually(() => app.session.book.get(grant.iri) !== undefined, 'the approval notification');
    expect((await (await fetch(`${app.url}api/result?ticket=${ticket}`)).json()) as { ok: boolean }).toMatchObject({
      ok: true,
    });
    expect(await app.store.hasDataFor(grant.iri)).toBe(true);
    await revokeGrant(grant.iri, { fetch: citizen.fetch, webId: citizen.webId, platformServers: [larochelle.baseUrl] });
    await eventually(
      () => GrantBook.stateAt(app.session.book.get(grant.iri)!, new Date()) === 'revoked',
      'the withdrawal notification',
    );
    await eventually(async () => !(await app.store.hasDataFor(grant.iri)), 'the deletion of the kept result');
  });

  it('stops at the end of a short grant: its result is deleted and the pod server refuses it', async () => {
    const until = new Date(Date.now() + 4000);
    const journey = await runServiceJourney({
      service: 'co2-coach',
      appUrl: app.url,
      citizen,
      platformServers: [larochelle.baseUrl],
      approveUntil: until,
      keepGrant: true,
    });
    expect(journey.ok).toBe(true);
    expect(await app.store.hasDataFor(journey.grantIri!)).toBe(true);
    // Wait for the end of the grant (a deadline, not a timing assertion).
    while (Date.now() <= until.getTime() + 50) await new Promise((resolve) => setTimeout(resolve, 250));
    const after = (await (await fetch(`${app.url}api/result?ticket=${journey.ticket!}`)).json()) as {
      ok: boolean;
      code: string;
    };
    expect(after).toMatchObject({ ok: false, code: 'grant-expired' });
    expect(await app.store.hasDataFor(journey.grantIri!)).toBe(false);
    const podUrl = journey.grantIri!.replace(/grants\/[^/]+$/, '');
    expect((await app.session.fetch(`${podUrl}data/mobility/`)).status).toBe(403);
  });
});
