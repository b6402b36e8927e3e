import { getTranslations, setRequestLocale } from 'next-intl/server';
import { getEnv } from '../../../../env.ts';
import { toLocale } from '../../../../i18n/toLocale.ts';
import { createFormatters } from '../../../../lib/formatters.ts';
import { flattenStudies, isStudyResearcher, toStudyCard } from '../../../../lib/researchView.ts';
import { territoryOfIssuer } from '../../../../lib/serviceCatalog.ts';
import { requireCitizenSession } from '../../../../server/auth.ts';
import { listPlatformStudies } from '../../../../server/research.ts';
import { findAccreditingTerritories } from '../../../../server/researchPublishing.ts';
import styles from '../research.module.css';

interface StudiesPageProps {
  readonly params: Promise<{ locale: string }>;
}

/** The researcher space: the studies (of the three registries) that name the signed-in WebID as a researcher. */
export default async function ResearcherStudiesPage({ params }: StudiesPageProps) {
  const { locale: segment } = await params;
  const locale = toLocale(segment);
  setRequestLocale(locale);
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('research.space');
  const tr = await getTranslations('research');
  const format = createFormatters(locale);
  const own = territoryOfIssuer(citizen.issuer, getEnv().territoryUrls);
  const [registries, accredited] = await Promise.all([
    listPlatformStudies(own),
    findAccreditingTerritories(citizen.webId),
  ]);
  const tp = await getTranslations('research.publish');
  const mine = flattenStudies(registries, (study) => isStudyResearcher(study, citizen.webId));
  const unavailable = registries.filter((registry) => !registry.studies).map((registry) => registry.territory);
  const now = new Date();

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p>
        <a href={`/${locale}/research`}>{t('backToStudies')}</a>
      </p>
      {accredited.length > 0 ? (
        <p>
          <a className="button" href={`/${locale}/research/studies/new`} data-publish-study>
            {tp('link')}
          </a>
        </p>
      ) : (
        <p className={`muted ${styles.breakable}`} data-publish-study="not-accredited">
          {tp('howToGetAccredited', { webId: citizen.webId })}
        </p>
      )}
      {unavailable.length > 0 && <p className="alert">{t('unavailable', { count: unavailable.length })}</p>}
      {mine.length === 0 ? (
        <div data-researcher-studies="none">
          <p>{t('none')}</p>
          <p className="muted">{t('howToGetOne')}</p>
          <pre className="table-wrap" tabIndex={0}>
            <code>selfdata research publish study.json --server &lt;territory&gt; --engine-password …</code>
          </pre>
        </div>
      ) : (
        <ul className="grid" data-researcher-studies={mine.length}>
          {mine.map(({ territory, study }) => {
            const card = toStudyCard(study, territory, locale, now);
            return (
              <li key={card.iri} className="card" data-study={card.slug}>
                <h2>
                  <a href={`/${locale}/${card.workspacePath}`}>{card.title}</a>
                </h2>
                <p className="muted">
                  {tr(`territories.${territory}`)} · {card.team}, {card.institution}
                </p>
                <p>{card.ended ? t('endedOn', { day: format.day(card.endDay) }) : t('until', { day: format.day(card.endDay) })}</p>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
