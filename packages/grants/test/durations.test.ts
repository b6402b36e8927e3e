import { describe, expect, it } from 'vitest';
import {
  addDuration,
  assertDeliverable,
  checkReplyTo,
  GrantsError,
  grantStateAt,
  maxGrantEnd,
  parseDuration,
} from '@sdt/grants';

describe('request durations', () => {
  it('are ISO 8601 durations added on the UTC calendar', () => {
    const start = new Date('2026-01-31T10:00:00Z');
    expect(addDuration(start, parseDuration('P30D')!).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(addDuration(start, parseDuration('P1Y2M')!).toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(addDuration(start, parseDuration('P2W')!).toISOString()).toBe('2026-02-14T10:00:00.000Z');
    expect(addDuration(start, parseDuration('PT36H')!).toISOString()).toBe('2026-02-01T22:00:00.000Z');
  });

  it('refuse what is not a positive duration', () => {
    for (const bad of ['P', 'PT', '30D', 'P-1D', 'P1.5D', 'P1DT', '']) expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('stop at three years', () => {
    expect(maxGrantEnd(new Date('2026-11-28T10:00:00Z')).toISOString()).toBe('2029-11-28T10:00:00.000Z');
  });
});

describe('the state of a grant', () => {
  const grant = { status: 'active' as const, validFrom: '2026-11-28T10:00:00Z', validUntil: '2026-12-28T10:00:00Z' };

  it('is derived from the time, the end being excluded', () => {
    expect(grantStateAt(grant, new Date('2026-11-28T09:59:59Z'))).toBe('upcoming');
    expect(grantStateAt(grant, new Date('2026-11-28T10:00:00Z'))).toBe('active');
    expect(grantStateAt(grant, new Date('2026-12-28T09:59:59.999Z'))).toBe('active');
    expect(grantStateAt(grant, new Date('2026-12-28T10:00:00Z'))).toBe('expired');
    expect(grantStateAt({ ...grant, status: 'revoked' }, new Date('2026-12-01T00:00:00Z'))).toBe('revoked');
  });
});

describe('reply addresses', () => {
  it.each([
    'http://[::ffff:127.0.0.1]/inbox/',
    'http://[fd00::1]/inbox/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0:3101/',
    'http://2130706433/',
    'http://100.64.0.1/',
    'http://app.localhost/inbox/',
    'http://user:secret@partner.example/inbox/',
  ])('refuses %s', (url) => {
    let caught: unknown;
    try {
      checkReplyTo(url);
    } catch (error: unknown) {
      caught = error;
    }
    expect(GrantsError.isInstance(caught) && caught.field).toBe('replyTo');
  });

  it('refuses at delivery a host name that resolves to loopback', async () => {
    await expect(assertDeliverable('http://localhost.:8080/inbox/')).rejects.toMatchObject({
      code: 'delivery-failed',
      field: 'replyTo',
    });
  });
});
