'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { PrivacyReportJson } from '../../lib/researchView.ts';
import styles from './research.module.css';

const FAILURE_REASONS = ['forbidden', 'timeout', 'network', 'server-unreachable', 'http', 'parse', 'evaluation', 'refused-by-server', 'not-found'];

/** The privacy and coverage report of an answer, in plain words. */
export function PrivacyReportView({ report }: { report: PrivacyReportJson }) {
  const t = useTranslations('research.workbench.report');
  const locale = useLocale();
  const number = (value: number, digits = 3): string =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits }).format(value);
  return (
    <section aria-labelledby="privacy-report" data-report>
      <h2 id="privacy-report">{t('title')}</h2>
      <ul className={styles.report}>
        <li
          data-pods={`${report.podsAsked}/${report.podsAnswered}/${report.podsFailed}`}
          data-pods-asked={report.podsAsked}
          data-pods-answered={report.podsAnswered}
          data-pods-failed={report.podsFailed}
        >
          {t('pods', { asked: report.podsAsked, answered: report.podsAnswered, failed: report.podsFailed })}
        </li>
        {report.failures.map((failure) => (
          <li key={failure.reason} data-failure={failure.reason}>
            {t('failure', {
              count: failure.count,
              reason: FAILURE_REASONS.includes(failure.reason) ? t(`reasons.${failure.reason}` as 'reasons.forbidden') : failure.reason,
            })}
          </li>
        ))}
        <li>{t('paths', { endpoint: report.paths.endpoint, http: report.paths.http })}</li>
        <li data-suppressed={report.groupsSuppressed}>
          {t('groups', { groups: report.groups, suppressed: report.groupsSuppressed, k: report.minimumGroupSize })}
        </li>
        {report.clippedGroups > 0 && <li>{t('clipped', { count: report.clippedGroups })}</li>}
        <li data-noise={report.noise ? 'yes' : 'no'}>
          {report.noise
            ? t('noise', {
                epsilon: number(report.noise.epsilon),
                scales: report.noise.mechanisms.map((mechanism) => number(mechanism.scale)).join(', '),
              })
            : t('noNoise')}
        </li>
        <li data-budget-left={report.budget ? report.budget.remaining : ''}>
          {report.budget
            ? t('budget', { spent: number(report.budget.spent), total: number(report.budget.total), remaining: number(report.budget.remaining) })
            : t('noBudget')}
        </li>
        <li>{t('duration', { seconds: number(report.durationMs / 1000, 1) })}</li>
      </ul>
    </section>
  );
}
