/**
 * `GET /v1/forecasts` (bearer READ_TOKEN): net-revenue forecasts for the company or a team from
 * the latest snapshot's KPI rows, using only periods up to `after` — so a forecast made "as of"
 * a past period can be checked against what happened.
 */
import { Hono } from 'hono';
import { SEASON, type Accuracy, type ForecastGrain, type SeriesForecast } from '../../shared/forecast/forecast.ts';
import { forecastScope, lastCompletePeriod } from '../../shared/forecast/series.ts';
import { parseJsonExact, ExactNumber } from '../../shared/json/exact-number.ts';
import { grainOfLabel, periodLabels } from '../../shared/period.ts';
import { requireBearer } from '../auth/bearer.ts';
import { latestSnapshot, readSeries } from '../db/snapshots.ts';
import type { Env } from '../env.ts';
import { badParameter, ProblemError } from '../problem.ts';

export const forecastRoutes = new Hono<{ Bindings: Env }>();
forecastRoutes.use('*', requireBearer('READ_TOKEN'));

const GRAINS: ForecastGrain[] = ['week', 'month', 'quarter'];

/** One forecast period (api.md). */
export interface ForecastRow {
  scope: 'company' | 'team';
  id: string | null;
  grain: ForecastGrain;
  period: string;
  metric: 'net_revenue';
  forecast: number;
  lower: number;
  upper: number;
  level: 0.8;
}

/** 200 of GET /v1/forecasts: api.md's fields, plus how the method was chosen and how accurate it has been. */
export interface ForecastsResponse {
  as_of: string;
  snapshot_id: string;
  method: SeriesForecast['method'];
  /** The last period whose figures were used. */
  after: string;
  parameters: Record<string, number>;
  observations: number;
  accuracy: Accuracy | null;
  benchmark: Accuracy | null;
  interval: SeriesForecast['interval'];
  note: string | null;
  rows: ForecastRow[];
}

forecastRoutes.get('/', async (c) => {
  const scope = c.req.query('scope');
  const id = c.req.query('id');
  const grain = c.req.query('grain') as ForecastGrain | undefined;
  const horizonText = c.req.query('horizon');
  const after = c.req.query('after');
  if (scope !== 'company' && scope !== 'team') throw badParameter('scope', 'is required: company or team');
  if (scope === 'team' && !id) throw badParameter('id', 'is required for scope=team (a team_id)');
  if (!grain || !GRAINS.includes(grain)) throw badParameter('grain', `is required: one of ${GRAINS.join(', ')}`);
  const maxHorizon = 2 * SEASON[grain];
  const horizon = Number(horizonText);
  if (horizonText === undefined || !Number.isInteger(horizon) || horizon < 1 || horizon > maxHorizon) {
    throw badParameter('horizon', `is required: a whole number from 1 to ${maxHorizon} (${grain}s)`);
  }
  if (after !== undefined && grainOfLabel(after) !== grain) throw badParameter('after', `must be a ${grain} period label, got "${after}"`);

  const snapshot = await latestSnapshot(c.env.DB);
  if (!snapshot) throw new ProblemError(404, 'Not found', 'no snapshot yet: run a recompute (cron or POST /v1/admin/recompute)', 'no-snapshot');
  const [series] = await readSeries(c.env.DB, snapshot.partsId, { scope, grain, scopeId: scope === 'company' ? '' : id! });
  const rows = series
    ? (parseJsonExact(series.rowsJson) as { period: string; net_revenue: number | ExactNumber }[]).map((r) => ({
        period: r.period,
        net_revenue: r.net_revenue instanceof ExactNumber ? Number(r.net_revenue.text) : r.net_revenue,
      }))
    : [];
  if (rows.length === 0) throw new ProblemError(404, 'Not found', `no ${grain} figures for ${scope === 'company' ? 'the company' : `team ${id}`}`, 'not-found');
  const running = periodLabels(Date.parse(snapshot.asOf), snapshot.timezone)[grain];
  if (after !== undefined && after >= running) throw badParameter('after', `must be a ${grain} that has ended: before ${running}, the one running at as_of`);
  const origin = after ?? lastCompletePeriod(rows, running);
  if (origin === null) throw new ProblemError(404, 'Not found', `no complete ${grain} with figures before ${running}`, 'not-found');
  const made = forecastScope(rows, grain, running, horizon, origin);
  if (!made) throw new ProblemError(422, 'Too little history', `a forecast needs at least 2 ${grain}s of figures up to ${origin}`, 'too-little-history', { after: origin });
  const result = made.forecast;
  return c.json({
    as_of: snapshot.asOf,
    snapshot_id: snapshot.snapshotId,
    method: result.method,
    after: origin,
    parameters: result.parameters,
    observations: result.observations,
    accuracy: result.accuracy,
    benchmark: result.benchmark,
    interval: result.interval,
    note: result.note,
    rows: result.points.map((p): ForecastRow => ({
      scope,
      id: scope === 'company' ? null : id!,
      grain,
      period: p.period,
      metric: 'net_revenue',
      forecast: p.forecast,
      lower: p.lower,
      upper: p.upper,
      level: 0.8,
    })),
  } satisfies ForecastsResponse);
});
