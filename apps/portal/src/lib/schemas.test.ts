import { describe, expect, it } from 'vitest';
import { parseInput } from './ActionResult.ts';
import { daySchema, deleteCategoryInputSchema, eraseAllInputSchema, loginInputSchema, resourcePathSchema } from './schemas.ts';

describe('input schemas', () => {
  it('accept a territory sign-in and fall back to French for an unknown locale', () => {
    expect(loginInputSchema.parse({ provider: 'nantes', locale: 'de' })).toEqual({ provider: 'nantes', locale: 'fr' });
  });

  it('require an http(s) issuer for another provider', () => {
    expect(parseInput(loginInputSchema, { provider: 'other', issuer: 'https://solidcommunity.net/', locale: 'en' })).toMatchObject({
      ok: true,
    });
    expect(parseInput(loginInputSchema, { provider: 'other', issuer: 'javascript:alert(1)', locale: 'fr' })).toEqual({
      ok: false,
      code: 'invalid-input',
      fieldErrors: { issuer: ['not-http-url'] },
    });
    expect(parseInput(loginInputSchema, { provider: 'paris', locale: 'fr' })).toMatchObject({
      ok: false,
      fieldErrors: { provider: ['unknown-provider'] },
    });
  });

  it('make deleting a category need a known category and the confirmation box', () => {
    expect(parseInput(deleteCategoryInputSchema, { category: 'gas', confirm: 'on', locale: 'fr' })).toEqual({
      ok: true,
      value: { category: 'gas', confirm: 'on', locale: 'fr' },
    });
    expect(parseInput(deleteCategoryInputSchema, { category: 'gas', locale: 'fr' })).toEqual({
      ok: false,
      code: 'invalid-input',
      fieldErrors: { confirm: ['confirmation-required'] },
    });
    expect(parseInput(deleteCategoryInputSchema, { category: '../profile', confirm: 'on' })).toMatchObject({
      ok: false,
      fieldErrors: { category: ['unknown-category'] },
    });
    expect(parseInput(eraseAllInputSchema, { confirm: 'yes' })).toMatchObject({ ok: false, fieldErrors: { confirm: ['confirmation-required'] } });
  });

  it('accept only data resource paths of the layout', () => {
    expect(resourcePathSchema.safeParse('data/water/daily-2025-01').success).toBe(true);
    for (const path of ['data/water/../../profile/card', 'profile/card', 'data/water/', 'data/unknown/x', '/data/water/x']) {
      expect(resourcePathSchema.safeParse(path).success, path).toBe(false);
    }
  });

  it('accept a calendar day only', () => {
    expect(daySchema.safeParse('2025-10-31').success).toBe(true);
    expect(daySchema.safeParse('2025-13-01').success).toBe(false);
    expect(daySchema.safeParse('31/10/2025').success).toBe(false);
  });
});

describe('pod IRIs', () => {
  it('stay inside the given folder of the pod, even with encoded dot segments', async () => {
    const { podIriSchema } = await import('./schemas.ts');
    const receipts = podIriSchema('http://localhost:3101/demo/', 'grants/receipts/');
    expect(receipts.safeParse('http://localhost:3101/demo/grants/receipts/r1-given#receipt').success).toBe(true);
    expect(receipts.safeParse('http://localhost:3101/demo/grants/receipts/%2e%2e/%2E%2E/data/health/observations').success).toBe(false);
    expect(receipts.safeParse('http://localhost:3101/demo/grants/receipts/../../profile/card').success).toBe(false);
    expect(receipts.safeParse('http://localhost:3101/other/grants/receipts/r1').success).toBe(false);
  });
});
