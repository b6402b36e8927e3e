/**
 * `pnpm bench provision [--citizens N] [--runs R] [--batch B] [--full M] [--territory T]`
 *
 * Provisions N citizens (account + email/password login + pod) on fresh territory pod servers
 * (same config, child processes, free ports, temporary folders), twice:
 * - baseline: a plain client of the CSS 7 JSON account API, one citizen after the other
 *   (create account, add the password login, create the pod, following the API's controls);
 * - ours: the operator endpoint `POST /.sdt/provision` of our CSS plugin (batches, password hashing
 *   in a worker thread), through `provisionAccounts` of `@sdt/pod`.
 * Then, for information, the cost of our full provisioning (layout + synthetic data) of M citizens
 * through `provisionCitizen`. Prints citizens/s, the ratio and peak memory; writes
 * `bench-results/provision.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AccountClient,
  provisionAccounts,
  provisionCitizen,
  readOperatorSecret,
  runBounded,
  type OperatorCitizen,
} from '@sdt/pod';
import { generateCitizen } from '@sdt/synth';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { REPO_ROOT } from '../commands/start.ts';
import { startPodServerProcess, type PodServerProcess } from './startPodServerProcess.ts';

interface PhaseResult {
  citizens: number;
  seconds: number;
  perSecond: number;
  peakRssMb: { client: number; server: number | null };
  /** CPU time per citizen (server: all its threads), in ms: robust when other jobs share the machine. */
  cpuMsPerCitizen: { client: number; server: number | null };
  /** Citizens that failed (full provisioning only). */
  failed?: number;
}

interface Meter {
  started: number;
  serverCpu: number | null;
  clientCpu: NodeJS.CpuUsage;
}

function startMeter(server: PodServerProcess): Meter {
  return { started: performance.now(), serverCpu: server.cpuMs(), clientCpu: process.cpuUsage() };
}

interface RunResult {
  baseline: PhaseResult;
  ours: PhaseResult;
  full?: PhaseResult & { concurrency: number };
}

const WARM_UP = 3;

function positive(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < (allowZero ? 0 : 1)) {
    throw new CliError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${value}".`, 2);
  }
  return parsed;
}

function citizensFor(prefix: string, count: number): OperatorCitizen[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `${prefix}-${String(index).padStart(4, '0')}`;
    return { email: `${id}@bench.example`, password: `password of ${id}`, podName: id };
  });
}

/** Samples this process's resident memory while `work` runs; returns its result and the peak in MB. */
async function withClientPeak<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMb: Math.round(peak / 1024 / 102.4) / 10 };
  } finally {
    clearInterval(timer);
  }
}

