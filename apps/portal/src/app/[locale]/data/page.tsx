import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CATEGORY_NAMES, type CategoryName } from '@sdt/vocab';
import { buildCatalogRows } from '../../../lib/catalogRows.ts';
import { createFormatters } from '../../../lib/formatters.ts';
import { categorySchema } from '../../../lib/schemas.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { loadCatalog, loadCategoryPaths } from '../../../server/podData.ts';
import { toLocale } from '../../../i18n/toLocale.ts';

interface DataPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** "My data": the pod's catalogue, every category with source, period, last import and record count. */
export default async function DataPage({ params, searchParams }: DataPageProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('data');
  const tc = await getTranslations('home.categories');
  const f = createFormatters(locale);
  const erased = categorySchema.safeParse((await searchParams).erased);

  let failed = false;
  const counts: Partial<Record<CategoryName, number>> = {};
  let catalog;
  try {
    const [loaded, lists] = await Promise.all([
      loadCatalog(citizen),
      Promise.all(CATEGORY_NAMES.map(async (category) => [category, (await loadCategoryPaths(citizen, category)).length] as const)),
    ]);
    catalog = loaded;
    for (const [category, count] of lists) counts[category] = count;
  } catch {
    failed = true;
  }
  const rows = buildCatalogRows(catalog, counts);

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {erased.success && (
        <p className="notice" role="status">
          {t('erased', { category: tc(erased.data) })}
        </p>
      )}
      {failed && (
        <p className="alert" role="alert">
          {t('unavailable')}
        </p>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('tableCaption')}>
        <table data-catalog>
          <caption>{t('tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('source')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('lastImport')}</th>
              <th scope="col" className="num">{t('records')}</th>
              <th scope="col" className="num">{t('resources')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.category} data-category={row.category}>
                <th scope="row">
                  <a href={`/${locale}/data/${row.category}`}>{tc(row.category)}</a>
                  {row.sensitivity === 'high' && <span className="muted"> ({t('sensitive')})</span>}
                </th>
                <td>{row.source ?? '—'}</td>
                <td>
                  {row.periodStart && row.periodEnd
                    ? t('periodRange', { start: f.day(row.periodStart), end: f.day(row.periodEnd) })
                    : '—'}
                </td>
                <td>{row.lastImport ? f.instant(row.lastImport) : '—'}</td>
                <td className="num">{row.recordCount !== undefined ? f.number(row.recordCount, 0) : '—'}</td>
                <td className="num">{row.resourceCount !== undefined ? f.number(row.resourceCount, 0) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={`/${locale}/export`}>{t('exportLink')}</a>
      </p>
    </main>
  );
}
