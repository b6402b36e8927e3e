import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{apps,packages}/*/{src,test}/**/*.test.ts', 'pods-config/{src,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'apps/portal/e2e/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // CSS loads oidc-provider through `jest.requireActual` when NODE_ENV is 'test' (vitest's default).
    env: { NODE_ENV: 'development' },
    pool: 'forks',
    maxWorkers: 2,
  },
});
