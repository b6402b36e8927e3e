import path from 'node:path';
import type { Command } from 'commander';
import { TERRITORIES, type Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { defaultServerUrl, parseServerUrl } from '../options.ts';
import { defaultPartnersDataDir, runDemoPartners } from './demoPartners.ts';
import { DEMO_PARTNER_SERVICES } from './demoServices.ts';
import { REPO_ROOT } from './start.ts';

/**
 * Registers `selfdata demo ...` (for now `demo partners`) on the program.
 */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('demonstration journeys against the running platform');
  demo
    .command('partners')
    .description(
      `run each demo partner service's whole journey with its territory's demo citizen: request, approval, result, revocation, refusal (${DEMO_PARTNER_SERVICES.map((s) => s.name).join(', ')})`,
    )
    .option('--lyon <url>', 'Lyon pod server (default http://localhost:3101/)', parseServerUrl)
    .option('--nantes <url>', 'Nantes pod server (default http://localhost:3102/)', parseServerUrl)
    .option('--larochelle <url>', 'La Rochelle pod server (default http://localhost:3103/)', parseServerUrl)
    .option('--service <name...>', `only these services (${DEMO_PARTNER_SERVICES.map((s) => s.name).join(', ')})`)
    .option('--data-dir <path>', "folder of the partners' credentials and kept results (default .data/partners)")
    .option(
      '--free-ports',
      'start the services for this run on free ports instead of using or starting them on 3201-3203',
    )
    .action(
      async (
        opts: Partial<Record<Territory, string>> & { service?: string[]; dataDir?: string; freePorts?: boolean },
      ) => {
        const serverUrls = Object.fromEntries(TERRITORIES.map((t) => [t, opts[t] ?? defaultServerUrl(t)])) as Record<
          Territory,
          string
        >;
        const ok = await runDemoPartners({
          serverUrls,
          dataDir: opts.dataDir ? path.resolve(opts.dataDir) : defaultPartnersDataDir(REPO_ROOT),
          ...(opts.service ? { only: opts.service } : {}),
          ...(opts.freePorts ? { freePorts: true } : {}),
        });
        if (!ok) throw new CliError('demo partners: at least one step failed (see the lines marked FAILED).');
      },
    );
}
