import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import type { CategoryName } from '@sdt/vocab';
import { TerritoryCard } from '../../components/TerritoryCard.tsx';
import { getEnv } from '../../env.ts';
import { describeTerritories } from '../../lib/describeTerritories.ts';
import { probeHealth } from '../../lib/probeHealth.ts';
import { getCitizenSession } from '../../server/auth.ts';
import styles from './page.module.css';
import { toLocale } from '../../i18n/toLocale.ts';

/** The data categories of the catalogue, in display order (labels mirror `CATEGORIES` of @sdt/vocab). */
const CATEGORY_KEYS = [
  'identity',
  'household',
  'income',
  'housing',
  'electricity',
  'gas',
  'water',
  'mobility',
  'health',
] as const satisfies readonly CategoryName[];

/** Why the last sign-in did not go through (`?signin=<code>`), as shown to the citizen. */
const SIGNIN_CODES = ['invalid-input', 'provider-unavailable', 'denied', 'failed', 'no-pod', 'required'] as const;

interface HomeProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Home page: what the platform is, the three territories with their pod server's health and sign-in. */
export default async function HomePage({ params, searchParams }: HomeProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  if (await getCitizenSession()) redirect(`/${locale}/dashboard`);
  const t = await getTranslations('home');
  const query = await searchParams;
  const signinCode = SIGNIN_CODES.find((code) => code === query.signin);
  const env = getEnv();
  const territories = await describeTerritories(env.territoryUrls, (url) =>
    probeHealth(url, { timeoutMs: env.healthTimeoutMs }),
  );

  return (
    <main id="main" className={`container ${styles.main}`} tabIndex={-1}>
      <h1 className={styles.title}>{t('title')}</h1>
      {query.signedout === '1' && (
        <p className={styles.notice} role="status">
          {t('signedOut')}
        </p>
      )}
      {signinCode && (
        <p className={styles.alert} role="alert" data-signin-error={signinCode}>
          {t(`signinErrors.${signinCode}`)}
        </p>
      )}
      <div className={styles.intro}>
        <p>{t('intro1')}</p>
        <p>{t('intro2')}</p>
        <p>{t('intro3')}</p>
      </div>

      <section className={styles.section} aria-labelledby="territories-heading">
        <h2 id="territories-heading">{t('territoriesHeading')}</h2>
        <p>{t('territoriesIntro')}</p>
        <ul className={styles.territories}>
          {territories.map((territory) => (
            <TerritoryCard key={territory.id} territory={territory} locale={locale} />
          ))}
        </ul>
      </section>

      <section className={styles.section} aria-labelledby="signin-heading" id="signin">
        <h2 id="signin-heading">{t('otherProviderHeading')}</h2>
        <p>{t('otherProviderIntro')}</p>
        <form method="post" action="/api/auth/login" className={styles.otherProvider}>
          <input type="hidden" name="provider" value="other" />
          <input type="hidden" name="locale" value={locale} />
          <label htmlFor="issuer">{t('otherProviderLabel')}</label>
          <input
            id="issuer"
            name="issuer"
            type="url"
            inputMode="url"
            required
            placeholder="https://solidcommunity.net/"
            autoComplete="url"
          />
          <button type="submit" className={styles.signIn}>
            {t('signIn')}
          </button>
        </form>
      </section>

      <section className={styles.section} aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t('categoriesHeading')}</h2>
        <ul className={styles.categories}>
          {CATEGORY_KEYS.map((name) => (
            <li key={name}>{t(`categories.${name}`)}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}
