import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOperatorSecret } from '@sdt/pod';
import {
  DEMO_RESEARCHER,
  getEnginePassword,
  publishTerritoryStatistics,
  ResearchEngineAccount,
  setUpResearchDemo,
} from '@sdt/research';
import { getSyntheticAccount } from '@sdt/synth';
import { PODS_CONFIG_DIR, TERRITORY_SERVERS } from '@sdt/pods-config';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { seedTerritory } from './seed.ts';
import { startPartnerServices, type RunningPartnerServices } from './demoServices.ts';

/** Root of the repository (two levels above apps/cli/src/commands). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const PORTAL_DIR = path.join(REPO_ROOT, 'apps/portal');

/** Options of {@link startPlatform}. */
export interface StartOptions {
  /** Folder holding `<territory>/` pod data; `.data` under the repository by default. */
  dataDir: string;
  /** Synthetic citizens seeded per territory on first start. */
  citizens: number;
  portal: boolean;
  portalPort: number;
  /** Use `next dev` instead of a production build. */
  dev: boolean;
  seed: boolean;
  /** Also start the three demo partner services (ports 3201-3203). */
  withPartners?: boolean;
}

interface Child {
  name: string;
  process: ChildProcess;
}

function waitForReady(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new CliError(`The ${name} pod server stopped during start (exit ${code}). Is its port already in use?`));
    child.once('exit', onExit);
    child.on('message', (message: { type?: string; baseUrl?: string }) => {
      if (message.type === 'ready' && message.baseUrl) {
        child.off('exit', onExit);
        resolve(message.baseUrl);
      }
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new CliError(`The ${name} stopped during start (exit ${child.exitCode}).`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new CliError(`The ${name} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s.`);
}

/** Newest modification time of the files under `dir` (skipping node_modules and build output). */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when the portal has no production build or its sources (or the packages it uses) changed since. */
function portalBuildIsStale(): boolean {
  const buildId = path.join(PORTAL_DIR, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = [path.join(PORTAL_DIR, 'src'), path.join(PORTAL_DIR, 'messages'), path.join(REPO_ROOT, 'packages')];
  return sources.some((dir) => newestMtime(dir) > built);
}

function nextBin(): string {
  const require = createRequire(path.join(PORTAL_DIR, 'package.json'));
  return require.resolve('next/dist/bin/next');
}

function runToEnd(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new CliError(`${path.basename(args[0] ?? command)} ${args[1] ?? ''} failed (exit ${code}).`))));
  });
}

/**
 * Publishes each territory's statistics again (citizens may have imported data or opted in or out
 * since the last start). A failure only warns: the platform still starts, with the last publication.
 */
async function refreshStatistics(urls: Record<Territory, string>): Promise<void> {
  const endpoints = TERRITORIES.map((t) => urls[t]);
  for (const territory of TERRITORIES) {
    let engine: ResearchEngineAccount | undefined;
    try {
      engine = await ResearchEngineAccount.open({ serverUrl: urls[territory], password: getEnginePassword() });
      const published = await publishTerritoryStatistics({ engine, territory, endpoints });
      process.stderr.write(
        `Statistiques territoriales ${TERRITORY_SERVERS[territory].name} publiées / statistics published: ${published.observations.length} observations, ${published.coverage.podsAnswered}/${published.coverage.podsAsked} foyers\n`,
      );
    } catch (error: unknown) {
      process.stderr.write(`Statistiques ${territory} non publiées / statistics not published: ${(error as Error).message}\n`);
    } finally {
      await engine?.close().catch(() => undefined);
    }
  }
}

/**
 * Once per data folder: the research engines, the demo researcher, the demo studies, and the opt-ins of
 * every seeded synthetic citizen (the demo citizens stay out, to opt in from the portal).
 */
async function setUpResearch(dataDir: string, urls: Record<Territory, string>): Promise<void> {
  const marker = path.join(dataDir, '.sdt-research-demo');
  if (existsSync(marker)) {
    await refreshStatistics(urls);
    return;
  }
  const participants = TERRITORIES.flatMap((territory) => {
    const seeded = path.join(dataDir, territory, '.sdt-seeded');
    const count = existsSync(seeded) ? (JSON.parse(readFileSync(seeded, 'utf8')) as { citizens?: number }).citizens ?? 0 : 0;
    return Array.from({ length: count }, (_, index) => ({ serverUrl: urls[territory], ...getSyntheticAccount(territory, index) }));
  });
  process.stderr.write(`Études de démonstration : ${participants.length} citoyens synthétiques y participent… / demo studies: opting in ${participants.length} synthetic citizens…\n`);
  const demo = await setUpResearchDemo({
    servers: urls,
    participants,
    onProgress: ({ done, total }) => {
      if (done % 10 === 0 || done === total) process.stderr.write(`  ${done}/${total}\n`);
    },
  });
  await writeFile(marker, JSON.stringify({ at: new Date().toISOString(), studies: demo.studies, optIns: demo.optIns }));
}

