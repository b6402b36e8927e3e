import { getTranslations, setRequestLocale } from 'next-intl/server';
import { listPendingRequests, parseDuration, type AccessRequest } from '@sdt/grants';
import { ActionForm } from '../../../components/ActionForm.tsx';
import { TermSentence } from '../../../components/TermSentence.tsx';
import { getEnv } from '../../../env.ts';
import { toSafeHref } from '../../../lib/catalogRows.ts';
import { createFormatters } from '../../../lib/formatters.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { getActionMessages } from '../../../server/getActionMessages.ts';
import { answerRequestAction } from '../grantActions.ts';

interface RequestsPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** How long a request asks for, in words (`P30D` -> "30 jours"), or its end date. */
async function describeLength(request: AccessRequest, locale: string): Promise<string> {
  const t = await getTranslations('requests');
  const f = createFormatters(locale);
  if (request.endDate) return t('until', { date: f.instant(request.endDate) });
  const parts = request.duration ? parseDuration(request.duration) : undefined;
  if (!parts) return request.duration ?? '—';
  const pieces = [
    parts.years ? t('years', { count: parts.years }) : '',
    parts.months ? t('months', { count: parts.months }) : '',
    parts.days ? t('days', { count: parts.days }) : '',
  ].filter(Boolean);
  return pieces.length > 0 ? t('during', { length: pieces.join(' ') }) : request.duration ?? '—';
}

/** The consent screen: each pending access request in plain words, to approve (possibly narrower) or deny. */
export default async function RequestsPage({ params, searchParams }: RequestsPageProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('requests');
  const tc = await getTranslations('home.categories');
  const messages = await getActionMessages();
  const answered = (await searchParams).answered;
  let pending: AccessRequest[] = [];
  let invalid = 0;
  let failed = false;
  try {
    pending = await listPendingRequests(citizen.podUrl, {
      fetch: citizen.fetch,
      platformServers: Object.values(getEnv().territoryUrls),
      onInvalid: () => {
        invalid += 1;
      },
    });
  } catch {
    failed = true;
  }
  const lengths = await Promise.all(pending.map((request) => describeLength(request, locale)));

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {answered === 'denied' && <p className="notice" role="status">{t('denied')}</p>}
      {failed && <p className="alert" role="alert">{t('unavailable')}</p>}
      {invalid > 0 && <p className="notice">{t('invalid', { count: invalid })}</p>}
      {!failed && pending.length === 0 && <p data-no-requests>{t('none')}</p>}
      {pending.map((request, index) => {
        const id = `request-${index}`;
        const who = request.requestorName ?? request.requestor;
        const profile = toSafeHref(request.requestor);
        return (
          <section key={request.iri} className="card" aria-labelledby={`${id}-heading`} data-request={request.iri}>
            <h2 id={`${id}-heading`}>{t('asks', { who })}</h2>
            <dl className="facts">
              <div>
                <dt>{t('requestor')}</dt>
                <dd>
                  {who}{' '}
                  <span className="muted">
                    ({t('webId')} {profile ? <a href={profile} rel="noopener noreferrer nofollow">{request.requestor}</a> : request.requestor})
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t('application')}</dt>
                <dd>{request.clientName ? `${request.clientName} (${request.clientId})` : request.clientId}</dd>
              </div>
              <div>
                <dt>{t('purpose')}</dt>
                <dd><TermSentence kind="purposes" iri={request.purpose} /></dd>
              </div>
              <div>
                <dt>{t('legalBasis')}</dt>
                <dd><TermSentence kind="legalBases" iri={request.legalBasis} /></dd>
              </div>
              <div>
                <dt>{t('length')}</dt>
                <dd>{lengths[index]}</dd>
              </div>
              <div>
                <dt>{t('access')}</dt>
                <dd>{request.modes.map((mode) => t(`modes.${mode}`)).join(', ')}</dd>
              </div>
            </dl>
            <p>
              <strong>{t('theirWords')}</strong> « {locale === 'en' ? request.explanation.en : request.explanation.fr} »
            </p>
            <p>{t('atTheEnd')}</p>
            <ActionForm
              id={id}
              action={answerRequestAction}
              fields={{ requestIri: request.iri, locale }}
              messages={messages}
            >
              <fieldset>
                <legend>{t('whichData')}</legend>
                {request.categories.map((category) => (
                  <div className="field" key={category}>
                    <input id={`${id}-${category}`} type="checkbox" name="categories" value={category} defaultChecked />
                    <label htmlFor={`${id}-${category}`}>
                      <strong>{tc(category)}</strong> — <span className="muted">{t(`examples.${category}`)}</span>
                    </label>
                  </div>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor={`${id}-until`}>{t('shorter')}</label>
                <input id={`${id}-until`} type="date" name="until" />
              </div>
              <div className="field">
                <button type="submit" name="decision" value="approve" className="button">
                  {t('approve')}
                </button>
                <button type="submit" name="decision" value="deny" className="button button-secondary">
                  {t('deny')}
                </button>
              </div>
            </ActionForm>
          </section>
        );
      })}
    </main>
  );
}
