/**
 * Net-revenue forecasts for the pages: the company's and each team's, at week, month and
 * quarter, made exactly as `GET /v1/forecasts` makes them (`shared/forecast/series.ts`): history
 * up to the last complete period with figures before the one running at as_of, the method
 * chosen by a rolling-origin backtest against seasonal naive, 80% intervals widened when the
 * backtest shows them too narrow. This module only picks the series, names things for people and
 * shapes tables. Pure; each forecast is made once per snapshot (the forecasts page, the
 * dashboard, the team pages and the call-outs all read the same one).
 */
import { type Accuracy, type ForecastGrain, type ForecastPoint, type SeriesForecast } from '../../shared/forecast/forecast.ts';
import type { MethodName } from '../../shared/forecast/models.ts';
import { forecastScope } from '../../shared/forecast/series.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import { formatMoney, formatPercent, periodName } from './format.ts';
import { findRow, seriesRows } from './kpi-rows.ts';
import { findPacing } from './lookups.ts';
import { currentPeriod, periodRange, shiftPeriod } from './period.ts';
import { monthTarget } from './week-target.ts';

/** How far ahead each grain is forecast: a quarter of weeks, half a year of months, a year of quarters. */
export const FORECAST_HORIZON: Record<ForecastGrain, number> = { week: 13, month: 6, quarter: 4 };
/** The grains in the order the pages offer them (months first: the grain targets are set in). */
export const FORECAST_GRAINS: readonly ForecastGrain[] = ['month', 'week', 'quarter'];

export interface ScopeForecast {
  scope: 'company' | 'team';
  id: string | null;
  grain: ForecastGrain;
  /** The period running at as_of (the forecast's first period when the last complete one has figures). */
  running: string;
  /** The last period whose figures were used; null when there is no complete period with figures. */
  after: string | null;
  /** The series the forecast was fitted on: every period from the first with figures to `after`. */
  history: { period: string; value: number }[];
  /** The running period's net revenue so far (0 without a row). */
  runningToDate: number;
  forecast: SeriesForecast | null;
  /** Why there is no forecast, in words; null when there is one. */
  missing: string | null;
}

const GRAIN_PLURAL: Record<ForecastGrain, string> = { week: 'weeks', month: 'months', quarter: 'quarters' };

const caches = new WeakMap<Snapshot, Map<string, ScopeForecast>>();

/**
 * The forecast of a scope's net revenue at a grain, `FORECAST_HORIZON[grain]` periods ahead.
 * Made once per (snapshot, scope, id, grain); the result is shared: callers must not change it.
 *
 * @example scopeForecast(snapshot, 'company', null, 'month').forecast?.points[0]
 * // { period: '2026-11', forecast: 44000, lower: 37898.5…, upper: 50101.4… }
 */
export function scopeForecast(snapshot: Snapshot, scope: 'company' | 'team', id: string | null, grain: ForecastGrain): ScopeForecast {
  let cache = caches.get(snapshot);
  if (!cache) {
    cache = new Map();
    caches.set(snapshot, cache);
  }
  const key = `${scope}\u0000${id ?? ''}\u0000${grain}`;
  let made = cache.get(key);
  if (!made) {
    made = makeForecast(snapshot, scope, scope === 'company' ? null : id, grain);
    cache.set(key, made);
  }
  return made;
}

function makeForecast(snapshot: Snapshot, scope: 'company' | 'team', id: string | null, grain: ForecastGrain): ScopeForecast {
  const rows = seriesRows(snapshot, scope, id, grain);
  const running = currentPeriod(snapshot.as_of, snapshot.timezone, grain);
  const runningToDate = findRow(snapshot, scope, id, grain, running)?.net_revenue ?? 0;
  const made = forecastScope(rows, grain, running, FORECAST_HORIZON[grain]);
  const base = { scope, id, grain, running, runningToDate };
  if (!made) {
    const complete = rows.filter((r) => r.period < running);
    const missing =
      rows.length === 0
        ? `no ${grain} with figures yet`
        : complete.length === 0
          ? `no complete ${grain} with figures yet (the first ${grain} still runs)`
          : `only 1 complete ${grain} of figures: a forecast needs at least 2`;
    const after = complete.at(-1)?.period ?? null;
    return { ...base, after, history: complete.map((r) => ({ period: r.period, value: r.net_revenue })), forecast: null, missing };
  }
  const byPeriod = new Map(rows.map((r) => [r.period, r.net_revenue]));
  const first = rows[0]!.period;
  const history = periodRange(first, made.after).map((period) => ({ period, value: byPeriod.get(period) ?? 0 }));
  return { ...base, after: made.after, history, forecast: made.forecast, missing: null };
}

