import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from './ImportError.ts';
import { IMPORTER_VERSION } from './packageInfo.ts';
import { parseAll, parseFile, validateFile } from './parseFile.ts';
import { getFixturePath } from './testing/fixtures.ts';
import type { RecordBatch } from './types.ts';

describe('parseFile', () => {
  it('streams batches of the requested size per series, then gives the summary', async () => {
    const stream = parseFile(getFixturePath('valid/enedis-dc-curve-2025-10-dst.json'), { batchSize: 40 });
    const batches: RecordBatch[] = [];
    for await (const batch of stream) batches.push(batch);
    expect(batches.map((b) => b.records.length)).toEqual([40, 40, 40, 26]);
    expect(
      batches.every((b) => b.series === 'electricity/curve' && b.category === 'electricity' && b.name === 'curve'),
    ).toBe(true);
    expect(stream.format).toBe('enedis-data-connect-json');
    expect(stream.summary.records).toBe(146);
    expect(stream.summary.series).toEqual([
      {
        series: 'electricity/curve',
        records: 146,
        duplicatesDropped: 0,
        periodStart: '2025-10-25T00:00:00+02:00',
        periodEnd: '2025-10-28T00:00:00+01:00',
      },
    ]);
  });

  it('records provenance: organisation, file name, SHA-256 of the bytes, importer version, format', async () => {
    const path = getFixturePath('valid/grdf-adict-releves-daily.json');
    const bytes = readFileSync(path);
    const parsed = await parseAll(path);
    expect(parsed.provenance).toEqual({
      sourceOrganisation: 'GRDF',
      fileName: 'grdf-adict-releves-daily.json',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      byteLength: bytes.length,
      format: 'grdf-adict-json',
      importer: '@sdt/importers',
      importerVersion: IMPORTER_VERSION,
    });
  });

  it('reads a Node stream in small chunks the same way as a path, and reports progress', async () => {
    const path = getFixturePath('valid/enedis-csv-curve-2025-10-local.csv');
    const progress: number[] = [];
    const fromStream = await parseAll(createReadStream(path, { highWaterMark: 97 }), {
      fileName: 'upload.csv',
      sourceOrganisation: 'Enedis (espace client)',
      onProgress: (bytes) => progress.push(bytes),
    });
    const fromPath = await parseAll(path);
    expect(fromStream.records).toEqual(fromPath.records);
    expect(fromStream.provenance.sha256).toBe(fromPath.provenance.sha256);
    expect(fromStream.provenance.fileName).toBe('upload.csv');
    expect(fromStream.provenance.sourceOrganisation).toBe('Enedis (espace client)');
    expect(progress.at(-1)).toBe(readFileSync(path).length);
    expect(progress.length).toBeGreaterThan(10);
  });

  it('reads a whole content given as bytes, and a web ReadableStream', async () => {
    const bytes = readFileSync(getFixturePath('valid/water-2025-01.csv'));
    expect((await parseAll(bytes, { fileName: 'upload.csv' })).summary.records).toBe(31);
    const web = new Blob([bytes]).stream();
    expect((await parseAll(web, { fileName: 'upload.csv' })).summary.records).toBe(31);
  });

  it('splits multi-byte characters across chunks correctly', async () => {
    const bytes = readFileSync(getFixturePath('valid/trips-2025-01.geojson'));
    const oneByteChunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const parsed = await parseAll(oneByteChunks, { fileName: 'trips.geojson' });
    expect(parsed.summary.records).toBe(4);
  });

  it('validates a whole file without keeping records (first pass of a two-pass import)', async () => {
    const summary = await validateFile(getFixturePath('valid/water-2025-01.csv'));
    expect(summary).toMatchObject({
      format: 'water-csv',
      records: 31,
      periodStart: '2025-01-01T00:00:00+01:00',
      periodEnd: '2025-02-01T00:00:00+01:00',
    });
    await expect(validateFile(getFixturePath('invalid/water-negative.csv'))).rejects.toThrowError(ImportError);
  });

  it('hands out records before the error but never a summary for a bad file', async () => {
    // 3,000 daily readings (over 64 KiB, so not all in the detection head), the last one negative.
    const readings = Array.from({ length: 3000 }, (_, i) => {
      const day = new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10);
      return { value: i === 2999 ? '-1' : String(10_000 + i), date: day };
    });
    const text = JSON.stringify({
      meter_reading: {
        reading_type: { measurement_kind: 'energy', unit: 'Wh', aggregate: 'sum' },
        interval_reading: readings,
      },
    });
    const chunks = text.match(/[\s\S]{1,4096}/g) ?? [];
    const stream = parseFile(chunks, { batchSize: 100, fileName: 'late-error.json' });
    let seen = 0;
    await expect(
      (async () => {
        for await (const batch of stream) seen += batch.records.length;
      })(),
    ).rejects.toThrowError(
      /late-error\.json, at \$\.meter_reading\.interval_reading\[2999\], field "value": "-1" is negative/,
    );
    expect(seen).toBeGreaterThan(0);
    expect(() => stream.summary).toThrowError(/only after the whole file/);
  });

  it('refuses a missing file with read-failed', async () => {
    await expect(parseAll('/nonexistent/enedis.json')).rejects.toMatchObject({
      code: 'read-failed',
      file: 'enedis.json',
    });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('date;consommation_m3\n2025-01-01;0.1\n2025-01-02;0.'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    await expect(parseAll([bytes], { fileName: 'latin.csv' })).rejects.toMatchObject({ code: 'encoding' });
  });

  it('can be iterated only once', async () => {
    const stream = parseFile(getFixturePath('valid/water-2025-01.csv'));
    for await (const _ of stream) {
      // drain
    }
    expect(() => stream[Symbol.asyncIterator]()).toThrowError(/only once/);
  });
});

describe('parseFile options', () => {
  it('refuses a file of another format than the expected ones', async () => {
    await expect(
      parseAll(getFixturePath('valid/water-2025-01.csv'), { expectedFormats: ['grdf-adict-json'] }),
    ).rejects.toMatchObject({
      code: 'unexpected-format',
      message: expect.stringMatching(
        /water-2025-01\.csv: the file is Water utility CSV .*\[water-csv\], expected grdf-adict-json/,
      ),
    });
    const parsed = await parseAll(getFixturePath('valid/water-2025-01.csv'), { expectedFormats: ['water-csv'] });
    expect(parsed.format).toBe('water-csv');
  });

  it('gives the month of a family quotient as its period', async () => {
    const summary = await validateFile(getFixturePath('valid/api-particulier-qf-v2.json'));
    expect(summary.series.find((s) => s.series === 'income/family-quotient')).toMatchObject({
      periodStart: '2025-03-01T00:00:00+01:00',
      periodEnd: '2025-04-01T00:00:00+02:00',
    });
  });
});
