import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { provisionCitizen, runBounded } from '@sdt/pod';
import { generateCitizen } from '@sdt/synth';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import type { CitizenData } from '@sdt/vocab';
import {
  optInToStudy,
  publishTerritoryStatistics,
  readStudy,
  readTerritoryStatistics,
  ResearchEngineAccount,
  TERRITORY_STATISTICS_SLUG,
  ensureTerritoryStatisticsStudy,
  territoryStatisticsUrl,
  validateStatisticsCube,
  type StatisticsDimension,
  type StatisticsMeasure,
  type StatisticsObservation,
  type Study,
} from '@sdt/research';

type Session = Awaited<ReturnType<typeof loginAs>>;

const ENGINE_PASSWORD = 'engine-password-for-statistics-tests';
const K = 10;
const NOW = new Date('2025-11-15T10:00:00Z');

interface Home {
  readonly server: 'lyon' | 'nantes';
  readonly index: number;
  readonly data: CitizenData;
  readonly optIn: boolean;
}

/** 12 Lyon homes (11 label D, 1 label B) and 1 Nantes home (label D) opt in; one more Lyon home (D) does not. */
function makeHomes(): Home[] {
  const homes: Home[] = [];
  const make = (server: Home['server'], index: number, label: 'B' | 'D', optIn: boolean): void => {
    const { data } = generateCitizen(server, index, { seed: 'stats', endMonth: '2025-10', months: 2 });
    data.housing.energyLabel = label;
    data.mobility.trips = [];
    data.health.observations = [];
    homes.push({ server, index, data, optIn });
  };
  for (let i = 0; i < 12; i++) make('lyon', i, i === 11 ? 'B' : 'D', true);
  make('nantes', 0, 'D', true);
  make('lyon', 12, 'D', false);
  return homes;
}

/** Plain-TS reference over the synthetic data (readings rounded as the pod mapping writes them). */
function reference(homes: readonly Home[]): StatisticsObservation[] {
  const groups = new Map<string, { sum: number; count: number; homes: Set<number> }>();
  homes.forEach((home, h) => {
    if (!home.optIn) return;
    const keys: Record<StatisticsDimension, string> = {
      energyLabel: home.data.housing.energyLabel,
      householdSize: String(home.data.household.size),
      district: home.data.household.district,
    };
    const readings: Record<StatisticsMeasure, { start: string; value: number }[]> = {
      electricity: home.data.electricity.daily.map((r) => ({ start: r.start, value: Number(r.kWh.toFixed(3)) })),
      gas: home.data.gas.daily.map((r) => ({ start: r.start, value: Number(r.kWh.toFixed(3)) })),
      water: home.data.water.daily.map((r) => ({ start: r.start, value: Number(r.volumeM3.toFixed(3)) * 1000 })),
    };
    for (const [measure, list] of Object.entries(readings))
      for (const reading of list)
        for (const [dimension, value] of Object.entries(keys)) {
          const key = [measure, dimension, value, reading.start.slice(0, 7)].join('|');
          const group = groups.get(key) ?? { sum: 0, count: 0, homes: new Set<number>() };
          group.sum += reading.value;
          group.count++;
          group.homes.add(h);
          groups.set(key, group);
        }
  });
  return [...groups]
    .filter(([, g]) => g.homes.size >= K)
    .map(([key, g]) => {
      const [measure, dimension, value, month] = key.split('|') as [
        StatisticsMeasure,
        StatisticsDimension,
        string,
        string,
      ];
      return {
        measure,
        dimension,
        value,
        month,
        averagePerDay: g.sum / g.count,
        unit: measure === 'water' ? 'L/day' : 'kWh/day',
        homes: g.homes.size,
      };
    });
}

function keyOf(o: StatisticsObservation): string {
  return [o.measure, o.dimension, o.value, o.month].join('|');
}

