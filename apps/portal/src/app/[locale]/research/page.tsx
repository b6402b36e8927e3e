import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ActionForm } from '../../../components/ActionForm.tsx';
import { TermSentence } from '../../../components/TermSentence.tsx';
import { getEnv } from '../../../env.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import { createFormatters } from '../../../lib/formatters.ts';
import { flattenStudies, toStudyCard } from '../../../lib/researchView.ts';
import { territoryOfIssuer } from '../../../lib/serviceCatalog.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { getActionMessages } from '../../../server/getActionMessages.ts';
import { findJoinedStudies, listPlatformStudies } from '../../../server/research.ts';
import { optInAction, optOutAction } from './actions.ts';
import styles from './research.module.css';

interface ResearchPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The citizen's research page: the studies of the three territories' registries (their own first), what
 * each asks in plain words, whether the citizen is in, and opt-in / opt-out.
 */
export default async function ResearchPage({ params, searchParams }: ResearchPageProps) {
  const { locale: segment } = await params;
  const locale = toLocale(segment);
  setRequestLocale(locale);
  const citizen = await requireCitizenSession(locale);
  const query = await searchParams;
  const t = await getTranslations('research');
  const tc = await getTranslations('home.categories');
  const format = createFormatters(locale);
  const messages = {
    ...(await getActionMessages()),
    'unknown-study': t('errors.unknownStudy'),
    'study-ended': t('errors.ended'),
  };
  const own = territoryOfIssuer(citizen.issuer, getEnv().territoryUrls);
  const registries = await listPlatformStudies(own);
  const all = flattenStudies(registries).map(({ study }) => study);
  const joined = await findJoinedStudies(
    all.filter((study) => Date.parse(study.endDate) > Date.now()),
    citizen,
  );
  const now = new Date();
  const notice =
    typeof query.joined === 'string' ? t('joinedNotice') : typeof query.left === 'string' ? t('leftNotice') : undefined;

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p>
        <a href={`/${locale}/research/studies`}>{t('researcherSpaceLink')}</a>
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {registries.map(({ territory, studies }) => (
        <section key={territory} aria-labelledby={`territory-${territory}`} data-territory={territory}>
          <h2 id={`territory-${territory}`}>
            {t(`territories.${territory}`)}
            {territory === own ? ` — ${t('yours')}` : ''}
          </h2>
          {!studies && <p className="alert">{t('unavailable')}</p>}
          {studies?.length === 0 && <p className="muted">{t('none')}</p>}
          {studies?.map((study) => {
            const card = toStudyCard(study, territory, locale, now);
            const id = `study-${territory}-${card.slug}`;
            const isIn = joined.has(card.iri);
            return (
              <article
                key={card.iri}
                id={id}
                className="card"
                aria-labelledby={`${id}-heading`}
                data-study={card.slug}
                data-joined={isIn ? 'yes' : 'no'}
              >
                <h3 id={`${id}-heading`}>{card.title}</h3>
                <p className="muted">{t('by', { team: card.team, institution: card.institution })}</p>
                <p className={styles.breakable}>{card.description}</p>
                <dl className="facts">
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
                    <dt>{t('reads')}</dt>
                    <dd data-categories>{card.categories.map((category) => tc(category)).join(', ')}</dd>
                  </div>
                  <div>
                    <dt>{t('until')}</dt>
                    <dd>{format.day(card.endDay)}</dd>
                  </div>
                  <div>
                    <dt>{t('groups')}</dt>
                    <dd>{t('groupsSentence', { k: card.minimumGroupSize })}</dd>
                  </div>
                  <div>
                    <dt>{t('noise')}</dt>
                    <dd>{card.usesNoise ? t('noiseYes') : t('noiseNo')}</dd>
                  </div>
                  <div>
                    <dt>{t('grantee')}</dt>
                    <dd>
                      {t('granteeSentence')} <span className={`muted ${styles.breakable}`}>({card.engineWebId})</span>
                    </dd>
                  </div>
                </dl>
                {card.ended ? (
                  <p className="muted" data-study-state="ended">
                    {t('ended')}
                  </p>
                ) : isIn ? (
                  <ActionForm
                    id={`${id}-out`}
                    action={optOutAction}
                    fields={{ study: card.iri, locale }}
                    messages={messages}
                  >
                    <p data-study-state="joined">
                      <strong>{t('joined')}</strong> {t('joinedHelp')}
                    </p>
                    <button type="submit" className="button button-secondary" aria-describedby={`${id}-heading`}>
                      {t('optOut')}
                    </button>
                  </ActionForm>
                ) : (
                  <ActionForm id={`${id}-in`} action={optInAction} fields={{ study: card.iri, locale }} messages={messages}>
                    <p className="muted" data-study-state="not-joined">
                      {t('optInHelp')}
                    </p>
                    <button type="submit" className="button" aria-describedby={`${id}-heading`}>
                      {t('optIn')}
                    </button>
                  </ActionForm>
                )}
              </article>
            );
          })}
        </section>
      ))}
    </main>
  );
}
