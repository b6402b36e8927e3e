import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { AccountClient, provisionCitizen } from '@sdt/pod';
import { setUpResearchDemo } from '@sdt/research';
import { generateCitizen, generateDemoCitizen } from '@sdt/synth';
import { getFreePort, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { TERRITORIES, type Territory } from '@sdt/vocab';

/** A citizen the journeys sign in as. */
export interface E2eCitizen {
  readonly email: string;
  readonly password: string;
  readonly podUrl: string;
  readonly webId: string;
}

/** What the global setup hands to the tests (`inject('platform')`). */
export interface E2ePlatform {
  readonly portalUrl: string;
  readonly servers: Readonly<Record<Territory, string>>;
  /** Each territory's demo citizen, with a year of synthetic data. */
  readonly demo: Readonly<Record<Territory, E2eCitizen>>;
  /** A Lyon citizen who signed up on the pod server directly: account and pod, no layout. */
  readonly fresh: E2eCitizen;
  /** A partner service's account on Lyon (it asks the Nantes demo citizen for access). */
  readonly partner: E2eCitizen;
  /** The demo researcher (`researcher@lyon.example`), who owns the demo studies. */
  readonly researcher: E2eCitizen;
  /**
   * IRIs of the demo studies: `research` (Lyon registry, `dpe-electricity`, electricity + housing, k 5, no
   * noise) and `noisy` (Nantes registry, with noise and a budget). Six synthetic Lyon citizens with a
   * year of data and the Lyon demo citizen's energy label (F) are in both; the demo citizens are not.
   */
  readonly studies: { readonly research: string; readonly noisy: string };
  /** IRIs of the territories' statistics studies (k 5; the six Lyon participants are in Lyon's, published). */
  readonly statistics: Readonly<Partial<Record<Territory, string>>>;
  /** The synthetic Lyon citizens opted in to the demo studies. */
  readonly participants: readonly E2eCitizen[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: E2ePlatform;
  }
}

const PORTAL_DIR = path.resolve(import.meta.dirname, '..');
const DIST_DIR = '.next-e2e';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PORTAL_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (exit ${code})`))));
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start stopped (exit ${child.exitCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The portal did not answer at ${url}`);
}

/**
 * Starts what the journeys need: the three territory pod servers (shipped configs) on free ports with
 * temporary data folders, each with its demo citizen and a year of synthetic data, a Lyon citizen
 * without layout, and a production build of the portal (`next build` into `.next-e2e`, then
 * `next start` on a free port). Set `SDT_E2E_SKIP_BUILD=1` to reuse the last e2e build.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers: TestPodServer[] = [];
  let portal: ChildProcess | undefined;
  const teardown = async (): Promise<void> => {
    if (portal && portal.exitCode === null) {
      const exited = new Promise((resolve) => portal!.once('exit', resolve));
      portal.kill('SIGTERM');
      await exited;
    }
    await Promise.all(servers.map((server) => server.stop()));
  };
  // CSS loads oidc-provider through `jest.requireActual` when NODE_ENV is 'test' (vitest's default).
  (process.env as Record<string, string>).NODE_ENV = 'development';
  try {
    const demos = TERRITORIES.map((territory) => generateDemoCitizen(territory));
    // One after the other: three CSS instances booting at once in this process can starve each other's
    // start-up locks (6 s) on a loaded 2-core machine.
    const started: TestPodServer[] = [];
    for (const territory of TERRITORIES) {
      const server = await startTestPodServer({ territory });
      started.push(server);
      servers.push(server);
    }
    const port = await getFreePort();
    const portalUrl = `http://localhost:${port}/`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      SDT_PORTAL_DIST_DIR: DIST_DIR,
      SDT_LYON_URL: started[0]!.baseUrl,
      SDT_NANTES_URL: started[1]!.baseUrl,
      SDT_LAROCHELLE_URL: started[2]!.baseUrl,
      SDT_PORTAL_URL: portalUrl,
    };
    const next = createRequire(path.join(PORTAL_DIR, 'package.json')).resolve('next/dist/bin/next');
    // The build runs in its own process while the citizens are provisioned.
    const built =
      process.env.SDT_E2E_SKIP_BUILD === '1' && existsSync(path.join(PORTAL_DIR, DIST_DIR, 'BUILD_ID'))
        ? Promise.resolve()
        : run(process.execPath, [next, 'build'], env);
    built.catch(() => undefined);
    const partnerInput = { email: 'coach@lyon.example', password: 'coach-password', podName: 'coach' };
    const [partnerAccount, ...demoAccounts] = await Promise.all([
      provisionCitizen(started[0]!.baseUrl, partnerInput),
      ...demos.map((demo, index) =>
        provisionCitizen(started[index]!.baseUrl, {
          email: demo.account.email,
          password: demo.account.password,
          podName: demo.account.podName,
          data: demo.data,
          source: 'Données synthétiques (e2e)',
        }),
      ),
    ]);
    const serverUrls = Object.fromEntries(TERRITORIES.map((t, i) => [t, started[i]!.baseUrl])) as Record<Territory, string>;
    const demo = Object.fromEntries(
      TERRITORIES.map((t, i) => {
        const account = demoAccounts[i]!;
        const input = demos[i]!.account;
        return [t, { email: input.email, password: input.password, podUrl: account.podUrl, webId: account.webId }];
      }),
    ) as Record<Territory, E2eCitizen>;
    const freshAccount = await new AccountClient({ serverUrl: serverUrls.lyon }).ensureAccountWithPod(
      'fresh@lyon.example',
      'fresh-citizen',
      'fresh',
    );
    const fresh = { email: 'fresh@lyon.example', password: 'fresh-citizen', podUrl: freshAccount.podUrl, webId: freshAccount.webId };

    const partner = { email: partnerInput.email, password: partnerInput.password, podUrl: partnerAccount!.podUrl, webId: partnerAccount!.webId };

    // Research: six synthetic Lyon citizens (a year of data) opted in to the demo studies, all with the
    // Lyon demo citizen's energy label, so that a query by DPE class has a group of at least k = 5 homes
    // and the demo citizen has similar homes to compare with.
    const demoLabel = demos[0]!.data.housing.energyLabel;
    const synthetic = Array.from({ length: 200 }, (_, index) => generateCitizen('lyon', index))
      .filter((citizen) => citizen.data.housing.energyLabel === demoLabel)
      .slice(0, 6);
    const participantAccounts = await Promise.all(
      synthetic.map((citizen) =>
        provisionCitizen(serverUrls.lyon, {
          email: citizen.account.email,
          password: citizen.account.password,
          podName: citizen.account.podName,
          data: citizen.data,
          source: 'Données synthétiques (e2e)',
        }),
      ),
    );
    const participants = synthetic.map((citizen, i) => ({
      email: citizen.account.email,
      password: citizen.account.password,
      podUrl: participantAccounts[i]!.podUrl,
      webId: participantAccounts[i]!.webId,
    }));
    const research = await setUpResearchDemo({
      servers: serverUrls,
      participants: participants.map((p) => ({ serverUrl: serverUrls.lyon, email: p.email, password: p.password })),
    });
    const researcher = { ...research.researcher };

    await built;
    const nextServer = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: PORTAL_DIR,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    portal = nextServer;
    await waitForHealth(`${portalUrl}api/health`, nextServer);
    project.provide('platform', {
      portalUrl,
      servers: serverUrls,
      demo,
      fresh,
      partner,
      researcher,
      studies: research.studies,
      statistics: research.statistics,
      participants,
    });
  } catch (error: unknown) {
    await teardown();
    throw error;
  }
  return teardown;
}
