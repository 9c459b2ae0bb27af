/**
 * Bars per period (weeks, days, months) with an optional target line: a team's weekly net
 * revenue against its prorated target, customers per month, events received per day. Colours
 * come from CSS classes (`bt-bar`, `bt-bar-partial`, `bt-target`). A page's own period is
 * highlighted by a class on the chart's wrapper (charts/shared.ts highlightClass), so one chart
 * serves every page of its window.
 */
import * as Plot from '@observablehq/plot';
import { periodScale } from './ticks.ts';
import { renderPlot } from './render.ts';

export interface BarPoint {
  period: string;
  value: number;
  /** A target for the period, drawn as a line with dots (a running period's as its own hollow dot, "to date"); null for none. */
  target: number | null;
  /** Still running at as_of (drawn lighter). */
  partial: boolean;
}

export interface BarTrendOptions {
  /** Axis labels for values, e.g. compact money. */
  format: (n: number) => string;
  /** Tooltip text for a bar. */
  title?: (d: BarPoint) => string;
  width?: number;
  height?: number;
  compact?: boolean;
  /** At most this many x ticks (default 12, 6 compact). */
  maxTicks?: number;
}

/**
 * @example barTrend([{ period: '2026-W48', value: 8000, target: 7700, partial: false }], { format: String })
 */
export function barTrend(points: readonly BarPoint[], options: BarTrendOptions): Plot.PlotOptions {
  if (points.length === 0) throw new Error('invalid points: a bar trend needs at least one period');
  const compact = options.compact ?? false;
  const domain = points.map((d) => d.period);
  const title = options.title;
  const bars = (filter: (d: BarPoint) => boolean, className: string) =>
    Plot.barY(points, { filter, x: 'period', y: 'value', className, ...(title ? { title } : {}) });
  // A running period's target is pro-rated to the days gone by (a week one day in has 1/7 of a
  // week's pace), so joining it to the whole periods' line would draw a misleading drop: the line
  // ends at the last whole period, and a running period's pace is its own hollow dot, "to date".
  const withTarget = points.filter((d) => d.target !== null && !d.partial);
  const partialTarget = points.filter((d) => d.target !== null && d.partial);
  return {
    width: options.width ?? (compact ? 360 : 960),
    height: options.height ?? (compact ? 240 : 280),
    marginLeft: compact ? 48 : 56,
    marginRight: 12,
    marginBottom: 40,
    style: { fontSize: compact ? '13px' : '12px' },
    x: periodScale(domain, { type: 'band', padding: points.length > 40 ? 0.1 : 0.25, maxTicks: options.maxTicks ?? (compact ? 6 : 12) }),
    y: { grid: true, nice: true, zero: true, label: null, ticks: compact ? 4 : 5, tickSize: 0, tickFormat: options.format },
    marks: [
      bars((d) => !d.partial, 'bt-bar'),
      bars((d) => d.partial, 'bt-bar-partial'),
      Plot.ruleY([0], { className: 'bt-zero' }),
      ...(withTarget.length > 0
        ? [
            Plot.lineY(points, {
              x: 'period',
              y: (d: BarPoint) => (d.partial ? Number.NaN : (d.target ?? Number.NaN)),
              className: 'bt-target',
              strokeWidth: 2,
            }),
            Plot.dot(withTarget, { x: 'period', y: 'target', className: 'bt-target', r: compact ? 3 : 2.5, fill: 'currentColor' }),
          ]
        : []),
      ...(partialTarget.length > 0
        ? [
            Plot.dot(partialTarget, {
              x: 'period',
              y: 'target',
              className: 'bt-target bt-target-partial',
              r: compact ? 5 : 4.5,
              fill: 'white', // the page's surface colour, from CSS (.bt-target-partial)
              stroke: 'currentColor',
              strokeWidth: 2,
            }),
            Plot.text(partialTarget, {
              x: 'period',
              y: 'target',
              text: () => 'to date',
              className: 'bt-target-label',
              dy: compact ? -11 : -10,
              fontSize: 11,
              stroke: 'white', // a halo in the page's surface colour, from CSS (.bt-target-label)
              strokeWidth: 3,
              fill: 'currentColor',
            }),
          ]
        : []),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderBarTrend(points: readonly BarPoint[], options: BarTrendOptions & { label: string; className?: string }): string {
  return renderPlot(barTrend(points, options), { label: options.label, className: `bar-trend ${options.className ?? ''}`.trim() });
}
