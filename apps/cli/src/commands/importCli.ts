/**
 * `selfdata import --server <url> --email <e> --password <p> <file> [<file> ...]`: imports provider
 * files into the account's pod (format recognised from the content), all or nothing.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { AccountClient, openOwnerSession, PodError, type PodAccess } from '@sdt/pod';
import {
  ImportError,
  importFiles,
  recoverImports,
  type FileImportResult,
  type ImportFilesOptions,
} from '@sdt/importers';
import { CliError } from '../CliError.ts';
import { parseServerUrl } from '../options.ts';
import { startImportProgress } from './importProgress.ts';

/** Flags of `selfdata import`. */
interface ImportFlags {
  server: string;
  email: string;
  password: string;
  district?: string;
  source?: string;
  tenure?: 'owner' | 'tenant' | 'social-tenant';
  recover: boolean;
  progress: boolean;
}

const TENURES = ['owner', 'tenant', 'social-tenant'] as const;

/** Registers `selfdata import` on the program. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      "import provider files (Enedis, GRDF, water, trips, API Particulier, ADEME DPE) into the account's pod, all or nothing",
    )
    .argument('[files...]', 'files to import; the format of each is recognised from its content')
    .requiredOption('--server <url>', 'pod server URL, e.g. http://localhost:3101/', parseServerUrl)
    .requiredOption('--email <email>', 'email of the pod owner')
    .requiredOption('--password <password>', 'password of the pod owner')
    .option('--district <name>', 'district of the household, when a family-quotient answer creates it')
    .option('--source <organisation>', 'name of the organisation the files come from (e.g. the water utility)')
    .option(
      '--tenure <tenure>',
      `tenure of the dwelling of a DPE record: ${TENURES.join(', ')} (default owner)`,
      parseTenure,
    )
    .option('--recover', 'first undo imports of this pod that crashed, without waiting for their lease', false)
    .option('--no-progress', 'no progress bar')
    .action(async (files: string[], flags: ImportFlags) => {
      if (files.length === 0 && !flags.recover)
        throw new CliError('no file to import (give one or more files, or --recover).');
      await runImport(files, flags);
    });
}

function parseTenure(value: string): ImportFlags['tenure'] {
  if (!(TENURES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`unknown tenure "${value}"; expected one of: ${TENURES.join(', ')}.`);
  return value as ImportFlags['tenure'];
}

async function runImport(files: string[], flags: ImportFlags): Promise<void> {
  const session = await openSession(flags);
  const progress = flags.progress ? startImportProgress() : undefined;
  try {
    if (flags.recover) {
      const recovery = await recoverImports(session.access);
      process.stdout.write(
        `recovery: ${recovery.rolledBack.length} crashed import(s) undone, ${recovery.cleaned.length} staging area(s) removed\n`,
      );
      for (const path of recovery.changedSince) process.stdout.write(`  left as it is (changed since): ${path}\n`);
    }
    if (files.length === 0) return;
    const options: ImportFilesOptions = {
      ...(flags.district === undefined ? {} : { district: flags.district }),
      ...(flags.source === undefined ? {} : { sourceOrganisation: flags.source }),
      ...(flags.tenure === undefined ? {} : { tenure: flags.tenure }),
      ...(progress === undefined ? {} : { onProgress: progress.update }),
    };
    const report = await importFiles(session.access, files, options);
    progress?.stop();
    for (const file of report.files) {
      process.stdout.write(`${summariseFile(file)}\n`);
      for (const note of file.notes) process.stdout.write(`  note: ${note}\n`);
    }
  } catch (error: unknown) {
    progress?.stop();
    throw toCliError(error);
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** One line per file: format, readings added, period. */
export function summariseFile(file: FileImportResult): string {
  const noun = file.format.startsWith('trips')
    ? 'trip'
    : /^(enedis|grdf|water)/.test(file.format)
      ? 'reading'
      : 'record';
  const what = file.added === 1 ? noun : `${noun}s`;
  const period =
    file.periodStart === undefined || file.periodEnd === undefined
      ? ''
      : `, ${file.periodStart.slice(0, 10)} to ${lastDay(file.periodEnd)}`;
  const others =
    file.replaced + file.unchanged > 0 ? ` (${file.replaced} replaced, ${file.unchanged} already there)` : '';
  return `${file.fileName}: ${file.format}, ${file.added} ${what} added${others}${period}`;
}

/**
 * The last day an interval ending at `end` covers: an end at local midnight (or at 06:00, the end of
 * a gas day) belongs to the day before.
 */
function lastDay(end: string): string {
  const day = end.slice(0, 10);
  if (end.slice(11, 19) > '06:00:00') return day;
  const previous = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) - 1),
  );
  return previous.toISOString().slice(0, 10);
}

async function openSession(flags: ImportFlags): Promise<{ access: PodAccess; close: () => Promise<void> }> {
  const client = new AccountClient({ serverUrl: flags.server });
  try {
    const token = await client.login(flags.email, flags.password);
    if (token === undefined) throw new CliError(`no account ${flags.email} with this password on ${flags.server}.`);
    const [webIds, pods] = await Promise.all([client.listWebIds(token), client.listPods(token)]);
    const podUrl = Object.keys(pods)[0];
    const webId =
      Object.keys(webIds).find((id) => podUrl !== undefined && id.startsWith(podUrl)) ?? Object.keys(webIds)[0];
    if (podUrl === undefined || webId === undefined)
      throw new CliError(`the account ${flags.email} on ${flags.server} has no pod.`);
    const session = await openOwnerSession(client, token, webId);
    return { access: { podUrl, webId, fetch: session.fetch }, close: session.close };
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'server-unreachable') {
      throw new CliError(
        `the pod server at ${flags.server} is not answering; start it (pnpm start) or check --server.`,
        1,
        { cause: error },
      );
    }
    throw toCliError(error);
  }
}

/** Import and pod errors become one line naming the file, line or JSON path and field; nothing was written. */
function toCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
  if (ImportError.isInstance(error)) {
    const hint =
      error.code === 'import-in-progress'
        ? ' (if no other import is running, selfdata import --recover undoes it now)'
        : '';
    return new CliError(`import refused, nothing written: ${error.message}${hint}`, 1, { cause: error });
  }
  if (PodError.isInstance(error))
    return new CliError(`import failed, nothing written: ${error.message}`, 1, { cause: error });
  return error;
}
