import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detectFormat.ts';
import { ImportError } from './ImportError.ts';
import { getFixturePath } from './testing/fixtures.ts';

const expected: [string, string][] = [
  ['valid/enedis-dc-daily-2025-01.json', 'enedis-data-connect-json'],
  ['valid/enedis-dc-curve-2025-10-dst.json', 'enedis-data-connect-json'],
  ['valid/enedis-csv-curve-2025-10-local.csv', 'enedis-customer-csv'],
  ['valid/grdf-adict-releves-daily.json', 'grdf-adict-json'],
  ['valid/grdf-adict-informatives.jsonl', 'grdf-adict-json'],
  ['valid/grdf-adict-publiees-monthly.json', 'grdf-adict-json'],
  ['valid/water-2025-01.csv', 'water-csv'],
  ['valid/water-litres-french-dates.csv', 'water-csv'],
  ['valid/trips-2025-01.geojson', 'trips-geojson'],
  ['valid/trips-2025-01.csv', 'trips-csv'],
  ['valid/api-particulier-qf-v1.json', 'api-particulier-quotient-json'],
  ['valid/api-particulier-qf-v2.json', 'api-particulier-quotient-json'],
  ['valid/api-particulier-qf-v3.json', 'api-particulier-quotient-json'],
  ['valid/ademe-dpe-record.json', 'ademe-dpe-json'],
  ['valid/ademe-dpe-api-answer.json', 'ademe-dpe-json'],
];

describe('detectFormat', () => {
  it.each(expected)('recognises %s as %s from its content', (name, format) => {
    expect(detectFormat(readFileSync(getFixturePath(name)))).toBe(format);
  });

  it('does not need the file name, nor is fooled by it', () => {
    const content = readFileSync(getFixturePath('valid/water-2025-01.csv'));
    expect(detectFormat(content, 'enedis.json')).toBe('water-csv');
  });

  it('reads a head given as text and ignores a byte-order mark', () => {
    expect(detectFormat('\uFEFFdate;index_m3;consommation_m3\n2025-01-01;1.0;0.1\n')).toBe('water-csv');
  });

  it('refuses an unknown content with the list of supported formats', () => {
    expect(() => detectFormat('{"name": "x"}', 'package.json')).toThrowError(
      /package\.json: unknown format; supported formats: .*enedis-data-connect-json.*ademe-dpe-json/,
    );
    try {
      detectFormat(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]), 'scan.pdf');
      expect.unreachable();
    } catch (error) {
      expect(ImportError.isInstance(error) && error.code).toBe('unknown-format');
    }
  });

  it('refuses an empty head as an empty file', () => {
    expect(() => detectFormat(Buffer.alloc(0), 'empty.csv')).toThrowError(/empty\.csv: the file is empty/);
    expect(() => detectFormat(' \n\t', 'blank.csv')).toThrowError(ImportError);
  });
});
