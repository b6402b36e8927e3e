import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ConfirmForm } from '../../../../components/ConfirmForm.tsx';
import { createFormatters } from '../../../../lib/formatters.ts';
import { categorySchema } from '../../../../lib/schemas.ts';
import { requireCitizenSession } from '../../../../server/auth.ts';
import { getActionMessages } from '../../../../server/getActionMessages.ts';
import { loadCatalog, loadCategoryPaths } from '../../../../server/podData.ts';
import { deleteCategoryAction } from '../../actions.ts';
import { toLocale } from '../../../../i18n/toLocale.ts';

interface CategoryPageProps {
  readonly params: Promise<{ locale: string; category: string }>;
}

/** One category: its resources (links to their table and raw views) and the deletion of its data. */
export default async function CategoryPage({ params }: CategoryPageProps) {
  const { locale, category: rawCategory } = await params;
  setRequestLocale(toLocale(locale));
  const parsed = categorySchema.safeParse(rawCategory);
  if (!parsed.success) notFound();
  const category = parsed.data;
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('data');
  const tc = await getTranslations('home.categories');
  const f = createFormatters(locale);
  let paths: string[] = [];
  let failed = false;
  let entry;
  try {
    [paths, entry] = await Promise.all([loadCategoryPaths(citizen, category), loadCatalog(citizen).then((c) => c?.entries[category])]);
  } catch {
    failed = true;
  }
  const label = tc(category);
  return (
    <main id="main" className="container page" tabIndex={-1}>
      <p>
        <a href={`/${locale}/data`}>← {t('backToCatalog')}</a>
      </p>
      <h1>{label}</h1>
      {failed && (
        <p className="alert" role="alert">
          {t('unavailable')}
        </p>
      )}
      {entry && (
        <dl className="card facts">
          <div><dt>{t('source')}</dt><dd>{entry.source || '—'}</dd></div>
          {entry.periodStart && entry.periodEnd && (
            <div><dt>{t('period')}</dt><dd>{t('periodRange', { start: f.day(entry.periodStart), end: f.day(entry.periodEnd) })}</dd></div>
          )}
          <div><dt>{t('lastImport')}</dt><dd>{entry.lastImport ? f.instant(entry.lastImport) : '—'}</dd></div>
          <div><dt>{t('records')}</dt><dd>{f.number(entry.recordCount, 0)}</dd></div>
        </dl>
      )}
      <h2>{t('resourcesHeading', { count: paths.length })}</h2>
      {paths.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul data-resources>
          {paths.map((path) => {
            const name = path.slice(`data/${category}/`.length);
            return (
              <li key={path}>
                <a href={`/${locale}/data/${category}/${encodeURIComponent(name)}`}>{name}</a>
              </li>
            );
          })}
        </ul>
      )}
      {paths.length > 0 && (
        <>
          <h2>{t('deleteHeading')}</h2>
          <p>{t('deleteExplain', { category: label })}</p>
          <ConfirmForm
            id={`delete-${category}`}
            action={deleteCategoryAction}
            fields={{ category, locale, returnTo: 'data' }}
            confirmLabel={t('deleteConfirm', { category: label })}
            submitLabel={t('deleteSubmit', { category: label })}
            pendingLabel={t('deleting')}
            messages={await getActionMessages()}
          />
        </>
      )}
    </main>
  );
}
