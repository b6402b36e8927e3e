import { getTranslations } from 'next-intl/server';
import type { EnergyReading, PowerReading } from '@sdt/vocab';
import { Chart } from '../Chart.tsx';
import { createFormatters } from '../../lib/formatters.ts';
import {
  buildDailySeries,
  buildDayCurve,
  buildMonthlyTotals,
  computeYearOnYear,
  kWhOf,
  listCurveDays,
  summarizeSeries,
} from '../../lib/dashboard/series.ts';
import type { CitizenSession } from '../../server/auth.ts';
import { listSeriesMonths, loadSeries, loadSeriesMonth } from '../../server/podData.ts';
import { SectionError } from './SectionError.tsx';

/** Props of {@link ElectricitySection}. */
export interface ElectricitySectionProps {
  readonly citizen: CitizenSession;
  readonly locale: string;
  /** The day of the 30-minute curve (`YYYY-MM-DD`), or undefined for the latest day with a curve. */
  readonly day: string | undefined;
}

/**
 * Electricity at a glance: the last 60 days, every month, the 30-minute curve of a chosen day and the
 * change from the same month a year before (when the pod holds a year of history).
 */
export async function ElectricitySection({ citizen, locale, day }: ElectricitySectionProps) {
  const t = await getTranslations('dashboard');
  const f = createFormatters(locale);
  let daily: EnergyReading[];
  let curveMonths: string[];
  try {
    [daily, curveMonths] = await Promise.all([
      loadSeries<EnergyReading>(citizen, 'electricity', 'daily'),
      listSeriesMonths(citizen, 'electricity', 'curve'),
    ]);
  } catch (error: unknown) {
    return <SectionError error={error} />;
  }
  if (daily.length === 0 && curveMonths.length === 0) return <p>{t('noData')}</p>;

  const kwh = (value: number) => f.number(value, 1);
  const last60 = buildDailySeries(daily, kWhOf, 60);
  const monthly = buildMonthlyTotals(daily, kWhOf);
  const dailySummary = summarizeSeries(last60);
  const monthlySummary = summarizeSeries(monthly);
  const yoy = computeYearOnYear(monthly);

  // The curve: the chosen day's month, else the latest month with a curve.
  const curveMonth = day && curveMonths.includes(day.slice(0, 7)) ? day.slice(0, 7) : curveMonths.at(-1);
  let curve: PowerReading[] = [];
  let curveError: unknown;
  if (curveMonth) {
    try {
      curve = await loadSeriesMonth<PowerReading>(citizen, 'electricity', 'curve', curveMonth);
    } catch (error: unknown) {
      curveError = error;
    }
  }
  const curveDays = listCurveDays(curve);
  const shownDay = day && curveDays.includes(day) ? day : curveDays.at(-1);
  const dayCurve = shownDay ? buildDayCurve(curve, shownDay) : [];
  const curveSummary = summarizeSeries(dayCurve);
  const firstCurveMonth = curveMonths[0];
  const lastCurveMonth = curveMonths.at(-1);

  return (
    <>
      {last60.length > 0 && (
        <Chart
          id="electricity-daily"
          kind="bar"
          title={t('electricity.dailyTitle')}
          summary={t('electricity.dailySummary', {
            days: last60.length,
            total: kwh(dailySummary.total),
            average: kwh(dailySummary.average),
            maxDay: f.day(dailySummary.max?.label ?? ''),
            max: kwh(dailySummary.max?.value ?? 0),
          })}
          points={last60}
          unit="kWh"
          labelHeader={t('day')}
          tableToggle={t('showTable')}
          formatLabel={f.shortDay}
          formatValue={kwh}
          maxTicks={5}
        />
      )}
      {monthly.length > 0 && (
        <Chart
          id="electricity-monthly"
          kind="bar"
          title={t('electricity.monthlyTitle')}
          summary={t('electricity.monthlySummary', {
            months: monthly.length,
            total: kwh(monthlySummary.total),
            maxMonth: f.month(monthlySummary.max?.label ?? ''),
            max: kwh(monthlySummary.max?.value ?? 0),
            minMonth: f.month(monthlySummary.min?.label ?? ''),
            min: kwh(monthlySummary.min?.value ?? 0),
          })}
          points={monthly}
          unit="kWh"
          labelHeader={t('month')}
          tableToggle={t('showTable')}
          formatLabel={f.shortMonth}
          formatValue={kwh}
        />
      )}
      <p data-yoy>
        {yoy
          ? t(yoy.changePercent >= 0 ? 'electricity.yoyUp' : 'electricity.yoyDown', {
              month: f.month(yoy.month),
              current: kwh(yoy.current),
              previousMonth: f.month(yoy.previousMonth),
              previous: kwh(yoy.previous),
              change: f.number(Math.abs(yoy.changePercent), 1),
            })
          : t('electricity.yoyUnavailable')}
      </p>

      <h3>{t('electricity.curveHeading')}</h3>
      {firstCurveMonth && lastCurveMonth ? (
        <form method="get" className="field" action={`/${locale}/dashboard`}>
          <label htmlFor="curve-day">{t('electricity.chooseDay')}</label>
          <input
            id="curve-day"
            type="date"
            name="day"
            min={`${firstCurveMonth}-01`}
            max={curveDays.at(-1) ?? `${lastCurveMonth}-28`}
            defaultValue={shownDay}
          />
          <button type="submit" className="button button-secondary">
            {t('electricity.showDay')}
          </button>
        </form>
      ) : (
        <p>{t('electricity.noCurve')}</p>
      )}
      {curveError !== undefined && <SectionError error={curveError} />}
      {day && shownDay !== day && curveMonths.length > 0 && <p className="notice">{t('electricity.dayWithoutCurve', { day: f.day(day) })}</p>}
      {shownDay && dayCurve.length > 0 && (
        <Chart
          id="electricity-curve"
          kind="line"
          title={t('electricity.curveTitle', { day: f.day(shownDay) })}
          summary={t('electricity.curveSummary', {
            points: dayCurve.length,
            average: f.number(curveSummary.average, 0),
            maxTime: curveSummary.max?.label ?? '',
            max: f.number(curveSummary.max?.value ?? 0, 0),
            minTime: curveSummary.min?.label ?? '',
            min: f.number(curveSummary.min?.value ?? 0, 0),
          })}
          points={dayCurve}
          unit="W"
          labelHeader={t('time')}
          tableToggle={t('showTable')}
          formatValue={(value) => f.number(value, 0)}
          maxTicks={6}
        />
      )}
    </>
  );
}
