import { ImportStream, type ImportInput, type StreamOptions } from './ImportStream.ts';
import type { ImportSummary, ParsedImport, RecordsBySeries, SeriesId } from './types.ts';

/**
 * Reads a provider file as a stream of record batches (bounded memory), recognising its format by
 * content. Iterate the result; the summary (format, counts, period, provenance with SHA-256) is on
 * `stream.summary` once the iteration ended without error.
 * @param input a path, a Node `Readable`, or any async iterable of byte chunks
 * @throws ImportError (during iteration) on the first problem in the file
 */
export function parseFile(input: ImportInput, options: StreamOptions = {}): ImportStream {
  return new ImportStream(input, options);
}

/**
 * Reads and checks a whole file, keeping nothing but counts: the first pass of a two-pass import
 * (validate everything, then stream again to write).
 * @returns the summary of the file
 * @throws ImportError on the first problem in the file
 */
export async function validateFile(input: ImportInput, options: StreamOptions = {}): Promise<ImportSummary> {
  const stream = new ImportStream(input, options);
  for await (const _batch of stream) {
    // Records are dropped: only the verdict and the summary matter here.
  }
  return stream.summary;
}

/**
 * Reads and checks a whole file and returns every record by series: nothing is returned unless the
 * whole file is valid. Holds all records in memory (use `parseFile` for very large load curves).
 * @throws ImportError on the first problem in the file
 */
export async function parseAll(input: ImportInput, options: StreamOptions = {}): Promise<ParsedImport> {
  const stream = new ImportStream(input, options);
  const records: RecordsBySeries = {};
  for await (const batch of stream) {
    const list = (records[batch.series] ??= []) as unknown[];
    for (const record of batch.records) list.push(record);
  }
  const summary = stream.summary;
  return { format: summary.format, provenance: summary.provenance, summary, records };
}

/** The records of one series of a parsed file (empty when the file had none). */
export function getSeriesRecords<S extends SeriesId>(parsed: ParsedImport, series: S): NonNullable<RecordsBySeries[S]> {
  return (parsed.records[series] ?? []) as NonNullable<RecordsBySeries[S]>;
}
