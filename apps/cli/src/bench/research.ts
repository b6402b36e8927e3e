/**
 * `pnpm bench research [--pods N] [--data-dir D] [--concurrency C] [--ports 3211,3212,3213]`
 *
 * N consenting synthetic pods (default 1,000) spread over the three territory servers, each with a
 * dwelling (DPE label) and a year of daily electricity (12 monthly resources); the query "average
 * daily kWh per month by DPE class". In one run, over the same pods:
 *   1. our engine through the servers' research endpoints (take the query to the data);
 *   2. our engine over HTTP only;
 *   3. `@comunica/query-sparql` per pod over the same resources with the same authenticated fetch;
 *   4. the HTTP floor: list, fetch and parse the same resources with the same concurrency, no query.
 * Also how the endpoint and HTTP paths grow from a tenth of the pods (at most 100) to N, and the
 * engine's CPU time. Writes `bench-results/research.json`.
 *
 * Pods are provisioned ONCE into `<data-dir>` (default `.data/bench-research/`; accounts through the
 * operator endpoint, then layout, data and opt-in through HTTP as a citizen would) and reused by
 * later runs, which is why the servers use fixed ports. The first run of 1,000 pods takes long.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AccountClient, openOwnerSession, provisionAccounts, readOperatorSecret, setUpLayout } from '@sdt/pod';
import { PODS_CONFIG_DIR } from '@sdt/pods-config';
import {
  AVG_KWH_BY_LABEL_MONTH,
  countComunicaSolutionsOverHttp,
  createKeepAliveFetch,
  dwellingTurtle,
  electricityMonthTurtle,
  fetchResourcesAsQuads,
  listPodResources,
  optInToStudy,
  publishStudy,
  readStudy,
  ResearchEngineAccount,
  runStudyQuery,
  type Study,
  type StudyAnswer,
} from '@sdt/research';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { REPO_ROOT } from '../commands/start.ts';

const ENGINE_PASSWORD = 'bench-research-engine-password';
const LABELS = ['LabelA', 'LabelB', 'LabelC', 'LabelD', 'LabelE', 'LabelF', 'LabelG'];
const YEAR = 2025;

interface Manifest {
  ports: number[];
  study?: string;
  pods: { territory: Territory; email: string; podUrl: string }[];
}

interface Server {
  territory: Territory;
  baseUrl: string;
  rootFilePath: string;
  child: ChildProcess;
}

async function startServer(territory: Territory, port: number, rootFilePath: string): Promise<Server> {
  await mkdir(rootFilePath, { recursive: true });
  const child = fork(path.join(PODS_CONFIG_DIR, 'src/serve.ts'), [territory, String(port), rootFilePath], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, SDT_LOG_LEVEL: 'error' },
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new CliError(`The ${territory} pod server stopped during start (exit ${code}); is port ${port} free?`)),
    );
    child.on('message', (message: { type?: string; baseUrl?: string }) => {
      if (message.type === 'ready' && message.baseUrl) resolve(message.baseUrl);
    });
  });
  return { territory, baseUrl, rootFilePath, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  server.child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}

async function mapBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Provisions the missing pods (accounts, layout, a year of data, opt-in); returns the manifest. */
async function provision(servers: Server[], manifest: Manifest, pods: number, dataDir: string): Promise<Manifest> {
  const manifestPath = path.join(dataDir, 'manifest.json');
  const save = (): Promise<void> => writeFile(manifestPath, JSON.stringify(manifest, null, 1));
  const platformServers = servers.map((s) => s.baseUrl);
  let study: Study;
  if (manifest.study === undefined) {
    const engine = await ResearchEngineAccount.open({
      serverUrl: servers[0]!.baseUrl,
      password: ENGINE_PASSWORD,
      create: true,
    });
    study = await publishStudy(
      {
        slug: 'bench-dpe-electricity',
        title: { fr: 'Consommation électrique par classe DPE', en: 'Electricity use by energy label' },
        team: 'Benchmark',
        institution: 'Self Data Territorial',
        description: { fr: 'Banc d’essai.', en: 'Benchmark.' },
        categories: ['electricity', 'housing'],
        endDate: new Date(Date.now() + 2 * 365 * 86_400_000).toISOString(),
        privacyBudget: 1,
        minimumGroupSize: 5,
      },
      engine,
    );
    await engine.close();
    manifest.study = study.iri;
    await save();
  } else {
    study = await readStudy(manifest.study);
  }
  const missing = pods - manifest.pods.length;
  if (missing <= 0) return manifest;
  process.stderr.write(`provisioning ${missing} pods into ${dataDir} (done once, reused by later runs)...\n`);
  const started = Date.now();
  const todo = Array.from({ length: missing }, (_, i) => manifest.pods.length + i);
  const secrets = new Map<string, string>();
  for (const server of servers) {
    const secret = await readOperatorSecret(server.rootFilePath);
    if (!secret) throw new CliError(`No operator secret in ${server.rootFilePath}.`);
    secrets.set(server.baseUrl, secret);
  }
  // Accounts and pods in batches through the operator endpoint.
  const planned = todo.map((index) => {
    const server = servers[index % servers.length]!;
    return {
      index,
      server,
      email: `bench-${index}@research.example`,
      password: `bench-password-${index}`,
      podName: `bench-${index}`,
    };
  });
  for (const server of servers) {
    const batch = planned.filter((p) => p.server === server);
    if (batch.length === 0) continue;
    const results = await provisionAccounts(
      server.baseUrl,
      batch.map(({ email, password, podName }) => ({ email, password, podName })),
      { secret: secrets.get(server.baseUrl)!, batchSize: 100 },
    );
    const failed = results.find((r) => 'error' in r);
    if (failed && 'error' in failed) throw new CliError(`Provisioning ${failed.email} failed: ${failed.error.message}`);
  }
  let done = 0;
  await mapBounded(planned, 6, async (p) => {
    const client = new AccountClient({ serverUrl: p.server.baseUrl });
    const token = await client.login(p.email, p.password);
    if (!token) throw new CliError(`Cannot log in as ${p.email}.`);
    const webId = Object.keys(await client.listWebIds(token))[0]!;
    const podUrl = Object.keys(await client.listPods(token))[0]!;
    const session = await openOwnerSession(client, token, webId);
    try {
      await setUpLayout({ podUrl, webId, fetch: session.fetch });
      const put = async (resource: string, body: string): Promise<void> => {
        const response = await session.fetch(`${podUrl}${resource}`, {
          method: 'PUT',
          headers: { 'content-type': 'text/turtle' },
          body,
        });
        await response.arrayBuffer();
        if (!response.ok) throw new CliError(`PUT ${podUrl}${resource} answered ${response.status}.`);
      };
      await put('data/housing/dwelling', dwellingTurtle(LABELS[p.index % LABELS.length]!));
      for (let month = 1; month <= 12; month++) {
        await put(
          `data/electricity/daily-${YEAR}-${String(month).padStart(2, '0')}`,
          electricityMonthTurtle(YEAR, month, p.index),
        );
      }
      await optInToStudy(study, { fetch: session.fetch, webId, podUrl }, { platformServers });
    } finally {
      await session.close();
    }
    manifest.pods.push({ territory: p.server.territory, email: p.email, podUrl });
    done++;
    if (done % 25 === 0 || done === planned.length) {
      await save();
      process.stderr.write(`  ${done}/${planned.length} pods (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
  });
  manifest.pods.sort((a, b) => Number(a.email.split(/[-@]/u)[1]) - Number(b.email.split(/[-@]/u)[1]));
  await save();
  return manifest;
}

interface Timed<T> {
  ms: number;
  cpuMs: number;
  value: T;
}

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), value };
}

function summary(answer: StudyAnswer): string {
  return answer.rows
    .map(
      (row) =>
        `${row.bindings.label?.value}|${row.bindings.month?.value}|${row.bindings.avgKwh?.value}|${row.bindings.days?.value}`,
    )
    .join('\n');
}

/** Entry of `pnpm bench research`. */
export async function benchResearch(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pods: { type: 'string', default: '1000' },
      'data-dir': { type: 'string', default: path.join(REPO_ROOT, '.data', 'bench-research') },
      concurrency: { type: 'string', default: '16' },
      ports: { type: 'string', default: '3211,3212,3213' },
    },
  });
  const pods = Number(values.pods);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(pods) || pods < 3) throw new CliError('--pods must be an integer of at least 3.');
  const dataDir = path.resolve(values['data-dir']);
  const ports = values.ports.split(',').map(Number);
  const manifestPath = path.join(dataDir, 'manifest.json');
  let manifest: Manifest = { ports, pods: [] };
  if (existsSync(manifestPath)) {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    if (manifest.ports.join(',') !== ports.join(','))
      throw new CliError(
        `${dataDir} was provisioned with ports ${manifest.ports.join(',')}; pass --ports ${manifest.ports.join(',')} or another --data-dir.`,
      );
  }
  const servers: Server[] = [];
  try {
    for (const [i, territory] of TERRITORIES.entries())
      servers.push(await startServer(territory, ports[i]!, path.join(dataDir, territory)));
    manifest = await provision(servers, manifest, pods, dataDir);
    const study = await readStudy(manifest.study!);
    const all = manifest.pods.slice(0, pods).map((p) => ({ podUrl: p.podUrl }));
    const small = all.filter((_, i) => i < Math.min(100, Math.max(3, Math.floor(pods / 10))));
    const engine = await ResearchEngineAccount.open({ serverUrl: servers[0]!.baseUrl, password: ENGINE_PASSWORD });
    const keepAlive = createKeepAliveFetch(concurrency * 2);
    try {
      const client = await engine.openStudyClient(study.slug, keepAlive.fetch);
      const fetchFn = client.fetch;
      const endpoints = servers.map((s) => s.baseUrl);
      // The HTTP floor: list, fetch and parse the same resources with the same concurrency, no query.
      const floorRead = async (list: typeof all): Promise<number> => {
        let quads = 0;
        await mapBounded(list, concurrency, async ({ podUrl }) => {
          const urls = await listPodResources(fetchFn, podUrl, study.categories);
          quads += (await fetchResourcesAsQuads(fetchFn, urls)).length;
        });
        return quads;
      };
      const run = (list: typeof all, viaEndpoints: boolean): Promise<StudyAnswer> =>
        runStudyQuery({
          study,
          query: AVG_KWH_BY_LABEL_MONTH,
          pods: list,
          fetch: fetchFn,
          endpoints: viaEndpoints ? endpoints : [],
          concurrency,
        });
      // Warm up: token, connections, the endpoint's evaluator module, and every pod's entry in the
      // servers' grant caches (one listing per pod), so that no phase pays for loading them.
      const warm = all.slice(0, Math.min(30, Math.max(3, Math.floor(all.length / 10))));
      await run(warm, true);
      await run(warm, false);
      await floorRead(warm);
      await mapBounded(all, concurrency, async ({ podUrl }) => {
        await listPodResources(fetchFn, podUrl, ['housing']);
      });
      process.stderr.write(`running on ${all.length} pods...\n`);
      const endpoint = await timed(() => run(all, true));
      process.stderr.write(`  research endpoints: ${endpoint.ms} ms\n`);
      const http = await timed(() => run(all, false));
      process.stderr.write(`  HTTP only: ${http.ms} ms\n`);
      if (summary(endpoint.value) !== summary(http.value)) throw new CliError('The endpoint and HTTP answers differ.');
      const floor = await timed(() => floorRead(all));
      process.stderr.write(`  HTTP floor: ${floor.ms} ms\n`);
      const comunica = await timed(async () => {
        let solutions = 0;
        await mapBounded(all, concurrency, async ({ podUrl }) => {
          const urls = await listPodResources(fetchFn, podUrl, study.categories);
          solutions += await countComunicaSolutionsOverHttp(AVG_KWH_BY_LABEL_MONTH, urls, fetchFn);
        });
        return solutions;
      });
      process.stderr.write(`  Comunica: ${comunica.ms} ms\n`);
      const endpointSmall = await timed(() => run(small, true));
      const httpSmall = await timed(() => run(small, false));
      const failed = endpoint.value.report.podsFailed + http.value.report.podsFailed;
      const result = {
        pods: all.length,
        ratios: {
          vs_comunica: Math.round((comunica.ms / endpoint.ms) * 100) / 100,
          http_vs_floor: Math.round((http.ms / floor.ms) * 100) / 100,
        },
        query: 'average daily kWh per month by DPE class',
        servers: servers.length,
        concurrency,
        resourcesPerPod: 13,
        timesMs: { endpoint: endpoint.ms, http: http.ms, comunica: comunica.ms, httpFloor: floor.ms },
        engineCpuMs: { endpoint: endpoint.cpuMs, http: http.cpuMs, comunica: comunica.cpuMs, httpFloor: floor.cpuMs },
        podsPerSecond: {
          endpoint: Math.round((all.length / endpoint.ms) * 1000),
          http: Math.round((all.length / http.ms) * 1000),
          comunica: Math.round((all.length / comunica.ms) * 1000),
        },
        scaling: {
          pods: [small.length, all.length],
          endpointMs: [endpointSmall.ms, endpoint.ms],
          httpMs: [httpSmall.ms, http.ms],
          endpointGrowth: Math.round((endpoint.ms / endpointSmall.ms) * 100) / 100,
          httpGrowth: Math.round((http.ms / httpSmall.ms) * 100) / 100,
        },
        rows: endpoint.value.rows.length,
        groupsSuppressed: endpoint.value.report.groupsSuppressed,
        podsFailed: failed,
        note: 'One run per figure on a machine shared with other work; the first run provisions the pods (cached in the data folder).',
      };
      await mkdir(path.join(REPO_ROOT, 'bench-results'), { recursive: true });
      await writeFile(path.join(REPO_ROOT, 'bench-results', 'research.json'), `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await keepAlive.close();
      await engine.close();
    }
  } finally {
    for (const server of servers) await stopServer(server);
  }
}
