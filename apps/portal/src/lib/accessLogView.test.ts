import { describe, expect, it } from 'vitest';
import { categoryOfTarget, countAccessesByDay, filterAccessLog, listLogClients, localName, type LogEntry } from './accessLogView.ts';

const pod = 'http://localhost:3102/alice/';
const entry = (time: string, client: string | null, target: string, outcome: 'allowed' | 'denied' = 'allowed'): LogEntry => ({
  time,
  agent: 'https://partner.example/profile#me',
  client,
  target,
  mode: 'read',
  outcome,
  grant: null,
});

describe('the access log view', () => {
  const log = [
    entry('2026-01-01T10:00:00Z', 'https://coach.example/app', `${pod}data/electricity/daily-2025-12`),
    entry('2026-01-01T23:30:00Z', 'https://coach.example/app', `${pod}data/gas/daily-2025-12`, 'denied'),
    entry('2026-01-02T08:00:00Z', 'https://other.example/app', `${pod}data/electricity/`),
    entry('2026-01-02T09:00:00Z', null, `${pod}profile/card`),
  ];

  it('tells the category of a target', () => {
    expect(categoryOfTarget(`${pod}data/electricity/daily-2025-12`, pod)).toBe('electricity');
    expect(categoryOfTarget(`${pod}data/electricity/`, pod)).toBe('electricity');
    expect(categoryOfTarget(`${pod}profile/card`, pod)).toBeUndefined();
    expect(categoryOfTarget(`${pod}data/secret/x`, pod)).toBeUndefined();
  });

  it('filters by service and category, newest first', () => {
    expect(filterAccessLog(log, { category: 'electricity' }, pod).map((e) => e.time)).toEqual(['2026-01-02T08:00:00Z', '2026-01-01T10:00:00Z']);
    expect(filterAccessLog(log, { client: 'https://coach.example/app' }, pod)).toHaveLength(2);
    expect(filterAccessLog(log, {}, pod)).toHaveLength(4);
  });

  it('counts accesses per Paris day', () => {
    // 23:30 UTC on 1 January is already 2 January in Paris.
    expect(countAccessesByDay(log)).toEqual([
      { label: '2026-01-01', value: 1 },
      { label: '2026-01-02', value: 3 },
    ]);
  });

  it('lists the services that accessed the pod', () => {
    expect(listLogClients(log)).toEqual(['https://coach.example/app', 'https://other.example/app']);
  });

  it('names vocabulary terms by their local name', () => {
    expect(localName('https://w3id.org/dpv#ServiceProvision')).toBe('ServiceProvision');
    expect(localName('https://w3id.org/dpv/legal/eu/gdpr#A6-1-e')).toBe('A6-1-e');
  });
});
