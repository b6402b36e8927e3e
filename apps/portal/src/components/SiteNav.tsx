import { getTranslations } from 'next-intl/server';
import styles from '../app/layout.module.css';

/** The signed-in pages, in navigation order (`soon`: waiting for a library still being written). */
export const NAV_ITEMS = [
  { key: 'dashboard', path: 'dashboard' },
  { key: 'data', path: 'data' },
  { key: 'upload', path: 'upload' },
  { key: 'requests', path: 'requests' },
  { key: 'grants', path: 'grants' },
  { key: 'services', path: 'services' },
  { key: 'research', path: 'research' },
  { key: 'log', path: 'log' },
  { key: 'export', path: 'export' },
  { key: 'partners', path: 'partners' },
] as const;

/**
 * Navigation of a signed-in citizen and the sign-out button (a form: signing out changes state, so it
 * is a POST checked for its origin).
 *
 * @param props.locale - the page's locale
 * @param props.webId - who is signed in, shown as text
 */
export async function SiteNav({ locale, webId }: { locale: string; webId: string }) {
  const t = await getTranslations('nav');
  return (
    <div className={styles.navBar}>
      <div className={`container ${styles.navInner}`}>
        <nav aria-label={t('label')}>
          <ul className={styles.navList}>
            {NAV_ITEMS.map((item) => (
              <li key={item.key}>
                <a href={`/${locale}/${item.path}`}>{t(item.key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="post" action="/api/auth/logout" className={styles.signOut}>
          <input type="hidden" name="locale" value={locale} />
          <span className={styles.who} title={webId}>
            {t('signedInAs', { webId })}
          </span>
          <button type="submit" className="button button-secondary">
            {t('signOut')}
          </button>
        </form>
      </div>
    </div>
  );
}
