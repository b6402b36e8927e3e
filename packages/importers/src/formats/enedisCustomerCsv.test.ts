import { describe, expect, it } from 'vitest';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

describe('Enedis customer-space CSV', () => {
  it('reads timestamps with offsets, 46 intervals on 30 March 2025', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-csv-curve-2025-03-offsets.csv'));
    expect(parsed.format).toBe('enedis-customer-csv');
    const curve = getSeriesRecords(parsed, 'electricity/curve');
    expect(curve).toHaveLength(142);
    expect(curve.filter((r) => r.start.startsWith('2025-03-30'))).toHaveLength(46);
    expect(curve[0]).toEqual({ start: '2025-03-29T00:00:00+01:00', interval: 'PT30M', watts: 300 });
  });

  it('reads local timestamps without offset, 50 intervals on 26 October 2025', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-csv-curve-2025-10-local.csv'));
    const curve = getSeriesRecords(parsed, 'electricity/curve');
    expect(curve).toHaveLength(146);
    expect(curve.filter((r) => r.start.startsWith('2025-10-26'))).toHaveLength(50);
    expect(curve.filter((r) => r.start.startsWith('2025-10-26T02:')).map((r) => r.start)).toEqual([
      '2025-10-26T02:00:00+02:00',
      '2025-10-26T02:30:00+02:00',
      '2025-10-26T02:00:00+01:00',
      '2025-10-26T02:30:00+01:00',
    ]);
  });

  it('gives the same records for the same curve written with or without offsets', async () => {
    const local = await parseAll(getFixturePath('valid/enedis-csv-curve-2025-10-local.csv'));
    const json = await parseAll(getFixturePath('valid/enedis-dc-curve-2025-10-dst.json'));
    expect(local.records['electricity/curve']).toEqual(json.records['electricity/curve']);
  });

  it('reads Wh rows as daily energy and works without the header block', async () => {
    const daily =
      'Identifiant PRM;Type de donnees;Date de debut;Date de fin;Unite\n0;Consommation quotidienne;01/01/2025;03/01/2025;Wh\nHorodate;Valeur\n2025-01-01;12450\n2025-01-02;13020\n';
    const parsed = await parseAll([Buffer.from(daily)], { fileName: 'daily.csv' });
    expect(getSeriesRecords(parsed, 'electricity/daily')).toEqual([
      { start: '2025-01-01T00:00:00+01:00', interval: 'P1D', kWh: 12.45 },
      { start: '2025-01-02T00:00:00+01:00', interval: 'P1D', kWh: 13.02 },
    ]);
    const bare = await parseAll([Buffer.from('Horodate;Valeur\n2025-01-01T00:30:00+01:00;512\n')], {
      fileName: 'bare.csv',
    });
    expect(getSeriesRecords(bare, 'electricity/curve')).toEqual([
      { start: '2025-01-01T00:00:00+01:00', interval: 'PT30M', watts: 512 },
    ]);
  });

  it('reads a per-row step column when the export has one', async () => {
    const text = 'Horodate;Valeur;Pas\n2025-01-01T00:10:00+01:00;400;PT10M\n2025-01-01T01:00:00+01:00;380;50\n';
    const parsed = await parseAll([Buffer.from(text)], { fileName: 'steps.csv' });
    expect(getSeriesRecords(parsed, 'electricity/curve')).toEqual([
      { start: '2025-01-01T00:00:00+01:00', interval: 'PT10M', watts: 400 },
      { start: '2025-01-01T00:10:00+01:00', interval: 'PT50M', watts: 380 },
    ]);
  });
});
