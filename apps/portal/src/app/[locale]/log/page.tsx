import { getTranslations, setRequestLocale } from 'next-intl/server';
import { readAccessLog, type AccessLogEntry } from '@sdt/grants';
import { CATEGORY_NAMES } from '@sdt/vocab';
import { Chart } from '../../../components/Chart.tsx';
import { categoryOfTarget, countAccessesByDay, filterAccessLog, listLogClients } from '../../../lib/accessLogView.ts';
import { createFormatters } from '../../../lib/formatters.ts';
import { categorySchema, daySchema } from '../../../lib/schemas.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import { requireCitizenSession } from '../../../server/auth.ts';

interface LogPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const DAY_MS = 86_400_000;

/** The access log: who accessed what, when, under which grant, allowed or refused; filters; a chart. */
export default async function LogPage({ params, searchParams }: LogPageProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('log');
  const tc = await getTranslations('home.categories');
  const f = createFormatters(locale);
  const query = await searchParams;
  const fromDay = daySchema.safeParse(query.from);
  const toDay = daySchema.safeParse(query.to);
  const category = categorySchema.safeParse(query.category);
  const client = typeof query.client === 'string' && query.client.length > 0 && query.client.length < 2048 ? query.client : undefined;
  const to = toDay.success ? new Date(Date.parse(`${toDay.data}T00:00:00Z`) + DAY_MS) : new Date(Date.now() + DAY_MS);
  const from = fromDay.success ? new Date(`${fromDay.data}T00:00:00Z`) : new Date(to.getTime() - 31 * DAY_MS);

  let entries: AccessLogEntry[] = [];
  let failed = false;
  try {
    entries = await readAccessLog(citizen.podUrl, { fetch: citizen.fetch, from, to });
  } catch {
    failed = true;
  }
  const clients = listLogClients(entries);
  const shown = filterAccessLog(entries, { ...(client ? { client } : {}), ...(category.success ? { category: category.data } : {}) }, citizen.podUrl);
  const perDay = countAccessesByDay(shown);
  const denied = shown.filter((entry) => entry.outcome === 'denied').length;

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {failed && <p className="alert" role="alert">{t('unavailable')}</p>}
      <form method="get" action={`/${locale}/log`} className="card" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor="log-client">{t('service')}</label>
          <select id="log-client" name="client" defaultValue={client ?? ''}>
            <option value="">{t('all')}</option>
            {clients.map((id) => (
              <option key={id} value={id}>{id}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-category">{t('category')}</label>
          <select id="log-category" name="category" defaultValue={category.success ? category.data : ''}>
            <option value="">{t('all')}</option>
            {CATEGORY_NAMES.map((name) => (
              <option key={name} value={name}>{tc(name)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-from">{t('from')}</label>
          <input id="log-from" type="date" name="from" defaultValue={fromDay.success ? fromDay.data : ''} />
          <label htmlFor="log-to">{t('to')}</label>
          <input id="log-to" type="date" name="to" defaultValue={toDay.success ? toDay.data : ''} />
        </div>
        <button type="submit" className="button button-secondary">{t('apply')}</button>
      </form>
      <p data-log-summary>{t('summary', { count: shown.length, denied })}</p>
      {perDay.length > 0 && (
        <Chart
          id="log-per-day"
          kind="bar"
          title={t('chartTitle')}
          summary={t('summary', { count: shown.length, denied })}
          points={perDay}
          unit={t('accesses')}
          labelHeader={t('day')}
          tableToggle={t('showTable')}
          formatLabel={f.shortDay}
          formatValue={(value) => f.number(value, 0)}
          maxTicks={5}
        />
      )}
      {shown.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('tableCaption')}>
          <table data-log>
            <caption>{t('tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('service')}</th>
                <th scope="col">{t('what')}</th>
                <th scope="col">{t('outcome')}</th>
                <th scope="col">{t('grant')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((entry, index) => {
                const entryCategory = categoryOfTarget(entry.target, citizen.podUrl);
                return (
                  <tr key={index} data-outcome={entry.outcome}>
                    <td>{f.instant(entry.time)}</td>
                    <td>{entry.agent ?? t('anonymous')}</td>
                    <td>{entry.client ?? '—'}</td>
                    <td>
                      {entryCategory ? `${tc(entryCategory)} — ` : ''}
                      <span className="muted">{entry.target.startsWith(citizen.podUrl) ? entry.target.slice(citizen.podUrl.length) : entry.target}</span>
                      {' '}({t(`modes.${entry.mode}`)})
                    </td>
                    <td>{t(`outcomes.${entry.outcome}`)}</td>
                    <td>{entry.grant ? entry.grant.split('/').pop() : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
