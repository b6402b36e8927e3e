import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectAccessible, openPage, portalPath, portalUrl, signIn, useBrowser } from './helpers.ts';

const browser = useBrowser();
const url = portalPath;
const WIDTH = 390;

/** Replaces the editor's text as a person would: select all, delete, then type (one insertion). */
async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(query);
  expect(await page.locator('.cm-content').innerText()).toContain(query.split('\n')[0]);
}

/** Runs the query in the editor and waits for the result or the refusal. */
async function runQuery(page: Page): Promise<void> {
  await page.locator('[data-run]').click();
  await page.locator('[data-results], [data-run-error]').first().waitFor({ timeout: 60_000 });
}

describe('research: studies, opt-in and the researcher space', () => {
  it('a citizen sees the Lyon study and what it asks, opts in (grant in /grants), then opts out', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser(), WIDTH);
    // La Rochelle's demo citizen: the grants journey counts the Nantes citizen's receipts, whatever the order.
    await signIn(page, 'larochelle', platform.demo.larochelle);
    await page.goto(url('fr/research'));
    // The citizen's own territory comes first.
    expect(await page.locator('section[data-territory]').first().getAttribute('data-territory')).toBe('larochelle');
    const card = page.locator('[data-territory="lyon"] [data-study="dpe-electricity"]');
    expect(await card.count()).toBe(1);
    expect(await card.getAttribute('data-joined')).toBe('no');
    const text = await card.innerText();
    expect(text).toContain('Recherche scientifique');
    expect(text).toContain('Électricité, Logement');
    expect(text).toContain('groupes d’au moins 5 logements');
    expect(text).toContain('jamais le chercheur');
    expect(text).toContain('Non : les résultats sont exacts');
    await expectAccessible(page, '/fr/research');

    await card.getByRole('button', { name: 'Participer à l’étude' }).click();
    await page.waitForURL(/\/fr\/research\?joined=dpe-electricity/);
    expect(
      await page.locator('[data-territory="lyon"] [data-study="dpe-electricity"]').getAttribute('data-joined'),
    ).toBe('yes');
    expect(await page.locator('[role="status"]').innerText()).toContain('Vous participez');
    await expectAccessible(page, '/fr/research (joined)');

    // The grant goes to the Lyon research engine (its WebID), shown with the others.
    await page.goto(url('fr/grants'));
    const grant = page.locator('[data-grants-state="active"] [data-grant*="/grants/study_dpe-electricity_"]');
    expect(await grant.count()).toBe(1);
    expect(await grant.innerText()).toContain('/research-engine/');

    await page.goto(url('fr/research'));
    await page
      .locator('[data-territory="lyon"] [data-study="dpe-electricity"]')
      .getByRole('button', { name: 'Ne plus participer' })
      .click();
    await page.waitForURL(/\/fr\/research\?left=dpe-electricity/);
    expect(
      await page.locator('[data-territory="lyon"] [data-study="dpe-electricity"]').getAttribute('data-joined'),
    ).toBe('no');
    await page.goto(url('fr/grants'));
    expect(
      await page.locator('[data-grants-state="active"] [data-grant*="/grants/study_dpe-electricity_"]').count(),
    ).toBe(0);
    await context.close();
  });

  it('the researcher runs a template with live progress, sees table, chart and report, downloads the CSV, and gets refusals', async () => {
    const platform = inject('platform');
    const { context, page, cspViolations } = await openPage(browser(), WIDTH);
    await signIn(page, 'lyon', platform.researcher);
    await page.goto(url('fr/research'));
    await page.getByRole('link', { name: /Espace chercheur/ }).click();
    await page.waitForURL(/\/fr\/research\/studies$/);
    const mine = page.locator('[data-researcher-studies] [data-study="dpe-electricity"]');
    expect(await mine.count()).toBe(1);
    await expectAccessible(page, '/fr/research/studies');
    await mine.locator('a').click();
    await page.waitForURL(/\/fr\/research\/studies\/lyon\/dpe-electricity$/);

    // CodeMirror loads, highlights SPARQL, and respects the nonce CSP.
    await page.locator('[data-editor="codemirror"]').waitFor();
    await page.locator('select[data-templates]').selectOption('district');
    expect(await page.locator('.cm-content').innerText()).toContain('sdt:district');
    await page.locator('select[data-templates]').selectOption('dpeMonthly');
    expect(await page.locator('.cm-content').innerText()).toContain('sdt:energyLabel');
    expect(await page.locator('select[data-templates]').inputValue()).toBe('dpeMonthly');
    expect(await page.locator('.cm-content span[class]').count()).toBeGreaterThan(5);
    expect(await page.locator('.cm-content').getAttribute('aria-labelledby')).toBeTruthy();

    await runQuery(page);
    expect(await page.locator('[data-run-error]').count()).toBe(0);
    const progress = await page.locator('[data-progress]').getAttribute('data-progress');
    const [done, total] = (progress ?? '').split('/').map(Number);
    expect(done).toBe(total);
    const report = page.locator('[data-report] [data-pods-asked]');
    const asked = Number(await report.getAttribute('data-pods-asked'));
    const answered = Number(await report.getAttribute('data-pods-answered'));
    const failed = Number(await report.getAttribute('data-pods-failed'));
    expect(asked).toBeGreaterThanOrEqual(6);
    expect(answered + failed).toBe(asked);
    expect(total).toBe(asked);
    expect(await page.locator('[data-report]').innerText()).toContain('k = 5');
    expect(await page.locator('[data-result-table] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-result-table] thead th').allInnerTexts()).toEqual([
      'label',
      'month',
      'avgKwh',
      'days',
      'pods',
    ]);
    expect(await page.locator('[data-results] svg[data-chart]').count()).toBe(1);
    await expectAccessible(page, 'the study page with a result');
    expect(cspViolations).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download-csv]').click()]);
    expect(download.suggestedFilename()).toMatch(/^dpe-electricity-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/u, '').split('\r\n')[0]).toBe('label,month,avgKwh,days,pods');
    expect(csv.split('\r\n').length).toBe((await page.locator('[data-result-table] tbody tr').count()) + 1);

    // A query that would return raw values is refused, naming the part at fault.
    await typeQuery(
      page,
      'PREFIX saref: <https://saref.etsi.org/core/>\nSELECT ?kwh WHERE {\n  ?r saref:hasValue ?kwh .\n}',
    );
    await runQuery(page);
    const refusal = page.locator('[data-run-error]');
    expect(await refusal.getAttribute('data-run-error')).toBe('not-aggregate');
    expect(await refusal.innerText()).toContain('?kwh');
    expect(await page.locator('[data-results]').count()).toBe(0);

    // Invalid SPARQL: line and column, and the line is marked in the editor.
    await typeQuery(page, 'SELECT (COUNT(?r) AS ?n) WHERE {\n  ?r a ?t .\n  }}');
    await runQuery(page);
    expect(await page.locator('select[data-templates]').inputValue()).toBe('');
    expect(await page.locator('[data-run-error]').getAttribute('data-run-error')).toBe('syntax');
    expect(await page.locator('[data-error-position]').getAttribute('data-error-position')).toMatch(/^3:\d+$/);
    expect(await page.locator('[data-run-error]').innerText()).toContain('Ligne 3, colonne');
    expect(await page.locator('.cm-sdt-error-line').count()).toBe(1);
    await expectAccessible(page, 'the study page with a refusal');
    expect(cspViolations).toEqual([]);

    // The noisy study (Nantes registry, same researcher): budget left, then a run charges it.
    const noisySlug = new URL(platform.studies.noisy).pathname.split('/').pop() ?? '';
    await page.goto(url(`en/research/studies/nantes/${noisySlug}`));
    expect(await page.locator('[data-budget]').innerText()).toMatch(/^ε = [\d.]+ left out of [\d.]+/);
    await page.locator('[data-editor="codemirror"]').waitFor();
    await runQuery(page);
    expect(await page.locator('[data-run-error]').count()).toBe(0);
    expect(await page.locator('[data-report] [data-noise]').getAttribute('data-noise')).toBe('yes');
    expect(
      Number(await page.locator('[data-report] [data-budget-left]').getAttribute('data-budget-left')),
    ).toBeGreaterThan(0);
    expect(await page.locator('[data-report]').innerText()).toContain('Laplace noise added');
    await expectAccessible(page, 'the noisy study page (en)');
    await context.close();
  });

  it('someone who is not a researcher of the study sees no study in the researcher space and gets 403 from the run route', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser(), WIDTH);
    await signIn(page, 'lyon', platform.demo.lyon);
    await page.goto(url('fr/research/studies'));
    expect(await page.locator('[data-researcher-studies="none"]').count()).toBe(1);
    await expectAccessible(page, '/fr/research/studies (none)');
    await page.goto(url('en/research/studies'));
    expect(await page.locator('[data-researcher-studies="none"]').innerText()).toContain(
      'No study names you as a researcher.',
    );
    await page.goto(url('fr/research/studies/lyon/dpe-electricity'));
    expect(await page.locator('[data-researcher="no"]').count()).toBe(1);
    expect(await page.locator('[data-workbench]').count()).toBe(0);
    const status = await page.evaluate(async (study) => {
      const response = await fetch('/api/research/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ study, query: 'SELECT (COUNT(?r) AS ?n) WHERE { ?r a ?t }' }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }, platform.studies.research);
    expect(status).toEqual({ status: 403, body: { ok: false, code: 'forbidden', fieldErrors: {} } });
    await context.close();

    // Without a session, and from another site.
    const anonymous = await fetch(url('api/research/run'), {
      method: 'POST',
      headers: { origin: new URL(portalUrl()).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ study: platform.studies.research, query: 'SELECT' }),
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await fetch(url('api/research/run'), {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ study: platform.studies.research, query: 'SELECT' }),
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ code: 'forbidden-origin' });
  });
});
