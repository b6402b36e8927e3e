import { describe, expect, it } from 'vitest';
import { RunLimiter } from './RunLimiter.ts';

describe('RunLimiter', () => {
  it('allows one run at a time per researcher, and another once it ended', () => {
    const limiter = new RunLimiter();
    const first = limiter.tryStart('alice', 0);
    expect('end' in first).toBe(true);
    expect(limiter.tryStart('alice', 1)).toEqual({ code: 'run-in-progress' });
    expect('end' in limiter.tryStart('bob', 1)).toBe(true);
    if ('end' in first) first.end();
    expect('end' in limiter.tryStart('alice', 2)).toBe(true);
  });

  it('refuses more than the allowed runs in the window, saying when to retry', () => {
    const limiter = new RunLimiter(3, 60_000);
    for (const time of [0, 1_000, 2_000]) {
      const run = limiter.tryStart('alice', time);
      if ('end' in run) run.end();
    }
    expect(limiter.tryStart('alice', 30_000)).toEqual({ code: 'too-many-runs', retryAfterSeconds: 30 });
    // The first run leaves the window after a minute.
    expect('end' in limiter.tryStart('alice', 60_001)).toBe(true);
  });

  it('ends a run only once', () => {
    const limiter = new RunLimiter();
    const run = limiter.tryStart('alice', 0);
    if (!('end' in run)) throw new Error('refused');
    run.end();
    const second = limiter.tryStart('alice', 1);
    run.end();
    expect(limiter.tryStart('alice', 2)).toEqual({ code: 'run-in-progress' });
    if ('end' in second) second.end();
  });
});
