/**
 * Forecasting models in the exponential-smoothing family (Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", ch. 8), written out because no well-kept JavaScript library offers
 * them: naive, seasonal naive, simple exponential smoothing ETS(A,N,N), Holt's linear trend
 * ETS(A,A,N) and additive Holt-Winters ETS(A,A,A). Each fit returns point forecasts and the
 * h-step variance multipliers of its state-space form, so prediction intervals follow from the
 * one-step residual variance: Var(h) = σ² · v(h).
 *
 * Parameters are chosen by a grid search minimising the one-step sum of squared errors (a grid,
 * not an optimiser: deterministic, bounded time, and good enough at the precision revenue has).
 */

export type MethodName = 'naive' | 'seasonal_naive' | 'ses' | 'holt' | 'holt_winters' | 'holt_winters_log';

export interface Fit {
  method: MethodName;
  /** Point forecasts for h = 1..horizon. */
  forecast(horizon: number): number[];
  /** σ²: mean squared one-step residual. */
  sigma2: number;
  /** v(h) for h = 1..horizon: Var(error at h) = σ² · v(h). */
  varianceMultipliers(horizon: number): number[];
  /** The smoothing parameters chosen (empty for the naive methods). */
  parameters: Record<string, number>;
}

/** The fewest observations each method is fitted on, for season length m. */
export function minimumLength(method: MethodName, m: number): number {
  switch (method) {
    case 'naive':
      return 2;
    case 'seasonal_naive':
      return m + 1;
    case 'ses':
      return 4;
    case 'holt':
      return 6;
    case 'holt_winters':
    case 'holt_winters_log':
      return 2 * m + 2;
  }
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function fitNaive(y: readonly number[]): Fit {
  const last = y.at(-1)!;
  let sse = 0;
  for (let t = 1; t < y.length; t++) sse += (y[t]! - y[t - 1]!) ** 2;
  return {
    method: 'naive',
    forecast: (h) => Array.from({ length: h }, () => last),
    sigma2: sse / Math.max(1, y.length - 1),
    varianceMultipliers: (h) => Array.from({ length: h }, (_, i) => i + 1),
    parameters: {},
  };
}

export function fitSeasonalNaive(y: readonly number[], m: number): Fit {
  const n = y.length;
  let sse = 0;
  for (let t = m; t < n; t++) sse += (y[t]! - y[t - m]!) ** 2;
  return {
    method: 'seasonal_naive',
    forecast: (h) => Array.from({ length: h }, (_, i) => y[n - m + (i % m)]!),
    sigma2: sse / Math.max(1, n - m),
    varianceMultipliers: (h) => Array.from({ length: h }, (_, i) => Math.floor(i / m) + 1),
    parameters: {},
  };
}

interface EtsState {
  level: number;
  trend: number;
  /** The last m seasonal states, oldest first (empty without a season). */
  season: number[];
}

/**
 * Runs ETS with additive errors over y from an initial state; returns the final state and the
 * one-step SSE. trend / season are off when their gains are null.
 */
function runEts(y: readonly number[], start: number, init: EtsState, alpha: number, beta: number | null, gamma: number | null): { state: EtsState; sse: number } {
  let { level, trend } = init;
  const season = [...init.season];
  const m = season.length;
  let sse = 0;
  for (let t = start; t < y.length; t++) {
    const s = gamma === null ? 0 : season[(t - start) % m]!;
    const predicted = level + (beta === null ? 0 : trend) + s;
    const e = y[t]! - predicted;
    sse += e * e;
    level = level + (beta === null ? 0 : trend) + alpha * e;
    if (beta !== null) trend = trend + beta * e;
    if (gamma !== null) season[(t - start) % m] = s + gamma * e;
  }
  // Rotate so season[0] is the state of the next period.
  const offset = m ? (y.length - start) % m : 0;
  return { state: { level, trend, season: m ? [...season.slice(offset), ...season.slice(0, offset)] : [] }, sse };
}

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];
const BETAS = [0.01, 0.02, 0.05, 0.1, 0.2];
const GAMMAS = [0, 0.05, 0.1, 0.2, 0.3, 0.5];

