import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import { SiteNav } from '../../components/SiteNav.tsx';
import { getCitizenSession } from '../../server/auth.ts';
import { routing } from '../../i18n/routing.ts';
import styles from '../layout.module.css';
import '../globals.css';

interface LayoutProps {
  readonly children: ReactNode;
  readonly params: Promise<{ locale: string }>;
}

/** Title and description of every page, in the page's language. */
export async function generateMetadata({ params }: Omit<LayoutProps, 'children'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: hasLocale(routing.locales, locale) ? locale : 'fr', namespace: 'meta' });
  return { title: t('title'), description: t('description') };
}

/** Root layout: `<html lang>`, skip link, header with the language switch, footer. */
export default async function LocaleLayout({ children, params }: LayoutProps) {
  // Every page is rendered per request: the CSP nonce set by src/proxy.ts only reaches dynamic renders.
  await connection();
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations('layout');
  const citizen = await getCitizenSession();

  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header className={styles.header}>
          <div className={`container ${styles.headerInner}`}>
            <a className={styles.brand} href={`/${locale}`}>
              {t('brand')}
            </a>
            <LanguageSwitcher current={locale} />
          </div>
        </header>
        {citizen && <SiteNav locale={locale} webId={citizen.webId} />}
        {children}
        <footer className={styles.footer}>
          <div className="container">
            <p>{t('footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
