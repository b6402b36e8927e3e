import { getTranslations, setRequestLocale } from 'next-intl/server';
import { listGrants, listReceipts, listRequests, type AccessGrant, type AccessRequest, type ConsentReceipt } from '@sdt/grants';
import { ActionForm } from '../../../components/ActionForm.tsx';
import { TermSentence } from '../../../components/TermSentence.tsx';
import { getEnv } from '../../../env.ts';
import { createFormatters } from '../../../lib/formatters.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { getActionMessages } from '../../../server/getActionMessages.ts';
import { revokeGrantAction } from '../grantActions.ts';

interface GrantsPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const STATES = ['active', 'upcoming', 'expired', 'revoked'] as const;

/** Grants: active, upcoming, expired, revoked and refused; revoke in one click; receipts to download. */
export default async function GrantsPage({ params, searchParams }: GrantsPageProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('grants');
  const tc = await getTranslations('home.categories');
  const f = createFormatters(locale);
  const messages = await getActionMessages();
  const answered = (await searchParams).answered;
  let grants: AccessGrant[] = [];
  let refused: AccessRequest[] = [];
  let receipts: ConsentReceipt[] = [];
  let failed = false;
  try {
    const options = { fetch: citizen.fetch, platformServers: Object.values(getEnv().territoryUrls) };
    const [allGrants, requests, allReceipts] = await Promise.all([
      listGrants(citizen.podUrl, options),
      listRequests(citizen.podUrl, options),
      listReceipts(citizen.podUrl, options),
    ]);
    grants = allGrants;
    refused = requests.filter((request) => request.status === 'refused');
    receipts = allReceipts;
  } catch {
    failed = true;
  }

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {answered === 'approved' && <p className="notice" role="status">{t('approved')}</p>}
      {answered === 'revoked' && <p className="notice" role="status">{t('revoked')}</p>}
      {failed && <p className="alert" role="alert">{t('unavailable')}</p>}
      {STATES.map((state) => {
        const inState = grants.filter((grant) => grant.state === state);
        return (
          <section key={state} aria-labelledby={`grants-${state}`} data-grants-state={state}>
            <h2 id={`grants-${state}`}>{t(`states.${state}`, { count: inState.length })}</h2>
            {inState.length === 0 && <p className="muted">{t('noneInState')}</p>}
            {inState.map((grant, index) => (
              <div key={grant.iri} className="card" data-grant={grant.iri}>
                <dl className="facts">
                  <div><dt>{t('grantee')}</dt><dd>{grant.grantee}</dd></div>
                  <div><dt>{t('application')}</dt><dd>{grant.clientId}</dd></div>
                  <div><dt>{t('data')}</dt><dd>{grant.categories.map((category) => tc(category)).join(', ')}</dd></div>
                  <div><dt>{t('purpose')}</dt><dd><TermSentence kind="purposes" iri={grant.purpose} /></dd></div>
                  <div><dt>{t('validity')}</dt><dd>{t('validityRange', { from: f.instant(grant.validFrom), until: f.instant(grant.validUntil) })}</dd></div>
                  {grant.revokedAt && <div><dt>{t('revokedAt')}</dt><dd>{f.instant(grant.revokedAt)}</dd></div>}
                </dl>
                {(state === 'active' || state === 'upcoming') && (
                  <ActionForm id={`revoke-${state}-${index}`} action={revokeGrantAction} fields={{ grantIri: grant.iri, locale }} messages={messages}>
                    <button type="submit" className="button button-danger">
                      {t('revoke')}
                    </button>
                  </ActionForm>
                )}
              </div>
            ))}
          </section>
        );
      })}
      <section aria-labelledby="grants-refused" data-grants-state="refused">
        <h2 id="grants-refused">{t('states.refused', { count: refused.length })}</h2>
        {refused.length === 0 && <p className="muted">{t('noneInState')}</p>}
        <ul>
          {refused.map((request) => (
            <li key={request.iri}>
              {t('refusedItem', {
                who: request.requestorName ?? request.requestor,
                categories: request.categories.map((category) => tc(category)).join(', '),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">{t('receipts', { count: receipts.length })}</h2>
        <p>{t('receiptsIntro')}</p>
        <ul data-receipts>
          {receipts.map((receipt) => (
            <li key={receipt.iri}>
              {t(`receiptStatus.${receipt.consentStatus}`)} — {receipt.dataController} — {f.instant(receipt.created)}{' '}
              <a href={`/api/receipt?iri=${encodeURIComponent(receipt.location)}`} download>
                {t('download')}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
