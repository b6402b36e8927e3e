import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireCitizenSession } from '../../../server/auth.ts';
import { toLocale } from '../../../i18n/toLocale.ts';

/** First visit of a pod made elsewhere (e.g. the pod server's own sign-up page): what was set up, and why. */
export default async function WelcomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  await requireCitizenSession(locale);
  const t = await getTranslations('welcome');
  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ul>
        <li>{t('data')}</li>
        <li>{t('catalog')}</li>
        <li>{t('inbox')}</li>
        <li>{t('grants')}</li>
        <li>{t('typeIndex')}</li>
      </ul>
      <p>{t('private')}</p>
      <p>
        <a className="button" href={`/${locale}/dashboard`}>
          {t('continue')}
        </a>
      </p>
    </main>
  );
}
