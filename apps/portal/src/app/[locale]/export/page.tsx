import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CATEGORY_NAMES } from '@sdt/vocab';
import { ConfirmForm } from '../../../components/ConfirmForm.tsx';
import { toSafeHref } from '../../../lib/catalogRows.ts';
import { categorySchema } from '../../../lib/schemas.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { getActionMessages } from '../../../server/getActionMessages.ts';
import { deleteCategoryAction, eraseAllAction } from '../actions.ts';
import { toLocale } from '../../../i18n/toLocale.ts';

interface ExportPageProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Export (GDPR art. 20) and erasure (art. 17): download everything, erase one category or all, account. */
export default async function ExportPage({ params, searchParams }: ExportPageProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('export');
  const tc = await getTranslations('home.categories');
  const messages = await getActionMessages();
  const erasedParam = (await searchParams).erased;
  const erasedCategory = categorySchema.safeParse(erasedParam);
  const accountPage = toSafeHref(new URL('.account/', citizen.issuer).href);

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      {erasedParam === 'all' && <p className="notice" role="status">{t('erasedAll')}</p>}
      {erasedCategory.success && <p className="notice" role="status">{t('erasedOne', { category: tc(erasedCategory.data) })}</p>}

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('exportHeading')}</h2>
        <p className="lead">{t('exportIntro')}</p>
        <ul>
          <li>{t('exportTurtle')}</li>
          <li>{t('exportTrig')}</li>
          <li>{t('exportManifest')}</li>
        </ul>
        <p>
          <a className="button" href="/api/export" download data-export-link>
            {t('exportButton')}
          </a>
        </p>
      </section>

      <section aria-labelledby="erase-one-heading">
        <h2 id="erase-one-heading">{t('eraseOneHeading')}</h2>
        <p>{t('eraseOneIntro')}</p>
        <ConfirmForm
          id="erase-one"
          action={deleteCategoryAction}
          fields={{ locale, returnTo: 'export' }}
          confirmLabel={t('eraseOneConfirm')}
          submitLabel={t('eraseOneSubmit')}
          pendingLabel={t('erasing')}
          messages={messages}
        >
          <div className="field">
            <label htmlFor="erase-category">{t('categoryLabel')}</label>
            <select id="erase-category" name="category" required>
              {CATEGORY_NAMES.map((category) => (
                <option key={category} value={category}>
                  {tc(category)}
                </option>
              ))}
            </select>
          </div>
        </ConfirmForm>
      </section>

      <section aria-labelledby="erase-all-heading">
        <h2 id="erase-all-heading">{t('eraseAllHeading')}</h2>
        <p>{t('eraseAllIntro')}</p>
        <ConfirmForm
          id="erase-all"
          action={eraseAllAction}
          fields={{ locale }}
          confirmLabel={t('eraseAllConfirm')}
          submitLabel={t('eraseAllSubmit')}
          pendingLabel={t('erasing')}
          messages={messages}
        />
      </section>

      <section aria-labelledby="account-heading">
        <h2 id="account-heading">{t('accountHeading')}</h2>
        <p>{t('accountLimit')}</p>
        <ol>
          <li>{t('accountStep1')}</li>
          <li>
            {t('accountStep2')}{' '}
            {accountPage && (
              <a href={accountPage} rel="noopener noreferrer">
                {t('accountPageLink')}
              </a>
            )}
          </li>
          <li>{t('accountStep3')}</li>
        </ol>
      </section>
    </main>
  );
}
