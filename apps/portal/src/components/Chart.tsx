import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import type { ChartPoint } from '../lib/dashboard/series.ts';

/** Props of {@link Chart}. */
export interface ChartProps {
  /** Unique on the page (ids of the title, description and table). */
  readonly id: string;
  readonly kind: 'bar' | 'line';
  readonly title: string;
  /** The chart in one sentence (its text alternative, shown under it and read by screen readers). */
  readonly summary: string;
  readonly points: readonly ChartPoint[];
  /** Unit of the values, e.g. `kWh`. */
  readonly unit: string;
  /** Header of the label column of the table, e.g. "Jour". */
  readonly labelHeader: string;
  /** Summary of the disclosure holding the data table. */
  readonly tableToggle: string;
  /** Formats an x label for the axis and the table (e.g. a month name). */
  readonly formatLabel?: (label: string) => string;
  /** Formats a value for the axis and the table. */
  readonly formatValue: (value: number) => string;
  /** How many x labels to show at most (the table always has every point). */
  readonly maxTicks?: number;
}

const WIDTH = 480;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 30, left: 52 };

/**
 * A bar or line chart rendered on the server as plain SVG (visx scales and shapes, no client
 * JavaScript), with its text alternatives: a one-sentence summary (`<desc>` and a visible caption) and
 * the full data as a table in a disclosure. Scales with the width of its container, down to 360 px.
 */
export function Chart(props: ChartProps) {
  const { id, kind, title, summary, points, unit, formatValue } = props;
  const formatLabel = props.formatLabel ?? ((label: string) => label);
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxValue = Math.max(0, ...points.map((point) => point.value));
  const x = scaleBand<string>({ domain: points.map((point) => point.label), range: [0, innerWidth], padding: kind === 'bar' ? 0.2 : 0 });
  const y = scaleLinear<number>({ domain: [0, maxValue > 0 ? maxValue : 1], range: [innerHeight, 0], nice: true });
  const yTicks = y.ticks(4);
  const maxTicks = props.maxTicks ?? 6;
  const step = Math.max(1, Math.ceil(points.length / maxTicks));
  const xTicks = points.filter((_, index) => index % step === 0);
  const center = (label: string): number => (x(label) ?? 0) + x.bandwidth() / 2;

  return (
    <figure className="chart-figure" aria-labelledby={`${id}-caption`}>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-chart={id}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {yTicks.map((tick) => (
            <g key={`y-${tick}`}>
              <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="#c9d0d8" strokeWidth={1} />
              <text x={-6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill="#4a5360">
                {formatValue(tick)}
              </text>
            </g>
          ))}
          {kind === 'bar' ? (
            points.map((point) => (
              <Bar
                key={point.label}
                x={x(point.label) ?? 0}
                y={y(point.value)}
                width={Math.max(1, x.bandwidth())}
                height={Math.max(0, innerHeight - y(point.value))}
                fill="#0b4f8a"
              />
            ))
          ) : (
            <LinePath<ChartPoint>
              data={[...points]}
              x={(point) => center(point.label)}
              y={(point) => y(point.value)}
              stroke="#0b4f8a"
              strokeWidth={2.5}
              fill="none"
            />
          )}
          <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="#4a5360" strokeWidth={1} />
          {xTicks.map((point) => (
            <text key={`x-${point.label}`} x={center(point.label)} y={innerHeight + 18} textAnchor="middle" fontSize={12} fill="#4a5360">
              {formatLabel(point.label)}
            </text>
          ))}
          <text x={-MARGIN.left + 2} y={-2} fontSize={11} fill="#4a5360">
            {unit}
          </text>
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
                <th scope="col">{props.labelHeader}</th>
                <th scope="col" className="num">
                  {unit}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.label}>
                  <th scope="row">{formatLabel(point.label)}</th>
                  <td className="num">{formatValue(point.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
