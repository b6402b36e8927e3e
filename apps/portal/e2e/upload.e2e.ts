import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findSeriousViolations, launchBrowser, openPage, portalUrl, signIn } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../packages/importers/fixtures');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('uploading provider files', () => {
  it('refuses a broken file in plain French naming the line, writes nothing, then imports an Enedis file and shows the new month', async () => {
    const { context, page } = await openPage(browser, 360);
    await signIn(page, 'lyon', inject('platform').demo.lyon);
    await page.goto(new URL('fr/upload', portalUrl()).href);
    expect(await findSeriousViolations(page)).toEqual([]);

    await page.setInputFiles('#upload-files', path.join(FIXTURES, 'invalid/enedis-csv-not-a-number.csv'));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const error = page.locator('[data-upload-result="error"]');
    await error.waitFor();
    const message = await error.innerText();
    expect(message).toContain('Une valeur du fichier enedis-csv-not-a-number.csv devrait être un nombre.');
    expect(message).toMatch(/\(ligne \d+\)/);
    expect(message).toContain('Rien n’a été écrit dans votre pod.');

    await page.setInputFiles('#upload-files', path.join(FIXTURES, 'valid/enedis-dc-daily-2025-01.json'));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const done = page.locator('[data-upload-result="ok"]');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.innerText()).toMatch(/enedis-dc-daily-2025-01\.json \(Enedis\) : \d+ enregistrements/);

    await page.goto(new URL('fr/data/electricity', portalUrl()).href);
    expect(await page.locator('[data-resources] a', { hasText: 'daily-2025-01' }).count()).toBe(1);
    await page.goto(new URL('fr/dashboard', portalUrl()).href);
    const monthly = page.locator('svg[data-chart="electricity-monthly"]');
    await monthly.waitFor();
    expect(await page.locator('#electricity-monthly-caption').innerText()).toMatch(/Sur 1[3-9] mois/);
    await context.close();
  });
});
