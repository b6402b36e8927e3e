import { getTranslations } from 'next-intl/server';
import type { TerritoryView } from '../lib/describeTerritories.ts';
import styles from '../app/[locale]/page.module.css';

/**
 * One territory on the home page: name, themes, pod server status (in words, not only by colour) and the
 * sign-in button (a form posting to the portal's Solid-OIDC login route).
 *
 * @param props.territory - the territory's view model
 * @param props.locale - the page's locale, to come back to after sign-in
 */
export async function TerritoryCard({ territory, locale }: { territory: TerritoryView; locale: string }) {
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
      <form method="post" action="/api/auth/login">
        <input type="hidden" name="provider" value={territory.id} />
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className={styles.signIn} aria-label={t('signInTo', { territory: territory.name })}>
          {t('signIn')}
        </button>
      </form>
    </li>
  );
}
