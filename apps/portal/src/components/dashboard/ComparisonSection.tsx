import { getTranslations } from 'next-intl/server';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { readTerritoryStatistics, type TerritoryStatistics } from '@sdt/research';
import type { Dwelling, Household } from '@sdt/vocab';
import { getEnv } from '../../env.ts';
import { createFormatters } from '../../lib/formatters.ts';
import { territoryOfIssuer } from '../../lib/serviceCatalog.ts';
import {
  buildComparison,
  chooseComparisonMeasure,
  COMPARISON_MEASURES,
  computeDifferencePercent,
  toDailyValues,
  type ComparedReading,
  type ComparisonGroup,
  type ComparisonMeasure,
} from '../../lib/dashboard/comparison.ts';
import type { CitizenSession } from '../../server/auth.ts';
import { listSeriesMonths, loadSeries, loadSingle } from '../../server/podData.ts';
import { SectionError } from './SectionError.tsx';
import styles from './ComparisonSection.module.css';

const WIDTH = 480;
const HEIGHT = 260;
const MARGIN = { top: 36, right: 8, bottom: 30, left: 52 };
const OWN_COLOUR = '#0b4f8a';
const SIMILAR_COLOUR = '#b3541e';

type Formatters = ReturnType<typeof createFormatters>;
type Translate = Awaited<ReturnType<typeof getTranslations<'dashboard.comparison'>>>;

/** Grouped bars (the home, the similar homes) per month, as server-rendered SVG with its table. */
function ComparisonChart(props: {
  group: ComparisonGroup;
  measure: ComparisonMeasure;
  unit: 'kWh' | 'L';
  title: string;
  summary: string;
  tableToggle: string;
  monthHeader: string;
  t: Translate;
  f: Formatters;
  k: number;
}) {
  const { group, title, summary, t, f, k } = props;
  const id = `comparison-${props.measure}-${group.dimension}`;
  const unit = t('unit', { unit: props.unit });
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = group.rows.flatMap((row) => [row.own ?? 0, row.similar ?? 0]);
  const x = scaleBand<string>({ domain: group.rows.map((row) => row.month), range: [0, innerWidth], padding: 0.25 });
  const inner = scaleBand<string>({ domain: ['own', 'similar'], range: [0, x.bandwidth()], padding: 0.1 });
  const y = scaleLinear<number>({ domain: [0, Math.max(1, ...values)], range: [innerHeight, 0], nice: true });
  const kwh = (value: number): string => f.number(value, props.unit === 'L' ? 0 : 1);
  const step = Math.max(1, Math.ceil(group.rows.length / 6));
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-caption`} data-comparison={group.dimension} data-measure={props.measure}>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart={id}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(4).map((tick) => (
            <g key={`y-${tick}`}>
              <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="#c9d0d8" strokeWidth={1} />
              <text x={-6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill="#4a5360">
                {kwh(tick)}
              </text>
            </g>
          ))}
          {group.rows.map((row) => (
            <g key={row.month}>
              {row.own !== null && (
                <Bar x={(x(row.month) ?? 0) + (inner('own') ?? 0)} y={y(row.own)} width={Math.max(1, inner.bandwidth())} height={Math.max(0, innerHeight - y(row.own))} fill={OWN_COLOUR} />
              )}
              {row.similar !== null && (
                <Bar x={(x(row.month) ?? 0) + (inner('similar') ?? 0)} y={y(row.similar)} width={Math.max(1, inner.bandwidth())} height={Math.max(0, innerHeight - y(row.similar))} fill={SIMILAR_COLOUR} />
              )}
            </g>
          ))}
          <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="#4a5360" strokeWidth={1} />
          {group.rows
            .filter((_, index) => index % step === 0)
            .map((row) => (
              <text key={`x-${row.month}`} x={(x(row.month) ?? 0) + x.bandwidth() / 2} y={innerHeight + 18} textAnchor="middle" fontSize={12} fill="#4a5360">
                {f.shortMonth(row.month)}
              </text>
            ))}
          <text x={-MARGIN.left + 2} y={-4} fontSize={11} fill="#4a5360">
            {unit}
          </text>
          <g transform={`translate(${-MARGIN.left + 2}, -28)`} aria-hidden="true">
            <rect width={12} height={12} fill={OWN_COLOUR} />
            <text x={16} y={10} fontSize={12} fill="#1d232b">{t('you')}</text>
            <rect x={170} width={12} height={12} fill={SIMILAR_COLOUR} />
            <text x={186} y={10} fontSize={12} fill="#1d232b">{t('similar')}</text>
          </g>
        </Group>
      </svg>
      <figcaption id={`${id}-caption`}>
        <strong>{title}.</strong> {summary}
      </figcaption>
      <details>
        <summary>{props.tableToggle}</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{props.monthHeader}</th>
                <th scope="col" className="num">{t('you')} ({unit})</th>
                <th scope="col" className="num">{t('similar')} ({unit})</th>
                <th scope="col" className="num">{t('homes')}</th>
              </tr>
            </thead>
            <tbody>
              {group.rows.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{f.month(row.month)}</th>
                  <td className="num">{row.own === null ? t('noOwn') : kwh(row.own)}</td>
                  <td className="num" data-hidden={row.similar === null ? '' : undefined}>{row.similar === null ? t('hidden', { k }) : kwh(row.similar)}</td>
                  <td className="num">{row.homes === null ? '—' : f.number(row.homes, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The statistics of the citizen's territory; `undefined` when they could not be read. */
async function readOwnTerritoryStatistics(citizen: CitizenSession): Promise<TerritoryStatistics | null | undefined> {
  const { territoryUrls } = getEnv();
  const territory = territoryOfIssuer(citizen.issuer, territoryUrls);
  if (!territory) return null;
  try {
    return await readTerritoryStatistics(territoryUrls[territory]);
  } catch {
    return undefined;
  }
}

/** The series of the pod holding a measure's daily readings (`data/<category>/daily-YYYY-MM`). */
const DAILY_SERIES = 'daily';

/** `?day=…&compare=<measure>` links of the switcher (no JavaScript), back to the section's heading. */
function compareHref(measure: ComparisonMeasure, day: string | undefined): string {
  const query = new URLSearchParams(day ? { day, compare: measure } : { compare: measure });
  return `?${query.toString()}#comparison-heading`;
}

