import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { discoverInbox } from '@sdt/grants';
import { buildClientIdDocument, registerService, registryOperator, validateServiceDescription } from '@sdt/partner-sdk';
import { loginAs } from '@sdt/test-utils';
import { findSeriousViolations, launchBrowser, openPage, portalUrl, signIn } from './helpers.ts';

let browser: Browser;
let countsApp: Server;
let countsAppUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // A partner app that answers its grant counts (numbers only), as `startPartnerApp` does.
  countsApp = createServer((request, response) => {
    if (request.url === '/api/grant-counts') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ active: 3, pending: 2, revoked: 1, expired: 0, refused: 1 }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => countsApp.listen(0, '127.0.0.1', resolve));
  countsAppUrl = `http://127.0.0.1:${(countsApp.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => countsApp?.close(resolve));
});

const url = (path: string): string => new URL(path, portalUrl()).href;

describe('the service catalogue and the partner console', () => {
  it('lists a service registered in the Lyon registry and connecting it puts its request on the consent screen', async () => {
    const platform = inject('platform');
    const citizen = platform.demo.lyon;
    const partner = await loginAs(platform.servers.lyon, platform.partner.email, platform.partner.password);
    try {
      const description = validateServiceDescription({
        id: 'canteen-price',
        territory: 'lyon',
        name: { fr: 'Tarif de cantine', en: 'Canteen price' },
        summary: {
          fr: 'Calcule le tarif de cantine. <img src=x onerror="document.title=\'pwned\'">',
          en: 'Computes the canteen price.',
        },
        operator: { name: 'Ville de Lyon (essai)', url: 'https://www.lyon.fr/' },
        contact: { email: 'dpo@example.org' },
        purpose: 'PersonalisedBenefits',
        legalBasis: 'Consent',
        dataNeeds: [
          {
            category: 'household',
            required: false,
            why: { fr: 'Le nombre d’enfants.', en: 'The number of children.' },
          },
          {
            category: 'income',
            required: true,
            why: { fr: 'Le quotient familial fixe le tarif.', en: 'The family quotient sets the price.' },
          },
        ],
        accessDays: 30,
        retentionDays: 7,
        privacyPolicy: 'https://example.org/privacy',
      });
      await registerService(
        buildClientIdDocument(description, 'http://localhost:9/', {
          webId: partner.webId,
          clientId: partner.clientId,
          inbox: await discoverInbox(partner.webId, partner),
        }),
        { location: { serverUrl: platform.servers.lyon }, operator: registryOperator('lyon') },
      );

      const { context, page } = await openPage(browser, 360);
      await signIn(page, 'lyon', citizen);
      await page.locator('nav a', { hasText: 'Services' }).click();
      await page.waitForURL(/\/fr\/services$/);
      const card = page.locator('[data-territory="lyon"] [data-service="canteen-price"]');
      expect(await card.count()).toBe(1);
      expect(await card.locator('h3').innerText()).toBe('Tarif de cantine');
      const text = await card.innerText();
      expect(text).toContain('Ville de Lyon (essai)');
      expect(text).toContain('<img src=x onerror=');
      expect(await page.title()).not.toBe('pwned');
      expect(text).toContain('Votre consentement');
      expect(text).toContain('7 jours au plus');
      expect(await card.locator('[data-need="income"]').innerText()).toContain('indispensable');
      expect(await card.locator('[data-need="household"]').innerText()).toContain('facultative');
      expect(await card.locator('a', { hasText: 'politique de confidentialité' }).getAttribute('href')).toBe(
        'https://example.org/privacy',
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await findSeriousViolations(page)).toEqual([]);

      await card.getByRole('button', { name: 'Connecter ce service' }).click();
      await page.waitForURL(/\/fr\/requests$/);
      const request = page.locator('[data-request]', { hasText: 'Tarif de cantine' });
      expect(await request.count()).toBe(1);
      expect(await request.locator('h2').innerText()).toBe('Ville de Lyon (essai) demande l’accès à vos données');
      expect(await request.innerText()).toContain(partner.webId);
      // Leave the Lyon citizen without a pending request for the other journeys.
      await request.getByRole('button', { name: 'Refuser' }).click();
      await page.waitForURL(/\/fr\/requests\?answered=denied$/);
      // The refusal and its receipt (long WebIDs) wrap on the grants page at 360 px.
      await page.goto(url('fr/grants'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await context.close();
    } finally {
      await partner.close();
    }
  });

  it('registers a service from the partner console, explains a wrong description in French, and shows grant counts', async () => {
    const platform = inject('platform');
    const { context, page } = await openPage(browser, 360);
    await signIn(page, 'lyon', platform.demo.lyon);
    await page.goto(url('fr/partners'));
    expect(await findSeriousViolations(page)).toEqual([]);

    const wrong = {
      id: 'coach-essai',
      territory: 'lyon',
      name: { fr: 'Coach', en: 'Coach' },
      summary: { fr: 'Conseils.', en: 'Advice.' },
      operator: { name: 'Association Essai' },
      contact: { email: 'contact@example.org' },
      purpose: 'ServiceProvision',
      legalBasis: 'Consent',
      dataNeeds: [{ category: 'electric', required: true, why: { fr: 'Comparer.', en: 'Compare.' } }],
      accessDays: 30,
      retentionDays: 30,
      privacyPolicy: 'https://example.org/privacy',
    };
    await page.fill('#description', JSON.stringify(wrong));
    await page.fill('#appUrl', countsAppUrl);
    await page.fill('#grantClientId', 'coach-essai-client');
    await page.getByRole('button', { name: 'Enregistrer le service' }).click();
    const error = page.locator('[data-description-errors] [data-field="dataNeeds[0].category"]');
    await error.waitFor();
    expect(await error.innerText()).toContain('catégorie de données inconnue');
    // The refused form keeps what was typed.
    expect(await page.inputValue('#appUrl')).toBe(countsAppUrl);
    expect(await findSeriousViolations(page)).toEqual([]);

    await page.fill(
      '#description',
      JSON.stringify({ ...wrong, dataNeeds: [{ ...wrong.dataNeeds[0], category: 'electricity' }] }),
    );
    await page.getByRole('button', { name: 'Enregistrer le service' }).click();
    await page.waitForURL(/\/fr\/partners\?registered=coach-essai$/);
    const own = page.locator('[data-own-service="coach-essai"]');
    expect(await own.count()).toBe(1);
    expect(await own.locator('[data-count="active"] dd').innerText()).toBe('3');
    expect(await own.locator('[data-count="pending"] dd').innerText()).toBe('2');
    expect(await own.locator('[data-count="revoked"] dd').innerText()).toBe('1');
    expect(await own.locator('[data-count="expired"] dd').innerText()).toBe('0');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await findSeriousViolations(page)).toEqual([]);

    // The catalogue lists it too.
    await page.goto(url('en/services'));
    expect(await page.locator('[data-territory="lyon"] [data-service="coach-essai"]').count()).toBe(1);
    expect(await findSeriousViolations(page)).toEqual([]);
    await context.close();
  });
});
