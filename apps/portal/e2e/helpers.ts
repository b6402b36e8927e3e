import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { E2eCitizen } from './globalSetup.ts';

/** Debian's chromium (never a downloaded browser); override with SDT_CHROMIUM. */
const executablePath = process.env.SDT_CHROMIUM ?? '/usr/bin/chromium';

/** Starts the browser with the flags that work on this kind of machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

/** The portal under test (started by the global setup). */
export function portalUrl(): string {
  return inject('platform').portalUrl;
}

/** A page of the given width that collects the Content-Security-Policy violations it reports. */
export async function openPage(
  browser: Browser,
  width = 1280,
): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { context, page, cspViolations };
}

/** Runs axe on the page and returns its serious and critical violations, one line each. */
export async function findSeriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

/**
 * Signs in through the real flow: the territory's button on the portal's home page, the pod server's
 * password login page, its consent page, and back to the portal.
 *
 * @param territory - `lyon`, `nantes` or `larochelle`
 * @returns the portal path the citizen lands on (e.g. `/fr/dashboard`)
 */
export async function signIn(page: Page, territory: string, citizen: E2eCitizen, locale = 'fr'): Promise<string> {
  await page.goto(new URL(locale, portalUrl()).href);
  await page.locator(`[data-territory="${territory}"] button[type="submit"]`).click();
  await page.waitForURL(/\/\.account\/login\/password\//);
  await page.fill('#email', citizen.email);
  await page.fill('#password', citizen.password);
  await page.click('button[name="submit"]');
  await page.waitForURL(/\/\.account\/oidc\/consent\//);
  await page.click('#authorize');
  const portalOrigin = new URL(portalUrl()).origin;
  await page.waitForURL((url) => url.origin === portalOrigin && !url.pathname.startsWith('/api/'), { timeout: 60_000 });
  return new URL(page.url()).pathname;
}

/**
 * One browser for the test file: launched before its tests, closed after them.
 * @returns a getter of the browser (call it inside a test)
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser is not started yet (call the getter inside a test).');
    return browser;
  };
}

/** The portal URL of a path (`fr/research`). */
export function portalPath(path: string): string {
  return new URL(path, portalUrl()).href;
}

/**
 * No serious or critical axe violation, and nothing wider than `width` (names up to five elements
 * that stick out of `main`, if any).
 */
export async function expectAccessible(page: Page, what: string, width = 390): Promise<void> {
  expect(await findSeriousViolations(page), what).toEqual([]);
  const wide = await page.evaluate((max) => {
    if (document.documentElement.scrollWidth <= max) return [];
    const out: string[] = [];
    for (const element of document.querySelectorAll('main *')) {
      const box = element.getBoundingClientRect();
      if (box.right > max + 1 && out.length < 5)
        out.push(`${element.tagName}.${element.className} ${Math.round(box.right)}`);
    }
    return out.length > 0 ? out : [`page ${document.documentElement.scrollWidth} px wide`];
  }, width);
  expect(wide, `${what} at ${width} px`).toEqual([]);
}
