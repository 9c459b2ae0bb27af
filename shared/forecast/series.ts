/**
 * The net-revenue series a forecast is fitted on: from a scope's KPI rows of one grain, every
 * period from its first row to `after` inclusive, a period without a row counting as 0 (no
 * sales and no refunds credited to the scope).
 */
import { labelRange } from '../period.ts';

export function netRevenueSeries(rows: readonly { period: string; net_revenue: number }[], after: string): number[] {
  const byPeriod = new Map(rows.map((r) => [r.period, r.net_revenue]));
  const first = rows.reduce<string | null>((min, r) => (min === null || r.period < min ? r.period : min), null);
  if (first === null || first > after) return [];
  return labelRange(first, after).map((p) => byPeriod.get(p) ?? 0);
}

/** The default `after`: the last period before the running one (at as_of) that has a row. */
export function lastCompletePeriod(rows: readonly { period: string }[], runningPeriod: string): string | null {
  let last: string | null = null;
  for (const r of rows) if (r.period < runningPeriod && (last === null || r.period > last)) last = r.period;
  return last;
}
