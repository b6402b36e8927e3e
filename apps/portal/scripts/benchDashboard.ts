/**
 * Benchmark of the dashboard (issue 5): server render time of `/fr/dashboard` for a citizen with a year
 * of daily data and a month of 30-minute data, against the time to fetch the same resources directly
 * from the pod server in the same run (ratio; aim at most 1.5x), and the dashboard's first-load JS
 * (aim under 200 kB gzip). Starts its own platform with the e2e global setup (pod servers on free ports,
 * production build of the portal). Writes `bench-results/portal.json` at the repository root.
 *
 *   pnpm --filter @sdt/portal bench [--runs 5]      (SDT_E2E_SKIP_BUILD=1 reuses the last e2e build)
 */
import { writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { listCategoryResources, runBounded } from '@sdt/pod';
import { loginAs } from '@sdt/test-utils';
import type { E2ePlatform } from '../e2e/globalSetup.ts';
import setup from '../e2e/globalSetup.ts';
import { measureFirstLoadJs } from './measureFirstLoadJs.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function signInCookie(platform: E2ePlatform): Promise<string> {
  const { launchBrowser } = await import('../e2e/helpers.ts');
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const demo = platform.demo.lyon;
    await page.goto(new URL('fr', platform.portalUrl).href);
    await page.locator('[data-territory="lyon"] button[type="submit"]').click();
    await page.waitForURL(/\/\.account\/login\/password\//);
    await page.fill('#email', demo.email);
    await page.fill('#password', demo.password);
    await page.click('button[name="submit"]');
    await page.waitForURL(/\/\.account\/oidc\/consent\//);
    await page.click('#authorize');
    await page.waitForURL(/\/fr\/dashboard$/, { timeout: 60_000 });
    const cookie = (await context.cookies()).find((candidate) => candidate.name === 'sdt_session');
    if (!cookie) throw new Error('no session cookie after sign-in');
    return `sdt_session=${cookie.value}`;
  } finally {
    await browser.close();
  }
}

let provided: E2ePlatform | undefined;
const project = { provide: (_key: string, value: E2ePlatform) => (provided = value) } as unknown as TestProject;
const teardown = await setup(project);
try {
  const platform = provided!;
  const cookie = await signInCookie(platform);
  const dashboardUrl = new URL('fr/dashboard', platform.portalUrl).href;
  const render = async (): Promise<number> => {
    const start = performance.now();
    const response = await fetch(dashboardUrl, { headers: { cookie } });
    const html = await response.text();
    if (!html.includes('data-chart="electricity-curve"')) throw new Error('the dashboard did not render its charts');
    return performance.now() - start;
  };

  // The resources the dashboard reads, fetched directly as the owner (client credentials).
  const demo = platform.demo.lyon;
  const owner = await loginAs(platform.servers.lyon, demo.email, demo.password);
  const access = { podUrl: demo.podUrl, fetch: owner.fetch };
  const direct = async (): Promise<{ ms: number; resources: number }> => {
    const start = performance.now();
    const lists = await Promise.all(
      (['electricity', 'gas', 'water', 'mobility', 'household', 'housing'] as const).map((category) => listCategoryResources(access, category)),
    );
    const [electricity, gas, water, mobility, household, housing] = lists;
    const curve = electricity!.filter((p) => p.includes('/curve-')).slice(-1);
    const gasMonthly = gas!.filter((p) => p.includes('/monthly-'));
    const paths = [
      ...electricity!.filter((p) => p.includes('/daily-')),
      ...curve,
      ...(gasMonthly.length > 0 ? gasMonthly : gas!),
      ...water!,
      ...mobility!,
      ...household!,
      ...housing!,
    ];
    await runBounded(
      paths.map((p) => async () => {
        const response = await owner.fetch(`${demo.podUrl}${p}`, { headers: { accept: 'text/turtle' } });
        await response.text();
      }),
      6,
    );
    return { ms: performance.now() - start, resources: paths.length + lists.length };
  };

  await render(); // warm-up (first render compiles nothing in production, but fills caches)
  await direct();
  const renders: number[] = [];
  const directs: number[] = [];
  let resources = 0;
  for (let run = 0; run < RUNS; run++) {
    renders.push(await render());
    const measured = await direct();
    directs.push(measured.ms);
    resources = measured.resources;
  }
  await owner.close();
  const size = measureFirstLoadJs(path.resolve(import.meta.dirname, '..'), '/[locale]/dashboard');
  const result = {
    benchmark: 'portal',
    date: new Date().toISOString(),
    runs: RUNS,
    resources_read: resources,
    dashboard_render_ms_median: Math.round(median(renders)),
    direct_fetch_ms_median: Math.round(median(directs)),
    ratio: Math.round((median(renders) / median(directs)) * 100) / 100,
    target_ratio: 1.5,
    first_load_js_gzip_kb: Math.round((size.gzipBytes / 1024) * 10) / 10,
    first_load_js_raw_kb: Math.round((size.bytes / 1024) * 10) / 10,
    target_first_load_js_gzip_kb: 200,
    machine: { cpus: os.cpus().length, node: process.version, loadavg_at_end: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir(path.join(REPO_ROOT, 'bench-results'), { recursive: true });
  await writeFile(path.join(REPO_ROOT, 'bench-results/portal.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await teardown();
}
process.exit(0);
