/**
 * The net-revenue series a forecast is fitted on: from a scope's KPI rows of one grain, every
 * period from its first row to `after` inclusive, a period without a row counting as 0 (no
 * sales and no refunds credited to the scope).
 */
import { labelRange, shiftLabel } from '../period.ts';
import { forecastSeries, type ForecastGrain, type SeriesForecast } from './forecast.ts';

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

/**
 * The forecast of one scope's net revenue at a grain, as `GET /v1/forecasts` and the site make
 * it: history up to `after` (default: the last complete period with figures before the one
 * running at as_of), `horizon` periods ahead. Null when there is no complete period or fewer
 * than 2 periods of history.
 */
export function forecastScope(
  rows: readonly { period: string; net_revenue: number }[],
  grain: ForecastGrain,
  runningPeriod: string,
  horizon: number,
  after?: string,
): { after: string; forecast: SeriesForecast } | null {
  const origin = after ?? lastCompletePeriod(rows, runningPeriod);
  if (origin === null) return null;
  const forecast = forecastSeries(netRevenueSeries(rows, origin), origin, grain, horizon, shiftLabel);
  return forecast ? { after: origin, forecast } : null;
}
