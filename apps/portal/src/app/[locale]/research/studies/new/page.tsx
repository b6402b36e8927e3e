import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CATEGORY_NAMES, TERRITORIES } from '@sdt/vocab';
import { StudyPublishForm } from '../../../../../components/research/StudyPublishForm.tsx';
import { toLocale } from '../../../../../i18n/toLocale.ts';
import {
  STUDY_FORM_DEFAULTS,
  STUDY_FORM_ERROR_CODES,
  STUDY_FORM_FIELDS,
  STUDY_FORM_LEGAL_BASES,
  STUDY_FORM_PURPOSES,
} from '../../../../../lib/studyForm.ts';
import { requireCitizenSession } from '../../../../../server/auth.ts';
import { getActionMessages } from '../../../../../server/getActionMessages.ts';
import { findAccreditingTerritories } from '../../../../../server/researchPublishing.ts';
import styles from '../../research.module.css';
import { publishStudyAction } from './actions.ts';

interface NewStudyPageProps {
  readonly params: Promise<{ locale: string }>;
}

const TEXT_KEYS = [
  'where',
  'who',
  'why',
  'privacy',
  'errorsTitle',
  'publish',
  'publishing',
  'noise.exact',
  'noise.noisy',
  'openStudy',
] as const;

/**
 * The researcher space's "publish a study" form: a researcher the territory accredited publishes a study
 * in that territory's registry (the server action checks the accreditation and publishes as the engine).
 */
export default async function NewStudyPage({ params }: NewStudyPageProps) {
  const { locale: segment } = await params;
  const locale = toLocale(segment);
  setRequestLocale(locale);
  const researcher = await requireCitizenSession(locale);
  const t = await getTranslations('research.publish');
  const tr = await getTranslations('research');
  const space = await getTranslations('research.space');
  const terms = await getTranslations('terms');
  const categories = await getTranslations('home.categories');
  const accredited = await findAccreditingTerritories(researcher.webId);
  const territoryName = (territory: string): string => tr(`territories.${territory}` as 'territories.lyon');

  const texts: Record<string, string> = {};
  for (const key of TEXT_KEYS) texts[key] = t(key);
  for (const field of STUDY_FORM_FIELDS) {
    texts[`${field}.label`] = t(`${field}.label` as 'slug.label');
    texts[`${field}.hint`] = t(`${field}.hint` as 'slug.hint');
  }
  const messages: Record<string, string> = { ...(await getActionMessages()) };
  for (const code of STUDY_FORM_ERROR_CODES) messages[code] = t(`errors.${code}`);

  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p>
        <a href={`/${locale}/research/studies`}>{space('backToSpace')}</a>
      </p>
      {accredited.length > 0 ? (
        <p data-accredited={accredited.join(' ')}>
          {t('accreditedIn', { territories: accredited.map(territoryName).join(', ') })}
        </p>
      ) : (
        <p className={`notice ${styles.breakable}`} data-accredited="">
          {t('notAccredited', { webId: researcher.webId })}
        </p>
      )}
      <StudyPublishForm
        action={publishStudyAction}
        locale={locale}
        texts={texts}
        messages={messages}
        fields={STUDY_FORM_FIELDS}
        territories={TERRITORIES.map((territory) => ({ value: territory, label: territoryName(territory) }))}
        purposes={Object.entries(STUDY_FORM_PURPOSES).map(([value, iri]) => ({
          value,
          label: terms(`purposes.${iri.replace(/^.*[#/]/u, '')}` as 'purposes.ScientificResearch'),
        }))}
        legalBases={Object.keys(STUDY_FORM_LEGAL_BASES).map((value) => ({
          value,
          label: terms(`legalBases.${value}` as 'legalBases.Consent'),
        }))}
        categories={CATEGORY_NAMES.map((name) => ({ value: name, label: categories(name) }))}
        defaults={{ ...STUDY_FORM_DEFAULTS, territory: accredited[0] ?? TERRITORIES[0]! }}
      />
    </main>
  );
}
