import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectAccessible, openPage, portalPath, signIn, useBrowser } from './helpers.ts';

const browser = useBrowser();
const url = portalPath;
const WIDTH = 390;
const SLUG = 'chauffage-e2e';

/** Fills the form with a valid exact study on the given territory (k = 10 unless told). */
async function fillStudy(page: Page, territory: string, k = '10'): Promise<void> {
  await page.selectOption('#territory', territory);
  await page.fill('#slug', SLUG);
  await page.fill('#titleFr', 'Chauffage et étiquette énergie');
  await page.fill('#titleEn', 'Heating and energy label');
  await page.fill('#team', 'Équipe chauffage');
  await page.fill('#institution', 'Nantes Université (démonstration)');
  await page.fill('#descriptionFr', 'Nous comparons la consommation d’électricité des logements selon leur DPE.');
  await page.fill('#descriptionEn', 'We compare the electricity use of homes by energy label.');
  await page.check('input[name="purpose"][value="scientific-research"]');
  await page.selectOption('#legalBasis', 'PublicInterest');
  await page.check('input[name="categories"][value="electricity"]');
  await page.check('input[name="categories"][value="housing"]');
  await page.fill('#endDate', new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10));
  await page.fill('#minimumGroupSize', k);
  await page.check('input[name="noise"][value="exact"]');
}

/** Submits and waits for the server action's answer (a refusal, or a redirect). */
async function submit(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST', { timeout: 60_000 }),
    page.locator('[data-publish]').click(),
  ]);
}

/** Waits for the page at `pattern`; when the form refused instead, says why. */
async function expectLanding(page: Page, pattern: RegExp): Promise<void> {
  try {
    await page.waitForURL(pattern, { timeout: 60_000 });
  } catch (error: unknown) {
    const errors = await page.locator('[data-publish-errors]').allInnerTexts();
    throw new Error(`not on ${pattern}: ${page.url()} ${errors.join(' | ')}`, { cause: error });
  }
}

describe('research: an accredited researcher publishes a study from the portal', () => {
  it('the demo researcher fixes k, publishes on Nantes, lands on the workbench; the study is on the citizens’ page', async () => {
    const platform = inject('platform');
    const { context, page, cspViolations } = await openPage(browser(), WIDTH);
    await signIn(page, 'lyon', platform.researcher);
    await page.goto(url('fr/research/studies'));
    await page.locator('a[data-publish-study]').click();
    await page.waitForURL(/\/fr\/research\/studies\/new$/);
    expect(await page.locator('[data-accredited]').getAttribute('data-accredited')).toBe('lyon nantes larochelle');
    await expectAccessible(page, '/fr/research/studies/new');

    // k = 3: refused on the k field, in French, tied to the input.
    await fillStudy(page, 'nantes', '3');
    await submit(page);
    await page.locator('#minimumGroupSize-error').waitFor();
    expect(page.url()).toMatch(/\/fr\/research\/studies\/new$/);
    const k = page.locator('#minimumGroupSize');
    expect(await k.getAttribute('aria-invalid')).toBe('true');
    expect(await k.getAttribute('aria-describedby')).toContain('minimumGroupSize-error');
    expect(await page.locator('#minimumGroupSize-error').innerText()).toContain('k doit être au moins 5');
    expect(await page.locator('[data-publish-errors] a[href="#minimumGroupSize"]').count()).toBe(1);
    // What was typed stays.
    expect(await page.inputValue('#slug')).toBe(SLUG);
    await expectAccessible(page, 'the form with an error on k');

    await page.fill('#minimumGroupSize', '10');
    await submit(page);
    await expectLanding(page, new RegExp(`/fr/research/studies/nantes/${SLUG}\\?published=1$`));
    await page.locator('[data-editor="codemirror"]').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Chauffage et étiquette énergie');
    expect(await page.locator('[data-published]').innerText()).toContain('Votre étude est publiée');
    expect(cspViolations).toEqual([]);

    // The same short name again: refused on the slug.
    await page.goto(url('fr/research/studies/new'));
    await fillStudy(page, 'nantes');
    await submit(page);
    expect(await page.locator('#slug-error').innerText()).toContain('déjà');

    // Residents see it on the research page, in Nantes' registry.
    await page.goto(url('fr/research'));
    const card = page.locator(`[data-territory="nantes"] [data-study="${SLUG}"]`);
    expect(await card.count()).toBe(1);
    expect(await card.innerText()).toContain('Chauffage et étiquette énergie');
    expect(await card.innerText()).toContain('groupes d’au moins 10 logements');
    await context.close();
  });

  it('a citizen no territory accredited is told how to get accredited, and publishing is refused', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser(), WIDTH);
    await signIn(page, 'lyon', platform.demo.lyon);
    await page.goto(url('fr/research/studies'));
    expect(await page.locator('[data-publish-study="not-accredited"]').innerText()).toContain('accréditer');
    await page.goto(url('fr/research/studies/new'));
    expect(await page.locator('[data-accredited]').getAttribute('data-accredited')).toBe('');
    await fillStudy(page, 'lyon');
    await page.fill('#slug', 'etude-refusee');
    await submit(page);
    expect(await page.locator('#territory-error').innerText()).toContain('ne vous a pas accrédité');
    expect(await page.locator('#territory').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the refusal of a citizen who is not accredited');
    await page.goto(url('fr/research'));
    expect(await page.locator('[data-study="etude-refusee"]').count()).toBe(0);
    await context.close();
  });
});
