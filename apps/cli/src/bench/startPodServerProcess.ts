import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PODS_CONFIG_DIR } from '@sdt/pods-config';
import type { Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';

/** A territory pod server running in a child process, for benchmarks. */
export interface PodServerProcess {
  baseUrl: string;
  pid: number;
  /** Its temporary data folder (removed by `stop`). */
  rootFilePath: string;
  /** Peak resident memory of the server process so far, in MB (Linux `VmHWM`), or `null` elsewhere. */
  peakRssMb: () => number | null;
  /** CPU time (user + system, all threads) used by the server process so far, in ms, or `null` outside Linux. */
  cpuMs: () => number | null;
  /** Stops the server and removes its data folder. */
  stop: () => Promise<void>;
}

async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident set size of process `pid` in MB, from `/proc/<pid>/status`; `null` when unavailable. */
export function readPeakRssMb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/mu.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) of process `pid` in ms, from `/proc/<pid>/stat` (clock ticks of 10 ms). */
export function readCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Starts a fresh pod server of `territory` (the shipped config) in a child process, on a free
 * loopback port, with a temporary data folder.
 *
 * @throws CliError when the server does not start.
 */
export async function startPodServerProcess(
  territory: Territory,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PodServerProcess> {
  const rootFilePath = await mkdtemp(path.join(tmpdir(), `sdt-bench-${territory}-`));
  const port = await getFreePort();
  const child = fork(path.join(PODS_CONFIG_DIR, 'src/serve.ts'), [territory, String(port), rootFilePath], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...env, SDT_LOG_LEVEL: 'error' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) =>
        reject(new CliError(`The ${territory} pod server stopped during start (exit ${code}).`)),
      );
      child.on('message', (message: { type?: string; baseUrl?: string }) => {
        if (message.type === 'ready' && message.baseUrl) resolve(message.baseUrl);
      });
    });
    const pid = child.pid ?? 0;
    return {
      baseUrl,
      pid,
      rootFilePath,
      peakRssMb: () => readPeakRssMb(pid),
      cpuMs: () => readCpuMs(pid),
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.kill('SIGTERM');
          await exited;
          clearTimeout(timer);
        }
        await rm(rootFilePath, { recursive: true, force: true });
      },
    };
  } catch (error: unknown) {
    child.kill('SIGKILL');
    await rm(rootFilePath, { recursive: true, force: true });
    throw error;
  }
}
