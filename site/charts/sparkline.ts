/**
 * A small trend line for a KPI card: no axes, the last point marked (hollow when its period is
 * still running). Gaps where a value is missing.
 */
import * as Plot from '@observablehq/plot';
import { renderPlot } from './render.ts';

export interface SparkPoint {
  period: string;
  value: number | null;
  partial: boolean;
}

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** Start the y scale at zero (money and counts); ratios and scores use their own range. */
  zero?: boolean;
}

/**
 * Plot options for a sparkline; throws on an empty series.
 *
 * @example sparkline([{ period: '2026-10', value: 1, partial: false }, { period: '2026-11', value: 2, partial: true }])
 */
export function sparkline(points: readonly SparkPoint[], options: SparklineOptions = {}): Plot.PlotOptions {
  if (points.length === 0) throw new Error('invalid points: a sparkline needs at least one period');
  const last = points.at(-1)!;
  return {
    width: options.width ?? 120,
    height: options.height ?? 36,
    margin: 4,
    x: { type: 'point', domain: points.map((d) => d.period), axis: null },
    y: { axis: null, zero: options.zero ?? false, nice: false },
    marks: [
      Plot.lineY(points, { x: 'period', y: (d: SparkPoint) => d.value ?? Number.NaN, className: 'spark-line', strokeWidth: 1.75 }),
      Plot.dot(last.value === null ? [] : [last], {
        x: 'period',
        y: 'value',
        r: 2.5,
        className: last.partial ? 'spark-dot spark-dot-partial' : 'spark-dot',
      }),
    ],
  };
}

/** The sparkline as an accessible SVG string described by `label`. */
export function renderSparkline(points: readonly SparkPoint[], label: string, options: SparklineOptions = {}): string {
  return renderPlot(sparkline(points, options), { label, className: 'sparkline' });
}
