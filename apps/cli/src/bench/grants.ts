/**
 * Grant enforcement benchmark: GET throughput and p50/p99 latency of one ~2 KB Turtle resource of a
 * citizen's `data/electricity/`, in one run, for
 * - `stockOwner`: the owner on stock CSS 7.2 (the territory config with `pods-config/variants/stock-css.json`,
 *   which undoes the grant plugin's overrides);
 * - `stockAcpGrantee`: a partner allowed by an equivalent plain ACP policy (an ACR matching its WebID
 *   and client id, read) on that stock server;
 * - `pluginOwner`: the owner through the plugin (shipped territory config);
 * - `pluginGrantee1`: the partner through the plugin, one grant in the pod, access log included;
 * - `pluginGrantee1000`: the same with 1,000 grants in the pod.
 * Both servers run at once, each in its own child process (an idle CSS costs nothing), and the
 * scenarios are measured in interleaved rounds, so that the machine's other load touches them
 * alike; server CPU per request is reported too (robust on a shared machine). The client is plain
 * `node:http` with keep-alive connections and a Bearer token obtained once.
 * The lead's `pnpm bench grants` calls {@link benchGrants} and writes `bench-results/grants.json`.
 */
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { AccountClient, provisionCitizen, runBounded } from '@sdt/pod';
import { PODS_CONFIG_DIR } from '@sdt/pods-config';
import type { Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { startPodServerProcess, type PodServerProcess } from './startPodServerProcess.ts';

/** Options of {@link benchGrants}. */
export interface BenchGrantsOptions {
  /** Measured GETs per scenario (after the warm-up), 2,000 by default. */
  requests?: number;
  /** Concurrent keep-alive connections, 10 by default. */
  connections?: number;
  /** Grants in the pod for the large-registry scenario, 1,000 by default. */
  grants?: number;
  territory?: Territory;
  /** Prints progress and figures (default true). */
  print?: boolean;
}

/** Figures of one scenario. */
export interface ScenarioResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU per request (all threads), ms; robust when other jobs share the machine. */
  serverCpuMsPerRequest: number | null;
}

/** What {@link benchGrants} returns. */
export interface BenchGrantsResult {
  options: Required<Omit<BenchGrantsOptions, 'print'>>;
  scenarios: Record<
    'stockOwner' | 'stockAcpGrantee' | 'pluginOwner' | 'pluginGrantee1' | 'pluginGrantee1000',
    ScenarioResult
  >;
  ratios: {
    /** Plugin grantee (1 grant) throughput / plain ACP grantee throughput on stock CSS; aim >= 0.8. */
    grantee1VsAcp: number;
    /** Plugin grantee (1,000 grants) throughput / plain ACP grantee throughput; aim >= 0.8. */
    grantee1000VsAcp: number;
    /** 1,000 grants vs 1 grant, through the plugin (1 = registry size does not matter). */
    grantee1000VsGrantee1: number;
    /** Owner through the plugin / owner on stock CSS. */
    ownerPluginVsStock: number;
  };
  /**
   * The same ratios from server CPU per request (the reference's CPU / the plugin's CPU): what the
   * throughput ratios would be on a machine where the server has the CPU to itself. Reads are
   * CPU-bound in CSS, and on a shared machine the throughput of each scenario depends on what else
   * runs at that moment; these do not.
   */
  cpuRatios: BenchGrantsResult['ratios'] | null;
}

const WARM_UP = 100;
const ROUNDS = 4;
const STOCK_CONFIG = path.join(PODS_CONFIG_DIR, 'variants', 'stock-css.json');
const SDT = 'https://w3id.org/selfdata-territorial/ns#';
/** Read by the owner (no ACR of its own on either server, as in a citizen's pod). */
const OWNER_RESOURCE = 'data/electricity/daily-2026-10';
/** Read by the partner: on stock CSS it carries the ACR of the plain ACP policy. */
const SHARED_RESOURCE = 'data/electricity/daily-2026-11';

interface Party {
  email: string;
  password: string;
  podName: string;
}

const OWNER: Party = { email: 'bench-owner@example.org', password: 'bench-owner-password', podName: 'owner' };
const OWNER_LARGE: Party = {
  email: 'bench-owner-large@example.org',
  password: 'bench-owner-password',
  podName: 'large',
};
const PARTNER: Party = { email: 'bench-partner@example.org', password: 'bench-partner-password', podName: 'partner' };

