#!/usr/bin/env node
/**
 * `selfdata`: the platform's command line (start, seed; later issues add grants, import, research).
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { CliError } from './CliError.ts';
import { defaultServerUrl, parseCount, parsePositive, parseServerUrl, parseTerritory } from './options.ts';
import { seedTerritory } from './commands/seed.ts';
import { REPO_ROOT, startPlatform } from './commands/start.ts';
import { registerDemoCommands } from './commands/demoCli.ts';
import { registerImportCommand } from './commands/importCli.ts';

const program = new Command()
  .name('selfdata')
  .description('Self Data Territorial: pod servers, citizens, grants, imports and research.')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('start')
  .description('start the three territory pod servers and the portal; seed demo citizens on the first start')
  .option('--data-dir <path>', 'folder holding the pods (one sub-folder per territory)', process.env.SDT_DATA_DIR ?? path.join(REPO_ROOT, '.data'))
  .option('--citizens <n>', 'synthetic citizens per territory on first start', parseCount, 20)
  .option('--no-portal', 'do not start the portal')
  .option('--portal-port <port>', 'port of the portal', parsePositive, 3000)
  .option('--dev', 'run the portal with next dev instead of a production build', false)
  .option('--no-seed', 'do not seed demo data on first start')
  .option('--with-partners', 'also start the three demo partner services (ports 3201-3203)', false)
  .action(async (opts: { dataDir: string; citizens: number; portal: boolean; portalPort: number; dev: boolean; seed: boolean; withPartners: boolean }) => {
    await startPlatform({ ...opts, dataDir: path.resolve(opts.dataDir) });
  });

program
  .command('seed')
  .description("create synthetic citizens' accounts, pods, layouts and data through a pod server's account API")
  .addOption(new Option('--territory <territory>', `one of ${TERRITORIES.join(', ')}`).argParser(parseTerritory).makeOptionMandatory())
  .requiredOption('--citizens <n>', 'number of synthetic citizens', parseCount)
  .option('--server <url>', "pod server URL (default: the territory's, e.g. http://localhost:3101/)", parseServerUrl)
  .option('--seed <seed>', 'seed of the synthetic data (same seed, same citizens)')
  .option('--concurrency <n>', 'citizens provisioned in parallel', parsePositive, 4)
  .option('--no-demo', "do not provision the territory's demo citizen")
  .action(
    async (opts: { territory: Territory; citizens: number; server?: string; seed?: string; concurrency: number; demo: boolean }) => {
      const serverUrl = opts.server ?? defaultServerUrl(opts.territory);
      const started = Date.now();
      const report = await seedTerritory({
        territory: opts.territory,
        serverUrl,
        citizens: opts.citizens,
        demo: opts.demo,
        concurrency: opts.concurrency,
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `${opts.territory}: ${report.created} created, ${report.completed} completed, ${report.unchanged} already complete (${seconds} s) on ${serverUrl}\n`,
      );
    },
  );

(await import('./commands/grantsCli.ts')).registerGrantCommands(program);

registerDemoCommands(program);

registerImportCommand(program);

(await import('./commands/researchCli.ts')).registerResearchCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error: unknown) {
  if (error instanceof CliError) {
    process.stderr.write(`selfdata: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`selfdata: unexpected error: ${message}\n`);
  process.exit(1);
}
