/**
 * Counts per category as vertical bars, each with its count on top (the sales cycle's day bins).
 * Colours from CSS classes (`cb-bar`, `cb-label`, `cb-zero`).
 */
import type * as Plot from '@observablehq/plot';
import { countBars } from './count-bars.ts';
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
  return countBars(
    bars.map((b) => ({ key: b.label, count: b.value })),
    {
      width: options.width ?? (compact ? 360 : 960),
      height: compact ? 220 : 240,
      marginBottom: compact ? 44 : 32,
      fontSize: '12px',
      padding: 0.25,
      compact,
      // On phones the day ranges go on two lines: "0–7" over "days".
      tickFormat: (label) => (compact ? label.replace(' ', '\n') : label),
      classPrefix: 'cb',
    },
  );
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderCategoryBars(bars: readonly CategoryBar[], label: string, options: CategoryBarsOptions = {}): string {
  return renderPlot(categoryBars(bars, options), { label, className: `category-bars${options.compact ? ' compact' : ''}` });
}
