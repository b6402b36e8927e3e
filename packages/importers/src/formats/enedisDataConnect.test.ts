import { describe, expect, it } from 'vitest';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

function countByLocalDay(starts: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const start of starts) {
    const day = start.slice(0, 10);
    counts[day] = (counts[day] ?? 0) + 1;
  }
  return counts;
}

describe('Enedis Data Connect JSON', () => {
  it('reads daily_consumption as daily energy in kWh from local midnight', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-dc-daily-2025-01.json'));
    expect(parsed.format).toBe('enedis-data-connect-json');
    const daily = getSeriesRecords(parsed, 'electricity/daily');
    expect(daily).toHaveLength(7);
    expect(daily[0]).toEqual({ start: '2025-01-01T00:00:00+01:00', interval: 'P1D', kWh: 12.45 });
    expect(daily[6]).toEqual({ start: '2025-01-07T00:00:00+01:00', interval: 'P1D', kWh: 10.11 });
    expect(parsed.summary.periodStart).toBe('2025-01-01T00:00:00+01:00');
    expect(parsed.summary.periodEnd).toBe('2025-01-08T00:00:00+01:00');
    expect(parsed.records['electricity/curve']).toBeUndefined();
  });

  it('reads the spring load curve with 46 intervals on 30 March 2025', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-dc-curve-2025-03-dst.json'));
    const curve = getSeriesRecords(parsed, 'electricity/curve');
    expect(curve).toHaveLength(142);
    expect(countByLocalDay(curve.map((r) => r.start))).toEqual({
      '2025-03-29': 48,
      '2025-03-30': 46,
      '2025-03-31': 48,
    });
    const starts = curve.map((r) => r.start);
    // 02:00-03:00 does not exist: the interval ending at 03:00 (+02:00) starts at 01:30 (+01:00).
    expect(starts).toContain('2025-03-30T01:30:00+01:00');
    expect(starts).toContain('2025-03-30T03:00:00+02:00');
    expect(starts.some((s) => s.startsWith('2025-03-30T02:'))).toBe(false);
    expect(curve.every((r) => r.interval === 'PT30M')).toBe(true);
  });

  it('reads the autumn load curve with 50 intervals on 26 October 2025, the repeated hour told apart by order', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-dc-curve-2025-10-dst.json'));
    const curve = getSeriesRecords(parsed, 'electricity/curve');
    expect(curve).toHaveLength(146);
    expect(countByLocalDay(curve.map((r) => r.start))).toEqual({
      '2025-10-25': 48,
      '2025-10-26': 50,
      '2025-10-27': 48,
    });
    const repeated = curve.filter((r) => r.start.startsWith('2025-10-26T02:')).map((r) => r.start);
    expect(repeated).toEqual([
      '2025-10-26T02:00:00+02:00',
      '2025-10-26T02:30:00+02:00',
      '2025-10-26T02:00:00+01:00',
      '2025-10-26T02:30:00+01:00',
    ]);
    // Starts are strictly increasing instants, 30 minutes apart.
    const instants = curve.map((r) => Date.parse(r.start));
    for (let i = 1; i < instants.length; i++)
      expect((instants[i] as number) - (instants[i - 1] as number)).toBe(1_800_000);
    expect(parsed.summary.periodStart).toBe('2025-10-25T00:00:00+02:00');
    expect(parsed.summary.periodEnd).toBe('2025-10-28T00:00:00+01:00');
  });

  it('keeps power as power: watts as written, no energy derived', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-dc-curve-2025-10-dst.json'));
    const curve = getSeriesRecords(parsed, 'electricity/curve');
    expect(curve[0]).toEqual({ start: '2025-10-25T00:00:00+02:00', interval: 'PT30M', watts: 300 });
    expect(parsed.records['electricity/daily']).toBeUndefined();
  });

  it('keeps a repeated timestamp with the same value once and counts it', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-dc-daily-repeated-same-value.json'));
    expect(getSeriesRecords(parsed, 'electricity/daily')).toHaveLength(7);
    expect(parsed.summary.duplicatesDropped).toBe(1);
  });

  it('accepts reading_type after the readings', async () => {
    const parsed = await parseAll(getFixturePath('valid/enedis-dc-daily-reading-type-last.json'));
    expect(getSeriesRecords(parsed, 'electricity/daily').map((r) => r.kWh)).toEqual([12.45, 13.02, 11.87]);
  });

  it('imports nothing, without error, from an answer without readings', async () => {
    const empty = JSON.stringify({
      meter_reading: {
        usage_point_id: '0',
        start: '2025-01-01',
        end: '2025-01-02',
        reading_type: { measurement_kind: 'energy', unit: 'Wh', aggregate: 'sum' },
        interval_reading: [],
      },
    });
    const parsed = await parseAll([Buffer.from(empty)], { fileName: 'empty-answer.json' });
    expect(parsed.summary.records).toBe(0);
    expect(parsed.summary.periodStart).toBeUndefined();
  });
});
