/**
 * `pnpm bench import [--big-mb 100] [--runs 2] [--no-big] [--no-big-import] [--out path]`
 *
 * Generates a one-year 30-minute Enedis load curve (17,520 readings) and a ~100 MB one, then for
 * each, in child processes (so that each peak resident memory is that part's own):
 * - parse+map: our streaming parser, records -> quads -> Turtle one month resource at a time;
 * - the floor: the same streaming JSON tokenizer over the same file plus n3 serialising the same
 *   number of triples; the ratio parse+map / floor (aim: within 2x);
 * - the full import (`importFiles`: two passes, merge, SHACL, staging, switch) into a pod made through
 *   the sign-up of a fresh pod server started by the bench.
 * Prints readings/s and peak memory; writes `bench-results/import.json`.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AccountClient } from '@sdt/pod';
import { generateLoadCurveJson } from '@sdt/importers';
import { CliError } from '../CliError.ts';
import { REPO_ROOT } from '../commands/start.ts';
import { startPodServerProcess } from './startPodServerProcess.ts';

/** Options of {@link benchImport}. */
export interface ImportBenchOptions {
  /** Size of the big generated file in MB (default 100). */
  bigMb?: number;
  /** Runs of parse+map and of the floor; the fastest counts (default 2). */
  runs?: number;
  /** Skip the big file entirely. */
  skipBig?: boolean;
  /** Skip the full import of the big file into a pod (it takes minutes). */
  skipBigImport?: boolean;
  /** Where to write the JSON results (default `bench-results/import.json`). */
  out?: string;
  /** Progress lines (default: to stderr). */
  log?: (line: string) => void;
}

/** One measured part. */
export interface PartResult {
  /** Wall time. */
  seconds: number;
  /** CPU time of the process doing it (user + system): what the ratio uses, steadier on a shared machine. */
  cpuSeconds: number;
  readingsPerSecond: number;
  peakRssMb: number;
  /** Resident memory of the same process before it started the work (runtime, tsx, libraries). */
  baselineRssMb: number;
}

/** Figures for one file. */
export interface FileBenchResult {
  file: string;
  bytes: number;
  readings: number;
  triples: number;
  parseMap: PartResult & { turtleMb: number };
  floor: PartResult & { parseCpuSeconds: number; serialiseCpuSeconds: number; tokens: number };
  /** parse+map CPU time / floor CPU time: 1 means as fast as the floor. */
  ratioToFloor: number;
  /** The same with wall times (meaningful on a quiet machine; CPU time also counts V8's helper threads). */
  ratioToFloorWall: number;
  /** `JSON.parse` of the whole file, for information (small file only). */
  jsonParse?: { seconds: number; cpuSeconds: number; peakRssMb: number };
  fullImport?: PartResult & { resources: number };
}

/** What `pnpm bench import` measured. */
export interface ImportBenchResult {
  date: string;
  machine: { cpus: number; model: string; node: string; loadAverage: number[] };
  runs: number;
  /** Old-space cap (MB) of the parse+map and import processes (see HEAP_CAP_MB). */
  heapCapMb: number;
  aims: { ratioToFloor: number; peakRssMbBigFile: number };
  year: FileBenchResult;
  big?: FileBenchResult;
}

interface WorkerResult {
  seconds: number;
  cpuSeconds: number;
  readings: number;
  triples?: number;
  turtleBytes?: number;
  tokens?: number;
  resources?: number;
  peakRssMb: number;
  baselineRssMb: number;
  parts?: Record<string, number>;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'importWorker.ts');

/**
 * Old-space cap of the parse+map and import workers, in MB: V8 otherwise lets garbage pile up to
 * hundreds of MB before a full collection, so the peak resident memory would say more about the
 * collector's laziness than about what the importer keeps. With the cap, a run that completes kept
 * less than this alive, and its peak RSS is what it needs.
 */
const HEAP_CAP_MB = 128;

