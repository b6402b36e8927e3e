import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '@solid/community-server';
import { AppRunner } from '@solid/community-server';
import type { Territory } from '@sdt/vocab';

/** Folder of this package (configs live next to `src/`). */
export const PODS_CONFIG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Static facts about a territory's pod server. */
export interface TerritoryServer {
  territory: Territory;
  name: string;
  /** Default port of the embedded start. */
  port: number;
  /** Absolute path of the Components.js config. */
  config: string;
}

/** The three territory pod servers and their default ports (a contract: 3101, 3102, 3103). */
export const TERRITORY_SERVERS: Readonly<Record<Territory, TerritoryServer>> = Object.freeze({
  lyon: { territory: 'lyon', name: 'Lyon', port: 3101, config: path.join(PODS_CONFIG_DIR, 'lyon.json') },
  nantes: { territory: 'nantes', name: 'Nantes', port: 3102, config: path.join(PODS_CONFIG_DIR, 'nantes.json') },
  larochelle: {
    territory: 'larochelle',
    name: 'La Rochelle',
    port: 3103,
    config: path.join(PODS_CONFIG_DIR, 'larochelle.json'),
  },
});

/** Options of {@link startPodServer}. */
export interface PodServerOptions {
  territory: Territory;
  /** Port to listen on; defaults to the territory's port. */
  port?: number;
  /** Address to bind; `127.0.0.1` by default. */
  host?: string;
  /** Public base URL; defaults to `http://localhost:<port>/`. */
  baseUrl?: string;
  /** Folder holding the pods; defaults to `.data/<territory>/` under the current directory. */
  rootFilePath?: string;
  /** CSS logging level (`error`, `warn`, `info`, ...); `warn` by default. */
  loggingLevel?: string;
  /** Extra Components.js config files merged after the territory's. */
  extraConfigs?: string[];
}

/** A pod server started from code. */
export interface RunningPodServer {
  territory: Territory;
  baseUrl: string;
  port: number;
  rootFilePath: string;
  stop: () => Promise<void>;
}

/**
 * Starts a territory's Community Solid Server in this process, bound to loopback.
 *
 * @param options - Territory, port, base URL and storage folder.
 * @returns The running server, with a `stop` function.
 * @throws When the config cannot be instantiated or the port is taken.
 */
export async function startPodServer(options: PodServerOptions): Promise<RunningPodServer> {
  const server = TERRITORY_SERVERS[options.territory];
  const port = options.port ?? server.port;
  const baseUrl = options.baseUrl ?? `http://localhost:${port}/`;
  const rootFilePath = path.resolve(options.rootFilePath ?? path.join('.data', options.territory));
  const app: App = await new AppRunner().create({
    loaderProperties: {
      mainModulePath: PODS_CONFIG_DIR,
      typeChecking: false,
      logLevel: 'error',
    },
    config: [server.config, ...(options.extraConfigs ?? [])],
    variableBindings: {
      'urn:sdt:variable:host': options.host ?? '127.0.0.1',
    },
    shorthand: {
      port,
      baseUrl,
      rootFilePath,
      loggingLevel: options.loggingLevel ?? 'warn',
    },
  });
  await app.start();
  return { territory: options.territory, baseUrl, port, rootFilePath, stop: () => app.stop() };
}
