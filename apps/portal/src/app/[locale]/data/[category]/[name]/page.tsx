import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PodError, sendRequest } from '@sdt/pod';
import { buildRecordTable, parseResourcePath, toSafeHref } from '../../../../../lib/catalogRows.ts';
import { resourcePathSchema } from '../../../../../lib/schemas.ts';
import { requireCitizenSession } from '../../../../../server/auth.ts';
import { itemsOf, readContent } from '../../../../../server/podData.ts';
import { toLocale } from '../../../../../i18n/toLocale.ts';

interface ResourcePageProps {
  readonly params: Promise<{ locale: string; category: string; name: string }>;
}

/** A cell: an http(s) URL becomes a link, anything else is text (pod data is untrusted). */
function Cell({ value }: { value: string }) {
  const href = toSafeHref(value);
  return href ? (
    <a href={href} rel="noopener noreferrer nofollow">
      {value}
    </a>
  ) : (
    <>{value}</>
  );
}

/** One resource: its records as a table and its raw RDF (Turtle, shown as escaped text). */
export default async function ResourcePage({ params }: ResourcePageProps) {
  const { locale, category, name } = await params;
  setRequestLocale(toLocale(locale));
  const path = resourcePathSchema.safeParse(`data/${category}/${decodeURIComponent(name)}`);
  const ref = path.success ? parseResourcePath(path.data) : undefined;
  if (!path.success || !ref) notFound();
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('data');
  const tc = await getTranslations('home.categories');

  let raw: string | undefined;
  let rawError: string | undefined;
  try {
    const response = await sendRequest(citizen.fetch, `${citizen.podUrl}${path.data}`, { headers: { accept: 'text/turtle' } }, [200]);
    raw = await response.text();
  } catch (error: unknown) {
    if (PodError.isInstance(error) && error.code === 'not-found') notFound();
    rawError = t('unavailable');
  }
  let table;
  let tableError: string | undefined;
  if (raw !== undefined) {
    try {
      const content = await readContent(citizen, ref.series ? { category: ref.category, series: ref.series } : { category: ref.category }, path.data);
      table = buildRecordTable(itemsOf(content));
    } catch {
      tableError = t('notReadable');
    }
  }

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <p>
        <a href={`/${locale}/data/${ref.category}`}>← {tc(ref.category)}</a>
      </p>
      <h1>{t('resourceTitle', { name: ref.name })}</h1>
      {rawError && <p className="alert" role="alert">{rawError}</p>}
      {tableError && <p className="alert" role="alert">{tableError}</p>}
      {table && (
        <section aria-labelledby="table-heading">
          <h2 id="table-heading">{t('tableView', { count: table.rows.length + table.omitted })}</h2>
          {table.omitted > 0 && <p className="muted">{t('omitted', { shown: table.rows.length, omitted: table.omitted })}</p>}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="table-heading">
            <table data-records>
              <thead>
                <tr>
                  {table.columns.map((column) => (
                    <th key={column} scope="col">{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, index) => (
                  <tr key={index}>
                    {row.map((cell, column) => (
                      <td key={column}><Cell value={cell} /></td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {raw !== undefined && (
        <section aria-labelledby="raw-heading">
          <h2 id="raw-heading">{t('rawView')}</h2>
          <details>
            <summary>{t('showRaw')}</summary>
            <pre className="raw" data-raw tabIndex={0}>{raw}</pre>
          </details>
        </section>
      )}
    </main>
  );
}
