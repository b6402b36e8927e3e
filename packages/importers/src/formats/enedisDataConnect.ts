/**
 * Enedis Data Connect JSON (Metering Data v5): `daily_consumption` (energy, Wh per day) and
 * `consumption_load_curve` (average power, W per interval). Layout:
 *
 * ```json
 * {"meter_reading": {"usage_point_id": "...", "start": "2025-01-01", "end": "2025-01-08", "quality": "BRUT",
 *   "reading_type": {"measurement_kind": "power", "unit": "W", "aggregate": "average"},
 *   "interval_reading": [{"value": "540", "date": "2025-01-01 00:30:00", "interval_length": "PT30M", "measure_type": "B"}]}}
 * ```
 *
 * A load-curve `date` is the LOCAL Europe/Paris END of its interval; the start is end - interval.
 * In the repeated autumn hour, the first occurrence of a local time is +02:00, the next +01:00.
 */
import { feedJson } from '../json/readJson.ts';
import { JsonStreamReader } from '../json/JsonStreamReader.ts';
import {
  MINUTE_MS,
  formatParisInstant,
  getNextParisMidnight,
  getParisMidnight,
  parseClockDurationMinutes,
  parseLocalDateTime,
  parseLocalDay,
  resolveParisWallTimeInSequence,
} from '../time/parisTime.ts';
import {
  fail,
  isMissing,
  isRecord,
  quote,
  readNonNegative,
  readObject,
  readString,
  round,
  type Location,
} from '../values.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

const READINGS_PATH = '$.meter_reading.interval_reading';
const META_PATH = '$.meter_reading';

interface ReadingType {
  kind: 'energy' | 'power';
  /** Multiplier to kWh (energy) or W (power). */
  factor: number;
  /** Default interval of power readings, minutes. */
  defaultMinutes: number | undefined;
  /** Announced period, as epoch bounds, when given. */
  periodStart: number | undefined;
  periodEnd: number | undefined;
}

