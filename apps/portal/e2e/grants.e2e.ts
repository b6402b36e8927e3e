import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { discoverInbox, sendAccessRequest } from '@sdt/grants';
import { loginAs } from '@sdt/test-utils';
import { findSeriousViolations, launchBrowser, openPage, portalUrl, signIn } from './helpers.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const url = (path: string): string => new URL(path, portalUrl()).href;

describe('consent, grants and the access log', () => {
  it('shows a partner request in plain words, approves it narrower, revokes it, and logs the reads and the refusal', async () => {
    const platform = inject('platform');
    const citizen = platform.demo.nantes;
    const partner = await loginAs(platform.servers.lyon, platform.partner.email, platform.partner.password);
    const platformServers = Object.values(platform.servers);
    try {
      await sendAccessRequest(
        {
          citizenWebId: citizen.webId,
          requestor: partner.webId,
          categories: ['electricity', 'gas'],
          purpose: 'ServiceProvision',
          days: 30,
          clientId: partner.clientId,
          explanation: {
            fr: 'Comparer votre consommation à celle de foyers semblables.',
            en: 'Compare your use with similar households.',
          },
          replyTo: await discoverInbox(partner.webId, partner),
          requestorName: 'Coach énergie',
        },
        { fetch: partner.fetch, platformServers },
      );

      const { context, page } = await openPage(browser, 360);
      await signIn(page, 'nantes', citizen);
      await page.goto(url('fr/requests'));
      const card = page.locator('[data-request]');
      expect(await card.count()).toBe(1);
      expect(await card.locator('h2').innerText()).toBe('Coach énergie demande l’accès à vos données');
      const text = await card.innerText();
      expect(text).toContain('Vous fournir un service');
      expect(text).toContain('Votre consentement');
      expect(text).toContain('pendant 30 jours à partir de votre accord');
      expect(text).toContain(partner.webId);
      expect(await findSeriousViolations(page)).toEqual([]);

      // Approve narrower: electricity only.
      await card.getByLabel(/^Gaz/).uncheck();
      await card.getByRole('button', { name: 'Accepter' }).click();
      await page.waitForURL(/\/fr\/grants\?answered=approved$/);
      const active = page.locator('[data-grants-state="active"] [data-grant]');
      expect(await active.count()).toBe(1);
      expect(await active.innerText()).toContain('Électricité');
      expect(await active.innerText()).not.toContain('Gaz');
      expect(await page.locator('[data-receipts] li').count()).toBe(1);
      expect(await findSeriousViolations(page)).toEqual([]);

      // The partner reads what was granted, and nothing else.
      const electricityMonth = `${citizen.podUrl}data/electricity/`;
      const granted = await partner.fetch(electricityMonth);
      await granted.arrayBuffer();
      expect(granted.status).toBe(200);
      const gas = await partner.fetch(`${citizen.podUrl}data/gas/`);
      await gas.arrayBuffer();
      expect(gas.status).toBe(403);

      // Revoke in one click; the partner is refused at once.
      await active.getByRole('button', { name: 'Retirer cet accès' }).click();
      await page.waitForURL(/\/fr\/grants\?answered=revoked$/);
      expect(await page.locator('[data-grants-state="revoked"] [data-grant]').count()).toBe(1);
      const after = await partner.fetch(electricityMonth);
      await after.arrayBuffer();
      expect(after.status).toBe(403);

      // The log shows the allowed read and the refusals (the server may write it in batches).
      let outcomes: string[] = [];
      for (let attempt = 0; attempt < 20; attempt++) {
        await page.goto(url(`fr/log?client=${encodeURIComponent(partner.clientId)}`));
        outcomes = await page.locator('[data-log] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome') ?? ''));
        if (outcomes.includes('allowed') && outcomes.filter((outcome) => outcome === 'denied').length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(outcomes).toContain('allowed');
      expect(outcomes.filter((outcome) => outcome === 'denied').length).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg[data-chart="log-per-day"]').count()).toBe(1);
      expect(await findSeriousViolations(page)).toEqual([]);
      await context.close();
    } finally {
      await partner.close();
    }
  });
});
