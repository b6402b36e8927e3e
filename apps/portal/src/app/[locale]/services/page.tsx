import { getTranslations, setRequestLocale } from 'next-intl/server';
import { listRegisteredServices, type RegisteredService } from '@sdt/partner-sdk';
import type { Territory } from '@sdt/vocab';
import { ActionForm } from '../../../components/ActionForm.tsx';
import { TermSentence } from '../../../components/TermSentence.tsx';
import { getEnv } from '../../../env.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import { orderTerritories, territoryOfIssuer, toServiceCard } from '../../../lib/serviceCatalog.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { getActionMessages } from '../../../server/getActionMessages.ts';
import { connectServiceAction } from '../serviceActions.ts';
import styles from './services.module.css';

interface ServicesPageProps {
  readonly params: Promise<{ locale: string }>;
}

/** The service catalogue: the services registered in each territory, the citizen's own first. */
export default async function ServicesPage({ params }: ServicesPageProps) {
  const { locale: segment } = await params;
  const locale = toLocale(segment);
  setRequestLocale(locale);
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('services');
  const tc = await getTranslations('home.categories');
  const messages = {
    ...(await getActionMessages()),
    'unknown-service': t('errors.unknown'),
    'not-connectable': t('errors.notConnectable'),
  };
  const env = getEnv();
  const own = territoryOfIssuer(citizen.issuer, env.territoryUrls);
  const territories = orderTerritories(own);
  const registries = await Promise.all(
    territories.map(async (territory): Promise<{ territory: Territory; services?: RegisteredService[] }> => {
      try {
        return { territory, services: await listRegisteredServices({ serverUrl: env.territoryUrls[territory] }) };
      } catch {
        return { territory };
      }
    }),
  );

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {registries.map(({ territory, services }) => (
        <section key={territory} aria-labelledby={`territory-${territory}`} data-territory={territory}>
          <h2 id={`territory-${territory}`}>
            {t(`territories.${territory}`)}
            {territory === own ? ` — ${t('yours')}` : ''}
          </h2>
          {!services && <p className="alert">{t('unavailable')}</p>}
          {services?.length === 0 && <p className="muted">{t('none')}</p>}
          {services?.map((service) => {
            const card = toServiceCard(service, territory, locale);
            const id = `service-${territory}-${card.id}`;
            return (
              <article key={card.id} className="card" aria-labelledby={`${id}-heading`} data-service={card.id}>
                <h3 id={`${id}-heading`}>{card.name}</h3>
                <p>{card.summary}</p>
                <dl className="facts">
                  <div>
                    <dt>{t('operator')}</dt>
                    <dd>
                      {card.operatorHref ? (
                        <a href={card.operatorHref} rel="noopener noreferrer nofollow">
                          {card.operatorName}
                        </a>
                      ) : (
                        card.operatorName
                      )}{' '}
                      <span className={`muted ${styles.breakable}`}>({card.contactEmail})</span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('purpose')}</dt>
                    <dd>
                      <TermSentence kind="purposes" iri={card.purposeIri} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('legalBasis')}</dt>
                    <dd>
                      <TermSentence kind="legalBases" iri={card.legalBasisIri} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('access')}</dt>
                    <dd>{t('accessDays', { count: card.accessDays })}</dd>
                  </div>
                  <div>
                    <dt>{t('retention')}</dt>
                    <dd>{t('retentionDays', { count: card.retentionDays })}</dd>
                  </div>
                  <div>
                    <dt>{t('privacy')}</dt>
                    <dd className={styles.breakable}>
                      {card.privacyPolicyHref ? (
                        <a href={card.privacyPolicyHref} rel="noopener noreferrer nofollow">
                          {t('privacyLink')}
                        </a>
                      ) : (
                        card.privacyPolicy
                      )}
                    </dd>
                  </div>
                </dl>
                <h4>{t('needs')}</h4>
                <ul className={styles.needs} data-needs>
                  {card.needs.map((need) => (
                    <li key={need.category} data-need={need.category}>
                      <strong>{tc(need.category)}</strong>{' '}
                      <span className={need.required ? styles.required : styles.optional}>
                        ({need.required ? t('required') : t('optional')})
                      </span>{' '}
                      — {need.why}
                    </li>
                  ))}
                </ul>
                {card.connectable ? (
                  <ActionForm
                    id={id}
                    action={connectServiceAction}
                    fields={{ serviceId: card.id, territory, locale }}
                    messages={messages}
                  >
                    <p className="muted">{t('connectHelp')}</p>
                    <button type="submit" className="button" aria-describedby={`${id}-heading`}>
                      {t('connect')}
                    </button>
                  </ActionForm>
                ) : (
                  <p className="muted">{t('notConnectable')}</p>
                )}
              </article>
            );
          })}
        </section>
      ))}
    </main>
  );
}
