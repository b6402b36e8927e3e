import { describe, expect, inject, it } from 'vitest';
import { expectAccessible, openPage, portalPath, signIn, useBrowser } from './helpers.ts';

const browser = useBrowser();
const url = portalPath;

describe('dashboard: comparison with similar homes (territory statistics)', () => {
  it('shows the Lyon demo home next to the published average of homes of its energy label, at 390 px', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser(), 390);
    await signIn(page, 'lyon', platform.demo.lyon);
    await page.goto(url('fr/dashboard'));
    const section = page.locator('[data-section="comparison"]');
    await section.locator('[data-k]').waitFor({ timeout: 60_000 });
    expect(await section.locator('h2').first().innerText()).toContain('Comparer avec des logements semblables');
    // The statistics study of the e2e platform has k = 5; its six participants all have label F.
    expect(await section.locator('[data-k]').getAttribute('data-k')).toBe('5');
    const figure = section.locator('[data-comparison="energyLabel"]');
    expect(await figure.count()).toBe(1);
    expect(await figure.locator('svg title').first().textContent()).toContain('classe énergie F');
    expect(await figure.locator('figcaption').innerText()).toMatch(/les 6 logements semblables/u);
    // The table: months, the home's value, the group's value and its size (never below k).
    const homes = (await figure.locator('tbody tr td:last-child').allTextContents()).filter((c) => c !== '—');
    expect(homes.length).toBeGreaterThanOrEqual(6);
    for (const count of homes) expect(Number(count)).toBe(6);
    // Household sizes of the six participants are spread out: groups below k are explained, not shown.
    const household = section.locator('[data-group="householdSize"]');
    if ((await household.count()) > 0) {
      expect(await household.locator('[data-all-hidden], [data-some-hidden], figure').count()).toBeGreaterThan(0);
    }
    expect(await section.innerText()).toContain('calculées sur 6 des 6 logements participants');
    const openData = await section.getByRole('link', { name: /données ouvertes/u }).getAttribute('href');
    expect(openData).toBe(`${platform.servers.lyon}research-engine/statistics/monthly`);
    await expectAccessible(page, '/fr/dashboard (comparison)');

    // The same in English.
    await page.goto(url('en/dashboard'));
    await section.locator('[data-k]').waitFor({ timeout: 60_000 });
    expect(await section.locator('[data-comparison="energyLabel"] figcaption').innerText()).toMatch(/6 similar homes/u);
    await context.close();
  });

  it('switches to water (litres per day) and gas with plain links; gas groups below k are explained, not shown', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser(), 390);
    await signIn(page, 'lyon', platform.demo.lyon);
    await page.goto(url('fr/dashboard'));
    const section = page.locator('[data-section="comparison"]');
    await section.locator('[data-k]').waitFor({ timeout: 60_000 });
    // The switcher: plain links, electricity current; the demo home has daily electricity, gas and water.
    const nav = section.getByRole('navigation', { name: 'Mesure comparée' });
    expect(await nav.locator('a[aria-current="true"]').innerText()).toBe('Électricité');
    expect(await nav.locator('a').allInnerTexts()).toEqual(['Électricité', 'Gaz', 'Eau']);
    expect(await nav.getByRole('link', { name: 'Eau' }).getAttribute('href')).toBe('?compare=water#comparison-heading');

    // Water: all six participants (label F) have daily water readings, so the F group is published.
    await nav.getByRole('link', { name: 'Eau' }).click();
    await page.waitForURL(/compare=water/u);
    await section.locator('[data-compared-measure="water"]').waitFor({ timeout: 60_000 });
    expect(await section.locator('nav a[aria-current="true"]').innerText()).toBe('Eau');
    const water = section.locator('[data-comparison="energyLabel"][data-measure="water"]');
    expect(await water.locator('svg title').first().textContent()).toBe(
      'Logements de classe énergie F : eau par jour, comparée à votre logement',
    );
    const caption = await water.locator('figcaption').innerText();
    expect(caption).toMatch(/les 6 logements semblables/u);
    expect(caption).toMatch(/litres/u);
    expect(caption).not.toMatch(/kWh|m³/u);
    const headers = await water.locator('thead th').allTextContents();
    expect(headers.filter((h) => h.includes('(L/jour)'))).toHaveLength(2);
    expect(headers.join(' ')).not.toContain('kWh');
    const homes = (await water.locator('tbody tr td:last-child').allTextContents()).filter((c) => c !== '—');
    expect(homes.length).toBeGreaterThanOrEqual(6);
    for (const count of homes) expect(Number(count)).toBe(6);
    // Litres per day of a home: hundreds, not cubic metres.
    const own = (await water.locator('tbody tr td:nth-child(2)').allTextContents())
      .map((c) => Number(c.replace(/[\s\u202f]/gu, '').replace(',', '.')))
      .filter((n) => Number.isFinite(n));
    expect(own.length).toBeGreaterThan(0);
    for (const litres of own) expect(litres).toBeGreaterThan(20);
    // The demo home's district has one participant at most: below k, explained, no figure.
    const district = section.locator('[data-group="district"]');
    expect(await district.locator('h3').innerText()).toContain('Foyers du quartier');
    expect(await district.locator('[data-all-hidden]').innerText()).toContain('Moins de 5 logements semblables');
    expect(await district.locator('figure').count()).toBe(0);
    await expectAccessible(page, '/fr/dashboard?compare=water');

    // Gas: only three of the six participants heat with gas (fewer than k = 5): nothing published, said.
    await page.goto(url('fr/dashboard?compare=gas'));
    await section.locator('[data-compared-measure="gas"]').waitFor({ timeout: 60_000 });
    expect(await section.locator('figure').count()).toBe(0);
    const groups = await section.locator('[data-group]').count();
    expect(groups).toBeGreaterThanOrEqual(2);
    expect(await section.locator('[data-group] [data-all-hidden]').count()).toBe(groups);
    await expectAccessible(page, '/fr/dashboard?compare=gas');

    // An unknown measure: said, and the default (electricity) shown.
    await page.goto(url('fr/dashboard?compare=heat'));
    await section.locator('[data-compared-measure="electricity"]').waitFor({ timeout: 60_000 });
    expect(await section.locator('[data-invalid-measure]').innerText()).toContain('La mesure demandée n’existe pas');

    // English: litres per day.
    await page.goto(url('en/dashboard?compare=water'));
    await section.locator('[data-compared-measure="water"]').waitFor({ timeout: 60_000 });
    expect(await water.locator('figcaption').innerText()).toMatch(/the 6 similar homes.*litres|litres.*the 6 similar homes/su);
    expect(await water.locator('thead th').allTextContents()).toContain('Your home (L/day)');
    await context.close();
  });

  it('publishes the statistics as open data: readable without login, an RDF Data Cube', async () => {
    const platform = inject('platform');
    const response = await fetch(`${platform.servers.lyon}research-engine/statistics/monthly`, {
      headers: { accept: 'text/turtle' },
    });
    expect(response.status).toBe(200);
    const turtle = await response.text();
    expect(turtle).toMatch(/qb:DataSet|cube#DataSet/u);
    expect(turtle).toMatch(/LabelF/u);
    // Nobody can write it but the engine.
    const put = await fetch(`${platform.servers.lyon}research-engine/statistics/monthly`, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: '<#x> <#y> <#z> .',
    });
    expect([401, 403]).toContain(put.status);
  });

  it('says so when the territory published statistics without any group of k homes (La Rochelle)', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser());
    await signIn(page, 'larochelle', platform.demo.larochelle);
    await page.goto(url('fr/dashboard'));
    const status = page.locator('[data-section="comparison"] [data-comparison-status]');
    await status.waitFor({ timeout: 60_000 });
    expect(await status.getAttribute('data-comparison-status')).toBe('empty');
    expect(await status.innerText()).toContain('trop peu de foyers participent');
    await context.close();
  });
});
