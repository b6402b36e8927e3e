import { getTranslations } from 'next-intl/server';
import type { TerritoryView } from '../lib/describeTerritories.ts';
import styles from '../app/[locale]/page.module.css';

/**
 * One territory on the home page: name, themes, pod server status (in words, not only by colour) and the
 * sign-in link.
 *
 * @param props.territory - the territory's view model
 */
export async function TerritoryCard({ territory }: { territory: TerritoryView }) {
  const t = await getTranslations('home');
  const headingId = `territory-${territory.id}`;
  return (
    <li className={styles.card} data-territory={territory.id}>
      <h3 id={headingId}>{territory.name}</h3>
      <dl className={styles.facts}>
        <div>
          <dt>{t('themes')}</dt>
          <dd>{t(`territoryThemes.${territory.id}`)}</dd>
        </div>
        <div>
          <dt>{t('serverStatus')}</dt>
          <dd>
            <span className={`${styles.status} ${styles[territory.status]}`} data-status={territory.status}>
              {t(`status.${territory.status}`)}
            </span>
          </dd>
        </div>
      </dl>
      {territory.status === 'offline' && <p className={styles.hint}>{t('signInUnavailable')}</p>}
      <a className={styles.signIn} href={territory.loginUrl} aria-label={t('signInTo', { territory: territory.name })}>
        {t('signIn')}
      </a>
    </li>
  );
}
