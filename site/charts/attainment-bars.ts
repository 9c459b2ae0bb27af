/**
 * Attainment per team (or rep) as horizontal bars, with a tick where each should be by now
 * (pace) and a rule at 100% of target. Scopes without a target get no bar (the table says why).
 */
import * as Plot from '@observablehq/plot';
import { formatPercent } from '../data/format.ts';
import { renderPlot } from './render.ts';

export interface AttainmentBar {
  name: string;
  /** net revenue / target; null without a target. */
  attainment: number | null;
  /** The expected share of the target by now; null when the period is over or unknown. */
  pace: number | null;
}

export interface AttainmentBarsOptions {
  width?: number;
  compact?: boolean;
}

/**
 * @example attainmentBars([{ name: 'East', attainment: 0.9, pace: 1 }])
 */
export function attainmentBars(bars: readonly AttainmentBar[], options: AttainmentBarsOptions = {}): Plot.PlotOptions {
  if (bars.length === 0) throw new Error('invalid bars: attainment needs at least one row');
  const compact = options.compact ?? false;
  const names = bars.map((d) => d.name);
  const longest = Math.max(...names.map((n) => n.length));
  const values = bars.flatMap((d) => [d.attainment ?? 0, d.pace ?? 0]);
  const max = Math.max(1.1, ...values);
  const rowHeight = compact ? 34 : 30;
  const withValue = bars.filter((d) => d.attainment !== null);
  const withPace = bars.filter((d) => d.pace !== null);
  return {
    width: options.width ?? (compact ? 360 : 960),
    height: 40 + bars.length * rowHeight,
    marginLeft: Math.min(compact ? 120 : 200, 12 + longest * (compact ? 7.5 : 7)),
    marginRight: compact ? 52 : 60,
    marginTop: 8,
    marginBottom: 28,
    style: { fontSize: compact ? '13px' : '12px' },
    x: { domain: [0, max], grid: true, label: null, ticks: compact ? 3 : 6, tickSize: 0, tickFormat: (n: number) => formatPercent(n, { digits: 0 }) },
    y: { type: 'band', domain: names, padding: 0.3, label: null, tickSize: 0 },
    marks: [
      Plot.barX(withValue, { x: 'attainment', y: 'name', className: 'ab-bar' }),
      Plot.ruleX([1], { className: 'ab-target', strokeWidth: 1.5 }),
      Plot.tickX(withPace, { x: 'pace', y: 'name', className: 'ab-pace', strokeWidth: 3 }),
      // Values in the right margin, clear of the bars and the pace ticks.
      Plot.text(withValue, {
        x: max,
        y: 'name',
        text: (d: AttainmentBar) => formatPercent(d.attainment!, { digits: 0 }),
        dx: compact ? 46 : 52,
        textAnchor: 'end',
        className: 'ab-label',
      }),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderAttainmentBars(bars: readonly AttainmentBar[], label: string, options: AttainmentBarsOptions = {}): string {
  return renderPlot(attainmentBars(bars, options), { label, className: `attainment-bars${options.compact ? ' compact' : ''}` });
}
