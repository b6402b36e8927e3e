import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest, revokeGrant } from '@sdt/grants';
import { runServiceJourney, type ResultAnswer, type RunningPartnerApp } from '@sdt/partner-sdk';
import { generateDemoCitizen } from '@sdt/synth';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { startEnergyCoach, type EnergyAdvice } from '../src/index.ts';

type Citizen = Awaited<ReturnType<typeof loginAs>>;

describe('the energy coach with the Nantes demo citizen on a real pod server', () => {
  let nantes: TestPodServer;
  let app: RunningPartnerApp;
  let citizen: Citizen;

  beforeAll(async () => {
    const demo = generateDemoCitizen('nantes', { months: 2, endMonth: '2026-10' });
    nantes = await startTestPodServer({
      territory: 'nantes',
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
    app = await startEnergyCoach({
      port: 0,
      serverUrl: nantes.baseUrl,
      platformServers: [nantes.baseUrl],
      register: false,
      pollSeconds: 0,
      warn: () => undefined,
    });
    citizen = await loginAs(nantes.baseUrl, demo.account.email, demo.account.password);
  }, 180_000);

  afterAll(async () => {
    await citizen?.close();
    await app?.stop();
    await nantes?.stop();
  });

  /** The service asks, the citizen approves (possibly narrower or shorter); returns the ticket and grant. */
  async function connect(
    options: { categories?: string[]; until?: Date } = {},
  ): Promise<{ ticket: string; grant: string }> {
    const response = await fetch(`${app.url}api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ webId: citizen.webId }),
    });
    const { requestIri, ticket } = (await response.json()) as { requestIri: string; ticket: string };
    const approved = await approveRequest(requestIri, {
      fetch: citizen.fetch,
      webId: citizen.webId,
      platformServers: [nantes.baseUrl],
      ...options,
    });
    return { ticket, grant: approved.grant.iri };
  }

  /** The citizen revokes a grant (so that the next test starts without an active one). */
  async function disconnect(grant: string): Promise<void> {
    await revokeGrant(grant, { fetch: citizen.fetch, webId: citizen.webId, platformServers: [nantes.baseUrl] });
  }

  async function result(ticket: string): Promise<ResultAnswer<EnergyAdvice>> {
    return (await (await fetch(`${app.url}api/result?ticket=${ticket}`)).json()) as ResultAnswer<EnergyAdvice>;
  }

  it('runs the whole journey: request, approval, comparison with similar homes, revocation, refusal', async () => {
    const journey = await runServiceJourney({
      service: 'energy-coach',
      appUrl: app.url,
      citizen,
      platformServers: [nantes.baseUrl],
    });
    expect(journey.steps.map((step) => [step.step, step.ok])).toEqual([
      ['request', true],
      ['approve', true],
      ['result', true],
      ['revoke', true],
      ['refused', true],
    ]);
    const advice = (journey.result as { result: EnergyAdvice }).result;
    // The Nantes demo citizen: a 112 m2 house, label E, heated with gas, four people.
    expect(advice.group).toBe('logements de classe E de 80 à 119 m²');
    expect(advice.gas?.annualKWh).toBeGreaterThan(0);
    expect(advice.personsAssumed).toBe(false);
    expect(journey.afterRevocation).toMatchObject({ ok: false, code: 'grant-revoked' });
  });

  it('works with the required categories only when the citizen narrows the grant', async () => {
    const { ticket, grant } = await connect({ categories: ['electricity', 'housing'] });
    const answer = await result(ticket);
    if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
    expect(answer.result.gas).toBeUndefined();
    expect(answer.result.personsAssumed).toBe(true);
    expect(answer.dataUsed).toContainEqual({ label: 'Gaz', value: 'non partagé' });
    await disconnect(grant);
  });

  it('stops reading and deletes its result when the grant expires, and the pod server refuses it too', async () => {
    const until = new Date(Date.now() + 4000);
    const { ticket, grant } = await connect({ until });
    expect((await result(ticket)).ok).toBe(true);
    expect(await app.store.hasDataFor(grant)).toBe(true);
    // Wait for the end of the grant (a deadline, not a timing assertion).
    while (Date.now() <= until.getTime() + 50) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await result(ticket)).toMatchObject({ ok: false, code: 'grant-expired' });
    expect(await app.store.hasDataFor(grant)).toBe(false);
    const direct = await app.session.fetch(`${citizen.podUrl}data/housing/dwelling`);
    expect(direct.status).toBe(403);
  });

  it('reports data that does not have the expected shape instead of crashing', async () => {
    const { ticket, grant } = await connect();
    const put = await citizen.fetch(`${citizen.podUrl}data/housing/dwelling`, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: '<#dwelling> a <https://w3id.org/selfdata-territorial/ns#Dwelling>, <https://schema.org/Accommodation> .',
    });
    expect(put.ok).toBe(true);
    const answer = await result(ticket);
    expect(answer).toMatchObject({ ok: false, code: 'invalid-data' });
    const page = await (await fetch(`${app.url}resultat?ticket=${ticket}`)).text();
    expect(page).toContain('pas la forme attendue');
    await disconnect(grant);
  });
});
