import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Smoke test of the home page against a portal that is already running (it builds and starts nothing):
 * `SDT_PORTAL_URL` (default http://127.0.0.1:3000), Debian's chromium at /usr/bin/chromium.
 */
const portalUrl = (process.env.SDT_PORTAL_URL ?? 'http://127.0.0.1:3000').replace(/\/?$/, '/');
const executablePath = process.env.SDT_CHROMIUM ?? '/usr/bin/chromium';
const TERRITORY_NAMES = ['Lyon', 'Nantes', 'La Rochelle'];

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a page of the given width and collects the Content-Security-Policy violations it reports. */
async function openPage(width: number): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { context, page, cspViolations };
}

/** Runs axe on the page and returns the serious and critical violations, one line each. */
async function findSeriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}

describe('the portal home page', () => {
  it('redirects / to the French page, which names the three territories with their server status', async () => {
    const { context, page, cspViolations } = await openPage(1280);
    const response = await page.goto(portalUrl);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').innerText()).toBe('Vos données personnelles, sous votre contrôle');

    const territories = page.locator('[data-territory]');
    expect(await territories.locator('h3').allInnerTexts()).toEqual(TERRITORY_NAMES);
    for (const status of await territories.locator('[data-status]').allInnerTexts()) {
      expect(['en ligne', 'hors ligne']).toContain(status);
    }
    for (const href of await territories.getByRole('link').evaluateAll((links) =>
      links.map((link) => (link as HTMLAnchorElement).href),
    )) {
      expect(href).toMatch(/\/\.account\/login\/password\/$/);
    }
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('is available in English with the lang attribute set', async () => {
    const { context, page } = await openPage(1280);
    await page.goto(new URL('en', portalUrl).href);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Your personal data, under your control');
    await context.close();
  });

  it('offers a skip link as the first keyboard stop', async () => {
    const { context, page } = await openPage(1280);
    await page.goto(new URL('fr', portalUrl).href);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await context.close();
  });

  it.each([
    ['fr', 360],
    ['fr', 1280],
    ['en', 360],
  ])('has no serious or critical accessibility violation on /%s at %i px', async (locale, width) => {
    const { context, page } = await openPage(width);
    await page.goto(new URL(locale, portalUrl).href);
    expect(await findSeriousViolations(page)).toEqual([]);
    // Nothing overflows sideways on a small phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  });

  it('sends its security headers and no X-Powered-By', async () => {
    const response = await fetch(new URL('fr', portalUrl));
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.has('x-powered-by')).toBe(false);
  });

  it('answers its health route with ok', async () => {
    const response = await fetch(new URL('api/health', portalUrl));
    expect(await response.json()).toEqual({ ok: true });
  });
});
