import { defineConfig } from 'vitest/config';

/**
 * Browser journeys of the portal against a real platform that the global setup starts itself: three
 * territory pod servers on free ports (temporary data, demo citizens with a year of data) and a
 * production build of the portal (`next build` into `.next-e2e`, `next start` on a free port).
 * Run with: pnpm --filter @sdt/portal test:e2e   (SDT_E2E_SKIP_BUILD=1 reuses the last e2e build)
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
