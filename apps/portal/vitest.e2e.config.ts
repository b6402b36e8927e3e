import { defineConfig } from 'vitest/config';

/**
 * Browser smoke tests of a running portal (not part of the root `vitest run`).
 * Run with: SDT_PORTAL_URL=http://127.0.0.1:3000 pnpm --filter @sdt/portal test:e2e
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
