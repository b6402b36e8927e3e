import { defineRouting } from 'next-intl/routing';

/**
 * Locale routing of the portal: the locale is the first path segment (`/fr/...`, `/en/...`), French is the
 * default and `/` redirects to `/fr`. Browser-language detection is off on purpose: a territorial service
 * answers in French unless the visitor picks English, and the URL alone says which language a page is in
 * (shareable, no cookie needed for server components).
 */
export const routing = defineRouting({
  locales: ['fr', 'en'],
  defaultLocale: 'fr',
  localePrefix: 'always',
  localeDetection: false,
  // Detection is off, so a locale cookie would serve nothing: the portal sets no cookie before sign-in.
  localeCookie: false,
});

/** A locale the portal is translated into. */
export type Locale = (typeof routing.locales)[number];

