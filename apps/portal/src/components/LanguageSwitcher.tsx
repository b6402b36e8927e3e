import { getTranslations } from 'next-intl/server';
import { routing, type Locale } from '../i18n/routing.ts';
import styles from '../app/layout.module.css';

/**
 * Links to the home page in each language, each link written in its own language. Plain links (no client
 * JavaScript): switching language loads the page anew from the server.
 *
 * @param props.current - the page's locale
 */
export async function LanguageSwitcher({ current }: { current: Locale }) {
  const t = await getTranslations('layout');
  return (
    <nav aria-label={t('languageNav')}>
      <ul className={styles.languages}>
        {routing.locales.map((locale) => (
          <li key={locale}>
            <a
              href={`/${locale}`}
              hrefLang={locale}
              lang={locale}
              aria-current={locale === current ? 'page' : undefined}
            >
              {t(`languageNames.${locale}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
