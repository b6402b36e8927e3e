import { getLocale, getTranslations } from 'next-intl/server';

/** Shown for any unknown path under a locale. */
export default async function NotFoundPage() {
  const [t, locale] = await Promise.all([getTranslations('notFound'), getLocale()]);
  return (
    <main id="main" className="container" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <a href={`/${locale}`}>{t('backHome')}</a>
      </p>
    </main>
  );
}
