import { AccountClient, PodError, provisionCitizen, runBounded, type ProvisionResult } from '@sdt/pod';
import { generateCitizen, generateDemoCitizen, type SyntheticCitizen } from '@sdt/synth';
import type { Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { startProgress } from '../progress.ts';

/** Options of {@link seedTerritory}. */
export interface SeedOptions {
  territory: Territory;
  serverUrl: string;
  /** Number of synthetic citizens (`citizen-0000` ...). */
  citizens: number;
  /** Also provision the territory's demo citizen (`demo@<territory>.example`). */
  demo: boolean;
  seed?: string;
  concurrency?: number;
  /** Print a progress bar (stderr). */
  progress?: boolean;
  /**
   * Operator secret of the pod server: accounts and pods are then created through its operator
   * endpoint instead of the account API. Defaults to `SDT_OPERATOR_SECRET` when set.
   */
  operatorSecret?: string;
}

/** What a seed run did. */
export interface SeedReport {
  territory: Territory;
  created: number;
  completed: number;
  unchanged: number;
  results: ProvisionResult[];
}

/** Fails fast, with a clear message, when the pod server is not answering. */
export async function assertServerUp(serverUrl: string, territory: string): Promise<void> {
  try {
    const response = await fetch(new URL('.account/', serverUrl), { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`status ${response.status}`);
  } catch (error: unknown) {
    throw new CliError(
      `The ${territory} pod server at ${serverUrl} is not answering (${error instanceof Error ? error.message : String(error)}). Start the platform with "pnpm start" or pass --server.`,
    );
  }
}

/**
 * Provisions synthetic citizens (and the demo citizen) on a territory's pod server, concurrently,
 * through the account API (or the server's operator endpoint when an operator secret is known). Re-running creates nothing twice: existing complete pods are left alone
 * and half-provisioned ones are completed.
 *
 * @throws CliError when the server is down or any citizen could not be provisioned (the others are).
 */
export async function seedTerritory(options: SeedOptions): Promise<SeedReport> {
  await assertServerUp(options.serverUrl, options.territory);
  const synthOptions = options.seed === undefined ? {} : { seed: options.seed };
  const jobs: (() => SyntheticCitizen)[] = [];
  if (options.demo) jobs.push(() => generateDemoCitizen(options.territory, synthOptions));
  for (let index = 0; index < options.citizens; index++) {
    jobs.push(() => generateCitizen(options.territory, index, synthOptions));
  }
  const client = new AccountClient({ serverUrl: options.serverUrl });
  const operatorSecret = options.operatorSecret ?? (process.env.SDT_OPERATOR_SECRET || undefined);
  const progress = options.progress === false ? undefined : startProgress(`seed ${options.territory}`, jobs.length);
  const failures: { email: string; reason: string }[] = [];
  const results: ProvisionResult[] = [];
  try {
    await runBounded(
      jobs.map((make) => async () => {
        const citizen = make();
        try {
          const result = await provisionCitizen(
            options.serverUrl,
            {
              email: citizen.account.email,
              password: citizen.account.password,
              podName: citizen.account.podName,
              data: citizen.data,
              source: 'Données synthétiques (selfdata seed)',
            },
            { client, concurrency: 4, ...(operatorSecret ? { operatorSecret } : {}) },
          );
          results.push(result);
        } catch (error: unknown) {
          failures.push({ email: citizen.account.email, reason: PodError.isInstance(error) || error instanceof Error ? error.message : String(error) });
        } finally {
          progress?.increment(citizen.account.email);
        }
      }),
      options.concurrency ?? 4,
    );
  } finally {
    progress?.stop();
  }
  if (failures.length > 0) {
    const first = failures.slice(0, 3).map((f) => `${f.email}: ${f.reason}`).join('; ');
    throw new CliError(
      `${failures.length} of ${jobs.length} citizens of ${options.territory} could not be provisioned (${first}). Run the same command again to complete them.`,
    );
  }
  return {
    territory: options.territory,
    created: results.filter((r) => r.outcome === 'created').length,
    completed: results.filter((r) => r.outcome === 'completed').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    results,
  };
}