describe('territory statistics published from consenting pods on real pod servers (Lyon and Nantes)', () => {
  let lyon: TestPodServer;
  let nantes: TestPodServer;
  let engine: ResearchEngineAccount;
  let nantesEngine: ResearchEngineAccount;
  let study: Study;
  let homes: Home[];
  let sessions: Session[] = [];
  let endpoints: string[];
  let nantesStopped = false;

  beforeAll(async () => {
    [lyon, nantes] = await Promise.all([
      startTestPodServer({ territory: 'lyon' }),
      startTestPodServer({ territory: 'nantes' }),
    ]);
    endpoints = [lyon.baseUrl, nantes.baseUrl];
    homes = makeHomes();
    const account = (home: Home): { email: string; password: string; podName: string } => ({
      email: `s${home.index}@${home.server}.example`,
      password: `password-${home.index}`,
      podName: `s${home.index}`,
    });
    await runBounded(
      homes.map((home) => async () => {
        const server = home.server === 'lyon' ? lyon : nantes;
        await provisionCitizen(
          server.baseUrl,
          { ...account(home), data: home.data, source: 'test' },
          { concurrency: 4 },
        );
      }),
      4,
    );
    engine = await ResearchEngineAccount.open({ serverUrl: lyon.baseUrl, password: ENGINE_PASSWORD, create: true });
    study = await ensureTerritoryStatisticsStudy(engine, 'lyon');
    sessions = await Promise.all(
      homes.map((home) =>
        loginAs((home.server === 'lyon' ? lyon : nantes).baseUrl, account(home).email, account(home).password),
      ),
    );
    await runBounded(
      homes.map((home, i) => async () => {
        if (home.optIn) await optInToStudy(study, sessions[i]!, { platformServers: endpoints });
      }),
      4,
    );
  }, 240_000);

  afterAll(async () => {
    // The Nantes server is stopped by the last test: its sessions cannot be closed any more.
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
    await engine?.close();
    await nantesEngine?.close().catch(() => undefined);
    await Promise.all([lyon?.stop(), nantesStopped ? undefined : nantes?.stop()]);
  });

  it('publishes the standing statistics study once, for official statistics, k = 10, no noise', async () => {
    const again = await ensureTerritoryStatisticsStudy(engine, 'lyon');
    expect(again.iri).toBe(study.iri);
    expect(await readStudy(study.iri)).toMatchObject({
      slug: TERRITORY_STATISTICS_SLUG,
      purpose: 'https://w3id.org/dpv#ProvideOfficialStatistics',
      minimumGroupSize: 10,
      usesNoise: false,
      categories: ['electricity', 'gas', 'water', 'housing', 'household'],
      title: { fr: 'Statistiques territoriales de Lyon' },
    });
  });

  it('says nothing is published before the first publication (null, no login)', async () => {
    expect(await readTerritoryStatistics(lyon.baseUrl)).toBeNull();
  });

  it('publishes k-anonymous monthly averages equal to a direct computation, readable without login', async () => {
    const progress: number[] = [];
    const published = await publishTerritoryStatistics({
      engine,
      territory: 'lyon',
      endpoints,
      now: NOW,
      onProgress: (p) => progress.push(p.query),
    });
    expect(published.coverage).toEqual({ podsAsked: 13, podsAnswered: 13, podsFailed: 0 });
    expect(published.failures).toEqual([]);
    expect(progress.at(-1)).toBe(9);
    expect(published.groupsSuppressed).toBeGreaterThan(0);

    const expected = reference(homes);
    expect(published.observations.map(keyOf).sort()).toEqual(expected.map(keyOf).sort());
    const byKey = new Map(published.observations.map((o) => [keyOf(o), o]));
    for (const e of expected) {
      const o = byKey.get(keyOf(e))!;
      expect(o.homes).toBe(e.homes);
      expect(o.averagePerDay).toBeCloseTo(e.averagePerDay, e.measure === 'water' ? 0 : 2);
      expect(o.homes).toBeGreaterThanOrEqual(K);
    }
    // The label D group: 12 consenting homes on two servers (the 13th Lyon home did not opt in).
    const d = published.observations.filter(
      (o) => o.measure === 'electricity' && o.value === 'D' && o.dimension === 'energyLabel',
    );
    expect(d.map((o) => [o.month, o.homes])).toEqual([
      ['2025-09', 12],
      ['2025-10', 12],
    ]);
    // The single label B home is never published.
    expect(published.observations.some((o) => o.dimension === 'energyLabel' && o.value === 'B')).toBe(false);

    const read = await readTerritoryStatistics(lyon.baseUrl, { fetch: globalThis.fetch });
    expect(read).toEqual({
      territory: 'lyon',
      datasetUrl: territoryStatisticsUrl(lyon.baseUrl),
      study: study.iri,
      issued: NOW.toISOString(),
      minimumGroupSize: K,
      coverage: published.coverage,
      observations: published.observations,
    });
  });

  it('does not count the 30-minute load curve as daily readings', async () => {
    const read = (await readTerritoryStatistics(lyon.baseUrl))!;
    const october = read.observations.find(
      (o) => o.measure === 'electricity' && o.value === 'D' && o.month === '2025-10',
    )!;
    // Daily readings are 5-60 kWh; counting curve intervals (watts) would move the average far away.
    expect(october.averagePerDay).toBeGreaterThan(3);
    expect(october.averagePerDay).toBeLessThan(80);
  });

  it('serves a cube that conforms to the Data Cube shape, under an open licence, to anyone', async () => {
    const url = territoryStatisticsUrl(lyon.baseUrl);
    const response = await fetch(url, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    const turtle = await response.text();
    expect(turtle).toContain('qb:DataStructureDefinition');
    expect(turtle).toContain('licence-ouverte');
    await validateStatisticsCube(new Parser({ baseIRI: url }).parse(turtle));
    // Anyone may read, only the engine may write.
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: '<#a> <#b> <#c>.',
    });
    expect([401, 403]).toContain(put.status);
  });

  it('publishes a valid empty cube, and says so, when nobody opted in', async () => {
    nantesEngine = await ResearchEngineAccount.open({
      serverUrl: nantes.baseUrl,
      password: ENGINE_PASSWORD,
      create: true,
    });
    const published = await publishTerritoryStatistics({
      engine: nantesEngine,
      territory: 'nantes',
      endpoints,
      now: NOW,
    });
    expect(published.note).toMatch(/No home has opted in/u);
    expect(published.coverage).toEqual({ podsAsked: 0, podsAnswered: 0, podsFailed: 0 });
    const read = await readTerritoryStatistics(nantes.baseUrl);
    expect(read).toMatchObject({ territory: 'nantes', observations: [], coverage: { podsAsked: 0 } });
  });

  it('reports a pod on a server that is down as failed, in the result and in the cube', async () => {
    await nantes.stop();
    nantesStopped = true;
    const published = await publishTerritoryStatistics({ engine, territory: 'lyon', endpoints, now: NOW });
    expect(published.coverage).toEqual({ podsAsked: 13, podsAnswered: 12, podsFailed: 1 });
    expect(published.failures.map((f) => [f.pod, f.reason])).toEqual([[sessions[12]!.podUrl, 'server-unreachable']]);
    const read = (await readTerritoryStatistics(lyon.baseUrl))!;
    expect(read.coverage).toEqual({ podsAsked: 13, podsAnswered: 12, podsFailed: 1 });
    expect(
      read.observations
        .filter((o) => o.measure === 'electricity' && o.value === 'D' && o.dimension === 'energyLabel')
        .map((o) => o.homes),
    ).toEqual([11, 11]);
  });
});