/**
 * "Compare with similar homes": the citizen's average daily electricity, gas or water per month (one
 * measure at a time, chosen with `?compare=`) next to the territory statistics (open data,
 * k-anonymous) of homes with the same DPE class, the same household size and in the same district. Pod
 * values are untrusted: React text only.
 *
 * @param props.measure - the measure asked for (`?compare=`, already validated); undefined for the default
 * @param props.invalidMeasure - `?compare=` was given but is not a measure: said, and the default shown
 * @param props.day - the valid `?day=` of the page, kept in the switcher's links
 */
export async function ComparisonSection({
  citizen,
  locale,
  measure: requested,
  invalidMeasure = false,
  day,
}: {
  citizen: CitizenSession;
  locale: string;
  measure?: ComparisonMeasure | undefined;
  invalidMeasure?: boolean;
  day?: string | undefined;
}) {
  const t = await getTranslations('dashboard.comparison');
  const dashboard = await getTranslations('dashboard');
  const f = createFormatters(locale);
  let household: Household | undefined;
  let dwelling: Dwelling | undefined;
  let statistics: TerritoryStatistics | null | undefined;
  let measuresWithData: ComparisonMeasure[];
  let measure: ComparisonMeasure;
  let readings: ComparedReading[];
  try {
    let months: string[][];
    [household, dwelling, statistics, months] = await Promise.all([
      loadSingle(citizen, 'household'),
      loadSingle(citizen, 'housing'),
      readOwnTerritoryStatistics(citizen),
      Promise.all(COMPARISON_MEASURES.map((m) => listSeriesMonths(citizen, m, DAILY_SERIES))),
    ]);
    measuresWithData = COMPARISON_MEASURES.filter((_, index) => (months[index]?.length ?? 0) > 0);
    measure = chooseComparisonMeasure(requested, measuresWithData);
    readings = measuresWithData.includes(measure) ? await loadSeries<ComparedReading>(citizen, measure, DAILY_SERIES) : [];
  } catch (error: unknown) {
    return <SectionError error={error} />;
  }
  const invalid = invalidMeasure ? (
    <p className="alert" role="alert" data-invalid-measure>
      {t('invalidMeasure')}
    </p>
  ) : null;
  if (statistics === undefined)
    return (
      <>
        {invalid}
        <p className="alert" role="alert">{t('unavailable')}</p>
      </>
    );
  const view = buildComparison({
    statistics,
    home: {
      ...(dwelling?.energyLabel ? { energyLabel: dwelling.energyLabel } : {}),
      ...(household ? { householdSize: household.size } : {}),
      ...(household?.district ? { district: household.district } : {}),
    },
    measure,
    measuresWithData,
    ownDaily: toDailyValues(measure, readings),
  });
  const date = (iso: string): string => f.day(iso.slice(0, 10));
  if (view.kind === 'no-statistics') return <>{invalid}<p data-comparison-status="none">{t('noStatistics')}</p></>;
  if (view.kind === 'empty') return <>{invalid}<p data-comparison-status="empty">{t('empty', { date: date(view.issued) })}</p></>;
  const k = view.minimumGroupSize;
  if (view.kind === 'no-home') return <>{invalid}<p data-comparison-status="no-home">{t('noHome')}</p></>;
  const switcher = (
    <nav aria-label={t('measureNav')} data-measures>
      <ul className={styles.measures}>
        {[...new Set([...view.measures, view.measure])]
          .sort((a, b) => COMPARISON_MEASURES.indexOf(a) - COMPARISON_MEASURES.indexOf(b))
          .map((m) => (
            <li key={m}>
              <a href={compareHref(m, day)} aria-current={m === view.measure ? 'true' : undefined} data-measure-link={m}>
                {t('measure', { measure: m })}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
  if (view.kind === 'no-own-data')
    return (
      <>
        {invalid}
        <p>{t('intro')}</p>
        {switcher}
        <p data-comparison-status="no-own-data" data-measure={view.measure}>{t('noOwnData', { measure: view.measure })}</p>
      </>
    );
  const { unit } = view;
  const value = (amount: number): string => f.number(amount, unit === 'L' ? 0 : 1);
  return (
    <>
      {invalid}
      <p>{t('intro')}</p>
      {switcher}
      <p data-k={k}>{t('kAnonymity', { k })}</p>
      <div data-compared-measure={view.measure}>
        {view.groups.map((group) => {
          const name =
            group.dimension === 'energyLabel'
              ? t('groupEnergyLabel', { value: group.value })
              : group.dimension === 'householdSize'
                ? t('groupHouseholdSize', { size: Number(group.value) })
                : t('groupDistrict', { district: group.value });
          const hidden = group.rows.length - group.shownMonths;
          if (!group.latest)
            return (
              <div key={group.dimension} data-group={group.dimension}>
                <h3>{name}</h3>
                <p data-all-hidden>{t('allHidden', { k })}</p>
              </div>
            );
          const { latest } = group;
          let summary: string;
          if (latest.own === null) {
            summary = t('summaryNoOwn', { month: f.month(latest.month), similar: value(latest.similar), homes: latest.homes, unit });
          } else {
            const percent = computeDifferencePercent(latest.own, latest.similar);
            summary = `${t('summary', { month: f.month(latest.month), own: value(latest.own), similar: value(latest.similar), homes: latest.homes, unit })}${
              percent === undefined
                ? ''
                : ` ${t('summaryDifference', { difference: percent > 0 ? 'more' : percent < 0 ? 'less' : 'same', percent: Math.abs(percent) })}`
            }`;
          }
          return (
            <div key={group.dimension} data-group={group.dimension}>
              <h3>{name}</h3>
              <ComparisonChart
                group={group}
                measure={view.measure}
                unit={unit}
                title={t('chartTitle', { group: name, measure: view.measure })}
                summary={summary}
                tableToggle={dashboard('showTable')}
                monthHeader={dashboard('month')}
                t={t}
                f={f}
                k={k}
              />
              {hidden > 0 && <p data-some-hidden>{t('someHidden', { count: hidden, k })}</p>}
            </div>
          );
        })}
      </div>
      <p>
        {t('published', { date: date(view.issued), answered: view.coverage.podsAnswered, asked: view.coverage.podsAsked })}{' '}
        <a href={view.datasetUrl}>{t('openData')}</a>
      </p>
    </>
  );
}
