/**
 * A forecast for one series, chosen honestly: every candidate method is run in a rolling-origin
 * backtest (fit on the first T periods, forecast the next h, for each of the last origins), the
 * one with the lowest mean absolute error is used, and its backtest accuracy — MAPE, MASE
 * (against the in-sample seasonal-naive error) — is reported next to the seasonal-naive
 * benchmark's on the same origins. Short series fall back to simpler methods, and say why.
 *
 * Intervals: a model's textbook interval (±1.28 standard errors of its state-space form) assumes
 * the model is right; revenue series do not always oblige. So when the backtest errors, measured
 * in the model's standard errors, have an 80th percentile above 1.28, the interval is widened to
 * it (never narrowed: a few dozen backtest errors are too few to trust a narrower one), and
 * `coverage` reports how often the newer half of the backtest fell inside intervals calibrated
 * on the older half only: an out-of-sample check of the promise "80%".
 */
import { forecaster, minimumLength, type MethodName } from './models.ts';

export type ForecastGrain = 'week' | 'month' | 'quarter';

/** Season length per grain. */
export const SEASON: Record<ForecastGrain, number> = { week: 52, month: 12, quarter: 4 };
/** Backtest origins per grain (at most): half a year of weeks, a year of months, two years of quarters. */
const MAX_ORIGINS: Record<ForecastGrain, number> = { week: 26, month: 12, quarter: 8 };
const MIN_ORIGINS = 3;
/** Simplest first: on equal error, the simpler method wins. */
const CANDIDATES: MethodName[] = ['naive', 'seasonal_naive', 'ses', 'holt', 'holt_winters', 'holt_winters_log'];
/** z of the central 80% of a normal distribution: the width used until a backtest can calibrate it. */
const Z80 = 1.2815515655446004;
/** Backtest forecasts needed before the interval width is calibrated on them. */
const MIN_CALIBRATION = 20;

export interface Accuracy {
  method: MethodName;
  /** Backtest origins and (origin, horizon) forecasts scored. */
  origins: number;
  forecasts: number;
  /** Mean absolute percentage error, in percent, over actuals that are not 0; null when all are 0. */
  mape: number | null;
  /** Mean absolute error / in-sample mean absolute seasonal-naive error; null when that is 0. */
  mase: number | null;
}

export interface ForecastPoint {
  period: string;
  forecast: number;
  lower: number;
  upper: number;
}

