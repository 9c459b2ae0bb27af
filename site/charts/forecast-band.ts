/**
 * A history with its forecast: the actual periods as a line, the forecast as a dashed line
 * continuing from the last actual, its 80% range as a shaded band, and the running period's
 * figures so far as a hollow dot ("to date"). Colours from CSS classes (`fc-actual`,
 * `fc-forecast`, `fc-band`, `fc-to-date`), so the chart follows light and dark mode.
 */
import * as Plot from '@observablehq/plot';
import { periodScale } from './ticks.ts';
import { renderPlot } from './render.ts';

export interface ForecastChartPoint {
  period: string;
  /** Net revenue of a complete period; null for a forecast period. */
  actual: number | null;
  /** The forecast and its 80% range; null for a period of history. */
  forecast: number | null;
  lower: number | null;
  upper: number | null;
  /** The running period's figures so far (drawn hollow); null when not shown. */
  toDate: number | null;
}

export interface ForecastChartOptions {
  format: (n: number) => string;
  /** Tooltip of a period. */
  title?: (d: ForecastChartPoint) => string;
  width?: number;
  height?: number;
  compact?: boolean;
  maxTicks?: number;
}

/**
 * @example forecastBand([{ period: '2026-10', actual: 44000, forecast: null, lower: null, upper: null, toDate: null },
 *   { period: '2026-11', actual: null, forecast: 44000, lower: 37900, upper: 50100, toDate: 49500 }], { format: String })
 */
export function forecastBand(points: readonly ForecastChartPoint[], options: ForecastChartOptions): Plot.PlotOptions {
  if (points.length === 0) throw new Error('invalid points: a forecast chart needs at least one period');
  const compact = options.compact ?? false;
  const domain = points.map((d) => d.period);
  const title = options.title;
  const history = points.filter((d) => d.actual !== null);
  const ahead = points.filter((d) => d.forecast !== null);
  // The band and the dashed line start at the last actual, so the forecast visibly continues it.
  const last = history.at(-1);
  const joined = last ? [{ ...last, forecast: last.actual, lower: last.actual, upper: last.actual }, ...ahead] : ahead;
  const toDate = points.filter((d) => d.toDate !== null);
  return {
    width: options.width ?? (compact ? 360 : 960),
    height: options.height ?? (compact ? 240 : 300),
    marginLeft: compact ? 48 : 56,
    marginRight: 16,
    marginBottom: 40,
    style: { fontSize: compact ? '13px' : '12px' },
    x: periodScale(domain, { type: 'point', padding: 0.3, maxTicks: options.maxTicks ?? (compact ? 5 : 12) }),
    y: { grid: true, nice: true, zero: true, label: null, ticks: compact ? 4 : 5, tickSize: 0, tickFormat: options.format },
    marks: [
      Plot.areaY(joined, { x: 'period', y1: 'lower', y2: 'upper', className: 'fc-band', curve: 'linear' }),
      Plot.ruleY([0], { className: 'fc-zero' }),
      Plot.lineY(history, { x: 'period', y: 'actual', className: 'fc-actual', strokeWidth: 2 }),
      Plot.lineY(joined, { x: 'period', y: 'forecast', className: 'fc-forecast', strokeWidth: 2, strokeDasharray: '5,4' }),
      Plot.dot(history, { x: 'period', y: 'actual', className: 'fc-actual', r: compact ? 2 : 1.75, fill: 'currentColor', ...(title ? { title } : {}) }),
      Plot.dot(ahead, { x: 'period', y: 'forecast', className: 'fc-forecast', r: compact ? 3 : 2.5, fill: 'currentColor', ...(title ? { title } : {}) }),
      Plot.dot(toDate, {
        x: 'period',
        y: 'toDate',
        className: 'fc-to-date',
        r: compact ? 4.5 : 4,
        fill: 'white', // the page's surface colour, from CSS (.fc-to-date)
        stroke: 'currentColor',
        strokeWidth: 2,
        ...(title ? { title } : {}),
      }),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderForecastBand(points: readonly ForecastChartPoint[], options: ForecastChartOptions & { label: string; className?: string }): string {
  return renderPlot(forecastBand(points, options), { label: options.label, className: `forecast-band ${options.className ?? ''}`.trim() });
}
