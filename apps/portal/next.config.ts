import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

/** Headers for every response. Pages also get a per-request nonce CSP from src/proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Legacy twin of CSP frame-ancestors 'none', for old browsers.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const config: NextConfig = {
  poweredByHeader: false,
  // The e2e suite builds into its own folder so that it never replaces the build `pnpm start` serves.
  distDir: process.env.SDT_PORTAL_DIST_DIR || '.next',
  reactStrictMode: true,
  // Workspace packages are TypeScript sources (with `.ts` import extensions): Next compiles them.
  transpilePackages: ['@sdt/vocab', '@sdt/pod'],
  turbopack: {
    // @sdt/vocab's main entry also loads the vocabulary files from disk (an asset reference Turbopack
    // cannot follow); the portal needs only its constants and model, which the `browser` entry holds.
    resolveAlias: { '@sdt/vocab': { browser: '../../packages/vocab/src/browser.ts' } },
  },
  // Type-checking is `tsc -p apps/portal` (CI), as in create-t3-turbo: a type error in a workspace
  // package being edited must not stop `pnpm start` from building the portal. Also saves ~4 s per build.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Non-page responses (API, metadata files) never run scripts: the strictest policy.
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default withNextIntl(config);
