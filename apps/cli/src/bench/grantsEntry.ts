/** `pnpm bench grants [--requests N] [--connections C] [--grants G]`: runs {@link benchGrants}, writes `bench-results/grants.json`. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../commands/start.ts';
import { CliError } from '../CliError.ts';
import { benchGrants } from './grants.ts';

function flag(argv: string[], name: string): number | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new CliError(`--${name} needs a whole number >= 1.`);
  return value;
}

export async function runGrantsBench(argv: string[]): Promise<void> {
  const requests = flag(argv, 'requests');
  const connections = flag(argv, 'connections');
  const grants = flag(argv, 'grants');
  const result = await benchGrants({
    ...(requests ? { requests } : {}),
    ...(connections ? { connections } : {}),
    ...(grants ? { grants } : {}),
  });
  const out = path.join(REPO_ROOT, 'bench-results/grants.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify({ ...result, machine: { cpus: os.cpus().length, node: process.version }, date: new Date().toISOString() }, null, 2)}\n`,
  );
  process.stdout.write(`written ${path.relative(process.cwd(), out)}\n`);
}
