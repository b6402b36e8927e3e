import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { HEAD_BYTES, detectFormatDefinition } from './detectFormat.ts';
import type { FormatDefinition } from './formats/FormatDefinition.ts';
import { ImportError } from './ImportError.ts';
import { IMPORTER_NAME, IMPORTER_VERSION } from './packageInfo.ts';
import { RecordSink } from './RecordSink.ts';
import { formatParisInstant } from './time/parisTime.ts';
import type { FormatId, ImportSummary, ParseOptions, Provenance, RecordBatch } from './types.ts';

/**
 * What `parseFile` reads: a path, the whole content as bytes, or chunks of bytes (a Node `Readable`, a
 * web `ReadableStream`, any async iterable or array of chunks).
 */
export type ImportInput = string | Uint8Array | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** Options of `parseFile` besides `ParseOptions`. */
export interface StreamOptions extends ParseOptions {
  /** Called with the number of bytes read so far (for a progress bar). */
  onProgress?: (bytesRead: number) => void;
}

const DEFAULT_BATCH_SIZE = 5000;

/**
 * The records of one provider file, read as a stream: iterate to get batches per series; when the
 * iteration ends without an error, the whole file was valid and `summary` is available. A batch is
 * no promise that the file is valid: a writer must stage what it gets and commit only after the
 * end (or use `parseAll` / `validateFile` first). Iterate once.
 */
export class ImportStream implements AsyncIterable<RecordBatch> {
  private readonly input: ImportInput;
  private readonly options: StreamOptions;
  private readonly file: string;
  private started = false;
  private result: ImportSummary | undefined;
  private definition: FormatDefinition | undefined;

  public constructor(input: ImportInput, options: StreamOptions = {}) {
    this.input = input;
    this.options = options;
    this.file = options.fileName ?? (typeof input === 'string' ? basename(input) : 'input');
  }

  /** The detected format, once the first bytes were read. */
  public get format(): FormatId | undefined {
    return this.definition?.id;
  }

  /** The summary, after a complete iteration. */
  public get summary(): ImportSummary {
    if (this.result === undefined)
      throw new Error('ImportStream: the summary exists only after the whole file was read without error');
    return this.result;
  }

  public [Symbol.asyncIterator](): AsyncIterator<RecordBatch> {
    if (this.started) throw new Error('ImportStream: a file stream can be iterated only once');
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<RecordBatch, void, undefined> {
    const file = this.file;
    const hash = createHash('sha256');
    let byteLength = 0;
    const source = openInput(this.input, file)[Symbol.asyncIterator]();
    const onProgress = this.options.onProgress;
    const next = async (): Promise<Buffer | undefined> => {
      let step: IteratorResult<Uint8Array | string>;
      try {
        step = await source.next();
      } catch (error) {
        if (ImportError.isInstance(error)) throw error;
        throw new ImportError({
          code: 'read-failed',
          file,
          reason: `the file could not be read (${describe(error)})`,
          cause: error,
        });
      }
      if (step.done === true) return undefined;
      const chunk =
        typeof step.value === 'string'
          ? Buffer.from(step.value, 'utf8')
          : Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength);
      hash.update(chunk);
      byteLength += chunk.length;
      onProgress?.(byteLength);
      return chunk;
    };
    try {
      const headChunks: Buffer[] = [];
      let headSize = 0;
      let ended = false;
      while (headSize < HEAD_BYTES) {
        const chunk = await next();
        if (chunk === undefined) {
          ended = true;
          break;
        }
        headChunks.push(chunk);
        headSize += chunk.length;
      }
      const head = Buffer.concat(headChunks);
      const definition = detectFormatDefinition(head, file);
      const expected = this.options.expectedFormats;
      if (expected !== undefined && !expected.includes(definition.id)) {
        throw new ImportError({
          code: 'unexpected-format',
          file,
          reason: `the file is ${definition.label} [${definition.id}], expected ${expected.join(' or ')}`,
        });
      }
      this.definition = definition;
      const decoder = new TextDecoder('utf-8', { fatal: true });
      const decode = (bytes: Buffer | undefined): string => {
        try {
          return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
        } catch (error) {
          throw new ImportError({
            code: bytes === undefined ? 'truncated' : 'encoding',
            file,
            reason:
              bytes === undefined
                ? 'the file ends inside a UTF-8 character (truncated?)'
                : `the file is not valid UTF-8 text (byte ${byteLength} or before)`,
            cause: error,
          });
        }
      };
      const headText = decode(head);
      const text = async function* (): AsyncGenerator<string, void, undefined> {
        yield headText;
        if (!ended) {
          for (let chunk = await next(); chunk !== undefined; chunk = await next()) yield decode(chunk);
        }
        const rest = decode(undefined);
        if (rest !== '') yield rest;
      };
      const sink = new RecordSink(file, Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE));
      const context = { file, sink, options: this.options, head: headText.slice(0, HEAD_BYTES) };
      for await (const _ of definition.parse(text(), context)) {
        yield* sink.takeReady();
      }
      const last = sink.takeAll();
      // A well-formed file without readings (an Enedis answer for a period without data) is valid and imports nothing.
      const totals = sink.totals;
      const provenance: Provenance = {
        sourceOrganisation: this.options.sourceOrganisation ?? definition.organisation,
        fileName: file,
        sha256: hash.digest('hex'),
        byteLength,
        format: definition.id,
        importer: IMPORTER_NAME,
        importerVersion: IMPORTER_VERSION,
      };
      const period = sink.period();
      this.result = {
        format: definition.id,
        provenance,
        records: totals.records,
        duplicatesDropped: totals.duplicatesDropped,
        ...(period === undefined
          ? {}
          : { periodStart: formatParisInstant(period.start), periodEnd: formatParisInstant(period.end) }),
        series: sink.summarise(),
      };
      yield* last;
    } finally {
      await source.return?.();
    }
  }
}

function openInput(input: ImportInput, file: string): AsyncIterable<Uint8Array | string> {
  if (input instanceof Uint8Array) {
    return (async function* () {
      yield input;
    })();
  }
  if (typeof input !== 'string') {
    if (Symbol.asyncIterator in input) return input;
    return (async function* () {
      yield* input;
    })();
  }
  const stream = createReadStream(input, { highWaterMark: 64 * 1024 });
  return (async function* () {
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw new ImportError({
        code: 'read-failed',
        file,
        reason: `the file could not be read (${describe(error)})`,
        cause: error,
      });
    } finally {
      stream.destroy();
    }
  })();
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string')
    return (error as { code: string }).code;
  return error instanceof Error ? error.message : String(error);
}
