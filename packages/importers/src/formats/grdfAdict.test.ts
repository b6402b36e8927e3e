import { describe, expect, it } from 'vitest';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

describe('GRDF ADICT JSON', () => {
  it('reads the releves layout as daily gas from 06:00 (gas day) with volume and coefficient', async () => {
    const parsed = await parseAll(getFixturePath('valid/grdf-adict-releves-daily.json'));
    const daily = getSeriesRecords(parsed, 'gas/daily');
    expect(daily).toHaveLength(7);
    expect(daily[0]).toEqual({
      start: '2025-01-01T06:00:00+01:00',
      interval: 'P1D',
      kWh: 45.2,
      volumeM3: 4.1,
      conversionCoefficient: 11.02,
    });
    expect(parsed.provenance.sourceOrganisation).toBe('GRDF');
  });

  it('reads the JSON Lines answer of the ADICT API across the spring change', async () => {
    const parsed = await parseAll(getFixturePath('valid/grdf-adict-informatives.jsonl'));
    const daily = getSeriesRecords(parsed, 'gas/daily');
    expect(daily.map((r) => [r.start, r.interval, r.kWh])).toEqual([
      ['2025-03-29T06:00:00+01:00', 'P1D', 38.5],
      ['2025-03-30T06:00:00+02:00', 'P1D', 40.1],
      ['2025-03-31T06:00:00+02:00', 'P1D', 35.9],
    ]);
  });

  it('puts monthly publications in the monthly series', async () => {
    const parsed = await parseAll(getFixturePath('valid/grdf-adict-publiees-monthly.json'));
    expect(parsed.records['gas/daily']).toBeUndefined();
    const monthly = getSeriesRecords(parsed, 'gas/monthly');
    expect(monthly.map((r) => [r.start, r.interval, r.kWh, r.volumeM3, r.conversionCoefficient])).toEqual([
      ['2025-01-01T06:00:00+01:00', 'P1M', 1520.4, 137, 11.1],
      ['2025-02-01T06:00:00+01:00', 'P1M', 1302.9, 117.6, 11.08],
      ['2025-03-01T06:00:00+01:00', 'P1M', 1100, 99.4, 11.07],
    ]);
    expect(parsed.summary.periodEnd).toBe('2025-04-01T06:00:00+02:00');
  });
});
