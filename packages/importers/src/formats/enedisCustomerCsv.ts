/**
 * Enedis customer-space CSV export ("Mon compte Enedis" > "Télécharger mes données"), semicolon
 * separated, UTF-8. Supported layout (see README):
 *
 * ```
 * Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;Grandeur metier;Etape metier;Unite;Pas en minutes
 * 00000000000000;Courbe de charge;29/03/2025;01/04/2025;Energie active;Consommation;Comptage Brut;W;30
 * Horodate;Valeur
 * 2025-03-29T00:30:00+01:00;512
 * ```
 *
 * The header block (first two lines) is optional; without it values are W over 30 minutes.
 * `Horodate` is the END of the interval (as in Data Connect), with an offset or as Paris local time
 * (`2025-10-26 02:30:00`, the repeated autumn hour told apart by order). `Unite` W (or kW) gives
 * load-curve power; Wh (or kWh) gives daily energy, the `Horodate` naming the day consumed.
 */
import { readCsvRows, normaliseHeader } from '../csv/readCsvRows.ts';
import {
  MINUTE_MS,
  formatParisInstant,
  parseClockDurationMinutes,
  getNextParisMidnight,
  getParisMidnight,
  parseInstant,
  parseLocalDateTime,
  parseLocalDay,
  resolveParisWallTimeInSequence,
  toParisWallMs,
  DAY_MS,
} from '../time/parisTime.ts';
import { fail, isMissing, quote, readNonNegative, round, type Location } from '../values.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

/** The Enedis customer-space CSV export. */
export const enedisCustomerCsv: FormatDefinition = {
  id: 'enedis-customer-csv',
  label: 'Enedis customer-space CSV export (Horodate;Valeur)',
  organisation: 'Enedis',
  matches: (head) => {
    const lines = head.split(/\r?\n/, 8).map((line) => normaliseHeader(line));
    return lines.some(
      (line) =>
        line.startsWith('identifiant_prm;') || line === 'horodate;valeur' || line.startsWith('horodate;valeur;'),
    );
  },
  parse: parseEnedisCustomerCsv,
};

interface Header {
  kind: 'power' | 'energy';
  factor: number;
  minutes: number;
  /** Epoch of local midnight of `Date de debut`, when given. */
  firstDay: number | undefined;
  /** Epoch of local midnight of `Date de fin`, when given. */
  lastDay: number | undefined;
}

async function* parseEnedisCustomerCsv(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  let blockKeys: string[] | undefined;
  let header: Header | undefined;
  let columns: { time: number; value: number; step: number } | undefined;
  let previousEnd: number | undefined;
  let lastEnd = -Infinity;
  let lastLine = 0;
  let rows = 0;
  for await (const { cells, line } of readCsvRows(text, file, ';')) {
    lastLine = line;
    const location: Location = { file, line };
    if (columns === undefined) {
      const first = normaliseHeader(cells[0] ?? '');
      if (first === 'identifiant_prm') {
        blockKeys = cells.map(normaliseHeader);
      } else if (blockKeys !== undefined && header === undefined && first !== 'horodate') {
        header = readHeaderBlock(blockKeys, cells, location);
      } else if (first === 'horodate') {
        const names = cells.map(normaliseHeader);
        const value = names.indexOf('valeur');
        if (value < 0)
          fail(location, 'missing-field', 'Valeur', 'the data header must name the columns Horodate;Valeur');
        columns = { time: 0, value, step: names.findIndex((name) => name === 'pas' || name === 'pas_en_minutes') };
        header ??= { kind: 'power', factor: 1, minutes: 30, firstDay: undefined, lastDay: undefined };
      } else {
        fail(
          location,
          'invalid-structure',
          undefined,
          'expected the header "Identifiant PRM;..." or "Horodate;Valeur"',
        );
      }
      continue;
    }
    const h = header as Header;
    const timeText = cells[columns.time] ?? '';
    const rawValue = cells[columns.value];
    if (cells.length < 2 || isMissing(rawValue))
      fail(location, 'missing-field', 'Valeur', 'the value is missing (truncated line?)');
    const value = round(readNonNegative(rawValue, location, 'Valeur') * h.factor, 6);
    rows += 1;
    if (h.kind === 'energy') {
      const day = readDay(timeText, location);
      const start = getParisMidnight(day);
      const end = getNextParisMidnight(day);
      checkHeaderPeriod(h, start, end, location);
      lastEnd = Math.max(lastEnd, end);
      sink.add('electricity/daily', { start: formatParisInstant(start), interval: 'P1D', kWh: value }, location, {
        start,
        end,
        signature: value,
        timeField: 'Horodate',
      });
    } else {
      const end = readEnd(timeText, previousEnd, location);
      previousEnd = end;
      const minutes =
        columns.step >= 0 && !isMissing(cells[columns.step])
          ? readStep(cells[columns.step] as string, location)
          : h.minutes;
      const start = end - minutes * MINUTE_MS;
      checkHeaderPeriod(h, start, end, location);
      lastEnd = Math.max(lastEnd, end);
      sink.add(
        'electricity/curve',
        { start: formatParisInstant(start), interval: `PT${minutes}M`, watts: value },
        location,
        {
          start,
          end,
          signature: value,
          timeField: 'Horodate',
        },
      );
    }
    if (rows % 2000 === 0) yield;
  }
  if (columns === undefined) {
    fail(
      { file, line: lastLine },
      lastLine === 0 ? 'empty-file' : 'truncated',
      'Horodate',
      'the file has no "Horodate;Valeur" data header',
    );
  }
  if (header?.lastDay !== undefined && rows > 0 && lastEnd < header.lastDay) {
    fail(
      { file, line: lastLine },
      'truncated',
      'Horodate',
      `the readings stop at ${formatParisInstant(lastEnd)}, before the "Date de fin" of the header (truncated file?)`,
    );
  }
  yield;
}

