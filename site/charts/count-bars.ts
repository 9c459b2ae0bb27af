/**
 * Counts as vertical bars on a band scale, each with its count on top and whole-number ticks:
 * the shape shared by the band distribution (`band-bars.ts`) and the sales cycle
 * (`category-bars.ts`), which differ only in sizes, tick labels and CSS class prefix.
 */
import * as Plot from '@observablehq/plot';
import { formatCount } from '../data/format.ts';

export interface CountBar {
  key: string;
  count: number;
}

export interface CountBarsLayout {
  width: number;
  height: number;
  marginBottom: number;
  fontSize: string;
  padding: number;
  compact: boolean;
  /** The x tick label of a bar's key. */
  tickFormat: (key: string) => string;
  /** CSS class prefix: `<prefix>-bar`, `<prefix>-zero`, `<prefix>-label`. */
  classPrefix: string;
}

export function countBars(bars: readonly CountBar[], layout: CountBarsLayout): Plot.PlotOptions {
  const most = Math.max(1, ...bars.map((b) => b.count));
  const { classPrefix: c, compact } = layout;
  return {
    width: layout.width,
    height: layout.height,
    marginLeft: 40,
    marginRight: 12,
    marginTop: 20,
    marginBottom: layout.marginBottom,
    style: { fontSize: layout.fontSize },
    x: { type: 'band', domain: bars.map((b) => b.key), padding: layout.padding, label: null, tickSize: 0, tickFormat: layout.tickFormat },
    // Counts are whole: ticks only on integers, and room above the tallest bar for its number.
    y: {
      domain: [0, most * 1.15],
      grid: true,
      label: null,
      tickSize: 0,
      ticks: Math.min(most, compact ? 3 : 5),
      tickFormat: (n: number) => (Number.isInteger(n) ? formatCount(n) : ''),
    },
    marks: [
      Plot.barY(bars, { x: 'key', y: 'count', className: `${c}-bar` }),
      Plot.ruleY([0], { className: `${c}-zero` }),
      Plot.text(bars, { x: 'key', y: 'count', text: (d: CountBar) => formatCount(d.count), dy: -8, className: `${c}-label` }),
    ],
  };
}
