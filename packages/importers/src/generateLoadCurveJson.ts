import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { DAY_MS, MAX_YEAR, MINUTE_MS, getParisMidnight, parseLocalDay, toParisWallMs } from './time/parisTime.ts';

/** Options of `generateLoadCurveJson`. */
export interface LoadCurveOptions {
  /** Number of days to write. */
  days: number;
  /** First day, `YYYY-MM-DD` (default `2023-01-01`). */
  startDay?: string;
  /** Seed of the deterministic values (default 1). */
  seed?: number;
  /** Usage point id written in the file (default fourteen zeros). */
  usagePointId?: string;
}

/**
 * Writes a synthetic Enedis Data Connect `consumption_load_curve` answer: 30-minute average power
 * for `days` consecutive days (46 or 50 intervals on daylight-saving days), local end times as
 * Enedis writes them, deterministic values. About 81 bytes per reading: 100 MB is ~1.2 M readings
 * (~60 years of 30-minute data; consent caps real exports at 3 years, this is a stress file). Dates
 * must stay within 1970-2200 (the range the parsers accept).
 * @returns the number of readings and bytes written
 */
export async function generateLoadCurveJson(
  path: string,
  options: LoadCurveOptions,
): Promise<{ readings: number; bytes: number }> {
  const startWall = parseLocalDay(options.startDay ?? '2023-01-01');
  if (startWall === undefined)
    throw new RangeError(`generateLoadCurveJson: startDay must be YYYY-MM-DD, got ${options.startDay}`);
  if (!Number.isInteger(options.days) || options.days < 1)
    throw new RangeError('generateLoadCurveJson: days must be a positive integer');
  const endWall = startWall + options.days * DAY_MS;
  if (new Date(endWall).getUTCFullYear() > MAX_YEAR) {
    throw new RangeError(
      `generateLoadCurveJson: the file would end after ${MAX_YEAR} (start earlier or write fewer days)`,
    );
  }
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  let state = (options.seed ?? 1) >>> 0 || 1;
  const random = (): number => {
    // xorshift32: fast, deterministic, good enough for load shapes.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const day = (wall: number): string => new Date(wall).toISOString().slice(0, 10);
  await write(
    `{"meter_reading":{"usage_point_id":${JSON.stringify(options.usagePointId ?? '00000000000000')},"start":"${day(startWall)}","end":"${day(endWall)}","quality":"BRUT",` +
      `"reading_type":{"measurement_kind":"power","unit":"W","aggregate":"average"},"interval_reading":[\n`,
  );
  let readings = 0;
  const first = getParisMidnight(startWall);
  const last = getParisMidnight(endWall);
  let parts: string[] = [];
  for (let end = first + 30 * MINUTE_MS; end <= last; end += 30 * MINUTE_MS) {
    const wall = new Date(toParisWallMs(end)).toISOString();
    const hour = Number(wall.slice(11, 13));
    const base = 250 + 600 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    const value = Math.round(base + random() * 400);
    parts.push(
      `${readings === 0 ? '' : ',\n'}{"value":"${value}","date":"${wall.slice(0, 10)} ${wall.slice(11, 19)}","interval_length":"PT30M","measure_type":"B"}`,
    );
    readings += 1;
    if (parts.length === 1000) {
      await write(parts.join(''));
      parts = [];
    }
  }
  await write(`${parts.join('')}\n]}}\n`);
  out.end();
  await once(out, 'finish');
  return { readings, bytes };
}
