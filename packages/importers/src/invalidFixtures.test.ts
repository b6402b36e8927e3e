import { describe, expect, it } from 'vitest';
import { ImportError, type ImportErrorCode } from './ImportError.ts';
import { parseAll } from './parseFile.ts';
import { getFixturePath } from './testing/fixtures.ts';

/** [fixture, code, where (line or JSON path), field] */
const cases: [string, ImportErrorCode, { line?: number; jsonPath?: string }, string | undefined][] = [
  ['enedis-dc-not-a-number.json', 'not-a-number', { jsonPath: '$.meter_reading.interval_reading[2]' }, 'value'],
  ['enedis-dc-negative.json', 'negative-value', { jsonPath: '$.meter_reading.interval_reading[4]' }, 'value'],
  ['enedis-dc-unknown-unit.json', 'unknown-unit', { jsonPath: '$.meter_reading.reading_type' }, 'unit'],
  ['enedis-dc-impossible-date.json', 'invalid-date', { jsonPath: '$.meter_reading.interval_reading[1]' }, 'date'],
  ['enedis-dc-missing-date.json', 'missing-field', { jsonPath: '$.meter_reading.interval_reading[5]' }, 'date'],
  [
    'enedis-dc-duplicate-different.json',
    'duplicate-timestamp',
    { jsonPath: '$.meter_reading.interval_reading[7]' },
    'date',
  ],
  ['enedis-dc-max-power.json', 'invalid-value', { jsonPath: '$.meter_reading.reading_type' }, 'aggregate'],
  ['enedis-dc-truncated.json', 'truncated', {}, undefined],
  ['enedis-dc-curve-dst-gap.json', 'invalid-date', { jsonPath: '$.meter_reading.interval_reading[55]' }, 'date'],
  ['enedis-csv-not-a-number.csv', 'not-a-number', { line: 11 }, 'Valeur'],
  ['enedis-csv-unknown-unit.csv', 'unknown-unit', { line: 2 }, 'Unite'],
  ['enedis-csv-truncated.csv', 'truncated', { line: 100 }, 'Horodate'],
  ['enedis-csv-duplicate-different.csv', 'duplicate-timestamp', { line: 22 }, 'Horodate'],
  ['grdf-negative-energy.json', 'negative-value', { jsonPath: '$.releves[2]' }, 'energie'],
  ['grdf-missing-energy.json', 'missing-field', { jsonPath: '$.releves[1]' }, 'energie'],
  ['grdf-impossible-date.json', 'invalid-date', { jsonPath: '$.releves[3]' }, 'journee_gaziere'],
  ['grdf-not-a-number.json', 'not-a-number', { jsonPath: '$.releves[0]' }, 'volume_brut'],
  ['water-decimal-comma.csv', 'not-a-number', { line: 6 }, 'consommation_m3'],
  ['water-impossible-date.csv', 'invalid-date', { line: 8 }, 'date'],
  ['water-negative.csv', 'negative-value', { line: 10 }, 'consommation_m3'],
  ['water-truncated-row.csv', 'missing-field', { line: 13 }, undefined],
  ['trips-unknown-mode.geojson', 'invalid-value', { jsonPath: '$.features[1].properties' }, 'mode'],
  ['trips-arrival-before-departure.geojson', 'invalid-date', { jsonPath: '$.features[0].properties' }, 'end'],
  ['trips-bad-coordinates.geojson', 'invalid-value', { jsonPath: '$.features[3].geometry' }, 'coordinates'],
  ['trips-missing-distance.csv', 'missing-field', { line: 2 }, 'distance_km'],
  ['trips-ambiguous-local-time.csv', 'invalid-date', { line: 2 }, 'departure'],
  ['api-particulier-qf-not-a-number.json', 'not-a-number', { jsonPath: '$' }, 'quotientFamilial'],
  ['api-particulier-qf-missing-allocataires.json', 'missing-field', { jsonPath: '$' }, 'allocataires'],
  ['api-particulier-qf-impossible-month.json', 'invalid-date', { jsonPath: '$' }, 'mois'],
  ['ademe-dpe-ambiguous.json', 'ambiguous', { jsonPath: '$.results' }, 'numero_dpe'],
  ['ademe-dpe-bad-label.json', 'invalid-value', { jsonPath: '$' }, 'etiquette_dpe'],
  ['ademe-dpe-negative-surface.json', 'negative-value', { jsonPath: '$' }, 'surface_habitable_logement'],
  ['ademe-dpe-unknown-energy.json', 'invalid-value', { jsonPath: '$' }, 'type_energie_principale_chauffage'],
  ['empty.json', 'empty-file', {}, undefined],
  ['blank.csv', 'empty-file', {}, undefined],
  ['unknown-format.txt', 'unknown-format', {}, undefined],
  ['other-json.json', 'unknown-format', {}, undefined],
];

async function catchImportError(name: string): Promise<ImportError> {
  try {
    await parseAll(getFixturePath(`invalid/${name}`));
  } catch (error) {
    if (ImportError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('invalid fixtures', () => {
  it.each(cases)(
    '%s is refused with %s, naming the file, the place and the field',
    async (name, code, where, field) => {
      const error = await catchImportError(name);
      expect(error.code).toBe(code);
      expect(error.file).toBe(name);
      expect(error.message.startsWith(name)).toBe(true);
      if (where.line !== undefined) {
        expect(error.line).toBe(where.line);
        expect(error.message).toContain(`line ${where.line}`);
      }
      if (where.jsonPath !== undefined) {
        expect(error.jsonPath).toBe(where.jsonPath);
        expect(error.message).toContain(`at ${where.jsonPath}`);
      }
      if (field !== undefined) {
        expect(error.field).toBe(field);
        expect(error.message).toContain(`field "${field}"`);
      }
    },
  );

  it('names the JSON path where a truncated file stops', async () => {
    const error = await catchImportError('enedis-dc-truncated.json');
    expect(error.jsonPath).toMatch(/^\$\.meter_reading\.interval_reading\[\d+\]/);
  });

  it('quotes the bad value "12,5" so that the user sees what is wrong', async () => {
    const error = await catchImportError('enedis-dc-not-a-number.json');
    expect(error.message).toContain('"12,5" is not a number');
  });
});
