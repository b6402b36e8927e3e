import { getTranslations, setRequestLocale } from 'next-intl/server';
import {
  fetchGrantStateCounts,
  listRegisteredServices,
  type GrantStateCounts,
  type RegisteredService,
} from '@sdt/partner-sdk';
import { assertDeliverable } from '@sdt/grants';
import { TERRITORIES } from '@sdt/vocab';
import { DescriptionForm } from '../../../components/DescriptionForm.tsx';
import { getEnv } from '../../../env.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import {
  COUNTED_STATES,
  DESCRIPTION_TEMPLATE,
  isLoopbackUrl,
  ownServices,
  toCountsView,
} from '../../../lib/partnerConsole.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { getActionMessages } from '../../../server/getActionMessages.ts';
import { registerServiceAction } from '../serviceActions.ts';
import styles from '../services/services.module.css';

interface PartnersPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The partner console: an organisation signed in with its own pod account registers its service from a
 * service description and sees how many of its grants are active, pending, revoked or expired (counts
 * only, never who).
 */
export default async function PartnersPage({ params, searchParams }: PartnersPageProps) {
  const { locale: segment } = await params;
  const locale = toLocale(segment);
  setRequestLocale(locale);
  const account = await requireCitizenSession(locale);
  const t = await getTranslations('partners');
  const registered = (await searchParams).registered;
  const env = getEnv();
  const listed = await Promise.all(
    TERRITORIES.map((territory) =>
      listRegisteredServices({ serverUrl: env.territoryUrls[territory] }).catch((): RegisteredService[] => []),
    ),
  );
  const mine = ownServices(listed.flat(), account.webId);
  // The app URL comes from the registry entry (written by this account): fetched server-side, so it must
  // not point inside the network, except on a local deployment; redirects are not followed.
  const localDeployment = isLoopbackUrl(env.portalUrl);
  const platformServers = Object.values(env.territoryUrls);
  const counts = await Promise.all(
    mine.map(async (service): Promise<GrantStateCounts | undefined> => {
      try {
        if (!localDeployment) await assertDeliverable(service.clientId, { platformServers });
        return await fetchGrantStateCounts(service, {
          fetch: (input, init) => fetch(input, { ...init, redirect: 'error' }),
        });
      } catch {
        return undefined;
      }
    }),
  );
  const messages = {
    ...(await getActionMessages()),
    'not-http-url': t('errors.appUrl'),
    'client-id-missing': t('errors.clientId'),
    'description-missing': t('errors.descriptionMissing'),
    'description-too-long': t('errors.descriptionTooLong'),
  };

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {typeof registered === 'string' && /^[a-z][a-z0-9-]{1,62}$/.test(registered) && (
        <p className="notice" role="status" data-registered>
          {t('registered', { id: registered })}
        </p>
      )}

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t('mine')}</h2>
        {mine.length === 0 && <p className="muted">{t('noneYet')}</p>}
        {mine.map((service, index) => {
          const view = toCountsView(counts[index]);
          return (
            <article
              key={service.entry}
              className="card"
              aria-labelledby={`mine-${index}`}
              data-own-service={service.id}
            >
              <h3 id={`mine-${index}`}>{service.description.name[locale]}</h3>
              <p className={`muted ${styles.breakable}`}>
                {t('entry', { id: service.id, territory: service.description.territory })}
              </p>
              {view ? (
                <dl className={styles.counts} data-counts>
                  {COUNTED_STATES.map((state) => (
                    <div key={state} data-count={state}>
                      <dt>{t(`states.${state}`)}</dt>
                      <dd>{view[state]}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="notice">{t('countsUnavailable')}</p>
              )}
            </article>
          );
        })}
      </section>

      <section aria-labelledby="register-heading">
        <h2 id="register-heading">{t('register')}</h2>
        <p>{t('registerIntro')}</p>
        <DescriptionForm
          action={registerServiceAction}
          fields={{ locale }}
          messages={messages}
          errorsTitle={t('errorsTitle')}
        >
          <div className="field">
            <label htmlFor="description">{t('description')}</label>
            <p id="description-help" className="muted">
              {t('descriptionHelp')}
            </p>
            <textarea
              id="description"
              name="description"
              className={styles.description}
              aria-describedby="description-help"
              defaultValue={DESCRIPTION_TEMPLATE}
              spellCheck={false}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="appUrl">{t('appUrl')}</label>
            <input id="appUrl" name="appUrl" type="url" className={styles.wide} required placeholder="https://" />
          </div>
          <div className="field">
            <label htmlFor="grantClientId">{t('grantClientId')}</label>
            <p id="grantClientId-help" className="muted">
              {t('grantClientIdHelp')}
            </p>
            <input
              id="grantClientId"
              name="grantClientId"
              type="text"
              className={styles.wide}
              aria-describedby="grantClientId-help"
              required
            />
          </div>
          <div className="field">
            <button type="submit" className="button">
              {t('submit')}
            </button>
          </div>
        </DescriptionForm>
      </section>
    </main>
  );
}
