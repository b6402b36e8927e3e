import { describe, expect, it } from 'vitest';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

describe('water utility CSV', () => {
  it('reads one daily reading per row with the meter index', async () => {
    const parsed = await parseAll(getFixturePath('valid/water-2025-01.csv'));
    const daily = getSeriesRecords(parsed, 'water/daily');
    expect(daily).toHaveLength(31);
    expect(daily[0]).toEqual({
      start: '2025-01-01T00:00:00+01:00',
      interval: 'P1D',
      volumeM3: 0.14,
      meterIndexM3: 1234.14,
    });
    expect(parsed.summary.periodEnd).toBe('2025-02-01T00:00:00+01:00');
  });

  it('accepts litres and French dates', async () => {
    const parsed = await parseAll(getFixturePath('valid/water-litres-french-dates.csv'));
    expect(getSeriesRecords(parsed, 'water/daily')).toEqual([
      { start: '2025-02-01T00:00:00+01:00', interval: 'P1D', volumeM3: 0.142 },
      { start: '2025-02-02T00:00:00+01:00', interval: 'P1D', volumeM3: 0.155 },
      { start: '2025-02-03T00:00:00+01:00', interval: 'P1D', volumeM3: 0.098 },
    ]);
  });

  it('accepts a comma separator', async () => {
    const parsed = await parseAll([Buffer.from('date,consommation_m3\n2025-01-01,0.1\n')], { fileName: 'comma.csv' });
    expect(getSeriesRecords(parsed, 'water/daily')).toHaveLength(1);
  });
});
