/**
 * `pnpm bench <name> [flags]`: runs one benchmark script. Each prints its figures and writes
 * `bench-results/<name>.json`. Adding a benchmark is one line in {@link BENCHMARKS}.
 */
import { CliError } from '../CliError.ts';

/** A benchmark: receives the flags after its name. */
export type Benchmark = (argv: string[]) => Promise<void>;

/** Benchmarks by name, loaded on demand so that one benchmark's imports never slow another. */
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  provision: async () => (await import('./provision.ts')).benchProvision,
  import: async () => (await import('./import.ts')).runImportBench,
  research: async () => (await import('./research.ts')).benchResearch,
  grants: async () => (await import('./grantsEntry.ts')).runGrantsBench,
  portal: async () => (await import('./portalEntry.ts')).runPortalBench,
};

const [name, ...argv] = process.argv.slice(2);
try {
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (!load) {
    throw new CliError(
      `usage: pnpm bench <${Object.keys(BENCHMARKS).join('|')}> [flags]${name ? ` (unknown benchmark "${name}")` : ''}`,
    );
  }
  await (
    await load()
  )(argv);
} catch (error: unknown) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
