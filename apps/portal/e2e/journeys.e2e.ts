import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { Parser } from 'n3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getContent, saveContent } from '@sdt/pod';
import { loginAs } from '@sdt/test-utils';
import { TERRITORIES } from '@sdt/vocab';
import { findSeriousViolations, launchBrowser, openPage, portalUrl, signIn } from './helpers.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const url = (path: string): string => new URL(path, portalUrl()).href;

/** Opens a page, checks it has no serious or critical axe violation and does not overflow at its width. */
async function expectAccessible(page: Page, path: string, width: number): Promise<void> {
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
  expect(await findSeriousViolations(page), path).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} width`).toBeLessThanOrEqual(width);
}

describe('signing in with Solid-OIDC', () => {
  it.each(TERRITORIES)('lets the demo citizen of %s sign in through the pod server and see the electricity chart', async (territory) => {
    const { context, page, cspViolations } = await openPage(browser);
    const demo = inject('platform').demo[territory];
    expect(await signIn(page, territory, demo)).toBe('/fr/dashboard');
    const chart = page.locator('svg[data-chart="electricity-daily"]');
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBeGreaterThan(30);
    expect(await page.locator('#electricity-daily-caption').innerText()).toMatch(/kWh au total/);
    expect(await page.locator('svg[data-chart="electricity-curve"] path').count()).toBe(1);
    expect(await page.getByText(demo.webId).count()).toBe(1);
    // No token in the browser: the portal's only cookie is the opaque, httpOnly session id (the others
    // are the pod server's own login cookies: cookies are per host, not per port), and no cookie holds a JWT.
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'sdt_session');
    expect([session?.httpOnly, session?.sameSite, session?.value.length]).toEqual([true, 'Lax', 43]);
    expect(cookies.filter((cookie) => /eyJ[\w-]+\.[\w-]+\./.test(cookie.value))).toEqual([]);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe('{}{}');
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('sets up the layout of a pod made on the pod server directly, and explains it', async () => {
    const { context, page } = await openPage(browser);
    const fresh = inject('platform').fresh;
    expect(await signIn(page, 'lyon', fresh)).toBe('/fr/welcome');
    expect(await page.locator('h1').innerText()).toBe('Bienvenue : votre pod est prêt');
    const owner = await loginAs(inject('platform').servers.lyon, fresh.email, fresh.password);
    const catalog = await owner.fetch(`${fresh.podUrl}catalog`);
    expect(catalog.status).toBe(200);
    await owner.close();
    await expectAccessible(page, 'fr/welcome', 1280);
    await context.close();
  });

  it('ends the session on sign-out', async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, 'nantes', inject('platform').demo.nantes);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/fr\?signedout=1$/);
    expect((await context.cookies()).filter((cookie) => cookie.name === 'sdt_session')).toEqual([]);
    await page.goto(url('fr/dashboard'));
    expect(new URL(page.url()).search).toBe('?signin=required');
    await context.close();
  });
});

describe('a signed-in citizen', () => {
  let page: Page;
  let closeContext: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openPage(browser, 360);
    page = opened.page;
    closeContext = () => opened.context.close();
    await signIn(page, 'lyon', inject('platform').demo.lyon);
  });

  afterAll(async () => {
    await closeContext?.();
  });

  it('sees the catalogue of the pod with source, period and record counts', async () => {
    await page.goto(url('fr/data'));
    const electricity = page.locator('tr[data-category="electricity"]');
    expect(await electricity.locator('td').first().innerText()).toContain('Données synthétiques (e2e)');
    expect(await electricity.locator('td').nth(1).innerText()).toMatch(/^du .+ au .+$/);
    expect(Number((await electricity.locator('td').nth(3).innerText()).replace(/\s/g, ''))).toBeGreaterThan(300);
  });

  it('sees a resource as a table and as raw Turtle', async () => {
    await page.goto(url('fr/data/electricity'));
    const first = page.locator('[data-resources] a').first();
    const name = await first.innerText();
    expect(name).toMatch(/^(curve|daily)-\d{4}-\d{2}$/);
    await first.click();
    await page.waitForURL(new RegExp(`/fr/data/electricity/${name}$`));
    expect(await page.locator('[data-records] tbody tr').count()).toBeGreaterThan(27);
    await page.locator('summary', { hasText: 'Afficher le texte Turtle' }).click();
    expect(await page.locator('[data-raw]').innerText()).toContain('@prefix');
  });

  it('has no serious or critical accessibility violation on any page at 360 px', async () => {
    for (const path of [
      'fr/dashboard',
      'en/dashboard',
      'fr/data',
      'fr/data/household',
      'fr/data/household/household',
      'fr/export',
      'fr/upload',
      'fr/requests',
      'fr/grants',
      'fr/log',
    ]) {
      await expectAccessible(page, path, 360);
    }
  });

  it('shows the 30-minute curve of a chosen day, and says when that day has none', async () => {
    await page.goto(url('fr/dashboard'));
    const day = await page.locator('#curve-day').inputValue();
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.goto(url(`fr/dashboard?day=${day}`));
    expect(await page.locator('svg[data-chart="electricity-curve"]').count()).toBe(1);
    await page.goto(url('fr/dashboard?day=1999-01-01'));
    expect(await page.locator('.notice', { hasText: 'Pas de courbe de charge' }).count()).toBe(1);
  });

  it('downloads a ZIP of Turtle files and a TriG file that all parse', async () => {
    await page.goto(url('fr/export'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export-link]').click()]);
    expect(download.suggestedFilename()).toMatch(/^selfdata-export-localhost-\d+-demo-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const names = Object.keys(files);
    expect(names).toContain('pod/catalog.ttl');
    expect(names).toContain('pod.trig');
    expect(names.filter((name) => name.startsWith('pod/data/electricity/daily-')).length).toBeGreaterThanOrEqual(12);
    const podUrl = inject('platform').demo.lyon.podUrl;
    for (const name of names.filter((candidate) => candidate.endsWith('.ttl'))) {
      expect(() => new Parser({ baseIRI: podUrl }).parse(strFromU8(files[name]!)), name).not.toThrow();
    }
    const trig = new Parser({ format: 'application/trig' }).parse(strFromU8(files['pod.trig']!));
    expect(new Set(trig.map((quad) => quad.graph.value)).size).toBe(names.filter((name) => name.endsWith('.ttl')).length);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { pod: string; skipped: string[] };
    expect(manifest.pod).toBe(podUrl);
  });

  it('shows a <script> stored in a pod resource as text, without running it', async () => {
    const demo = inject('platform').demo.lyon;
    const owner = await loginAs(inject('platform').servers.lyon, demo.email, demo.password);
    const payload = '<script>window.__injected = true</script><img src=x onerror="window.__injected = true">';
    const access = { podUrl: demo.podUrl, webId: demo.webId, fetch: owner.fetch };
    const content = await getContent(access, { category: 'household' }, 'data/household/household');
    if (content.category !== 'household') throw new Error('not a household');
    await saveContent(access, 'data/household/household', { category: 'household', record: { ...content.record, district: payload } });
    await owner.close();

    await page.goto(url('fr/dashboard'));
    const household = page.locator('[data-household]');
    await household.waitFor();
    expect(await household.innerText()).toContain(payload);
    await page.goto(url('fr/data/household/household'));
    expect(await page.locator('[data-records]').innerText()).toContain(payload);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  it('deletes one category after confirmation, and the catalogue no longer lists it', async () => {
    await page.goto(url('fr/data/health'));
    await page.getByRole('button', { name: /Supprimer les données/ }).click();
    // Without the box ticked, the server action refuses and says why.
    expect(await page.locator('[data-confirm-form] [role="alert"]').innerText()).toBe('Cochez la case pour confirmer.');
    await page.locator('[data-confirm-form] input[type="checkbox"]').check();
    await page.getByRole('button', { name: /Supprimer les données/ }).click();
    await page.waitForURL(/\/fr\/data\?erased=health$/);
    const health = page.locator('tr[data-category="health"]');
    expect(await health.locator('td').nth(4).innerText()).toBe('0');
    expect(await health.locator('td').first().innerText()).toBe('—');
  });
});

describe('erasing everything', () => {
  it('erases every category of the pod after confirmation', async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, 'larochelle', inject('platform').demo.larochelle);
    await page.goto(url('fr/export'));
    const form = page.locator('[data-confirm-form="erase-all"]');
    await form.locator('input[type="checkbox"]').check();
    await form.getByRole('button').click();
    await page.waitForURL(/\/fr\/export\?erased=all$/);
    await page.goto(url('fr/data'));
    const counts = await page.locator('tr[data-category] td:nth-child(6)').allInnerTexts();
    expect(counts.every((count) => count === '0')).toBe(true);
    await context.close();
  });
});
