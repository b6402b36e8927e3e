import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireCitizenSession } from '../server/auth.ts';
import { toLocale } from '../i18n/toLocale.ts';

/**
 * A page of the navigation whose feature is not in the portal yet: says so plainly ("bientôt") and what
 * it will do.
 *
 * @param props.page - which page (`upload`, `requests`, `grants`, `log`)
 */
export async function ComingSoon({ locale, page }: { locale: string; page: 'upload' | 'requests' | 'grants' | 'log' }) {
  setRequestLocale(toLocale(locale));
  await requireCitizenSession(locale);
  const t = await getTranslations('soon');
  const nav = await getTranslations('nav');
  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{nav(page)}</h1>
      <p className="notice" data-coming-soon>
        <strong>{t('badge')}</strong> {t(page)}
      </p>
    </main>
  );
}
