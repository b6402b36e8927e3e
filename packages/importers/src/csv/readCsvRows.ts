import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import { ImportError } from '../ImportError.ts';

/** One CSV row with its 1-based line number. */
export interface CsvRow {
  cells: string[];
  line: number;
}

/**
 * Streams the rows of CSV text with csv-parse (blank lines skipped, cells trimmed, rows of any
 * length so that header blocks can precede the data).
 * @throws ImportError `malformed` (quotes, oversize rows) or `truncated` (unclosed quote at the end)
 */
export async function* readCsvRows(
  text: AsyncIterable<string>,
  file: string,
  delimiter: string,
): AsyncGenerator<CsvRow, void, undefined> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    trim: true,
    info: true,
    max_record_size: 100_000,
  });
  let sourceError: unknown;
  const pump = (async () => {
    try {
      for await (const chunk of text) {
        if (!parser.write(chunk)) await once(parser, 'drain');
      }
      parser.end();
    } catch (error) {
      sourceError = error;
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { cells: item.record, line: item.info.lines };
    }
    await pump;
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    if (ImportError.isInstance(error)) throw error;
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: number }).lines;
      throw new ImportError({
        code: error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'truncated' : 'malformed',
        file,
        ...(typeof lines === 'number' ? { line: lines } : {}),
        reason: `invalid CSV (${error.message})`,
        cause: error,
      });
    }
    throw error;
  } finally {
    parser.destroy();
  }
}

/** `;` or `,`, whichever appears in the first non-empty line (`;` when both or none). */
export function detectDelimiter(head: string): ';' | ',' {
  const firstLine = head.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return firstLine.includes(';') || !firstLine.includes(',') ? ';' : ',';
}

/** Lower case, accents removed, spaces and dashes to `_`: `Unité` -> `unite`, `Pas en minutes` -> `pas_en_minutes`. */
export function normaliseHeader(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/[()]/g, '');
}
