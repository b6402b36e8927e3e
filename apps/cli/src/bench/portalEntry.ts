/** `pnpm bench portal [--runs N]`: runs the portal's dashboard benchmark (it writes `bench-results/portal.json`). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../commands/start.ts';
import { CliError } from '../CliError.ts';

export async function runPortalBench(argv: string[]): Promise<void> {
  const portal = path.join(REPO_ROOT, 'apps/portal');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/benchDashboard.ts', ...argv], {
      cwd: portal,
      env: { ...process.env, SDT_PORTAL_DIST_DIR: '.next-e2e', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new CliError(`the portal benchmark failed (exit ${code}).`))));
  });
}
