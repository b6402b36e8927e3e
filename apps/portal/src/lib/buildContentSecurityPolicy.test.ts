import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './buildContentSecurityPolicy.ts';

describe('buildContentSecurityPolicy', () => {
  it('allows only same-origin and nonce-carrying scripts in production and forbids framing', () => {
    const policy = buildContentSecurityPolicy({ nonce: 'abc', development: false });
    expect(policy).toContain(`script-src 'self' 'nonce-abc' 'strict-dynamic'`);
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toContain(`object-src 'none'`);
    expect(policy).not.toContain('unsafe');
  });

  it('allows eval only in development', () => {
    expect(buildContentSecurityPolicy({ nonce: 'abc', development: true })).toContain(`'unsafe-eval'`);
  });
});
