import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './buildContentSecurityPolicy.ts';

describe('buildContentSecurityPolicy', () => {
  it('allows only same-origin and nonce-carrying scripts in production and forbids framing', () => {
    const policy = buildContentSecurityPolicy({ nonce: 'abc', development: false });
    expect(policy).toContain(`script-src 'self' 'nonce-abc' 'strict-dynamic'`);
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toContain(`object-src 'none'`);
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('allows eval only in development', () => {
    expect(buildContentSecurityPolicy({ nonce: 'abc', development: true })).toContain(`'unsafe-eval'`);
  });
});

describe('the style policy of production pages', () => {
  it('allows only the display:none attribute React streaming uses, by its hash', async () => {
    const { createHash } = await import('node:crypto');
    const hash = `sha256-${createHash('sha256').update('display:none').digest('base64')}`;
    const policy = buildContentSecurityPolicy({ nonce: 'n', development: false });
    expect(policy).toContain(`style-src 'self' 'nonce-n' 'unsafe-hashes' '${hash}'`);
    expect(policy).not.toContain('unsafe-inline');
  });
});
