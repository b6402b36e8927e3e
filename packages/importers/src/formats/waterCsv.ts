/**
 * Water utility CSV: one row per day, semicolon (or comma) separated, UTF-8, a header row naming
 * the columns (case and accents ignored):
 *
 * ```
 * date;index_m3;consommation_m3
 * 2025-01-01;1234.567;0.142
 * ```
 *
 * - `date` (or `date_releve`): the day consumed, `YYYY-MM-DD` or `DD/MM/YYYY`; required;
 * - `consommation_m3` (or `consommation_l`, litres): volume consumed that day; required;
 * - `index_m3`: meter index at the end of the day; optional.
 *
 * Decimals use a dot; `12,5` is refused. Other columns are ignored.
 */
import type { WaterReading } from '@sdt/vocab';
import { detectDelimiter, normaliseHeader, readCsvRows } from '../csv/readCsvRows.ts';
import { formatParisInstant, getNextParisMidnight, getParisMidnight, parseLocalDay } from '../time/parisTime.ts';
import { fail, isMissing, quote, readNonNegative, round, type Location } from '../values.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

const DATE_COLUMNS = ['date', 'date_releve'];
const VOLUME_COLUMNS: Record<string, number> = { consommation_m3: 1, consommation_l: 0.001 };

function headerColumns(line: string): string[] {
  return line.split(/[;,]/).map(normaliseHeader);
}

/** The water utility CSV format. */
export const waterCsv: FormatDefinition = {
  id: 'water-csv',
  label: 'Water utility CSV (date;index_m3;consommation_m3)',
  organisation: "Régie ou délégataire de l'eau",
  matches: (head) => {
    const first = head.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    const columns = headerColumns(first);
    return (
      columns.some((c) => DATE_COLUMNS.includes(c)) && columns.some((c) => c in VOLUME_COLUMNS || c === 'index_m3')
    );
  },
  parse: parseWaterCsv,
};

async function* parseWaterCsv(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  let columns:
    | { date: number; volume: number; volumeFactor: number; volumeName: string; index: number; width: number }
    | undefined;
  let rows = 0;
  for await (const { cells, line } of readCsvRows(text, file, detectDelimiter(context.head))) {
    const location: Location = { file, line };
    if (columns === undefined) {
      const names = cells.map(normaliseHeader);
      const date = names.findIndex((name) => DATE_COLUMNS.includes(name));
      const volume = names.findIndex((name) => name in VOLUME_COLUMNS);
      if (date < 0) fail(location, 'missing-field', 'date', 'the header has no "date" column');
      if (volume < 0)
        fail(
          location,
          'missing-field',
          'consommation_m3',
          'the header has no "consommation_m3" (or "consommation_l") column',
        );
      const volumeName = names[volume] as string;
      columns = {
        date,
        volume,
        volumeFactor: VOLUME_COLUMNS[volumeName] as number,
        volumeName,
        index: names.indexOf('index_m3'),
        width: names.length,
      };
      continue;
    }
    if (cells.length < columns.width)
      fail(
        location,
        'missing-field',
        undefined,
        `the row has ${cells.length} cells, the header ${columns.width} (truncated line?)`,
      );
    const dateText = cells[columns.date] ?? '';
    if (isMissing(dateText)) fail(location, 'missing-field', 'date', 'the date is missing');
    const day = parseLocalDay(dateText);
    if (day === undefined)
      fail(location, 'invalid-date', 'date', `${quote(dateText)} is not a valid day (YYYY-MM-DD or DD/MM/YYYY)`);
    const volumeM3 = round(
      readNonNegative(cells[columns.volume], location, columns.volumeName) * columns.volumeFactor,
      6,
    );
    const start = getParisMidnight(day);
    const end = getNextParisMidnight(day);
    const reading: WaterReading = { start: formatParisInstant(start), interval: 'P1D', volumeM3 };
    if (columns.index >= 0 && !isMissing(cells[columns.index])) {
      reading.meterIndexM3 = round(readNonNegative(cells[columns.index], location, 'index_m3'), 6);
    }
    sink.add('water/daily', reading, location, {
      start,
      end,
      signature: `${volumeM3}|${reading.meterIndexM3 ?? ''}`,
      timeField: 'date',
    });
    rows += 1;
    if (rows % 2000 === 0) yield;
  }
  if (columns === undefined) fail({ file }, 'empty-file', undefined, 'the file has no header row');
  yield;
}