/** The forecast point for `period`, or undefined when the forecast does not reach it. */
export function pointFor(f: ScopeForecast, period: string): ForecastPoint | undefined {
  return f.forecast?.points.find((p) => p.period === period);
}

const METHODS: Record<MethodName, { name: string; what: string }> = {
  naive: { name: 'Naive', what: 'every period ahead is the last one' },
  seasonal_naive: { name: 'Seasonal naive', what: 'each period ahead is the same period a year earlier' },
  ses: { name: 'Simple exponential smoothing', what: 'a level that follows the recent periods, without trend or season' },
  holt: { name: "Holt's linear trend", what: 'a level and a trend' },
  holt_winters: { name: 'Holt-Winters', what: 'a level, a trend and a yearly season' },
  holt_winters_log: { name: 'Holt-Winters, multiplicative', what: 'a level, a trend and a yearly season that grows with the level (fitted on logarithms)' },
};

/** @example methodName('holt_winters') // 'Holt-Winters' */
export const methodName = (method: MethodName): string => METHODS[method].name;
/** @example methodWhat('holt') // 'a level and a trend' */
export const methodWhat = (method: MethodName): string => METHODS[method].what;

/** The first letter in capitals. */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * Why the method was used, in words: the series' note when it was too short for some methods,
 * else the backtest that chose it.
 *
 * @example methodReason(f) // 'Lowest mean absolute error of the candidates in the backtest: 15 forecasts of June 2026 to October 2026, each made from the months before it.'
 */
export function methodReason(f: ScopeForecast): string {
  const s = f.forecast;
  if (!s) return '';
  const parts: string[] = [];
  if (s.accuracy && f.after) {
    const last = f.after;
    const first = shiftPeriod(last, -(s.accuracy.origins - 1));
    const span = s.accuracy.origins === 1 ? periodName(last) : `${periodName(first)} to ${periodName(last)}`;
    parts.push(
      `Lowest mean absolute error of the candidate methods in the backtest: ${s.accuracy.forecasts} forecasts of ${span}, ` +
        `each made only from the ${GRAIN_PLURAL[f.grain]} before it, up to ${FORECAST_HORIZON[f.grain]} ahead.`,
    );
  }
  if (s.note) parts.push(`${sentence(s.note)}.`);
  return parts.join(' ');
}

const decimal = (x: number, digits = 2): string => x.toFixed(digits);

/**
 * The backtest's accuracy in words: MAPE, MASE and seasonal naive's MASE on the same origins.
 *
 * @example accuracyText(f) // 'MAPE 8.5%, MASE 0.53; seasonal naive on the same forecasts: MASE 0.87.'
 */
export function accuracyText(f: ScopeForecast): string {
  const s = f.forecast;
  if (!s || !s.accuracy) return 'Not measured: the history is too short for a backtest.';
  const a = s.accuracy;
  const mape = a.mape === null ? 'MAPE undefined (every actual was 0)' : `MAPE ${decimal(a.mape, 1)}%`;
  const mase = a.mase === null ? 'MASE undefined' : `MASE ${decimal(a.mase)}`;
  const bench = benchmarkText(s.benchmark, a);
  return `${mape}, ${mase}; ${bench}`;
}

function benchmarkText(b: Accuracy | null, a: Accuracy): string {
  if (!b) return 'seasonal naive could not be run on this history.';
  if (b.method === a.method) return 'the chosen method is seasonal naive itself.';
  return `seasonal naive on the same forecasts: ${b.mase === null ? 'MASE undefined' : `MASE ${decimal(b.mase)}`}.`;
}

/**
 * How wide the 80% range is and how it was found, in words.
 *
 * @example intervalText(f) // 'Widened to ±1.52 standard errors (the textbook 80% width is ±1.28): in the backtest, 80% of errors were within 1.52.'
 */
