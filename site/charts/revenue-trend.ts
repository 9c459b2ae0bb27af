/**
 * Monthly net revenue as bars, with the monthly revenue target as a line where one is set.
 */
import * as Plot from '@observablehq/plot';
import type { KpiRow } from '../../shared/snapshot.ts';
import { formatMoney, formatMoneyCompact, periodName } from '../data/format.ts';
import { monthParts, periodRange } from '../data/period.ts';
import { renderPlot } from './render.ts';

export interface RevenueTrendOptions {
  /** ISO 4217 code for the axis and tooltips. */
  currency: string;
  /** The months on the x axis, oldest first; default: every month from the first row to the last. */
  months?: readonly string[];
  /** A month still in progress (drawn lighter, and named "to date"). */
  partialMonth?: string | null;
  width?: number;
  height?: number;
  /** Narrow layout for phones (give it fewer months): smaller canvas, so type is bigger when scaled. */
  compact?: boolean;
}

/** One month of the chart: a missing row is a month with no activity (0 net revenue, no target). */
export interface RevenueTrendPoint {
  period: string;
  netRevenue: number;
  target: number | null;
  partial: boolean;
}

/**
 * The chart's data: one point per month of `months` (default: the rows' span).
 * Throws `invalid grain: week` unless every row is a month row.
 */
export function revenueTrendPoints(rows: readonly KpiRow[], options: Pick<RevenueTrendOptions, 'months' | 'partialMonth'> = {}): RevenueTrendPoint[] {
  for (const row of rows) {
    if (row.grain !== 'month') throw new Error(`invalid grain: ${row.grain} (the revenue trend is monthly)`);
  }
  const sorted = [...rows].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const months = options.months ?? (sorted.length ? periodRange(sorted[0]!.period, sorted.at(-1)!.period) : []);
  const byPeriod = new Map(sorted.map((row) => [row.period, row]));
  return months.map((period) => {
    const row = byPeriod.get(period);
    return {
      period,
      netRevenue: row?.net_revenue ?? 0,
      target: row?.target_revenue ?? null,
      partial: period === options.partialMonth,
    };
  });
}

/**
 * Plot options for monthly net revenue (bars) against the monthly target (line and dots).
 * Colours come from the page's CSS through the class names `rt-bar`, `rt-bar-partial`,
 * `rt-target`, so the chart follows light and dark mode.
 *
 * @example Plot.plot(revenueTrend(companyRows(snapshot, 'month'), { currency: 'USD' }))
 */
export function revenueTrend(rows: readonly KpiRow[], options: RevenueTrendOptions): Plot.PlotOptions {
  if (!options.currency) throw new Error('invalid currency: (empty)');
  const points = revenueTrendPoints(rows, options);
  const compact = options.compact ?? false;
  const money = (n: number): string => formatMoney(n, options.currency, { whole: true });
  const tip = (d: RevenueTrendPoint): string =>
    `${periodName(d.period)}${d.partial ? ' (to date)' : ''}\nNet revenue: ${money(d.netRevenue)}` +
    (d.target === null ? '' : `\nTarget: ${money(d.target)}`);

  return {
    width: options.width ?? (compact ? 360 : 960),
    height: options.height ?? (compact ? 260 : 320),
    marginLeft: compact ? 48 : 56,
    marginRight: 12,
    marginBottom: 40,
    style: { fontSize: compact ? '13px' : '12px' },
    x: {
      type: 'band',
      domain: points.map((d) => d.period),
      padding: 0.25,
      label: null,
      tickSize: 0,
      tickFormat: (period: string, i: number) => monthTick(period, i),
    },
    y: {
      grid: true,
      nice: true,
      zero: true,
      label: null,
      ticks: compact ? 4 : 5,
      tickSize: 0,
      tickFormat: (n: number) => formatMoneyCompact(n, options.currency),
    },
    marks: [
      Plot.barY(points, {
        filter: (d: RevenueTrendPoint) => !d.partial,
        x: 'period',
        y: 'netRevenue',
        className: 'rt-bar',
        title: tip,
      }),
      Plot.barY(points, {
        filter: (d: RevenueTrendPoint) => d.partial,
        x: 'period',
        y: 'netRevenue',
        className: 'rt-bar-partial',
        title: tip,
      }),
      Plot.ruleY([0], { className: 'rt-zero' }),
      Plot.lineY(points, { x: 'period', y: 'target', className: 'rt-target', strokeWidth: 2 }),
      Plot.dot(points, { x: 'period', y: 'target', className: 'rt-target', r: compact ? 3.5 : 3, fill: 'currentColor', title: tip }),
    ],
  };
}

/**
 * A sentence describing the chart, for its accessible name.
 *
 * @example 'Bar chart of net revenue by month, July 2026 to November 2026, with the monthly target as a line. Latest, November 2026 (to date): $49,500 against a target of $55,000.'
 */
export function describeRevenueTrend(points: readonly RevenueTrendPoint[], currency: string): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'Net revenue by month: no data.';
  const money = (n: number): string => formatMoney(n, currency, { whole: true });
  const hasTarget = points.some((d) => d.target !== null);
  return (
    `Bar chart of net revenue by month, ${periodName(first.period)} to ${periodName(last.period)}` +
    (hasTarget ? ', with the monthly target as a line. ' : '. ') +
    `Latest, ${periodName(last.period)}${last.partial ? ' (to date)' : ''}: ${money(last.netRevenue)}` +
    (last.target === null ? ', no target set.' : ` against a target of ${money(last.target)}.`)
  );
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderRevenueTrend(rows: readonly KpiRow[], options: RevenueTrendOptions): string {
  const points = revenueTrendPoints(rows, options);
  return renderPlot(revenueTrend(rows, options), {
    label: describeRevenueTrend(points, options.currency),
    className: `revenue-trend${options.compact ? ' revenue-trend-compact' : ''}`,
  });
}

/** "Jul", with the year under the first month and under every January. */
function monthTick(period: string, index: number): string {
  const { year, month } = monthParts(period);
  const name = periodName(period, 'short').slice(0, 3);
  return index === 0 || month === 1 ? `${name}\n${year}` : name;
}
