/**
 * One measured part of `pnpm bench import`, run in its own process so that its peak resident memory
 * is its own: `node --import tsx importWorker.ts <mode> ...`; prints one JSON line.
 *
 * - `parse-map <file>`: our streaming parser, then records -> quads (`@sdt/pod` mapping) -> Turtle
 *   (n3 Writer), one month resource at a time, as the importer maps them;
 * - `floor <file> <triples>`: the floor: the same streaming JSON tokenizer over the same file, then
 *   n3 serialising the same number of triples (8 per reading, built with the n3 DataFactory);
 * - `json-parse <file>`: `JSON.parse` of the whole file (small files only), for information;
 * - `import <file> <server> <email> <password>`: the full import (`importFiles`) into a pod.
 */
import { createReadStream } from 'node:fs';
import { DataFactory, Writer, type Quad } from 'n3';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { jsonParser } from 'stream-json/core/parser.js';
import {
  AccountClient,
  contentToQuads,
  monthOf,
  openOwnerSession,
  quadsToTurtle,
  type ResourceContent,
  type SeriesItem,
} from '@sdt/pod';
import { importFiles, parseFile } from '@sdt/importers';
import { readFile } from 'node:fs/promises';

interface WorkerResult {
  seconds: number;
  /** CPU time (user + system) of this process during the work: steadier than wall time on a shared machine. */
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

const baselineRssMb = process.memoryUsage.rss() / 1048576;
let cpuAtStart = process.cpuUsage();

/** Starts the CPU clock of the measured work. */
function startCpu(): void {
  cpuAtStart = process.cpuUsage();
}

function cpuSeconds(): number {
  const used = process.cpuUsage(cpuAtStart);
  return (used.user + used.system) / 1e6;
}

function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

async function parseAndMap(file: string): Promise<WorkerResult> {
  const started = performance.now();
  startCpu();
  let readings = 0;
  let triples = 0;
  let turtleBytes = 0;
  let month = '';
  let pending: SeriesItem[] = [];
  let category = '';
  let series = '';
  const flush = (): void => {
    if (pending.length === 0) return;
    // Records arrive grouped by month already: one resource, as the importer writes it.
    const url = `https://pod.example/bench/data/${category}/${series}-${month}`;
    const content = (
      category === 'mobility' ? { category, series, trips: pending } : { category, series, readings: pending }
    ) as ResourceContent;
    const quads = contentToQuads(content, url);
    triples += quads.length;
    turtleBytes += quadsToTurtle(quads, url).length;
    pending = [];
  };
  for await (const batch of parseFile(file)) {
    category = batch.category;
    series = batch.name;
    for (const record of batch.records as SeriesItem[]) {
      const start = 'departure' in record ? record.departure : record.start;
      const recordMonth = monthOf(start);
      if (recordMonth !== month) {
        flush();
        month = recordMonth;
      }
      pending.push(record);
      readings += 1;
    }
  }
  flush();
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSeconds(),
    readings,
    triples,
    turtleBytes,
    peakRssMb: peakRssMb(),
    baselineRssMb,
  };
}