interface BenchAgent {
  webId: string;
  podUrl: string;
  clientId: string;
  token: string;
}

/** A ~2 KB Turtle month of daily readings. */
function readingsTurtle(): string {
  const lines = [
    '@prefix sdt: <https://w3id.org/selfdata-territorial/ns#>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>.',
  ];
  for (let day = 1; day <= 31; day += 1) {
    lines.push(`<#d${day}> a sdt:ElectricityEnergyReading; sdt:kwh ${(8 + (day % 7) * 0.7).toFixed(1)}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Logs in through the account API, makes client credentials and exchanges them for a Bearer token. */
async function logIn(baseUrl: string, party: Party): Promise<BenchAgent> {
  const client = new AccountClient({ serverUrl: baseUrl });
  const accountToken = await client.login(party.email, party.password);
  if (!accountToken) throw new CliError(`The benchmark account ${party.email} cannot log in.`);
  const webId = Object.keys(await client.listWebIds(accountToken))[0];
  const podUrl = Object.keys(await client.listPods(accountToken))[0];
  if (!webId || !podUrl) throw new CliError(`The benchmark account ${party.email} has no pod.`);
  const credentials = await client.createClientCredentials(accountToken, `bench-${Date.now()}`, webId);
  const discovery = (await (await fetch(new URL('.well-known/openid-configuration', baseUrl))).json()) as {
    token_endpoint: string;
  };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(credentials.id)}:${encodeURIComponent(credentials.secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=webid',
  });
  if (!response.ok) throw new CliError(`The token endpoint of ${baseUrl} answered ${response.status}.`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { webId, podUrl, clientId: credentials.id, token };
}

async function send(
  agent: BenchAgent,
  method: string,
  url: string,
  body?: string,
  contentType = 'text/turtle',
): Promise<void> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${agent.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body }),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new CliError(`${method} ${url} answered ${response.status} during the benchmark set-up.`);
}

function grantTurtle(grantee: string, clientId: string): string {
  const now = Date.now();
  return `@prefix sdt: <${SDT}>. @prefix acl: <http://www.w3.org/ns/auth/acl#>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>.
<#grant> a sdt:AccessGrant; sdt:status sdt:Active; sdt:grantee <${grantee}>; sdt:clientId ${JSON.stringify(clientId)};
  sdt:forCategory sdt:electricity; sdt:mode acl:Read;
  sdt:validFrom "${new Date(now - 3_600_000).toISOString()}"^^xsd:dateTime;
  sdt:validUntil "${new Date(now + 86_400_000).toISOString()}"^^xsd:dateTime.
`;
}

function acrTurtle(resourceUrl: string, webId: string, clientId: string): string {
  return `@prefix acp: <http://www.w3.org/ns/solid/acp#>. @prefix acl: <http://www.w3.org/ns/auth/acl#>.
<#acr> a acp:AccessControlResource; acp:resource <${resourceUrl}>; acp:accessControl <#partner>.
<#partner> a acp:AccessControl; acp:apply [ a acp:Policy; acp:allow acl:Read;
  acp:allOf [ a acp:Matcher; acp:agent <${webId}>; acp:client ${JSON.stringify(clientId)} ] ].
`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** GETs `url` `total` times over `connections` keep-alive connections; returns latencies (ms) and errors. */
async function load(
  url: string,
  token: string,
  total: number,
  connections: number,
): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port, pathname } = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = httpRequest(
        { agent, hostname, port, path: pathname, headers: { authorization: `Bearer ${token}`, accept: 'text/turtle' } },
        (res) => {
          res.resume();
          res.once('end', () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) errors += 1;
            resolve();
          });
        },
      );
      req.once('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < total) {
        next += 1;
        await once();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, errors, seconds };
}

/** One scenario: a resource read by one agent on one server. */
interface Scenario {
  name: keyof BenchGrantsResult['scenarios'];
  server: PodServerProcess;
  url: string;
  token: string;
}

interface Tally {
  latencies: number[];
  errors: number;
  seconds: number;
  cpuMs: number | null;
}

/**
 * Measures the scenarios in interleaved rounds (each round runs every scenario for its share of the
 * requests), so that a change in the machine's load during the run touches them all alike.
 */
async function measureInterleaved(
  scenarios: Scenario[],
  settings: Required<Omit<BenchGrantsOptions, 'print'>>,
): Promise<Map<Scenario['name'], ScenarioResult>> {
  for (const scenario of scenarios) {
    const warm = await load(scenario.url, scenario.token, WARM_UP, settings.connections);
    if (warm.errors > 0) throw new CliError(`The warm-up GETs of ${scenario.name} failed (${warm.errors} errors).`);
  }
  const tallies = new Map<Scenario['name'], Tally>(
    scenarios.map((scenario) => [scenario.name, { latencies: [], errors: 0, seconds: 0, cpuMs: 0 }]),
  );
  const perRound = Math.ceil(settings.requests / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const scenario of scenarios) {
      const tally = tallies.get(scenario.name)!;
      const cpuBefore = scenario.server.cpuMs();
      const run = await load(scenario.url, scenario.token, perRound, settings.connections);
      const cpuAfter = scenario.server.cpuMs();
      tally.latencies.push(...run.latencies);
      tally.errors += run.errors;
      tally.seconds += run.seconds;
      tally.cpuMs =
        tally.cpuMs === null || cpuBefore === null || cpuAfter === null ? null : tally.cpuMs + cpuAfter - cpuBefore;
    }
  }
  const round2 = (value: number): number => Math.round(value * 100) / 100;
  const results = new Map<Scenario['name'], ScenarioResult>();
  for (const [name, tally] of tallies) {
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    const requests = tally.latencies.length;
    results.set(name, {
      requests,
      errors: tally.errors,
      seconds: round2(tally.seconds),
      perSecond: round2(requests / tally.seconds),
      p50Ms: round2(percentile(sorted, 50)),
      p99Ms: round2(percentile(sorted, 99)),
      serverCpuMsPerRequest: tally.cpuMs === null ? null : round2(tally.cpuMs / requests),
    });
  }
  return results;
}

/** Provisions an owner with the two resources read by the benchmark, and a partner; returns the pod URL. */
async function setUpParties(server: PodServerProcess, owner: Party): Promise<string> {
  await provisionCitizen(server.baseUrl, owner);
  await provisionCitizen(server.baseUrl, PARTNER);
  const session = await logIn(server.baseUrl, owner);
  for (const resource of [OWNER_RESOURCE, SHARED_RESOURCE]) {
    await send(session, 'PUT', `${session.podUrl}${resource}`, readingsTurtle());
  }
  return session.podUrl;
}

/**
 * Runs the grant enforcement benchmark (see the module comment) and returns its figures and ratios.
 *
 * @throws CliError when a server does not start or a set-up request fails.
 */
export async function benchGrants(options: BenchGrantsOptions = {}): Promise<BenchGrantsResult> {
  const settings = {
    requests: options.requests ?? 2000,
    connections: options.connections ?? 10,
    grants: options.grants ?? 1000,
    territory: options.territory ?? ('lyon' as Territory),
  };
  const print = options.print ?? true;
  const say = (line: string): void => {
    if (print) process.stdout.write(`${line}\n`);
  };
  const scenarios: Partial<BenchGrantsResult['scenarios']> = {};
  const report = (name: keyof BenchGrantsResult['scenarios'], result: ScenarioResult): void => {
    scenarios[name] = result;
    say(
      `  ${name.padEnd(18)} ${result.perSecond.toFixed(1).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms  server CPU ${result.serverCpuMsPerRequest ?? '?'} ms/req${result.errors ? `  ${result.errors} ERRORS` : ''}`,
    );
  };
  say(
    `grants benchmark: ${settings.requests} GETs per scenario, ${settings.connections} connections, ${settings.territory} config`,
  );

  say('starting stock CSS 7.2 (plugin overrides undone) and the shipped config with the plugin...');
  const stock = await startPodServerProcess(settings.territory, { ...process.env, SDT_EXTRA_CONFIGS: STOCK_CONFIG });
  let plugin: PodServerProcess | undefined;
  try {
    plugin = await startPodServerProcess(settings.territory);
    const stockPod = await setUpParties(stock, OWNER);
    const pluginPod = await setUpParties(plugin, OWNER);
    const largePod = await setUpParties(plugin, OWNER_LARGE);
    const stockShared = `${stockPod}${SHARED_RESOURCE}`;
    {
      const large = await logIn(plugin.baseUrl, OWNER_LARGE);
      say(`writing ${settings.grants - 1} grants to other partners into the second pod...`);
      await runBounded(
        Array.from(
          { length: settings.grants - 1 },
          (_, i) => () =>
            send(
              large,
              'PUT',
              `${large.podUrl}grants/other-${i}`,
              grantTurtle(`https://partner-${i}.example/profile/card#me`, `client-${i}`),
            ),
        ),
        4,
      );
    }
    // Tokens live 10 minutes: log in just before measuring, and bind the grants and the ACR to the
    // partner's client id of this login.
    const [stockOwner, stockPartner, pluginOwner, large, partner] = [
      await logIn(stock.baseUrl, OWNER),
      await logIn(stock.baseUrl, PARTNER),
      await logIn(plugin.baseUrl, OWNER),
      await logIn(plugin.baseUrl, OWNER_LARGE),
      await logIn(plugin.baseUrl, PARTNER),
    ];
    await send(
      stockOwner,
      'PUT',
      `${stockShared}.acr`,
      acrTurtle(stockShared, stockPartner.webId, stockPartner.clientId),
    );
    for (const owner of [pluginOwner, large]) {
      await send(owner, 'PUT', `${owner.podUrl}grants/bench-partner`, grantTurtle(partner.webId, partner.clientId));
    }
    say(`measuring in ${ROUNDS} interleaved rounds...`);
    const results = await measureInterleaved(
      [
        { name: 'stockOwner', server: stock, url: `${stockPod}${OWNER_RESOURCE}`, token: stockOwner.token },
        { name: 'stockAcpGrantee', server: stock, url: stockShared, token: stockPartner.token },
        { name: 'pluginOwner', server: plugin, url: `${pluginPod}${OWNER_RESOURCE}`, token: pluginOwner.token },
        { name: 'pluginGrantee1', server: plugin, url: `${pluginPod}${SHARED_RESOURCE}`, token: partner.token },
        { name: 'pluginGrantee1000', server: plugin, url: `${largePod}${SHARED_RESOURCE}`, token: partner.token },
      ],
      settings,
    );
    for (const [name, result] of results) report(name, result);
  } finally {
    await stock.stop();
    await plugin?.stop();
  }

  const all = scenarios as BenchGrantsResult['scenarios'];
  const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
  const ratios: BenchGrantsResult['ratios'] = {
    grantee1VsAcp: ratio(all.pluginGrantee1.perSecond, all.stockAcpGrantee.perSecond),
    grantee1000VsAcp: ratio(all.pluginGrantee1000.perSecond, all.stockAcpGrantee.perSecond),
    grantee1000VsGrantee1: ratio(all.pluginGrantee1000.perSecond, all.pluginGrantee1.perSecond),
    ownerPluginVsStock: ratio(all.pluginOwner.perSecond, all.stockOwner.perSecond),
  };
  const cpu = (name: keyof BenchGrantsResult['scenarios']): number | null => all[name].serverCpuMsPerRequest;
  const cpuRatio = (reference: number | null, measured: number | null): number | null =>
    reference === null || measured === null || measured === 0 ? null : ratio(reference, measured);
  const cpuValues = [
    cpuRatio(cpu('stockAcpGrantee'), cpu('pluginGrantee1')),
    cpuRatio(cpu('stockAcpGrantee'), cpu('pluginGrantee1000')),
    cpuRatio(cpu('pluginGrantee1'), cpu('pluginGrantee1000')),
    cpuRatio(cpu('stockOwner'), cpu('pluginOwner')),
  ];
  const cpuRatios: BenchGrantsResult['cpuRatios'] = cpuValues.every((value) => value !== null)
    ? {
        grantee1VsAcp: cpuValues[0]!,
        grantee1000VsAcp: cpuValues[1]!,
        grantee1000VsGrantee1: cpuValues[2]!,
        ownerPluginVsStock: cpuValues[3]!,
      }
    : null;
  say(
    `ratios: grantee (1 grant) / plain ACP ${ratios.grantee1VsAcp}x, grantee (${settings.grants} grants) / plain ACP ${ratios.grantee1000VsAcp}x (aim >= 0.8), ${settings.grants} vs 1 grant ${ratios.grantee1000VsGrantee1}x, owner plugin / stock ${ratios.ownerPluginVsStock}x`,
  );
  if (cpuRatios) {
    say(
      `from server CPU per request: grantee (1 grant) / plain ACP ${cpuRatios.grantee1VsAcp}x, grantee (${settings.grants} grants) / plain ACP ${cpuRatios.grantee1000VsAcp}x, ${settings.grants} vs 1 grant ${cpuRatios.grantee1000VsGrantee1}x, owner plugin / stock ${cpuRatios.ownerPluginVsStock}x`,
    );
  }
  return { options: settings, scenarios: all, ratios, cpuRatios };
}
