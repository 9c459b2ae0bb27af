/**
 * Counts per category as vertical bars, each with its count on top (the sales cycle's day bins).
 * Colours from CSS classes (`cb-bar`, `cb-label`, `cb-zero`).
 */
import * as Plot from '@observablehq/plot';
import { formatCount } from '../data/format.ts';
import { renderPlot } from './render.ts';

export interface CategoryBar {
  label: string;
  value: number;
}

export interface CategoryBarsOptions {
  width?: number;
  compact?: boolean;
}

/**
 * @example categoryBars([{ label: '0–7 days', value: 3 }, { label: '8–14 days', value: 5 }])
 */
export function categoryBars(bars: readonly CategoryBar[], options: CategoryBarsOptions = {}): Plot.PlotOptions {
  if (bars.length === 0) throw new Error('invalid bars: a bar chart needs at least one category');
  const compact = options.compact ?? false;
  const most = Math.max(1, ...bars.map((b) => b.value));
  return {
    width: options.width ?? (compact ? 360 : 960),
    height: compact ? 220 : 240,
    marginLeft: 40,
    marginRight: 12,
    marginTop: 20,
    marginBottom: compact ? 44 : 32,
    style: { fontSize: '12px' },
    x: {
      type: 'band',
      domain: bars.map((b) => b.label),
      padding: 0.25,
      label: null,
      tickSize: 0,
      // On phones the day ranges go on two lines: "0–7" over "days".
      tickFormat: (label: string) => (compact ? label.replace(' ', '\n') : label),
    },
    y: {
      domain: [0, most * 1.15],
      grid: true,
      label: null,
      tickSize: 0,
      ticks: Math.min(most, compact ? 3 : 5),
      tickFormat: (n: number) => (Number.isInteger(n) ? formatCount(n) : ''),
    },
    marks: [
      Plot.barY(bars, { x: 'label', y: 'value', className: 'cb-bar' }),
      Plot.ruleY([0], { className: 'cb-zero' }),
      Plot.text(bars, { x: 'label', y: 'value', text: (d: CategoryBar) => formatCount(d.value), dy: -8, className: 'cb-label' }),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderCategoryBars(bars: readonly CategoryBar[], label: string, options: CategoryBarsOptions = {}): string {
  return renderPlot(categoryBars(bars, options), { label, className: `category-bars${options.compact ? ' compact' : ''}` });
}