/**
 * Starts the three territory pod servers (one process each) and the portal, seeds demo data on the
 * first start, prints URLs and logins, and stops everything on Ctrl-C.
 */
export async function startPlatform(options: StartOptions): Promise<void> {
  const children: Child[] = [];
  let partners: RunningPartnerServices | undefined;
  let stopping = false;
  const stopAll = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\nArrêt de la plateforme… / Stopping the platform…\n');
    await partners?.stop().catch(() => undefined);
    await Promise.all(
      children.map(
        ({ process: child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

  try {
    const urls = {} as Record<Territory, string>;
    await Promise.all(
      TERRITORIES.map(async (territory) => {
        const server = TERRITORY_SERVERS[territory];
        const root = path.join(options.dataDir, territory);
        await mkdir(root, { recursive: true });
        const child = fork(path.join(PODS_CONFIG_DIR, 'src/serve.ts'), [territory, String(server.port), root], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env: process.env,
        });
        children.push({ name: territory, process: child });
        urls[territory] = await waitForReady(child, server.name);
        process.stderr.write(`Serveur de pods ${server.name} prêt : ${urls[territory]}\n`);
      }),
    );

    if (options.seed) {
      // Each territory is its own server process: seeding them together uses both cores.
      const toSeed = TERRITORIES.filter((t) => !existsSync(path.join(options.dataDir, t, '.sdt-seeded')));
      if (toSeed.length > 0) {
        process.stderr.write(
          `Premier démarrage : création de ${options.citizens} citoyens synthétiques et d'un citoyen de démonstration par territoire (${toSeed.join(', ')})…\n`,
        );
      }
      await Promise.all(
        toSeed.map(async (territory) => {
          // The server we started wrote its operator secret in its data folder: use the fast path.
          const operatorSecret = await readOperatorSecret(path.join(options.dataDir, territory));
          const report = await seedTerritory({
            territory,
            serverUrl: urls[territory],
            citizens: options.citizens,
            demo: true,
            ...(operatorSecret ? { operatorSecret } : {}),
          });
          const marker = path.join(options.dataDir, territory, '.sdt-seeded');
          await writeFile(marker, JSON.stringify({ seededAt: new Date().toISOString(), citizens: options.citizens, created: report.created }));
        }),
      );
    }

    if (options.seed) await setUpResearch(options.dataDir, urls);

    if (options.withPartners) {
      partners = await startPartnerServices({ serverUrls: urls, dataDir: path.join(options.dataDir, 'partners') });
    }

    let portalUrl: string | undefined;
    if (options.portal) {
      const env = {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        SDT_LYON_URL: urls.lyon,
        SDT_NANTES_URL: urls.nantes,
        SDT_LAROCHELLE_URL: urls.larochelle,
        // The portal's public URL: its Solid-OIDC client id and redirect URI are built from it.
        SDT_PORTAL_URL: `http://localhost:${options.portalPort}/`,
        PORT: String(options.portalPort),
      };
      const bin = nextBin();
      if (!options.dev && portalBuildIsStale()) {
        process.stderr.write('Construction du portail… / Building the portal…\n');
        await runToEnd(process.execPath, [bin, 'build'], PORTAL_DIR, env);
      }
      const child = spawn(process.execPath, [bin, options.dev ? 'dev' : 'start', '-p', String(options.portalPort), '-H', '127.0.0.1'], {
        cwd: PORTAL_DIR,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push({ name: 'portal', process: child });
      portalUrl = `http://localhost:${options.portalPort}/`;
      await waitForHttp(`${portalUrl}api/health`, 120_000, child, 'portal');
    }

    const lines = [
      '',
      'Plateforme Self Data Territorial démarrée / platform started',
      ...(portalUrl ? [`  Portail / portal:   ${portalUrl}`] : []),
      ...TERRITORIES.map((t) => `  Pods ${TERRITORY_SERVERS[t].name.padEnd(12)} ${urls[t]}`),
      ...(partners?.services.map((s) => `  Service partenaire / partner service ${s.name}: ${s.url}`) ?? []),
      '',
      'Comptes de démonstration (démo uniquement) / demo logins (demo only), mot de passe / password "demo-citizen":',
      ...TERRITORIES.map((t) => `  demo@${t}.example   pod ${urls[t]}demo/`),
      `Chercheuse de démonstration / demo researcher: ${DEMO_RESEARCHER.email}, mot de passe / password "${DEMO_RESEARCHER.password}"`,
      '',
      'Ctrl-C pour tout arrêter / Ctrl-C stops everything.',
      '',
    ];
    process.stdout.write(lines.join('\n'));
    // Stay up until a child dies unexpectedly.
    await Promise.race(
      children.map(
        (c) =>
          new Promise<never>((_, reject) =>
            c.process.once('exit', (code) => {
              if (!stopping) reject(new CliError(`The ${c.name} process stopped unexpectedly (exit ${code}).`));
            }),
          ),
      ),
    );
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