export function intervalText(f: ScopeForecast): string {
  const s = f.forecast;
  if (!s) return '';
  const z = decimal(s.interval.z);
  if (s.interval.calibrated) {
    return `Widened to ±${z} standard errors (the model's own 80% width is ±1.28): in the backtest, 80% of the errors were within ${z}.`;
  }
  if (!s.accuracy) return "The model's own 80% width, ±1.28 standard errors: without a backtest it cannot be checked.";
  if (s.accuracy.forecasts < 20) {
    return `The model's own 80% width, ±1.28 standard errors: ${s.accuracy.forecasts} backtest forecasts are too few to check it (20 are needed).`;
  }
  return `The model's own 80% width, ±1.28 standard errors: the backtest did not show it too narrow.`;
}

/**
 * The out-of-sample check of the 80% promise, in words.
 *
 * @example coverageText(f) // '87% of the newer half of the backtest fell inside ranges set on the older half (the promise: 80%).'
 */
export function coverageText(f: ScopeForecast): string {
  const c = f.forecast?.interval.coverage ?? null;
  if (f.forecast && !f.forecast.accuracy) return 'Not checked: the history is too short for a backtest.';
  if (c === null) return 'Not checked: too few backtest forecasts.';
  return `${formatPercent(c, { digits: 0 })} of the newer half of the backtest fell inside ranges set on the older half alone (the promise: 80%).`;
}

/** A forecast's range in money: `$37,899–$50,101`. */
export function rangeText(p: Pick<ForecastPoint, 'lower' | 'upper'>, currency: string): string {
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  return `${money(p.lower)}–${money(p.upper)}`;
}

export interface PeriodProjection {
  scope: 'company' | 'team';
  id: string | null;
  grain: 'month' | 'quarter';
  /** The period running at as_of. */
  period: string;
  netRevenueToDate: number;
  /** The period's revenue target; null when none is set. */
  target: number | null;
  /** From pace: the snapshot's pacing row (to date ÷ the share expected by now); null without one. */
  pace: {
    method: 'elapsed_days' | 'last_year_profile';
    expectedFraction: number;
    elapsedDays: number;
    totalDays: number;
    projected: number | null;
    attainment: number | null;
  } | null;
  /** From the forecast made with the complete periods only (this period's sales so far are not used). */
  forecast: {
    after: string;
    method: MethodName;
    point: number;
    lower: number;
    upper: number;
    /** point, lower and upper ÷ target; null without a (positive) target. */
    attainment: { point: number; lower: number; upper: number } | null;
  } | null;
  /** Why there is no forecast for the period, in words. */
  forecastMissing: string | null;
}

/**
 * Where the running month or quarter ends, two ways: at the pace so far (the pacing row) and by
 * the forecast made from the complete periods before it.
 *
 * @example periodProjection(snapshot, 'company', null, 'month').forecast?.point // 44000
 */
export function periodProjection(snapshot: Snapshot, scope: 'company' | 'team', id: string | null, grain: 'month' | 'quarter'): PeriodProjection {
  const f = scopeForecast(snapshot, scope, id, grain);
  const period = f.running;
  const pacing = findPacing(snapshot, scope, id, grain, period);
  const row = findRow(snapshot, scope, id, grain, period);
  const target =
    pacing?.target_revenue ?? row?.target_revenue ?? (grain === 'month' ? monthTarget(snapshot, scope, id, period) : null);
  const point = pointFor(f, period);
  const share = (x: number) => (target !== null && target > 0 ? x / target : null);
  let forecastMissing: string | null = null;
  if (!f.forecast) forecastMissing = `No forecast: ${f.missing}.`;
  else if (!point) forecastMissing = `No forecast for ${periodName(period)}: the last ${grain} with figures, ${periodName(f.after!)}, is too far back.`;
  return {
    scope,
    id,
    grain,
    period,
    netRevenueToDate: pacing?.net_revenue_to_date ?? row?.net_revenue ?? 0,
    target,
    pace: pacing
      ? {
          method: pacing.method,
          expectedFraction: pacing.expected_fraction,
          elapsedDays: pacing.elapsed_days,
          totalDays: pacing.total_days,
          projected: pacing.projected_net_revenue,
          attainment: pacing.projected_attainment,
        }
      : null,
    forecast:
      point && f.forecast && f.after
        ? {
            after: f.after,
            method: f.forecast.method,
            point: point.forecast,
            lower: point.lower,
            upper: point.upper,
            attainment: target !== null && target > 0 ? { point: share(point.forecast)!, lower: share(point.lower)!, upper: share(point.upper)! } : null,
          }
        : null,
    forecastMissing,
  };
}
