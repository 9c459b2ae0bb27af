/**
 * Several series over the same periods as lines (customer segments by month), each named at its
 * end so it reads without colour; the colours come from CSS classes `sl-0` … `sl-5` (in the
 * series' order), so the chart follows light and dark mode.
 */
import * as Plot from '@observablehq/plot';
import { periodScale } from './ticks.ts';
import { renderPlot } from './render.ts';

export interface SeriesPoint {
  series: string;
  period: string;
  value: number;
}

export interface SeriesLinesOptions {
  format: (n: number) => string;
  title?: (d: SeriesPoint) => string;
  width?: number;
  height?: number;
  compact?: boolean;
  maxTicks?: number;
}

/** Series beyond this many share the last colour. */
export const SERIES_COLOURS = 6;

/**
 * @example seriesLines([{ series: 'smb', period: '2026-10', value: 3 }], { format: String })
 */
export function seriesLines(points: readonly SeriesPoint[], options: SeriesLinesOptions): Plot.PlotOptions {
  if (points.length === 0) throw new Error('invalid points: a line chart needs at least one point');
  const compact = options.compact ?? false;
  const names = [...new Set(points.map((p) => p.series))];
  const domain = [...new Set(points.map((p) => p.period))].sort();
  const last = domain.at(-1)!;
  const longest = Math.max(...names.map((n) => n.length));
  return {
    width: options.width ?? (compact ? 360 : 960),
    height: options.height ?? (compact ? 240 : 300),
    marginLeft: compact ? 48 : 56,
    // Room for the series' names at the right end of their lines.
    marginRight: Math.min(compact ? 96 : 140, 12 + longest * (compact ? 7 : 6.5)),
    marginBottom: 40,
    style: { fontSize: compact ? '13px' : '12px' },
    x: periodScale(domain, { type: 'point', padding: 0.2, maxTicks: options.maxTicks ?? (compact ? 5 : 12) }),
    y: { grid: true, nice: true, zero: true, label: null, ticks: compact ? 4 : 5, tickSize: 0, tickFormat: options.format },
    marks: names.flatMap((name, i) => {
      const className = `sl-${Math.min(i, SERIES_COLOURS - 1)}`;
      const mine = points.filter((p) => p.series === name);
      return [
        Plot.lineY(mine, { x: 'period', y: 'value', className, strokeWidth: 2 }),
        Plot.dot(mine, { x: 'period', y: 'value', className, r: compact ? 2.5 : 2, fill: 'currentColor', ...(options.title ? { title: options.title } : {}) }),
        Plot.text(
          mine.filter((p) => p.period === last),
          { x: 'period', y: 'value', text: () => name, dx: 8, textAnchor: 'start', className: `${className} sl-label` },
        ),
      ];
    }),
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderSeriesLines(points: readonly SeriesPoint[], options: SeriesLinesOptions & { label: string; className?: string }): string {
  return renderPlot(seriesLines(points, options), { label: options.label, className: `series-lines ${options.className ?? ''}`.trim() });
}