function checkHeaderPeriod(header: Header, start: number, end: number, location: Location): void {
  // "Date de fin" may be inclusive or exclusive: allow up to the end of that day.
  if (
    (header.firstDay !== undefined && start < header.firstDay) ||
    (header.lastDay !== undefined && end > header.lastDay + 25 * 3_600_000)
  ) {
    fail(
      location,
      'invalid-date',
      'Horodate',
      `the reading ${formatParisInstant(start)} lies outside the period of the header (Date de debut, Date de fin)`,
    );
  }
}

function readHeaderBlock(keys: string[], cells: string[], location: Location): Header {
  const get = (...names: string[]): string | undefined => {
    for (const name of names) {
      const index = keys.indexOf(name);
      if (index >= 0 && !isMissing(cells[index])) return (cells[index] as string).trim();
    }
    return undefined;
  };
  const unit = get('unite', 'unite_de_mesure') ?? 'W';
  const stepText = get('pas_en_minutes', 'pas');
  let kind: Header['kind'];
  let factor: number;
  switch (unit) {
    case 'W':
      [kind, factor] = ['power', 1];
      break;
    case 'kW':
      [kind, factor] = ['power', 1000];
      break;
    case 'Wh':
      [kind, factor] = ['energy', 0.001];
      break;
    case 'kWh':
      [kind, factor] = ['energy', 1];
      break;
    default:
      return fail(location, 'unknown-unit', 'Unite', `${quote(unit)} is not a supported unit (W, kW, Wh, kWh)`);
  }
  const minutes = stepText === undefined ? 30 : readStep(stepText, location, 'Pas en minutes');
  const day = (name: string, label: string): number | undefined => {
    const text = get(name);
    if (text === undefined) return undefined;
    const wall = parseLocalDay(text);
    if (wall === undefined) fail(location, 'invalid-date', label, `${quote(text)} is not a valid day (DD/MM/YYYY)`);
    return getParisMidnight(wall);
  };
  const firstDay = day('date_de_debut', 'Date de debut');
  const lastDay = day('date_de_fin', 'Date de fin');
  if (firstDay !== undefined && lastDay !== undefined && lastDay < firstDay)
    fail(location, 'invalid-date', 'Date de fin', 'the end of the period is before its start');
  return { kind, factor, minutes, firstDay, lastDay };
}

/** A step in minutes (`30`) or as an ISO duration (`PT30M`), 1 to 60 minutes. */
function readStep(text: string, location: Location, field = 'Pas'): number {
  const minutes = text.startsWith('PT') ? parseClockDurationMinutes(text) : Number(text);
  if (minutes === undefined || !Number.isInteger(minutes) || minutes <= 0 || minutes > 60) {
    fail(
      location,
      'invalid-value',
      field,
      `${quote(text)} is not a step in minutes (1-60) or a duration such as PT30M`,
    );
  }
  return minutes;
}

function readEnd(text: string, previousEnd: number | undefined, location: Location): number {
  if (isMissing(text)) fail(location, 'missing-field', 'Horodate', 'the timestamp is missing');
  const instant = parseInstant(text);
  if (instant !== undefined) return instant;
  const wall = parseLocalDateTime(text);
  if (wall === undefined)
    fail(location, 'invalid-date', 'Horodate', `${quote(text)} is not a valid date-time (2025-01-03T00:30:00+01:00)`);
  const end = resolveParisWallTimeInSequence(wall, previousEnd);
  if (end === undefined)
    fail(location, 'invalid-date', 'Horodate', `${quote(text)} does not exist in Europe/Paris (daylight-saving gap)`);
  return end;
}

/** Wall milliseconds of the day named by a daily Horodate (a day, a local date-time, or an instant). */
function readDay(text: string, location: Location): number {
  if (isMissing(text)) fail(location, 'missing-field', 'Horodate', 'the timestamp is missing');
  const day = parseLocalDay(text);
  if (day !== undefined) return day;
  const instant = parseInstant(text);
  const wall = instant === undefined ? parseLocalDateTime(text) : toParisWallMs(instant);
  if (wall === undefined) fail(location, 'invalid-date', 'Horodate', `${quote(text)} is not a valid day or date-time`);
  return Math.floor(wall / DAY_MS) * DAY_MS;
}
