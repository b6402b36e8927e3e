import { getTranslations, setRequestLocale } from 'next-intl/server';
import { UploadForm } from '../../../components/UploadForm.tsx';
import { IMPORT_ERROR_CODES } from '../../../lib/describeImportError.ts';
import { toLocale } from '../../../i18n/toLocale.ts';
import { requireCitizenSession } from '../../../server/auth.ts';

/** Upload: drop provider files; the format is recognised from the content; all or nothing. */
export default async function UploadPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  await requireCitizenSession(locale);
  const t = await getTranslations('upload');
  const e = await getTranslations('upload.errors');
  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ul>
        {(['enedis', 'grdf', 'water', 'trips', 'caf', 'dpe'] as const).map((key) => (
          <li key={key}>{t(`formats.${key}`)}</li>
        ))}
      </ul>
      <UploadForm
        text={{
          label: t('label'),
          hint: t('hint'),
          submit: t('submit'),
          sending: t('sending'),
          importing: t('importing'),
          done: t('done'),
          fileDone: t.raw('fileDone') as string,
          where: { line: t.raw('whereLine') as string, field: t.raw('whereField') as string, jsonPath: t.raw('wherePath') as string },
          nothingWritten: t('nothingWritten'),
          detail: t('detail'),
        }}
        errors={Object.fromEntries(IMPORT_ERROR_CODES.map((code) => [code, e.raw(code) as string]))}
      />
    </main>
  );
}
