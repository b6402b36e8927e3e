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