async function floor(file: string, triples: number): Promise<WorkerResult> {
  const started = performance.now();
  startCpu();
  // Exactly as the importer's reader calls stream-json's tokenizer.
  const parse = jsonParser({ packValues: true, streamValues: false }) as (chunk: string | typeof none) => unknown;
  let tokens = 0;
  const count = (out: unknown): void => {
    if (out === none || out === undefined) return;
    tokens += isMany(out) ? getManyValues(out).length : 1;
  };
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }))
    count(parse(decoder.decode(chunk as Buffer, { stream: true })));
  count(parse(none));
  const parsed = performance.now();
  const parsedCpu = cpuSeconds();
  // The same number of triples, 8 per reading (types, timestamp, interval, value, unit), a month (1,488 readings) per document.
  const { namedNode, literal, quad } = DataFactory;
  const xsd = (local: string): ReturnType<typeof namedNode> => namedNode(`http://www.w3.org/2001/XMLSchema#${local}`);
  const predicates = [
    'type',
    'type',
    'type',
    'hasTimestamp',
    'intervalDuration',
    'hasValue',
    'isMeasuredIn',
    'extra',
  ].map((p) => namedNode(`https://example.org/${p}`));
  let written = 0;
  let turtleBytes = 0;
  let subjectIndex = 0;
  while (written < triples) {
    const writer = new Writer({
      prefixes: { ex: 'https://example.org/', xsd: 'http://www.w3.org/2001/XMLSchema#' },
      baseIRI: 'https://pod.example/bench/doc',
    });
    const quads: Quad[] = [];
    for (let n = 0; n < 1488 * 8 && written < triples; n += 1, written += 1) {
      if (n % 8 === 0) subjectIndex += 1;
      const subject = namedNode(`https://pod.example/bench/doc#r${subjectIndex}`);
      const k = n % 8;
      const object =
        k < 3
          ? namedNode(`https://example.org/Class${k}`)
          : k === 3
            ? literal(`2025-01-01T00:${String(subjectIndex % 60).padStart(2, '0')}:00+01:00`, xsd('dateTime'))
            : k === 4
              ? literal('PT30M', xsd('duration'))
              : k === 5
                ? literal(String(subjectIndex % 997), xsd('decimal'))
                : namedNode('http://qudt.org/vocab/unit/W');
      quads.push(quad(subject, predicates[k]!, object));
    }
    writer.addQuads(quads);
    writer.end((_error, result: string) => {
      turtleBytes += result.length;
    });
  }
  const done = performance.now();
  return {
    seconds: (done - started) / 1000,
    cpuSeconds: cpuSeconds(),
    readings: 0,
    triples: written,
    turtleBytes,
    tokens,
    peakRssMb: peakRssMb(),
    baselineRssMb,
    parts: {
      parseSeconds: (parsed - started) / 1000,
      serialiseSeconds: (done - parsed) / 1000,
      parseCpuSeconds: parsedCpu,
      serialiseCpuSeconds: cpuSeconds() - parsedCpu,
    },
  };
}

async function jsonParse(file: string): Promise<WorkerResult> {
  const started = performance.now();
  startCpu();
  const document = JSON.parse(await readFile(file, 'utf8')) as { meter_reading: { interval_reading: unknown[] } };
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSeconds(),
    readings: document.meter_reading.interval_reading.length,
    peakRssMb: peakRssMb(),
    baselineRssMb,
  };
}

async function fullImport(file: string, serverUrl: string, email: string, password: string): Promise<WorkerResult> {
  const client = new AccountClient({ serverUrl });
  const token = await client.login(email, password);
  if (token === undefined) throw new Error(`no account ${email}`);
  const webId = Object.keys(await client.listWebIds(token))[0]!;
  const podUrl = Object.keys(await client.listPods(token))[0]!;
  const session = await openOwnerSession(client, token, webId);
  try {
    const started = performance.now();
    startCpu();
    startCpu();
    const report = await importFiles({ podUrl, webId, fetch: session.fetch }, [file]);
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      cpuSeconds: cpuSeconds(),
      readings: report.files[0]!.added,
      resources: report.resourcesWritten.length,
      peakRssMb: peakRssMb(),
      baselineRssMb,
    };
  } finally {
    await session.close().catch(() => undefined);
  }
}

const [mode, ...args] = process.argv.slice(2);
let result: WorkerResult;
switch (mode) {
  case 'parse-map':
    result = await parseAndMap(args[0]!);
    break;
  case 'floor':
    result = await floor(args[0]!, Number(args[1]));
    break;
  case 'json-parse':
    result = await jsonParse(args[0]!);
    break;
  case 'import':
    result = await fullImport(args[0]!, args[1]!, args[2]!, args[3]!);
    break;
  default:
    throw new Error(`unknown mode ${String(mode)}`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
// The authenticated fetch may keep a connection pool alive: this process has said what it had to say.
process.exit(0);
