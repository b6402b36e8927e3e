import { getTranslations } from 'next-intl/server';
import type { CategoryName } from '@sdt/vocab';
import { TerritoryCard } from '../../components/TerritoryCard.tsx';
import { getEnv } from '../../env.ts';
import { describeTerritories } from '../../lib/describeTerritories.ts';
import { probeHealth } from '../../lib/probeHealth.ts';
import styles from './page.module.css';

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

/** Home page: what the platform is, the three territories with their pod server's health and sign-in. */
export default async function HomePage() {
  const t = await getTranslations('home');
  const env = getEnv();
  const territories = await describeTerritories(env.territoryUrls, (url) =>
    probeHealth(url, { timeoutMs: env.healthTimeoutMs }),
  );

  return (
    <main id="main" className={`container ${styles.main}`} tabIndex={-1}>
      <h1 className={styles.title}>{t('title')}</h1>
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
            <TerritoryCard key={territory.id} territory={territory} />
          ))}
        </ul>
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
