import type { routing } from './i18n/routing.ts';
import type messages from '../messages/fr.json';

// Types next-intl's `useTranslations` / `getTranslations` keys and locales against the French catalogue.
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
