/**
 * Trips as CSV, one trip per row, semicolon (or comma) separated, with a header row (case and
 * accents ignored):
 *
 * ```
 * departure;arrival;mode;distance_km;start_lat;start_lon;end_lat;end_lon
 * 2025-01-06T07:42:00+01:00;2025-01-06T08:05:00+01:00;bus;6.4;;;;
 * ```
 *
 * `departure` (or `depart`, `start`, `start_time`), `arrival` (or `arrivee`, `end`, `end_time`) and
 * `mode` are required; `distance_km` is optional when the four coordinates are given (the distance is
 * then the straight-line haversine distance).
 */
import { detectDelimiter, normaliseHeader, readCsvRows } from '../csv/readCsvRows.ts';
import { fail, isMissing, readNumber, type Location } from '../values.ts';
import { addTrip } from './buildTrip.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

const DEPARTURE = ['departure', 'depart', 'start', 'start_time', 'date_depart', 'heure_depart'];
const ARRIVAL = ['arrival', 'arrivee', 'end', 'end_time', 'date_arrivee', 'heure_arrivee'];

/** The trips CSV format. */
export const tripsCsv: FormatDefinition = {
  id: 'trips-csv',
  label: 'Trips CSV (departure;arrival;mode;distance_km)',
  organisation: 'Application de suivi des trajets',
  matches: (head) => {
    const first = head.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    const columns = first.split(/[;,]/).map(normaliseHeader);
    return (
      columns.includes('mode') && columns.some((c) => DEPARTURE.includes(c)) && columns.some((c) => ARRIVAL.includes(c))
    );
  },
  parse: parseTripsCsv,
};

async function* parseTripsCsv(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  let header:
    { names: string[]; index: (name: string) => number; departure: number; arrival: number; mode: number } | undefined;
  let rows = 0;
  for await (const { cells, line } of readCsvRows(text, file, detectDelimiter(context.head))) {
    const location: Location = { file, line };
    if (header === undefined) {
      const names = cells.map(normaliseHeader);
      const departure = names.findIndex((name) => DEPARTURE.includes(name));
      const arrival = names.findIndex((name) => ARRIVAL.includes(name));
      const mode = names.indexOf('mode');
      if (departure < 0 || arrival < 0 || mode < 0)
        fail(location, 'missing-field', undefined, 'the header must name departure, arrival and mode columns');
      header = { names, index: (name) => names.indexOf(name), departure, arrival, mode };
      continue;
    }
    if (cells.length < header.names.length) {
      fail(
        location,
        'missing-field',
        undefined,
        `the row has ${cells.length} cells, the header ${header.names.length} (truncated line?)`,
      );
    }
    const cell = (name: string): string | undefined => {
      const index = header?.index(name) ?? -1;
      return index < 0 ? undefined : cells[index];
    };
    const coordinates = ['start_lon', 'start_lat', 'end_lon', 'end_lat'].map((name) => cell(name));
    const positions = coordinates.every((value) => !isMissing(value))
      ? (() => {
          const [lon1, lat1, lon2, lat2] = coordinates.map((value, i) =>
            readNumber(value, location, ['start_lon', 'start_lat', 'end_lon', 'end_lat'][i] as string),
          );
          for (const [lon, lat] of [
            [lon1, lat1],
            [lon2, lat2],
          ] as [number, number][]) {
            if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
              fail(
                location,
                'invalid-value',
                'start_lat',
                'a coordinate is outside longitude -180..180 / latitude -90..90',
              );
          }
          return [
            [lon1, lat1],
            [lon2, lat2],
          ] as [number, number][];
        })()
      : undefined;
    addTrip(
      {
        mode: cells[header.mode],
        departure: cells[header.departure],
        arrival: cells[header.arrival],
        distanceKm: cell('distance_km'),
        ...(positions === undefined ? {} : { lines: [positions] }),
      },
      {
        mode: 'mode',
        departure: header.names[header.departure] as string,
        arrival: header.names[header.arrival] as string,
        distance: 'distance_km',
      },
      location,
      sink,
    );
    rows += 1;
    if (rows % 2000 === 0) yield;
  }
  if (header === undefined) fail({ file }, 'empty-file', undefined, 'the file has no header row');
  yield;
}
