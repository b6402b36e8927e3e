import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { TermSentence } from '../../../../../../components/TermSentence.tsx';
import { QueryWorkbench } from '../../../../../../components/research/QueryWorkbench.tsx';
import { toLocale } from '../../../../../../i18n/toLocale.ts';
import { createFormatters } from '../../../../../../lib/formatters.ts';
import { studyRouteSchema } from '../../../../../../lib/researchSchemas.ts';
import { QUERY_TEMPLATES, isStudyResearcher, toStudyCard } from '../../../../../../lib/researchView.ts';
import type { Territory } from '@sdt/vocab';
import { requireCitizenSession } from '../../../../../../server/auth.ts';
import { readStudyBudget, readTerritoryStudy } from '../../../../../../server/research.ts';

interface StudyPageProps {
  readonly params: Promise<{ locale: string; territory: string; slug: string }>;
  readonly searchParams?: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * One study of the researcher space: its facts, the budget left (noisy studies), and the query
 * workbench (SPARQL editor, templates, live progress, results, chart, CSV, privacy report).
 */
export default async function ResearcherStudyPage({ params, searchParams }: StudyPageProps) {
  const { locale: segment, ...route } = await params;
  const locale = toLocale(segment);
  setRequestLocale(locale);
  const citizen = await requireCitizenSession(locale);
  const parsed = studyRouteSchema.safeParse(route);
  if (!parsed.success) notFound();
  const territory = parsed.data.territory as Territory;
  const study = await readTerritoryStudy(territory, parsed.data.slug);
  if (!study) notFound();
  const t = await getTranslations('research.space');
  const tr = await getTranslations('research');
  const tc = await getTranslations('home.categories');
  const format = createFormatters(locale);
  const card = toStudyCard(study, territory, locale, new Date());
  const allowed = isStudyResearcher(study, citizen.webId);
  const budget = allowed ? await readStudyBudget(study).catch(() => undefined) : undefined;
  const messages = await getMessages();
  const nonce = (await headers()).get('x-nonce') ?? undefined;

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <p>
        <a href={`/${locale}/research/studies`}>{t('backToSpace')}</a>
      </p>
      <h1>{card.title}</h1>
      {(await searchParams)?.published === '1' && allowed && (
        <p className="notice" role="status" data-published>
          {tr('publish.published')}
        </p>
      )}
      <p className="muted">
        {tr(`territories.${territory}`)} · {card.team}, {card.institution}
      </p>
      <dl className="facts">
        <div>
          <dt>{tr('purpose')}</dt>
          <dd>
            <TermSentence kind="purposes" iri={card.purposeIri} />
          </dd>
        </div>
        <div>
          <dt>{tr('reads')}</dt>
          <dd>{card.categories.map((category) => tc(category)).join(', ')}</dd>
        </div>
        <div>
          <dt>{tr('until')}</dt>
          <dd>{format.day(card.endDay)}</dd>
        </div>
        <div>
          <dt>{tr('groups')}</dt>
          <dd>{tr('groupsSentence', { k: card.minimumGroupSize })}</dd>
        </div>
        <div>
          <dt>{tr('noise')}</dt>
          <dd>{card.usesNoise ? tr('noiseYes') : tr('noiseNo')}</dd>
        </div>
        {card.usesNoise && (
          <div>
            <dt>{t('budget')}</dt>
            <dd data-budget>
              {budget
                ? t('budgetLeft', {
                    remaining: format.number(budget.remaining, 3),
                    total: format.number(budget.total, 3),
                    perQuery: format.number(card.queryEpsilon, 3),
                  })
                : t('budgetUnknown')}
            </dd>
          </div>
        )}
      </dl>
      {!allowed ? (
        <p className="alert" data-researcher="no">
          {t('notResearcher')}
        </p>
      ) : card.ended ? (
        <p className="muted">{t('endedOn', { day: format.day(card.endDay) })}</p>
      ) : (
        <NextIntlClientProvider locale={locale} messages={{ research: { workbench: messages.research.workbench, templates: messages.research.templates } }}>
          <QueryWorkbench
            studyIri={card.iri}
            slug={card.slug}
            templates={QUERY_TEMPLATES}
            initialQuery={QUERY_TEMPLATES[0]?.query ?? ''}
            {...(nonce ? { nonce } : {})}
          />
        </NextIntlClientProvider>
      )}
    </main>
  );
}