function phase(server: PodServerProcess, meter: Meter, citizens: number, clientPeakMb: number): PhaseResult {
  const seconds = (performance.now() - meter.started) / 1000;
  const client = process.cpuUsage(meter.clientCpu);
  const serverCpu = server.cpuMs();
  return {
    citizens,
    seconds: round(seconds, 2),
    perSecond: round(citizens / seconds, 2),
    peakRssMb: { client: clientPeakMb, server: server.peakRssMb() },
    cpuMsPerCitizen: {
      client: round((client.user + client.system) / 1000 / citizens, 1),
      server:
        serverCpu === null || meter.serverCpu === null ? null : round((serverCpu - meter.serverCpu) / citizens, 1),
    },
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? round(median(known), 1) : null;
}

/** The baseline: one citizen after the other through the account API, as a plain client does. */
async function runBaseline(server: PodServerProcess, count: number): Promise<PhaseResult> {
  const client = new AccountClient({ serverUrl: server.baseUrl });
  for (const citizen of citizensFor('warm', WARM_UP)) {
    await client.createPod(await client.createAccount(citizen.email, citizen.password), citizen.podName);
  }
  const citizens = citizensFor('base', count);
  const meter = startMeter(server);
  const { peakMb } = await withClientPeak(async () => {
    for (const citizen of citizens) {
      const token = await client.createAccount(citizen.email, citizen.password);
      await client.createPod(token, citizen.podName);
    }
  });
  return phase(server, meter, count, peakMb);
}

/** Ours: the operator endpoint, in batches. Checks that every citizen was created and can log in. */
async function runOurs(server: PodServerProcess, count: number, batchSize: number): Promise<PhaseResult> {
  const secret = await readOperatorSecret(server.rootFilePath);
  if (!secret) throw new CliError(`The pod server at ${server.baseUrl} has no operator secret.`);
  await provisionAccounts(server.baseUrl, citizensFor('warm', WARM_UP), { secret });
  const citizens = citizensFor('ours', count);
  const meter = startMeter(server);
  const { value: results, peakMb } = await withClientPeak(() =>
    provisionAccounts(server.baseUrl, citizens, { secret, batchSize }),
  );
  const measured = phase(server, meter, count, peakMb);
  const failed = results.filter((result) => 'error' in result || result.existed);
  if (failed.length > 0) {
    throw new CliError(
      `${failed.length} citizens were not created by the operator endpoint (first: ${JSON.stringify(failed[0])}).`,
    );
  }
  // Not timed: the accounts work through the normal account API (login with the password, pod listed).
  const client = new AccountClient({ serverUrl: server.baseUrl });
  for (const citizen of [citizens[0]!, citizens[citizens.length - 1]!]) {
    const token = await client.login(citizen.email, citizen.password);
    if (!token) throw new CliError(`${citizen.email} cannot log in after operator provisioning.`);
    const pods = await client.listPods(token);
    if (!(new URL(`${citizen.podName}/`, server.baseUrl).href in pods))
      throw new CliError(`${citizen.email} has no pod.`);
  }
  return measured;
}

/** For information: full provisioning (account, layout, synthetic data) through `provisionCitizen`. */
async function runFull(
  server: PodServerProcess,
  territory: Territory,
  count: number,
  concurrency: number,
): Promise<PhaseResult> {
  const secret = await readOperatorSecret(server.rootFilePath);
  const client = new AccountClient({ serverUrl: server.baseUrl });
  const synthetic = Array.from({ length: count }, (_, index) => generateCitizen(territory, index));
  const errors: string[] = [];
  const meter = startMeter(server);
  const { peakMb } = await withClientPeak(() =>
    runBounded(
      synthetic.map((citizen) => async () => {
        try {
          await provisionCitizen(
            server.baseUrl,
            {
              email: citizen.account.email,
              password: citizen.account.password,
              podName: citizen.account.podName,
              data: citizen.data,
              source: 'bench',
            },
            { client, concurrency: 4, ...(secret ? { operatorSecret: secret } : {}) },
          );
        } catch (error: unknown) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }),
      concurrency,
    ),
  );
  const measured = phase(server, meter, count, peakMb);
  if (errors.length > 0) {
    process.stderr.write(`  full provisioning: ${errors.length} of ${count} citizens failed (first: ${errors[0]})\n`);
  }
  return { ...measured, failed: errors.length };
}

/** Runs the provisioning benchmark (see the file comment). */
export async function benchProvision(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      citizens: { type: 'string' },
      runs: { type: 'string' },
      batch: { type: 'string' },
      full: { type: 'string' },
      territory: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const count = positive('citizens', values.citizens, 200);
  const runs = positive('runs', values.runs, 1);
  const batchSize = positive('batch', values.batch, 50);
  const fullCount = positive('full', values.full, 10, true);
  const territory = (values.territory ?? 'lyon') as Territory;
  if (!TERRITORIES.includes(territory)) throw new CliError(`--territory must be one of ${TERRITORIES.join(', ')}.`, 2);
  const out = path.resolve(values.out ?? path.join(REPO_ROOT, 'bench-results/provision.json'));
  const fullConcurrency = 4;

  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(
    `provision benchmark: ${count} citizens, ${runs} run(s), ${territory} config, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const results: RunResult[] = [];
  for (let run = 0; run < runs; run++) {
    // Alternate the order so that neither path always runs on a warmer (or busier) machine.
    const order: ('baseline' | 'ours')[] = run % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline'];
    const result: Partial<RunResult> = {};
    for (const which of order) {
      const server = await startPodServerProcess(territory);
      try {
        if (which === 'baseline') {
          result.baseline = await runBaseline(server, count);
          log(
            `  run ${run + 1} baseline (account API, sequential): ${result.baseline.perSecond} citizens/s (${result.baseline.seconds} s)`,
          );
        } else {
          result.ours = await runOurs(server, count, batchSize);
          log(
            `  run ${run + 1} ours (operator endpoint): ${result.ours.perSecond} citizens/s (${result.ours.seconds} s)`,
          );
          if (fullCount > 0 && run === 0) {
            result.full = {
              ...(await runFull(server, territory, fullCount, fullConcurrency)),
              concurrency: fullConcurrency,
            };
            log(
              `  full provisioning (account + layout + synthetic data): ${result.full.perSecond} citizens/s, ${round(result.full.seconds / fullCount, 2)} s each`,
            );
          }
        }
      } finally {
        await server.stop();
      }
    }
    results.push(result as RunResult);
  }

  const baselinePerS = round(median(results.map((r) => r.baseline.perSecond)), 2);
  const oursPerS = round(median(results.map((r) => r.ours.perSecond)), 2);
  const maxOf = (values: (number | null)[]): number | null => {
    const known = values.filter((v): v is number => v !== null);
    return known.length > 0 ? Math.max(...known) : null;
  };
  const full = results.find((r) => r.full)?.full;
  const report = {
    benchmark: 'provision',
    date: new Date().toISOString(),
    citizens: count,
    runs,
    baseline_per_s: baselinePerS,
    ours_per_s: oursPerS,
    ratio: round(oursPerS / baselinePerS, 2),
    peak_rss_mb: {
      client: Math.max(...results.flatMap((r) => [r.baseline.peakRssMb.client, r.ours.peakRssMb.client])),
      server: maxOf(results.map((r) => r.ours.peakRssMb.server)),
      baseline_server: maxOf(results.map((r) => r.baseline.peakRssMb.server)),
    },
    cpu_ms_per_citizen: {
      baseline: {
        client: round(median(results.map((r) => r.baseline.cpuMsPerCitizen.client)), 1),
        server: medianOrNull(results.map((r) => r.baseline.cpuMsPerCitizen.server)),
      },
      ours: {
        client: round(median(results.map((r) => r.ours.cpuMsPerCitizen.client)), 1),
        server: medianOrNull(results.map((r) => r.ours.cpuMsPerCitizen.server)),
      },
    },
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadavg_at_end: os.loadavg().map((v) => round(v, 2)),
    },
    citizen:
      'account + verified email/password login + pod (with its WebID profile), as created by the CSS 7 account API',
    baseline:
      'sequential client of the CSS 7 JSON account API: POST account.create, GET controls, POST password.create, GET controls, POST account.pod; one citizen after the other',
    ours: `operator endpoint POST /.sdt/provision of @sdt/css-plugin (batches of ${batchSize}, 4 citizens at a time in the server, bcrypt cost 10 in a worker thread), via provisionAccounts of @sdt/pod`,
    full_provisioning:
      full === undefined
        ? null
        : {
            what: 'provisionCitizen with the operator secret: account + pod via the operator endpoint, then login, client credentials, layout (containers, type indexes, ACP, catalogue) and 12 months of synthetic data',
            citizens: full.citizens,
            concurrency: full.concurrency,
            per_s: full.perSecond,
            seconds_per_citizen: round(full.seconds / full.citizens, 2),
            peak_rss_mb: full.peakRssMb,
            cpu_ms_per_citizen: full.cpuMsPerCitizen,
            failed: full.failed ?? 0,
          },
    per_run: results,
  };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    [
      `citizens: ${count} (median of ${runs} run(s))`,
      `baseline (account API, sequential): ${baselinePerS} citizens/s`,
      `ours (operator endpoint):           ${oursPerS} citizens/s`,
      `ratio:                              ${report.ratio}x`,
      `server CPU per citizen: baseline ${report.cpu_ms_per_citizen.baseline.server ?? '?'} ms, ours ${report.cpu_ms_per_citizen.ours.server ?? '?'} ms (client ${report.cpu_ms_per_citizen.baseline.client} / ${report.cpu_ms_per_citizen.ours.client} ms)`,
      `peak RSS: client ${report.peak_rss_mb.client} MB, server ${report.peak_rss_mb.server ?? '?'} MB (baseline server ${report.peak_rss_mb.baseline_server ?? '?'} MB)`,
      ...(full
        ? [
            `full provisioning (layout + data): ${full.perSecond} citizens/s (${report.full_provisioning?.seconds_per_citizen} s each, ${full.citizens} citizens)`,
          ]
        : []),
      `written to ${path.relative(process.cwd(), out) || out}`,
      '',
    ].join('\n'),
  );
}
