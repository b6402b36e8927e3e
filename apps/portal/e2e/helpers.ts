import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
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
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
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