function etsFit(
  method: 'ses' | 'holt' | 'holt_winters',
  y: readonly number[],
  m: number,
): Fit {
  const seasonal = method === 'holt_winters';
  const trended = method !== 'ses';
  let init: EtsState;
  let start: number;
  if (seasonal) {
    // Classical start: the first two seasons give level, trend and seasonal indices.
    const first = mean(y.slice(0, m));
    const second = mean(y.slice(m, 2 * m));
    const trend = (second - first) / m;
    // The first season's mean sits at its middle; level and trend describe its end.
    init = { level: first + ((m - 1) / 2) * trend, trend, season: y.slice(0, m).map((v, i) => v - (first + (i - (m - 1) / 2) * trend)) };
    start = m;
  } else {
    init = trended ? { level: y[1]!, trend: y[1]! - y[0]!, season: [] } : { level: y[0]!, trend: 0, season: [] };
    start = trended ? 2 : 1;
  }
  let best: { sse: number; state: EtsState; alpha: number; beta: number | null; gamma: number | null } | null = null;
  for (const alpha of ALPHAS) {
    for (const betaRaw of trended ? BETAS : [null]) {
      const beta = betaRaw === null ? null : betaRaw * alpha;
      for (const gamma of seasonal ? GAMMAS.filter((g) => g <= 1 - alpha) : [null]) {
        const { state, sse } = runEts(y, start, init, alpha, beta, gamma);
        if (!best || sse < best.sse) best = { sse, state, alpha, beta, gamma };
      }
    }
  }
  const { state, alpha, beta, gamma, sse } = best!;
  const residuals = y.length - start;
  return {
    method,
    forecast: (h) =>
      Array.from({ length: h }, (_, i) => state.level + (beta === null ? 0 : (i + 1) * state.trend) + (gamma === null ? 0 : state.season[i % m]!)),
    sigma2: sse / Math.max(1, residuals),
    // Var(h) = σ² (1 + Σ_{j<h} c_j²), c_j = α + jβ + γ·[j ≡ 0 mod m] (FPP3 table 8.8).
    varianceMultipliers: (h) => {
      const out: number[] = [];
      let sum = 1;
      for (let i = 1; i <= h; i++) {
        out.push(sum);
        const c = alpha + i * (beta ?? 0) + (gamma !== null && i % m === 0 ? gamma : 0);
        sum += c * c;
      }
      return out;
    },
    parameters: { alpha, ...(beta === null ? {} : { beta: Math.round(beta * 1e4) / 1e4 }), ...(gamma === null ? {} : { gamma }) },
  };
}

/** Fits `method` to y (season length m); the caller checks `minimumLength` first. */
export function fit(method: Exclude<MethodName, 'holt_winters_log'>, y: readonly number[], m: number): Fit {
  switch (method) {
    case 'naive':
      return fitNaive(y);
    case 'seasonal_naive':
      return fitSeasonalNaive(y, m);
    default:
      return etsFit(method, y, m);
  }
}

/** A forecast with its central interval for a given z (the interval's half-width in σ units). */
export interface Forecaster {
  method: MethodName;
  parameters: Record<string, number>;
  /** Point forecasts and bounds for h = 1..horizon at z standard errors. */
  predict(horizon: number, z: number): { point: number; lower: number; upper: number }[];
}

/**
 * Fits a method and returns its forecaster. `holt_winters_log` is Holt-Winters on ln(y) for
 * seasonality that grows with the level (multiplicative); its forecasts are exp of the log
 * forecasts (medians) and its intervals exp of the log intervals. Needs y > 0.
 */
export function forecaster(method: MethodName, y: readonly number[], m: number): Forecaster {
  const log = method === 'holt_winters_log';
  const model = fit(log ? 'holt_winters' : method, log ? y.map(Math.log) : y, m);
  const back = log ? Math.exp : (x: number) => x;
  return {
    method,
    parameters: model.parameters,
    predict(horizon, z) {
      const points = model.forecast(horizon);
      const v = model.varianceMultipliers(horizon);
      return points.map((p, i) => {
        const half = z * Math.sqrt(model.sigma2 * v[i]!);
        return { point: back(p), lower: back(p - half), upper: back(p + half) };
      });
    },
  };
}