export interface SeriesForecast {
  method: MethodName;
  parameters: Record<string, number>;
  /** Periods of history used (up to and including the last one). */
  observations: number;
  /** The chosen method's backtest accuracy (null when the series is too short to backtest). */
  accuracy: Accuracy | null;
  /** The seasonal-naive benchmark's accuracy on the same origins (null when it cannot run). */
  benchmark: Accuracy | null;
  /** Interval width in standard errors and how it was found. */
  interval: { z: number; calibrated: boolean; coverage: number | null };
  /** Why a simpler method had to be used, in words; null when every method could compete. */
  note: string | null;
  level: 0.8;
  points: ForecastPoint[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The q-quantile (0..1) of values, by linear interpolation. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** In-sample MAE of the seasonal naive method (naive when the series is not longer than a season). */
function maseScale(y: readonly number[], m: number): number {
  const lag = y.length > m ? m : 1;
  let sum = 0;
  for (let t = lag; t < y.length; t++) sum += Math.abs(y[t]! - y[t - lag]!);
  return y.length > lag ? sum / (y.length - lag) : 0;
}

interface Backtest extends Accuracy {
  mae: number;
  /** Per origin (oldest first): |error| in model standard errors, for each horizon scored. */
  standardized: number[][];
}

function backtest(method: MethodName, y: readonly number[], m: number, firstOrigin: number, horizon: number, scale: number): Backtest {
  let absSum = 0;
  let pctSum = 0;
  let pctCount = 0;
  let count = 0;
  const standardized: number[][] = [];
  for (let t = firstOrigin; t < y.length; t++) {
    const h = Math.min(horizon, y.length - t);
    // At z = 1 the bounds are one standard error away (in the model's own scale).
    const predictions = forecaster(method, y.slice(0, t), m).predict(h, 1);
    const row: number[] = [];
    predictions.forEach(({ point, lower, upper }, i) => {
      const actual = y[t + i]!;
      const e = actual - point;
      absSum += Math.abs(e);
      if (actual !== 0) {
        pctSum += Math.abs(e / actual);
        pctCount++;
      }
      count++;
      row.push(standardError(method, actual, point, lower, upper));
    });
    standardized.push(row);
  }
  const mae = absSum / count;
  return {
    method,
    origins: y.length - firstOrigin,
    forecasts: count,
    mape: pctCount ? round4((100 * pctSum) / pctCount) : null,
    mase: scale > 0 ? round4(mae / scale) : null,
    mae,
    standardized,
  };
}

/** |actual − point| in standard errors, measured on the side the actual fell (log scale for the log model). */
function standardError(method: MethodName, actual: number, point: number, lower: number, upper: number): number {
  if (method === 'holt_winters_log') {
    if (actual <= 0) return Infinity;
    const se = Math.log(upper) - Math.log(point);
    return se > 0 ? Math.abs(Math.log(actual) - Math.log(point)) / se : Infinity;
  }
  const se = actual >= point ? upper - point : point - lower;
  return se > 0 ? Math.abs(actual - point) / se : actual === point ? 0 : Infinity;
}

/** The calibrated z and the out-of-sample coverage (newer half of the origins, z from the older half). */
function calibrate(standardized: number[][]): { z: number; calibrated: boolean; coverage: number | null } {
  const all = standardized.flat();
  if (all.length < MIN_CALIBRATION) return { z: Z80, calibrated: false, coverage: null };
  const half = Math.floor(standardized.length / 2);
  const older = standardized.slice(0, half).flat();
  const newer = standardized.slice(half).flat();
  const zOlder = older.length ? Math.max(Z80, quantile(older, 0.8)) : Z80;
  const coverage = newer.length ? newer.filter((s) => s <= zOlder).length / newer.length : null;
  const z = quantile(all, 0.8);
  // Widen only: a backtest of a few dozen errors is too small to trust a narrower interval than the model's.
  return { z: Math.max(Z80, z), calibrated: z > Z80, coverage: coverage === null ? null : round4(coverage) };
}

/**
 * Forecasts `horizon` periods after the last of `values`, whose last period is `lastPeriod`;
 * `shift(label, k)` gives the label k periods on. Null with fewer than 2 values.
 */
export function forecastSeries(
  values: readonly number[],
  lastPeriod: string,
  grain: ForecastGrain,
  horizon: number,
  shift: (label: string, k: number) => string,
): SeriesForecast | null {
  const y = values;
  const n = y.length;
  if (n < 2 || horizon < 1) return null;
  const m = SEASON[grain];
  const scale = maseScale(y, m);
  const positive = y.every((v) => v > 0);
  const eligible = CANDIDATES.filter((method) => minimumLength(method, m) <= n - MIN_ORIGINS && (method !== 'holt_winters_log' || positive));
  const notes: string[] = [];
  let chosen: MethodName;
  let accuracy: Backtest | null = null;
  let benchmark: Backtest | null = null;
  if (eligible.length === 0) {
    chosen = n > m ? 'seasonal_naive' : 'naive';
    notes.push(`only ${n} ${grain}s of history: too short to backtest, so the ${chosen === 'naive' ? 'last value is' : 'same period last season is'} carried forward`);
  } else {
    // Every candidate is scored on the same origins: those the most demanding one can start from.
    const firstOrigin = Math.max(n - MAX_ORIGINS[grain], ...eligible.map((method) => minimumLength(method, m)));
    const scored = eligible.map((method) => backtest(method, y, m, firstOrigin, horizon, scale));
    accuracy = scored.reduce((best, a) => (a.mae < best.mae ? a : best));
    chosen = accuracy.method;
    benchmark = scored.find((a) => a.method === 'seasonal_naive') ?? null;
    if (!eligible.includes('holt_winters')) {
      notes.push(`${n} ${grain}s of history: a seasonal model needs ${minimumLength('holt_winters', m) + MIN_ORIGINS} to be fitted and backtested, so it was not a candidate`);
    }
    if (!benchmark) notes.push(`the seasonal-naive benchmark needs at least ${minimumLength('seasonal_naive', m) + MIN_ORIGINS} ${grain}s`);
  }
  const interval = accuracy ? calibrate(accuracy.standardized) : { z: Z80, calibrated: false, coverage: null };
  const neverNegative = y.every((v) => v >= 0);
  const floor = (x: number) => (neverNegative ? Math.max(0, x) : x);
  const model = forecaster(chosen, y, m);
  const points = model.predict(horizon, interval.z).map(({ point, lower, upper }, i) => ({
    period: shift(lastPeriod, i + 1),
    forecast: round4(floor(point)),
    lower: round4(floor(lower)),
    upper: round4(floor(upper)),
  }));
  const publish = (b: Backtest | null): Accuracy | null => (b ? { method: b.method, origins: b.origins, forecasts: b.forecasts, mape: b.mape, mase: b.mase } : null);
  return {
    method: chosen,
    parameters: model.parameters,
    observations: n,
    accuracy: publish(accuracy),
    benchmark: publish(benchmark),
    // Reported to 4 decimals either way (computed with every digit).
    interval: { ...interval, z: round4(interval.z) },
    note: notes.join('; ') || null,
    level: 0.8,
    points,
  };
}
