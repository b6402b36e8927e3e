/**
 * Takes screenshots of the main portal pages of a RUNNING platform (`pnpm start`), signed in as the
 * Nantes demo citizen, at phone and desktop widths: `node --import tsx scripts/screenshots.ts [outDir]`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const PORTAL = process.env.SDT_PORTAL_URL ?? 'http://localhost:3000/';
const out = path.resolve(process.argv[2] ?? '/tmp/sdt-screenshots');
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.SDT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(new URL('fr', PORTAL).href);
    await page.screenshot({ path: path.join(out, `home-${width}.png`), fullPage: true });
    await page.locator('[data-territory="nantes"] button[type="submit"]').click();
    await page.waitForURL(/\/\.account\/login\/password\//);
    await page.fill('#email', 'demo@nantes.example');
    await page.fill('#password', 'demo-citizen');
    await page.click('button[name="submit"]');
    await page.waitForURL(/\/\.account\/oidc\/consent\//);
    await page.click('#authorize');
    await page.waitForURL((url) => url.origin === new URL(PORTAL).origin && !url.pathname.startsWith('/api/'), { timeout: 60_000 });
    for (const name of ['dashboard', 'data', 'upload', 'requests', 'grants', 'log', 'export', 'services']) {
      await page.goto(new URL(`fr/${name}`, PORTAL).href, { waitUntil: 'networkidle' });
      await page.screenshot({ path: path.join(out, `${name}-${width}.png`), fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(`screenshots in ${out}\n`);
