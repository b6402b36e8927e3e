import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest, revokeGrant } from '@sdt/grants';
import { runServiceJourney, type ResultAnswer, type RunningPartnerApp } from '@sdt/partner-sdk';
import {
  ensureTerritoryStatisticsStudy,
  optInToStudy,
  publishTerritoryStatistics,
  ResearchEngineAccount,
  territoryStatisticsUrl,
} from '@sdt/research';
import { generateCitizen, generateDemoCitizen, type SyntheticCitizen } from '@sdt/synth';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { startEnergyCoach, type EnergyAdvice, type TerritoryComparison } from '../src/index.ts';

type Citizen = Awaited<ReturnType<typeof loginAs>>;

const SYNTH = { months: 2, endMonth: '2026-10' } as const;

/**
 * Five synthetic Nantes homes heated with gas, labelled E like the demo citizen (same months of data):
 * with k = 5 their DPE class is published.
 */
function similarHomes(): SyntheticCitizen[] {
  return Array.from({ length: 80 }, (_, index) => generateCitizen('nantes', index, SYNTH))
    .filter((home) => home.data.housing.heatingEnergy === 'gas' && home.data.gas.daily.length > 0)
    .slice(0, 5)
    .map((home) => {
      home.data.housing.energyLabel = 'E';
      home.data.mobility.trips = [];
      home.data.health.observations = [];
      return home;
    });
}

describe('the energy coach with the Nantes demo citizen on a real pod server', () => {
  let nantes: TestPodServer;
  let app: RunningPartnerApp;
  let citizen: Citizen;
  let homes: SyntheticCitizen[];

  beforeAll(async () => {
    const demo = generateDemoCitizen('nantes', SYNTH);
    homes = similarHomes();
    nantes = await startTestPodServer({
      territory: 'nantes',
      citizens: [demo, ...homes].map((person) => ({
        email: person.account.email,
        password: person.account.password,
        podName: person.account.podName,
        data: person.data,
        source: 'test',
      })),
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
    // Nothing is published yet on this server: the model reference, and the reason.
    expect(advice.reference).toEqual({
      electricity: { source: 'model', measure: 'electricity', reason: 'not-published' },
      gas: { source: 'model', measure: 'gas', reason: 'not-published' },
    });
    expect(journey.afterRevocation).toMatchObject({ ok: false, code: 'grant-revoked' });
  });

  it('compares month by month with the similar homes of the territory once its statistics are published', async () => {
    expect(homes).toHaveLength(5);
    const engine = await ResearchEngineAccount.open({
      serverUrl: nantes.baseUrl,
      password: 'engine-password-for-energy-coach-tests',
      create: true,
    });
    try {
      const study = await ensureTerritoryStatisticsStudy(engine, 'nantes', { minimumGroupSize: 5 });
      for (const home of homes) {
        const session = await loginAs(nantes.baseUrl, home.account.email, home.account.password);
        try {
          await optInToStudy(study, session, { platformServers: [nantes.baseUrl] });
        } finally {
          await session.close();
        }
      }
      const published = await publishTerritoryStatistics({ engine, territory: 'nantes', endpoints: [nantes.baseUrl] });
      expect(published.groupsSuppressed).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }

    const { ticket, grant } = await connect();
    const answer = await result(ticket);
    if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
    const reference = answer.result.reference;
    expect(reference?.dataset).toMatchObject({
      url: territoryStatisticsUrl(nantes.baseUrl),
      territory: 'nantes',
      minimumGroupSize: 5,
    });
    const electricity = reference?.electricity as TerritoryComparison;
    expect(electricity).toMatchObject({
      source: 'territory',
      dimension: 'energyLabel',
      group: 'E',
      groupLabel: 'logements de classe E',
      homes: { min: 5, max: 5 },
    });
    expect(electricity.months.map((month) => month.month)).toEqual(['2026-09', '2026-10']);
    // The published October average is that of the five homes' daily readings (as written in the pods).
    const october = homes.flatMap((home) =>
      home.data.electricity.daily.filter((r) => r.start.startsWith('2026-10')).map((r) => Number(r.kWh.toFixed(3))),
    );
    const average = october.reduce((sum, kWh) => sum + kWh, 0) / october.length;
    expect(electricity.months[1]!.referenceKWhPerDay).toBeCloseTo(average, 1);
    expect(reference?.gas).toMatchObject({ source: 'territory', group: 'E', homes: { min: 5, max: 5 } });

    const page = await (await fetch(`${app.url}resultat?ticket=${ticket}`)).text();
    expect(page).toContain('logements de classe E du territoire');
    expect(page).toContain('octobre 2026');
    expect(page).toContain('(5 logements)');
    expect(page).toContain('données ouvertes de');
    expect(page).toContain(`href="${territoryStatisticsUrl(nantes.baseUrl)}"`);
    await disconnect(grant);
  }, 240_000);

  it('works with the required categories only when the citizen narrows the grant', async () => {
    const { ticket, grant } = await connect({ categories: ['electricity', 'housing'] });
    const answer = await result(ticket);
    if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
    expect(answer.result.gas).toBeUndefined();
    expect(answer.result.personsAssumed).toBe(true);
    expect(answer.dataUsed).toContainEqual({ label: 'Gaz', value: 'non partagé' });
    // Without the household size, the DPE class still finds similar homes in the published statistics.
    expect(answer.result.reference?.electricity).toMatchObject({ source: 'territory', dimension: 'energyLabel' });
    expect(answer.result.reference?.gas).toBeUndefined();
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
