import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSeriousViolations, launchBrowser, openPage, portalUrl } from './helpers.ts';

const TERRITORY_NAMES = ['Lyon', 'Nantes', 'La Rochelle'];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the portal home page', () => {
  it('redirects / to the French page, which names the three territories with their server status', async () => {
    const { context, page, cspViolations } = await openPage(browser);
    const response = await page.goto(portalUrl());
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').innerText()).toBe('Vos données personnelles, sous votre contrôle');

    const territories = page.locator('[data-territory]');
    expect(await territories.locator('h3').allInnerTexts()).toEqual(TERRITORY_NAMES);
    expect(await territories.locator('[data-status]').allInnerTexts()).toEqual(['en ligne', 'en ligne', 'en ligne']);
    expect(await territories.locator('form').evaluateAll((forms) => forms.map((form) => (form as HTMLFormElement).action))).toEqual(
      TERRITORY_NAMES.map(() => new URL('api/auth/login', portalUrl()).href),
    );
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('is available in English with the lang attribute set', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(new URL('en', portalUrl()).href);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Your personal data, under your control');
    await context.close();
  });

  it('offers a skip link as the first keyboard stop', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(new URL('fr', portalUrl()).href);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await context.close();
  });

  it.each([
    ['fr', 360],
    ['fr', 1280],
    ['en', 360],
  ])('has no serious or critical accessibility violation on /%s at %i px', async (locale, width) => {
    const { context, page } = await openPage(browser, width);
    await page.goto(new URL(locale, portalUrl()).href);
    expect(await findSeriousViolations(page)).toEqual([]);
    // Nothing overflows sideways on a small phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  });

  it('sends its security headers and no X-Powered-By', async () => {
    const response = await fetch(new URL('fr', portalUrl()));
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.has('x-powered-by')).toBe(false);
  });

  it('answers its health route with ok', async () => {
    const response = await fetch(new URL('api/health', portalUrl()));
    expect(await response.json()).toEqual({ ok: true });
  });

  it('serves a Client ID document naming its callback as the only redirect URI', async () => {
    const response = await fetch(new URL('clientid.jsonld', portalUrl()));
    const document = (await response.json()) as { client_id: string; redirect_uris: string[]; client_name: string };
    expect(document.client_id).toBe(new URL('clientid.jsonld', portalUrl()).href);
    expect(document.redirect_uris).toEqual([new URL('api/auth/callback', portalUrl()).href]);
    expect(document.client_name).toBe('Portail Self Data Territorial');
  });

  it('refuses a sign-in or sign-out posted from another site', async () => {
    for (const route of ['api/auth/login', 'api/auth/logout']) {
      const response = await fetch(new URL(route, portalUrl()), {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'provider=lyon&locale=fr',
        redirect: 'manual',
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, code: 'forbidden-origin' });
    }
  });

  it('never lets the server fetch a private address given as another pod provider', async () => {
    const response = await fetch(new URL('api/auth/login', portalUrl()), {
      method: 'POST',
      headers: { origin: new URL(portalUrl()).origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: `provider=other&locale=fr&issuer=${encodeURIComponent('http://169.254.169.254/latest/')}`,
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/fr\?signin=provider-unavailable#signin$/);
  });

  it('sends a visitor who is not signed in back to the home page', async () => {
    const response = await fetch(new URL('fr/dashboard', portalUrl()), { redirect: 'manual' });
    expect([303, 307, 308]).toContain(response.status);
    expect(response.headers.get('location')).toMatch(/\/fr\?signin=required$/);
  });
});
