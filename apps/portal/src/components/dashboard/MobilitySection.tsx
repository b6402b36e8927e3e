import { getTranslations } from 'next-intl/server';
import type { Trip } from '@sdt/vocab';
import { Chart } from '../Chart.tsx';
import { createFormatters } from '../../lib/formatters.ts';
import { buildCo2ByMonth, buildModalSplit, summarizeSeries } from '../../lib/dashboard/series.ts';
import type { CitizenSession } from '../../server/auth.ts';
import { loadSeries } from '../../server/podData.ts';
import { SectionError } from './SectionError.tsx';

/** Trips: the modal split (a table, which is its own text alternative, and a bar chart) and CO2 per month. */
export async function MobilitySection({ citizen, locale }: { citizen: CitizenSession; locale: string }) {
  const t = await getTranslations('dashboard');
  const f = createFormatters(locale);
  let trips: Trip[];
  try {
    trips = await loadSeries<Trip>(citizen, 'mobility', 'trips');
  } catch (error: unknown) {
    return <SectionError error={error} />;
  }
  if (trips.length === 0) return <p>{t('noData')}</p>;
  const split = buildModalSplit(trips);
  const co2 = buildCo2ByMonth(trips);
  const co2Summary = summarizeSeries(co2);
  const modeName = (mode: string) => t(`modes.${mode}` as 'modes.car');
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('mobility.splitTitle', { trips: trips.length })}>
        <table data-modal-split>
          <caption>{t('mobility.splitTitle', { trips: trips.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mobility.mode')}</th>
              <th scope="col" className="num">{t('mobility.trips')}</th>
              <th scope="col" className="num">{t('mobility.distance')}</th>
              <th scope="col" className="num">{t('mobility.share')}</th>
              <th scope="col" className="num">{t('mobility.co2')}</th>
            </tr>
          </thead>
          <tbody>
            {split.map((row) => (
              <tr key={row.mode}>
                <th scope="row">{modeName(row.mode)}</th>
                <td className="num">{f.number(row.trips, 0)}</td>
                <td className="num">{f.number(row.distanceKm, 1)}</td>
                <td className="num">{f.number(row.distanceShare, 1)} %</td>
                <td className="num">{f.number(row.co2Kg, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Chart
        id="mobility-split"
        kind="bar"
        title={t('mobility.splitChartTitle')}
        summary={t('mobility.splitSummary', {
          first: modeName(split[0]?.mode ?? 'walk'),
          share: f.number(split[0]?.distanceShare ?? 0, 1),
        })}
        points={split.map((row) => ({ label: row.mode, value: row.distanceKm }))}
        unit="km"
        labelHeader={t('mobility.mode')}
        tableToggle={t('showTable')}
        formatLabel={modeName}
        formatValue={(value) => f.number(value, 0)}
        maxTicks={split.length}
      />
      <Chart
        id="mobility-co2"
        kind="bar"
        title={t('mobility.co2Title')}
        summary={t('mobility.co2Summary', {
          months: co2.length,
          total: f.number(co2Summary.total, 0),
          maxMonth: f.month(co2Summary.max?.label ?? ''),
          max: f.number(co2Summary.max?.value ?? 0, 1),
        })}
        points={co2}
        unit="kg CO₂e"
        labelHeader={t('month')}
        tableToggle={t('showTable')}
        formatLabel={f.shortMonth}
        formatValue={(value) => f.number(value, 1)}
      />
    </>
  );
}