function runWorker(args: string[], heapCapMb?: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...(heapCapMb === undefined ? [] : [`--max-old-space-size=${heapCapMb}`]), '--import', 'tsx', WORKER, ...args],
      { maxBuffer: 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
      (error, stdout, stderr) => {
        if (error) {
          reject(new CliError(`bench worker ${args[0]} failed: ${stderr.trim() || error.message}`));
          return;
        }
        const line = stdout.trim().split('\n').at(-1) ?? '';
        resolve(JSON.parse(line) as WorkerResult);
      },
    );
  });
}

async function fastest(runs: number, args: string[], heapCapMb?: number): Promise<WorkerResult> {
  let best: WorkerResult | undefined;
  for (let run = 0; run < runs; run += 1) {
    const result = await runWorker(args, heapCapMb);
    if (best === undefined || result.cpuSeconds < best.cpuSeconds)
      best = { ...result, peakRssMb: Math.max(result.peakRssMb, best?.peakRssMb ?? 0) };
    else best.peakRssMb = Math.max(best.peakRssMb, result.peakRssMb);
  }
  return best!;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

function part(result: WorkerResult, readings: number): PartResult {
  return {
    seconds: round(result.seconds, 3),
    cpuSeconds: round(result.cpuSeconds, 3),
    readingsPerSecond: Math.round(readings / result.seconds),
    peakRssMb: round(result.peakRssMb, 1),
    baselineRssMb: round(result.baselineRssMb, 1),
  };
}

async function benchFile(
  file: string,
  runs: number,
  log: (line: string) => void,
  importInto: { serverUrl: string; email: string; password: string } | undefined,
  withJsonParse: boolean,
): Promise<FileBenchResult> {
  const bytes = (await stat(file)).size;
  const name = path.basename(file);
  log(`${name}: parse+map (${runs} run(s))...`);
  const parseMap = await fastest(runs, ['parse-map', file], HEAP_CAP_MB);
  const triples = parseMap.triples ?? 0;
  log(`${name}: floor: streaming JSON tokenizer + n3 serialising ${triples} triples (${runs} run(s))...`);
  const floor = await fastest(runs, ['floor', file, String(triples)]);
  const result: FileBenchResult = {
    file: name,
    bytes,
    readings: parseMap.readings,
    triples,
    parseMap: { ...part(parseMap, parseMap.readings), turtleMb: round((parseMap.turtleBytes ?? 0) / 1048576, 1) },
    floor: {
      ...part(floor, parseMap.readings),
      parseCpuSeconds: round(floor.parts?.parseCpuSeconds ?? 0, 3),
      serialiseCpuSeconds: round(floor.parts?.serialiseCpuSeconds ?? 0, 3),
      tokens: floor.tokens ?? 0,
    },
    ratioToFloor: round(parseMap.cpuSeconds / floor.cpuSeconds),
    ratioToFloorWall: round(parseMap.seconds / floor.seconds),
  };
  if (withJsonParse) {
    const parsed = await runWorker(['json-parse', file]);
    result.jsonParse = {
      seconds: round(parsed.seconds, 3),
      cpuSeconds: round(parsed.cpuSeconds, 3),
      peakRssMb: round(parsed.peakRssMb, 1),
    };
  }
  if (importInto !== undefined) {
    log(`${name}: full import into a pod...`);
    const imported = await runWorker(
      ['import', file, importInto.serverUrl, importInto.email, importInto.password],
      HEAP_CAP_MB,
    );
    result.fullImport = { ...part(imported, imported.readings), resources: imported.resources ?? 0 };
  }
  return result;
}

/**
 * Runs the import benchmark (see the module comment) and writes its JSON results.
 *
 * @returns the figures
 */
export async function benchImport(options: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runs = options.runs ?? 2;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'sdt-bench-import-'));
  const server = await startPodServerProcess('lyon');
  try {
    const yearFile = path.join(directory, 'load-curve-1-year.json');
    const year = await generateLoadCurveJson(yearFile, { days: 365, startDay: '2025-01-01' });
    log(`one year: ${year.readings} readings, ${(year.bytes / 1048576).toFixed(1)} MB`);
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const signUp = async (name: string): Promise<{ serverUrl: string; email: string; password: string }> => {
      const email = `${name}@bench.example`;
      const password = `${name}-password`;
      const token = await client.createAccount(email, password);
      await client.createPod(token, name);
      return { serverUrl: server.baseUrl, email, password };
    };
    const result: ImportBenchResult = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? '',
        node: process.version,
        loadAverage: os.loadavg().map((l) => round(l)),
      },
      runs,
      heapCapMb: HEAP_CAP_MB,
      aims: { ratioToFloor: 2, peakRssMbBigFile: 256 },
      year: await benchFile(yearFile, runs, log, await signUp('year'), true),
    };
    if (!options.skipBig) {
      const bigFile = path.join(directory, 'load-curve-big.json');
      const probe = await generateLoadCurveJson(bigFile, { days: 100, startDay: '2000-01-01' });
      const days = Math.round(((options.bigMb ?? 100) * 1048576) / (probe.bytes / 100));
      const big = await generateLoadCurveJson(bigFile, { days, startDay: '1970-01-01' });
      log(`big file: ${big.readings} readings, ${(big.bytes / 1048576).toFixed(1)} MB`);
      result.big = await benchFile(
        bigFile,
        Math.min(runs, 1),
        log,
        options.skipBigImport ? undefined : await signUp('big'),
        false,
      );
    }
    const out = path.resolve(options.out ?? path.join(REPO_ROOT, 'bench-results/import.json'));
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${out}`);
    return result;
  } finally {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

function describeFile(label: string, file: FileBenchResult): string[] {
  const lines = [
    `${label}: ${file.readings} readings, ${(file.bytes / 1048576).toFixed(1)} MB, ${file.triples} triples`,
    `  parse+map   ${file.parseMap.seconds} s wall, ${file.parseMap.cpuSeconds} s CPU, ${file.parseMap.readingsPerSecond} readings/s, peak RSS ${file.parseMap.peakRssMb} MB (baseline ${file.parseMap.baselineRssMb} MB)`,
    `  floor       ${file.floor.seconds} s wall, ${file.floor.cpuSeconds} s CPU (tokenize ${file.floor.parseCpuSeconds} s + n3 serialise ${file.floor.serialiseCpuSeconds} s), peak RSS ${file.floor.peakRssMb} MB`,
    `  ratio parse+map / floor: ${file.ratioToFloor} (CPU), ${file.ratioToFloorWall} (wall)`,
  ];
  if (file.jsonParse)
    lines.push(
      `  JSON.parse of the whole file: ${file.jsonParse.cpuSeconds} s CPU, peak RSS ${file.jsonParse.peakRssMb} MB`,
    );
  if (file.fullImport) {
    lines.push(
      `  full import ${file.fullImport.seconds} s wall, ${file.fullImport.cpuSeconds} s CPU (importer), ${file.fullImport.readingsPerSecond} readings/s, ${file.fullImport.resources} resources, peak RSS ${file.fullImport.peakRssMb} MB (importer process)`,
    );
  }
  return lines;
}

/** `pnpm bench import` flags -> {@link benchImport}, then prints the figures. */
export async function runImportBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'big-mb': { type: 'string' },
      runs: { type: 'string' },
      'no-big': { type: 'boolean' },
      'no-big-import': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new CliError(`--${name} must be a positive number, got "${value}".`, 2);
    return parsed;
  };
  const bigMb = number('big-mb', values['big-mb']);
  const runs = number('runs', values.runs);
  const result = await benchImport({
    ...(bigMb === undefined ? {} : { bigMb }),
    ...(runs === undefined ? {} : { runs: Math.round(runs) }),
    ...(values['no-big'] ? { skipBig: true } : {}),
    ...(values['no-big-import'] ? { skipBigImport: true } : {}),
    ...(values.out === undefined ? {} : { out: values.out }),
  });
  const lines = [
    ...describeFile('one-year load curve', result.year),
    ...(result.big ? describeFile('big load curve', result.big) : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
