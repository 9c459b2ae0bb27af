/**
 * One value per period as a line with dots (margin, repeat rate, CSAT), gaps where a value is
 * missing, an optional reference line (e.g. the CSAT floor of 4.0), and the running period
 * drawn hollow. Colours from CSS classes (`lt-line`, `lt-dot`, `lt-reference`).
 */
import * as Plot from '@observablehq/plot';
import { periodScale } from './ticks.ts';
import { renderPlot } from './render.ts';

export interface LinePoint {
  period: string;
  value: number | null;
  partial: boolean;
}

export interface LineTrendOptions {
  format: (n: number) => string;
  title?: (d: LinePoint) => string;
  /** A horizontal reference, e.g. { value: 4, } for the CSAT floor. */
  reference?: number;
  /** Start the y scale at zero; default false (ratios read better on their own range). */
  zero?: boolean;
  /** Fixed y domain, e.g. [0, 1] for a share. */
  domain?: [number, number];
  width?: number;
  height?: number;
  compact?: boolean;
  maxTicks?: number;
}

/**
 * @example lineTrend([{ period: '2026-10', value: 0.41, partial: false }], { format: String })
 */
export function lineTrend(points: readonly LinePoint[], options: LineTrendOptions): Plot.PlotOptions {
  if (points.length === 0) throw new Error('invalid points: a line trend needs at least one period');
  const compact = options.compact ?? false;
  const domain = points.map((d) => d.period);
  const known = points.filter((d) => d.value !== null);
  const title = options.title;
  return {
    width: options.width ?? (compact ? 360 : 960),
    height: options.height ?? (compact ? 220 : 240),
    marginLeft: compact ? 48 : 56,
    marginRight: 16,
    marginBottom: 40,
    style: { fontSize: compact ? '13px' : '12px' },
    x: periodScale(domain, { type: 'point', padding: 0.5, maxTicks: options.maxTicks ?? (compact ? 6 : 12) }),
    y: {
      grid: true,
      nice: true,
      zero: options.zero ?? false,
      ...(options.domain ? { domain: options.domain } : {}),
      label: null,
      ticks: compact ? 4 : 5,
      tickSize: 0,
      tickFormat: options.format,
    },
    marks: [
      ...(options.reference === undefined ? [] : [Plot.ruleY([options.reference], { className: 'lt-reference', strokeDasharray: '4,3' })]),
      Plot.lineY(points, { x: 'period', y: (d: LinePoint) => d.value ?? Number.NaN, className: 'lt-line', strokeWidth: 2 }),
      Plot.dot(known, {
        x: 'period',
        y: 'value',
        r: compact ? 3.5 : 3,
        className: 'lt-dot',
        fill: (d: LinePoint) => (d.partial ? 'var(--surface, white)' : 'currentColor'),
        ...(title ? { title } : {}),
      }),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderLineTrend(points: readonly LinePoint[], options: LineTrendOptions & { label: string; className?: string }): string {
  return renderPlot(lineTrend(points, options), { label: options.label, className: `line-trend ${options.className ?? ''}`.trim() });
}
