import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLoadCurveJson } from './generateLoadCurveJson.ts';
import { validateFile } from './parseFile.ts';

const directory = mkdtempSync(join(tmpdir(), 'sdt-importers-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// About 30 MB here to stay quick; the lead's benchmark (`pnpm bench import`) runs the 100 MB file.
const DAYS = 7000;

describe('memory', () => {
  it('parses a ~30 MB load-curve export with the resident memory growing by less than 256 MB', async () => {
    const path = join(directory, 'load-curve.json');
    const written = await generateLoadCurveJson(path, { days: DAYS, startDay: '2006-01-01' });
    expect(written.bytes).toBeGreaterThan(25_000_000);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const summary = await validateFile(path, {
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    expect(summary.records).toBe(written.readings);
    // 7,000 days of 48 intervals, minus 2 and plus 2 on each year's daylight-saving days.
    expect(written.readings).toBe(DAYS * 48);
    expect(summary.periodStart).toBe('2006-01-01T00:00:00+01:00');
    expect(summary.provenance.byteLength).toBe(written.bytes);
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
  });
});
