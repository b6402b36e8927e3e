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
 * Each server runs in its own child process; the client is plain `node:http` with keep-alive
 * connections and a Bearer token obtained once, so that it costs the server's CPU, not its own.
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
}

const WARM_UP = 100;
const STOCK_CONFIG = path.join(PODS_CONFIG_DIR, 'variants', 'stock-css.json');
const SDT = 'https://w3id.org/selfdata-territorial/ns#';
const RESOURCE = 'data/electricity/daily-2026-10';

interface Party {
  email: string;
  password: string;
  podName: string;
}

const OWNER: Party = { email: 'bench-owner@example.org', password: 'bench-owner-password', podName: 'owner' };
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

async function measure(
  server: PodServerProcess,
  url: string,
  token: string,
  options: Required<Omit<BenchGrantsOptions, 'print'>>,
): Promise<ScenarioResult> {
  const warm = await load(url, token, WARM_UP, options.connections);
  if (warm.errors > 0) throw new CliError(`The warm-up GETs of ${url} failed (${warm.errors} errors).`);
  const cpuBefore = server.cpuMs();
  const run = await load(url, token, options.requests, options.connections);
  const cpuAfter = server.cpuMs();
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 100) / 100;
  return {
    requests: options.requests,
    errors: run.errors,
    seconds: round(run.seconds),
    perSecond: round(options.requests / run.seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    serverCpuMsPerRequest:
      cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / options.requests),
  };
}

async function setUpParties(
  server: PodServerProcess,
): Promise<{ owner: BenchAgent; partner: BenchAgent; url: string }> {
  await provisionCitizen(server.baseUrl, OWNER);
  await provisionCitizen(server.baseUrl, PARTNER);
  const owner = await logIn(server.baseUrl, OWNER);
  const partner = await logIn(server.baseUrl, PARTNER);
  const url = `${owner.podUrl}${RESOURCE}`;
  await send(owner, 'PUT', url, readingsTurtle());
  return { owner, partner, url };
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

  say('stock CSS 7.2 (plugin overrides undone):');
  const stock = await startPodServerProcess(settings.territory, { ...process.env, SDT_EXTRA_CONFIGS: STOCK_CONFIG });
  try {
    const { owner, partner, url } = await setUpParties(stock);
    report('stockOwner', await measure(stock, url, owner.token, settings));
    await send(owner, 'PUT', `${url}.acr`, acrTurtle(url, partner.webId, partner.clientId));
    report('stockAcpGrantee', await measure(stock, url, partner.token, settings));
  } finally {
    await stock.stop();
  }

  say('with the grant plugin (shipped config):');
  const plugin = await startPodServerProcess(settings.territory);
  try {
    const { owner, partner, url } = await setUpParties(plugin);
    report('pluginOwner', await measure(plugin, url, owner.token, settings));
    await send(owner, 'PUT', `${owner.podUrl}grants/bench-partner`, grantTurtle(partner.webId, partner.clientId));
    report('pluginGrantee1', await measure(plugin, url, partner.token, settings));
    say(`  writing ${settings.grants - 1} more grants...`);
    await runBounded(
      Array.from(
        { length: settings.grants - 1 },
        (_, i) => () =>
          send(
            owner,
            'PUT',
            `${owner.podUrl}grants/other-${i}`,
            grantTurtle(`https://partner-${i}.example/profile/card#me`, `client-${i}`),
          ),
      ),
      4,
    );
    report('pluginGrantee1000', await measure(plugin, url, partner.token, settings));
  } finally {
    await plugin.stop();
  }

  const all = scenarios as BenchGrantsResult['scenarios'];
  const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
  const ratios: BenchGrantsResult['ratios'] = {
    grantee1VsAcp: ratio(all.pluginGrantee1.perSecond, all.stockAcpGrantee.perSecond),
    grantee1000VsAcp: ratio(all.pluginGrantee1000.perSecond, all.stockAcpGrantee.perSecond),
    grantee1000VsGrantee1: ratio(all.pluginGrantee1000.perSecond, all.pluginGrantee1.perSecond),
    ownerPluginVsStock: ratio(all.pluginOwner.perSecond, all.stockOwner.perSecond),
  };
  say(
    `ratios: grantee (1 grant) / plain ACP ${ratios.grantee1VsAcp}x, grantee (${settings.grants} grants) / plain ACP ${ratios.grantee1000VsAcp}x (aim >= 0.8), ${settings.grants} vs 1 grant ${ratios.grantee1000VsGrantee1}x, owner plugin / stock ${ratios.ownerPluginVsStock}x`,
  );
  return { options: settings, scenarios: all, ratios };
}