/** The Enedis Data Connect JSON format. */
export const enedisDataConnect: FormatDefinition = {
  id: 'enedis-data-connect-json',
  label: 'Enedis Data Connect JSON (daily_consumption, consumption_load_curve)',
  organisation: 'Enedis',
  matches: (head) => /"meter_reading"\s*:\s*\{/.test(head),
  parse: parseEnedisDataConnect,
};

async function* parseEnedisDataConnect(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  let readingType: ReadingType | undefined;
  /** Elements read before `reading_type` (only when a file puts it after the readings). */
  const pending: [unknown, number][] = [];
  let previousEnd: number | undefined;

  const handle = (element: unknown, index: number, type: ReadingType): void => {
    const location: Location = { file, jsonPath: `${READINGS_PATH}[${index}]` };
    const reading = readObject(element, location, undefined);
    if (type.kind === 'energy') {
      const dayText = readString(reading.date, location, 'date');
      const wallDay = parseLocalDay(
        dayText.length === 19 && dayText.endsWith(' 00:00:00') ? dayText.slice(0, 10) : dayText,
      );
      if (wallDay === undefined || dayText.includes('/'))
        fail(location, 'invalid-date', 'date', `${quote(dayText)} is not a valid day (YYYY-MM-DD)`);
      const start = getParisMidnight(wallDay);
      const end = getNextParisMidnight(wallDay);
      checkPeriod(type, start, end, location);
      const kWh = round(readNonNegative(reading.value, location, 'value') * type.factor, 6);
      sink.add('electricity/daily', { start: formatParisInstant(start), interval: 'P1D', kWh }, location, {
        start,
        end,
        signature: kWh,
        timeField: 'date',
        ordinal: index,
      });
      return;
    }
    const lengthText = isMissing(reading.interval_length)
      ? undefined
      : readString(reading.interval_length, location, 'interval_length');
    const minutes = lengthText === undefined ? type.defaultMinutes : parseClockDurationMinutes(lengthText);
    if (minutes === undefined) {
      if (lengthText === undefined)
        fail(location, 'missing-field', 'interval_length', 'the interval length is missing');
      fail(
        location,
        'invalid-value',
        'interval_length',
        `${quote(lengthText)} is not an interval length such as PT30M`,
      );
    }
    if (!isMissing(reading.measure_type)) readString(reading.measure_type, location, 'measure_type');
    const dateText = readString(reading.date, location, 'date');
    const wall = parseLocalDateTime(dateText);
    if (wall === undefined)
      fail(location, 'invalid-date', 'date', `${quote(dateText)} is not a valid local date-time (YYYY-MM-DD HH:MM:SS)`);
    const end = resolveParisWallTimeInSequence(wall, previousEnd);
    if (end === undefined) {
      fail(location, 'invalid-date', 'date', `${quote(dateText)} does not exist in Europe/Paris (daylight-saving gap)`);
    }
    previousEnd = end;
    const start = end - minutes * MINUTE_MS;
    checkPeriod(type, start, end, location);
    const watts = round(readNonNegative(reading.value, location, 'value') * type.factor, 6);
    sink.add('electricity/curve', { start: formatParisInstant(start), interval: `PT${minutes}M`, watts }, location, {
      start,
      end,
      signature: watts,
      timeField: 'date',
      ordinal: index,
    });
  };

  const reader = new JsonStreamReader({
    file,
    streamedArrays: [READINGS_PATH],
    onElement: (element, _path, index) => {
      if (readingType === undefined) readingType = tryReadingType(reader.partialRoot, file);
      if (readingType === undefined) pending.push([element, index]);
      else handle(element, index, readingType);
    },
    onTopLevel: (root) => {
      const rootLocation: Location = { file, jsonPath: '$' };
      const document = readObject(root, rootLocation, undefined);
      const meter = readObject(document.meter_reading, { file, jsonPath: '$' }, 'meter_reading');
      if (!Array.isArray(meter.interval_reading)) {
        if (meter.interval_reading === undefined)
          fail({ file, jsonPath: META_PATH }, 'missing-field', 'interval_reading', 'the readings array is missing');
        fail(
          { file, jsonPath: READINGS_PATH },
          'invalid-structure',
          'interval_reading',
          'an array of readings was expected',
        );
      }
      readingType ??= requireReadingType(meter, file);
      for (const [element, index] of pending.splice(0)) handle(element, index, readingType);
    },
  });
  // An empty interval_reading array is a valid answer for a period without data: nothing to import.
  yield* feedJson(text, reader);
}

function tryReadingType(root: unknown, file: string): ReadingType | undefined {
  if (!isRecord(root) || !isRecord(root.meter_reading) || !isRecord(root.meter_reading.reading_type)) return undefined;
  return requireReadingType(root.meter_reading, file);
}

function requireReadingType(meter: Record<string, unknown>, file: string): ReadingType {
  const location: Location = { file, jsonPath: `${META_PATH}.reading_type` };
  const type = readObject(meter.reading_type, { file, jsonPath: META_PATH }, 'reading_type');
  const kind = readString(type.measurement_kind, location, 'measurement_kind');
  const unit = readString(type.unit, location, 'unit');
  const aggregate = isMissing(type.aggregate) ? undefined : readString(type.aggregate, location, 'aggregate');
  const period = readPeriod(meter, file);
  if (kind === 'energy') {
    const factor = unit === 'Wh' ? 0.001 : unit === 'kWh' ? 1 : undefined;
    if (factor === undefined)
      fail(location, 'unknown-unit', 'unit', `${quote(unit)} is not an energy unit (Wh or kWh)`);
    if (aggregate !== undefined && aggregate !== 'sum')
      fail(location, 'invalid-value', 'aggregate', `${quote(aggregate)}: daily energy must be a sum`);
    if (!isMissing(type.measuring_period) && type.measuring_period !== 'P1D') {
      fail(
        location,
        'invalid-value',
        'measuring_period',
        `${quote(type.measuring_period)}: only daily energy (P1D) is supported`,
      );
    }
    return { kind, factor, defaultMinutes: undefined, ...period };
  }
  if (kind === 'power') {
    if (aggregate !== undefined && aggregate !== 'average') {
      fail(
        location,
        'invalid-value',
        'aggregate',
        `${quote(aggregate)}: only average power (the load curve) is supported, not maxima`,
      );
    }
    const factor = unit === 'W' ? 1 : unit === 'kW' ? 1000 : undefined;
    if (factor === undefined) fail(location, 'unknown-unit', 'unit', `${quote(unit)} is not a power unit (W or kW)`);
    const periodText = isMissing(type.measuring_period)
      ? undefined
      : readString(type.measuring_period, location, 'measuring_period');
    const defaultMinutes = periodText === undefined ? undefined : parseClockDurationMinutes(periodText);
    if (periodText !== undefined && defaultMinutes === undefined) {
      fail(
        location,
        'invalid-value',
        'measuring_period',
        `${quote(periodText)} is not an interval length such as PT30M`,
      );
    }
    return { kind, factor, defaultMinutes, ...period };
  }
  return fail(location, 'invalid-value', 'measurement_kind', `${quote(kind)} is neither "energy" nor "power"`);
}

function readPeriod(
  meter: Record<string, unknown>,
  file: string,
): { periodStart: number | undefined; periodEnd: number | undefined } {
  const location: Location = { file, jsonPath: META_PATH };
  const bound = (field: 'start' | 'end'): number | undefined => {
    if (isMissing(meter[field])) return undefined;
    const text = readString(meter[field], location, field);
    const wall = parseLocalDay(text);
    if (wall === undefined || text.includes('/'))
      fail(location, 'invalid-date', field, `${quote(text)} is not a valid day (YYYY-MM-DD)`);
    return getParisMidnight(wall);
  };
  const periodStart = bound('start');
  const periodEnd = bound('end');
  if (periodStart !== undefined && periodEnd !== undefined && periodEnd < periodStart) {
    fail(location, 'invalid-date', 'end', 'the end of the period is before its start');
  }
  return { periodStart, periodEnd };
}

function checkPeriod(type: ReadingType, start: number, end: number, location: Location): void {
  // The announced end day is exclusive for daily energy and closes the last load-curve interval.
  if (
    (type.periodStart !== undefined && start < type.periodStart) ||
    (type.periodEnd !== undefined && end > type.periodEnd)
  ) {
    fail(
      location,
      'invalid-date',
      'date',
      `the reading ${formatParisInstant(start)} lies outside the period announced in ${META_PATH} (start, end)`,
    );
  }
}
