import { describe, expect, it } from 'vitest';
import { buildExportFileName, buildZipEntryPath } from './exportNaming.ts';

describe('export file naming', () => {
  it('names the ZIP after the server, the pod and the day', () => {
    expect(buildExportFileName('http://localhost:3101/demo/', new Date('2026-03-04T23:30:00Z'))).toBe(
      'selfdata-export-localhost-3101-demo-2026-03-04.zip',
    );
    expect(buildExportFileName('https://pods.Lyon.example/', new Date('2026-03-04T10:00:00Z'))).toBe(
      'selfdata-export-pods.lyon.example-2026-03-04.zip',
    );
  });

  it('puts each resource under pod/ with a .ttl extension, and containers as index.ttl', () => {
    const pod = 'http://localhost:3101/demo/';
    expect(buildZipEntryPath(`${pod}data/electricity/daily-2025-01`, pod)).toBe('pod/data/electricity/daily-2025-01.ttl');
    expect(buildZipEntryPath(`${pod}catalog`, pod)).toBe('pod/catalog.ttl');
    expect(buildZipEntryPath(`${pod}data/`, pod)).toBe('pod/data/index.ttl');
    expect(buildZipEntryPath(`${pod}profile/card#me`, pod)).toBe('pod/profile/card.ttl');
  });

  it('never writes outside pod/ nor takes unsafe characters', () => {
    const pod = 'http://localhost:3101/demo/';
    expect(buildZipEntryPath(`${pod}data/%2E%2E/%2E%2E/etc/passwd`, pod)).toBe('pod/data/etc/passwd.ttl');
    expect(buildZipEntryPath(`${pod}data/a%20b%3Cc%3E`, pod)).toBe('pod/data/a_b_c_.ttl');
    expect(buildZipEntryPath('http://localhost:3101/other/x', pod)).toBeUndefined();
  });
});
