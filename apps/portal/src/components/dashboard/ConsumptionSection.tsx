import { getTranslations } from 'next-intl/server';
import type { GasReading, WaterReading } from '@sdt/vocab';
import { Chart } from '../Chart.tsx';
import { createFormatters } from '../../lib/formatters.ts';
import { buildDailySeries, buildMonthlyTotals, computeYearOnYear, kWhOf, m3Of, summarizeSeries } from '../../lib/dashboard/series.ts';
import type { CitizenSession } from '../../server/auth.ts';
import { listSeriesMonths, loadSeries } from '../../server/podData.ts';
import { SectionError } from './SectionError.tsx';

/**
 * Gas (kWh per month, from the monthly series when the pod has it, else summed from daily readings) or
 * water (m3 per month and the last 30 days).
 */
export async function ConsumptionSection({ citizen, locale, category }: { citizen: CitizenSession; locale: string; category: 'gas' | 'water' }) {
  const t = await getTranslations('dashboard');
  const f = createFormatters(locale);
  let monthly;
  let daily;
  try {
    if (category === 'gas') {
      const hasMonthly = (await listSeriesMonths(citizen, 'gas', 'monthly')).length > 0;
      const readings = await loadSeries<GasReading>(citizen, 'gas', hasMonthly ? 'monthly' : 'daily');
      monthly = buildMonthlyTotals(readings, kWhOf);
      daily = undefined;
    } else {
      const readings = await loadSeries<WaterReading>(citizen, 'water', 'daily');
      monthly = buildMonthlyTotals(readings, m3Of);
      daily = buildDailySeries(readings, m3Of, 30);
    }
  } catch (error: unknown) {
    return <SectionError error={error} />;
  }
  if (monthly.length === 0) return <p>{t('noData')}</p>;
  const unit = category === 'gas' ? 'kWh' : 'm³';
  const digits = category === 'gas' ? 0 : 2;
  const format = (value: number) => f.number(value, digits);
  const summary = summarizeSeries(monthly);
  const yoy = computeYearOnYear(monthly);
  return (
    <>
      <Chart
        id={`${category}-monthly`}
        kind="bar"
        title={t(`${category}.monthlyTitle`)}
        summary={t('monthlySummary', {
          months: monthly.length,
          total: format(summary.total),
          unit,
          maxMonth: f.month(summary.max?.label ?? ''),
          max: format(summary.max?.value ?? 0),
          minMonth: f.month(summary.min?.label ?? ''),
          min: format(summary.min?.value ?? 0),
        })}
        points={monthly}
        unit={unit}
        labelHeader={t('month')}
        tableToggle={t('showTable')}
        formatLabel={f.shortMonth}
        formatValue={format}
      />
      {yoy && (
        <p data-yoy>
          {t('yoy', {
            month: f.month(yoy.month),
            previousMonth: f.month(yoy.previousMonth),
            change: `${yoy.changePercent >= 0 ? '+' : '−'}${f.number(Math.abs(yoy.changePercent), 1)}`,
          })}
        </p>
      )}
      {daily && daily.length > 0 && (
        <Chart
          id={`${category}-daily`}
          kind="bar"
          title={t(`${category}.dailyTitle`)}
          summary={t('dailySummary', {
            days: daily.length,
            total: f.number(summarizeSeries(daily).total, 2),
            average: f.number(summarizeSeries(daily).average, 3),
            unit,
          })}
          points={daily}
          unit={unit}
          labelHeader={t('day')}
          tableToggle={t('showTable')}
          formatLabel={f.shortDay}
          formatValue={(value) => f.number(value, 3)}
          maxTicks={5}
        />
      )}
    </>
  );
}
