/**
 * The three demo partner services (apps/partner-*), started as child processes by path: the command
 * line never imports an app (apps never import each other).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A demo partner service: its name, territory, default port and entry point. */
export interface DemoPartnerService {
  readonly name: 'solidarity-tariff' | 'energy-coach' | 'co2-coach';
  readonly territory: Territory;
  readonly port: number;
  readonly entry: string;
}

/** The demo services, one per territory, on ports 3201-3203. */
export const DEMO_PARTNER_SERVICES: readonly DemoPartnerService[] = Object.freeze([
  {
    name: 'solidarity-tariff',
    territory: 'lyon',
    port: 3201,
    entry: path.join(REPO, 'apps/partner-solidarity-tariff/src/main.ts'),
  },
  {
    name: 'energy-coach',
    territory: 'nantes',
    port: 3202,
    entry: path.join(REPO, 'apps/partner-energy-coach/src/main.ts'),
  },
  {
    name: 'co2-coach',
    territory: 'larochelle',
    port: 3203,
    entry: path.join(REPO, 'apps/partner-co2-coach/src/main.ts'),
  },
]);

/** Options of {@link startPartnerServices}. */
export interface StartPartnerServicesOptions {
  /** Pod server of each territory (the partner accounts live there). */
  readonly serverUrls: Readonly<Record<Territory, string>>;
  /** Folder of the partners' credentials and kept results (`<dataDir>/<service>/`). */
  readonly dataDir: string;
  /** Which services (default: all three). */
  readonly services?: readonly DemoPartnerService[];
  /** Port of each service (default: 3201-3203). */
  readonly ports?: Partial<Record<DemoPartnerService['name'], number>>;
  /** Where the services' own messages go (default: inherited stderr). */
  readonly quiet?: boolean;
}

/** Running demo services. */
export interface RunningPartnerServices {
  readonly services: readonly { readonly name: DemoPartnerService['name']; readonly url: string }[];
  /** Stops every service started here. */
  readonly stop: () => Promise<void>;
}

function waitForReady(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(
        new CliError(
          `The ${name} service stopped during start (exit ${code}). Is its port in use, or its pod server down?`,
        ),
      );
    child.once('exit', onExit);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) {
        child.off('exit', onExit);
        resolve(message.url);
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the demo partner services (each in its own process) against the territories' pod servers:
 * each opens (or creates) its partner account, registers in its territory's registry, subscribes to
 * webhook notifications and listens on its port (3201-3203). For `pnpm start --with-partners`.
 *
 * @throws CliError when a service cannot start (the others are stopped)
 */
export async function startPartnerServices(options: StartPartnerServicesOptions): Promise<RunningPartnerServices> {
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
  };
  try {
    const services = await Promise.all(
      (options.services ?? DEMO_PARTNER_SERVICES).map(async (service) => {
        const port = options.ports?.[service.name] ?? service.port;
        const child = fork(service.entry, [], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', options.quiet ? 'ignore' : 'inherit', 'ipc'],
          env: {
            ...process.env,
            PORT: String(port),
            SDT_PARTNER_SERVER: options.serverUrls[service.territory],
            SDT_PARTNER_DATA_DIR: path.join(options.dataDir, service.name),
            SDT_PLATFORM_SERVERS: Object.values(options.serverUrls).join(','),
          },
        });
        children.push(child);
        return { name: service.name, url: await waitForReady(child, service.name) };
      }),
    );
    return { services, stop };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}
