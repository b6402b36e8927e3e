/**
 * GRDF ADICT JSON: daily ("informatives") and monthly ("publiées") gas consumption. Three layouts:
 *
 * - an object with a `releves` array: `{"pce": {...}, "releves": [{"journee_gaziere": "2025-01-03",
 *   "energie": 45.2, "volume_brut": 4.1, "coeff_calcul": {"coeff_conversion": 11.02}}]}`;
 * - a top-level array of such items;
 * - the ADICT API answer itself: JSON Lines, one `{"pce", "releve_debut", "releve_fin",
 *   "consommation": {"date_debut_consommation", "date_fin_consommation", "journee_gaziere",
 *   "energie", "volume_brut", "coeff_calcul": {"coeff_conversion"}}}` per line.
 *
 * An item may hold its fields directly or under `consommation`. The interval is
 * `date_debut_consommation`..`date_fin_consommation` when both are given, else the gas day
 * `journee_gaziere`. A gas day (journée gazière) runs from 06:00 to 06:00 Paris time, so a bare
 * day D starts at D 06:00. One-day intervals go to the `daily` series, longer ones (months,
 * meter-reading periods) to `monthly`.
 */
import { feedJson } from '../json/readJson.ts';
import { JsonStreamReader } from '../json/JsonStreamReader.ts';
import {
  describeParisInterval,
  formatParisInstant,
  parseInstant,
  parseLocalDateTime,
  parseLocalDay,
  resolveParisWallTime,
  getParisInstant,
} from '../time/parisTime.ts';
import {
  fail,
  isMissing,
  isRecord,
  quote,
  readNonNegative,
  readObject,
  readPositive,
  readString,
  round,
  type Location,
} from '../values.ts';
import type { GasReading } from '@sdt/vocab';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

const GAS_DAY_START_HOUR = 6;

/** The GRDF ADICT JSON format. */
export const grdfAdict: FormatDefinition = {
  id: 'grdf-adict-json',
  label: 'GRDF ADICT JSON (consommations informatives / publiées)',
  organisation: 'GRDF',
  matches: (head) =>
    /^\s*[[{]/.test(head) &&
    (/"(journee_gaziere|date_debut_consommation)"\s*:/.test(head) ||
      (/"pce"\s*:/.test(head) && /"releves"\s*:/.test(head))),
  parse: parseGrdfAdict,
};

async function* parseGrdfAdict(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  let items = 0;
  const handle = (element: unknown, jsonPath: string, ordinal: number): void => {
    const location: Location = { file, jsonPath };
    const item = readObject(element, location, undefined);
    const consumption = isRecord(item.consommation) ? item.consommation : item;
    const at: Location = consumption === item ? location : { file, jsonPath: `${jsonPath}.consommation` };
    const { start, end } = readInterval(consumption, at);
    const interval = describeParisInterval(start, end);
    if (interval === undefined)
      fail(at, 'invalid-date', 'date_fin_consommation', 'the end of the consumption is not after its start');
    const kWh = round(readNonNegative(consumption.energie, at, 'energie'), 6);
    const volumeField = consumption.volume_brut !== undefined ? 'volume_brut' : 'volume_brute';
    const rawVolume = consumption[volumeField];
    const volumeM3 = isMissing(rawVolume) ? undefined : round(readNonNegative(rawVolume, at, volumeField), 6);
    const coefficient = readCoefficient(consumption, at);
    const reading: GasReading = { start: formatParisInstant(start), interval, kWh };
    if (volumeM3 !== undefined) reading.volumeM3 = volumeM3;
    if (coefficient !== undefined) reading.conversionCoefficient = coefficient;
    sink.add(interval === 'P1D' ? 'gas/daily' : 'gas/monthly', reading, at, {
      start,
      end,
      signature: `${interval}|${kWh}|${volumeM3 ?? ''}|${coefficient ?? ''}`,
      timeField: 'date_debut_consommation' in consumption ? 'date_debut_consommation' : 'journee_gaziere',
      ordinal,
    });
    items += 1;
  };

  const reader = new JsonStreamReader({
    file,
    streamedArrays: ['$.releves', '$'],
    jsonStreaming: true,
    onElement: (element, path, index) => handle(element, `${path}[${index}]`, index),
    onTopLevel: (value, index) => {
      const path = `$[${index}]`;
      if (Array.isArray(value)) return; // a top-level array: its items were streamed
      const object = readObject(value, { file, jsonPath: path }, undefined);
      if (Array.isArray(object.releves)) return; // the `releves` layout: items were streamed
      if (isRecord(object.consommation) || 'journee_gaziere' in object || 'date_debut_consommation' in object) {
        handle(object, path, index);
        return;
      }
      fail(
        { file, jsonPath: path },
        'invalid-structure',
        'releves',
        'expected a "releves" array or ADICT "consommation" records',
      );
    },
  });
  yield* feedJson(text, reader);
  if (items === 0 && reader.topLevelValues === 0)
    fail({ file, jsonPath: '$' }, 'empty-file', undefined, 'the file holds no gas readings');
}

function readInterval(consumption: Record<string, unknown>, location: Location): { start: number; end: number } {
  if (!isMissing(consumption.date_debut_consommation) || !isMissing(consumption.date_fin_consommation)) {
    const start = readGasInstant(consumption.date_debut_consommation, location, 'date_debut_consommation');
    const end = readGasInstant(consumption.date_fin_consommation, location, 'date_fin_consommation');
    return { start, end };
  }
  const text = readString(consumption.journee_gaziere, location, 'journee_gaziere');
  const day = parseLocalDay(text);
  if (day === undefined)
    fail(location, 'invalid-date', 'journee_gaziere', `${quote(text)} is not a valid day (YYYY-MM-DD)`);
  return { start: gasDayStart(day), end: gasDayStart(day + 86_400_000) };
}

/** A gas-day date (`2025-01-03` = that day 06:00 Paris), a local date-time, or an instant with offset. */
function readGasInstant(raw: unknown, location: Location, field: string): number {
  const text = readString(raw, location, field);
  const day = parseLocalDay(text);
  if (day !== undefined) return gasDayStart(day);
  const instant = parseInstant(text);
  if (instant !== undefined) return instant;
  const wall = parseLocalDateTime(text);
  if (wall !== undefined) {
    const resolved = resolveParisWallTime(wall);
    if (resolved.kind === 'unique') return resolved.epochMs;
  }
  return fail(
    location,
    'invalid-date',
    field,
    `${quote(text)} is not a valid day (YYYY-MM-DD) or date-time with offset`,
  );
}

/** 06:00 Paris time of the day (never in a daylight-saving gap or repeat, which happen at 02:00-03:00). */
function gasDayStart(wallDayMs: number): number {
  return getParisInstant(wallDayMs + GAS_DAY_START_HOUR * 3_600_000);
}

function readCoefficient(consumption: Record<string, unknown>, location: Location): number | undefined {
  if (isRecord(consumption.coeff_calcul)) {
    const raw = consumption.coeff_calcul.coeff_conversion;
    return isMissing(raw)
      ? undefined
      : round(
          readPositive(
            raw,
            { file: location.file, jsonPath: `${location.jsonPath ?? '$'}.coeff_calcul` },
            'coeff_conversion',
          ),
          6,
        );
  }
  return isMissing(consumption.coeff_conversion)
    ? undefined
    : round(readPositive(consumption.coeff_conversion, location, 'coeff_conversion'), 6);
}
