import { describe, expect, it } from 'vitest';
import {
  describeParisInterval,
  formatParisInstant,
  getParisOffsetMinutes,
  parseInstant,
  parseLocalDateTime,
  parseLocalDay,
  resolveParisWallTime,
  resolveParisWallTimeInSequence,
} from './parisTime.ts';

const utc = (text: string): number => Date.parse(text);

describe('Paris time', () => {
  it('gives +01:00 in winter and +02:00 in summer', () => {
    expect(getParisOffsetMinutes(utc('2025-01-15T12:00:00Z'))).toBe(60);
    expect(getParisOffsetMinutes(utc('2025-07-15T12:00:00Z'))).toBe(120);
  });

  it('switches exactly at 01:00 UTC on the last Sundays of March and October 2025', () => {
    expect(getParisOffsetMinutes(utc('2025-03-30T00:59:59Z'))).toBe(60);
    expect(getParisOffsetMinutes(utc('2025-03-30T01:00:00Z'))).toBe(120);
    expect(getParisOffsetMinutes(utc('2025-10-26T00:59:59Z'))).toBe(120);
    expect(getParisOffsetMinutes(utc('2025-10-26T01:00:00Z'))).toBe(60);
  });

  it('writes instants with the offset of that instant', () => {
    expect(formatParisInstant(utc('2025-01-03T06:30:00Z'))).toBe('2025-01-03T07:30:00+01:00');
    expect(formatParisInstant(utc('2025-10-26T00:30:00Z'))).toBe('2025-10-26T02:30:00+02:00');
    expect(formatParisInstant(utc('2025-10-26T01:30:00Z'))).toBe('2025-10-26T02:30:00+01:00');
  });

  it('refuses impossible local dates', () => {
    expect(parseLocalDay('2025-02-29')).toBeUndefined();
    expect(parseLocalDay('2024-02-29')).toBeDefined();
    expect(parseLocalDay('31/04/2025')).toBeUndefined();
    expect(parseLocalDateTime('2025-01-01 25:00:00')).toBeUndefined();
    expect(parseLocalDateTime('2025-01-01 24:30:00')).toBeUndefined();
    expect(parseLocalDateTime('2025-01-01 24:00:00')).toBe(Date.UTC(2025, 0, 2));
    expect(parseLocalDay('1789-07-14')).toBeUndefined();
  });

  it('reads instants only when they carry an offset', () => {
    expect(parseInstant('2025-01-03T07:30:00+01:00')).toBe(utc('2025-01-03T06:30:00Z'));
    expect(parseInstant('2025-01-03T06:30:00Z')).toBe(utc('2025-01-03T06:30:00Z'));
    expect(parseInstant('2025-01-03T07:30:00')).toBeUndefined();
  });

  it('finds the spring gap and the repeated autumn hour', () => {
    expect(resolveParisWallTime(Date.UTC(2025, 2, 30, 2, 30)).kind).toBe('nonexistent');
    expect(resolveParisWallTime(Date.UTC(2025, 9, 26, 2, 30))).toEqual({
      kind: 'ambiguous',
      early: utc('2025-10-26T00:30:00Z'),
      late: utc('2025-10-26T01:30:00Z'),
    });
  });

  it('takes the summer occurrence first and the winter one after it in a sequence', () => {
    const wall = Date.UTC(2025, 9, 26, 2, 30);
    const first = resolveParisWallTimeInSequence(wall, utc('2025-10-26T00:00:00Z'));
    expect(first).toBe(utc('2025-10-26T00:30:00Z'));
    const second = resolveParisWallTimeInSequence(wall, utc('2025-10-26T01:00:00Z'));
    expect(second).toBe(utc('2025-10-26T01:30:00Z'));
  });

  it('names intervals by the wall clock, so that daylight-saving days are still one day', () => {
    expect(describeParisInterval(utc('2025-03-29T23:00:00Z'), utc('2025-03-30T22:00:00Z'))).toBe('P1D');
    expect(describeParisInterval(utc('2025-10-25T22:00:00Z'), utc('2025-10-26T23:00:00Z'))).toBe('P1D');
    expect(describeParisInterval(utc('2025-01-01T05:00:00Z'), utc('2025-02-01T05:00:00Z'))).toBe('P1M');
    expect(describeParisInterval(utc('2025-01-01T05:00:00Z'), utc('2025-01-23T05:00:00Z'))).toBe('P22D');
    expect(describeParisInterval(utc('2025-01-01T05:00:00Z'), utc('2025-01-01T05:30:00Z'))).toBe('PT30M');
    expect(describeParisInterval(utc('2025-01-01T05:00:00Z'), utc('2025-01-01T05:00:00Z'))).toBeUndefined();
  });
});
