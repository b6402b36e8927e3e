import { describe, expect, it } from 'vitest';
import { PodError } from '../errors.ts';
import { monthOf, readingFragment, resourcePathFor, splitByMonth } from './index.ts';

/** The 30-minute slots of a local day in Europe/Paris, with their offsets, as Enedis gives them. */
function halfHoursOf(day: string, offsets: { before: string; after: string; switchUtc: number } | { offset: string }): string[] {
  const starts: string[] = [];
  if ('offset' in offsets) {
    for (let i = 0; i < 48; i++) starts.push(`${day}T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00${offsets.offset}`);
    return starts;
  }
  const offsetHours = (offset: string): number => Number(offset.slice(0, 3));
  const midnight = Date.parse(`${day}T00:00:00${offsets.before}`);
  for (let t = midnight; ; t += 1_800_000) {
    const offset = t < offsets.switchUtc ? offsets.before : offsets.after;
    const local = new Date(t + offsetHours(offset) * 3_600_000).toISOString().slice(0, 19);
    if (!local.startsWith(day)) break;
    starts.push(`${local}${offset}`);
  }
  return starts;
}

describe('reading fragments', () => {
  it('are the compact UTC start', () => {
    expect(readingFragment('2025-01-03T00:00:00+01:00')).toBe('r20250102T2300Z');
    expect(readingFragment('2025-07-14T12:30:00+02:00')).toBe('r20250714T1030Z');
    expect(readingFragment('2025-07-14T10:30:00Z')).toBe('r20250714T1030Z');
    expect(readingFragment('2025-07-14T10:30:15Z')).toBe('r20250714T103015Z');
  });

  it('are distinct for the 46 half-hours of the spring DST day (30 March 2025)', () => {
    const starts = halfHoursOf('2025-03-30', { before: '+01:00', after: '+02:00', switchUtc: Date.parse('2025-03-30T01:00:00Z') });
    expect(starts).toHaveLength(46);
    expect(starts).toContain('2025-03-30T01:30:00+01:00');
    expect(starts).toContain('2025-03-30T03:00:00+02:00');
    const fragments = starts.map(readingFragment);
    expect(new Set(fragments).size).toBe(46);
    expect(readingFragment('2025-03-30T01:30:00+01:00')).toBe('r20250330T0030Z');
    expect(readingFragment('2025-03-30T03:00:00+02:00')).toBe('r20250330T0100Z');
  });

  it('are distinct for the 50 half-hours of the autumn DST day (26 October 2025), the repeated 02:00-03:00 included', () => {
    const starts = halfHoursOf('2025-10-26', { before: '+02:00', after: '+01:00', switchUtc: Date.parse('2025-10-26T01:00:00Z') });
    expect(starts).toHaveLength(50);
    const fragments = starts.map(readingFragment);
    expect(new Set(fragments).size).toBe(50);
    expect(readingFragment('2025-10-26T02:00:00+02:00')).toBe('r20251026T0000Z');
    expect(readingFragment('2025-10-26T02:30:00+02:00')).toBe('r20251026T0030Z');
    expect(readingFragment('2025-10-26T02:00:00+01:00')).toBe('r20251026T0100Z');
    expect(readingFragment('2025-10-26T02:30:00+01:00')).toBe('r20251026T0130Z');
  });

  it('refuse a start without offset', () => {
    expect(() => readingFragment('2025-01-03T00:00:00')).toThrow(/offset/);
  });
});

describe('months and resource paths', () => {
  it('take the local month of a reading, not the UTC one', () => {
    expect(monthOf('2025-02-01T00:00:00+01:00')).toBe('2025-02');
    expect(monthOf('2025-01-31T23:30:00+01:00')).toBe('2025-01');
    expect(monthOf('2025-11-01T00:00:00+01:00')).toBe('2025-11');
  });

  it('put series under data/<category>/<series>-<month> and single records at their layout name', () => {
    expect(resourcePathFor('electricity', 'daily', '2025-01')).toBe('data/electricity/daily-2025-01');
    expect(resourcePathFor('electricity', 'curve', '2025-10')).toBe('data/electricity/curve-2025-10');
    expect(resourcePathFor('gas', 'monthly', '2025-02')).toBe('data/gas/monthly-2025-02');
    expect(resourcePathFor('mobility', 'trips', '2025-03')).toBe('data/mobility/trips-2025-03');
    expect(resourcePathFor('housing')).toBe('data/housing/dwelling');
    expect(resourcePathFor('identity')).toBe('data/identity/person');
    expect(resourcePathFor('income')).toBe('data/income/family-quotient');
    expect(resourcePathFor('health')).toBe('data/health/observations');
  });

  it('refuse an unknown series or a missing month', () => {
    const code = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error: unknown) {
        return PodError.isInstance(error) ? error.code : 'other';
      }
      return undefined;
    };
    expect(code(() => resourcePathFor('electricity', 'hourly', '2025-01'))).toBe('invalid-argument');
    expect(code(() => resourcePathFor('electricity', 'daily'))).toBe('invalid-argument');
    expect(code(() => resourcePathFor('electricity', 'daily', '2025-13'))).toBe('invalid-argument');
    expect(code(() => resourcePathFor('nope' as never))).toBe('invalid-argument');
  });

  it('split a series by local month, sorted', () => {
    const readings = [
      { start: '2025-02-01T00:00:00+01:00', interval: 'P1D', kWh: 3 },
      { start: '2025-01-31T00:00:00+01:00', interval: 'P1D', kWh: 2 },
      { start: '2025-01-30T00:00:00+01:00', interval: 'P1D', kWh: 1 },
    ];
    const split = splitByMonth('electricity', 'daily', readings);
    expect([...split.keys()]).toEqual(['data/electricity/daily-2025-01', 'data/electricity/daily-2025-02']);
    expect(split.get('data/electricity/daily-2025-01')).toEqual({ category: 'electricity', series: 'daily', readings: [readings[2], readings[1]] });
    expect(split.get('data/electricity/daily-2025-02')).toEqual({ category: 'electricity', series: 'daily', readings: [readings[0]] });
  });

  it('split trips by the local month of their departure', () => {
    const trip = { id: 't1', departure: '2025-03-01T00:10:00+01:00', arrival: '2025-03-01T00:30:00+01:00', mode: 'walk' as const, distanceKm: 1, co2Kg: 0 };
    expect([...splitByMonth('mobility', 'trips', [trip]).keys()]).toEqual(['data/mobility/trips-2025-03']);
  });

  it('refuse to split a category without series', () => {
    expect(() => splitByMonth('housing', 'daily', [])).toThrow(/series/);
  });
});
