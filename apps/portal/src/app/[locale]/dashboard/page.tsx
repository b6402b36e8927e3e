import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Suspense, type ReactNode } from 'react';
import { ComparisonSection } from '../../../components/dashboard/ComparisonSection.tsx';
import { ConsumptionSection } from '../../../components/dashboard/ConsumptionSection.tsx';
import { ElectricitySection } from '../../../components/dashboard/ElectricitySection.tsx';
import { HomeSection } from '../../../components/dashboard/HomeSection.tsx';
import { MobilitySection } from '../../../components/dashboard/MobilitySection.tsx';
import { comparisonMeasureSchema, daySchema } from '../../../lib/schemas.ts';
import { requireCitizenSession } from '../../../server/auth.ts';
import { toLocale } from '../../../i18n/toLocale.ts';

interface DashboardProps {
  readonly params: Promise<{ locale: string }>;
  readonly searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** One category's part of the dashboard; streamed as soon as its data is read. */
async function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const t = await getTranslations('dashboard');
  return (
    <section aria-labelledby={`${id}-heading`} data-section={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>{children}</Suspense>
    </section>
  );
}

/** Dashboard: per category, what matters at a glance, each chart with its text alternative. */
export default async function DashboardPage({ params, searchParams }: DashboardProps) {
  const { locale } = await params;
  setRequestLocale(toLocale(locale));
  const citizen = await requireCitizenSession(locale);
  const t = await getTranslations('dashboard');
  const query = await searchParams;
  const dayParam = query.day;
  const day = daySchema.safeParse(dayParam);
  const compareParam = query.compare;
  const compare = comparisonMeasureSchema.safeParse(compareParam);
  return (
    <main id="main" className="container page" tabIndex={-1}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {typeof dayParam === 'string' && !day.success && <p className="alert" role="alert">{t('invalidDay')}</p>}
      <Section id="electricity" title={t('electricity.heading')}>
        <ElectricitySection citizen={citizen} locale={locale} day={day.success ? day.data : undefined} />
      </Section>
      <Section id="gas" title={t('gas.heading')}>
        <ConsumptionSection citizen={citizen} locale={locale} category="gas" />
      </Section>
      <Section id="water" title={t('water.heading')}>
        <ConsumptionSection citizen={citizen} locale={locale} category="water" />
      </Section>
      <Section id="mobility" title={t('mobility.heading')}>
        <MobilitySection citizen={citizen} locale={locale} />
      </Section>
      <Section id="home" title={t('home.heading')}>
        <HomeSection citizen={citizen} locale={locale} />
      </Section>
      <Section id="comparison" title={t('comparison.heading')}>
        <ComparisonSection
          citizen={citizen}
          locale={locale}
          measure={compare.success ? compare.data : undefined}
          invalidMeasure={compareParam !== undefined && !compare.success}
          day={day.success ? day.data : undefined}
        />
      </Section>
    </main>
  );
}
