import { describe, expect, it } from 'vitest';
import { CATEGORY_NAMES } from '@sdt/vocab';
import { buildCatalogRows, buildRecordTable, parseResourcePath, toSafeHref } from './catalogRows.ts';

describe('catalogue rows', () => {
  it('list every category in catalogue order with what the catalogue says', () => {
    const rows = buildCatalogRows(
      {
        entries: {
          electricity: {
            category: 'electricity',
            source: 'Enedis',
            periodStart: '2025-01-01',
            periodEnd: '2025-12-31',
            recordCount: 365,
            lastImport: '2026-01-02T10:00:00Z',
          },
        },
      },
      { electricity: 12, gas: 0 },
    );
    expect(rows.map((row) => row.category)).toEqual([...CATEGORY_NAMES]);
    expect(rows.find((row) => row.category === 'electricity')).toEqual({
      category: 'electricity',
      described: true,
      sensitivity: 'medium',
      source: 'Enedis',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      lastImport: '2026-01-02T10:00:00Z',
      recordCount: 365,
      resourceCount: 12,
    });
    expect(rows.find((row) => row.category === 'gas')).toMatchObject({ described: false, resourceCount: 0 });
    expect(rows.find((row) => row.category === 'health')).toMatchObject({ described: false, sensitivity: 'high' });
  });

  it('work for a pod without a catalogue', () => {
    expect(buildCatalogRows(undefined, {}).every((row) => !row.described && row.resourceCount === undefined)).toBe(true);
  });
});

describe('resource paths', () => {
  it('read the series and month of a monthly resource', () => {
    expect(parseResourcePath('data/electricity/curve-2025-10')).toEqual({
      category: 'electricity',
      name: 'curve-2025-10',
      series: 'curve',
      month: '2025-10',
    });
  });

  it('read a single resource, and refuse paths outside the data layout', () => {
    expect(parseResourcePath('data/housing/dwelling')).toEqual({ category: 'housing', name: 'dwelling' });
    expect(parseResourcePath('data/secret/x')).toBeUndefined();
    expect(parseResourcePath('data/electricity/../../profile/card')).toBeUndefined();
    expect(parseResourcePath('grants/g1')).toBeUndefined();
  });
});

describe('record tables', () => {
  it('put every field in a column and every value as text', () => {
    const table = buildRecordTable([
      { start: '2025-01-01T00:00:00+01:00', kWh: 4.2 },
      { start: '2025-01-02T00:00:00+01:00', kWh: 5, note: '<script>alert(1)</script>' },
      { members: [{ role: 'adult' }] },
    ]);
    expect(table.columns).toEqual(['start', 'kWh', 'note', 'members']);
    expect(table.rows[1]).toEqual(['2025-01-02T00:00:00+01:00', '5', '<script>alert(1)</script>', '']);
    expect(table.rows[2]).toEqual(['', '', '', '[{"role":"adult"}]']);
    expect(table.omitted).toBe(0);
  });

  it('stop at the row limit and count what is left out', () => {
    const table = buildRecordTable(Array.from({ length: 10 }, (_, index) => ({ index })), 4);
    expect(table.rows).toHaveLength(4);
    expect(table.omitted).toBe(6);
  });
});

describe('links from pod data', () => {
  it('are made only of http and https URLs', () => {
    expect(toSafeHref('https://example.org/a')).toBe('https://example.org/a');
    expect(toSafeHref('http://localhost:3101/demo/')).toBe('http://localhost:3101/demo/');
    expect(toSafeHref('javascript:alert(1)')).toBeUndefined();
    expect(toSafeHref('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(toSafeHref('not a url')).toBeUndefined();
  });
});
