/**
 * GET /v1/forecasts end to end: monthly sales posted through the signed endpoint, recompute,
 * then forecasts from the snapshot's KPI rows. The series is a noise-free trend plus season, so
 * the continuation is known; `after` must use only the periods up to it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastSeries } from '../../shared/forecast/forecast.ts';
import { labelRange, shiftLabel } from '../../shared/period.ts';
import { makeSale, postEvents, read, recompute } from './helpers.ts';

const MONTHS = labelRange('2023-01', '2026-10');
/** Whole currency units, so each month's net revenue is exactly this. */
const truth = (t: number) => 10_000 + 100 * t + [0, 300, 900, 1200, 900, 300, 0, -300, -900, -1200, -900, -300][t % 12]!;

interface ForecastResponse {
  method: string;
  after: string;
  observations: number;
  accuracy: { mase: number; mape: number } | null;
  benchmark: { mase: number } | null;
  note: string | null;
  rows: { scope: string; id: string | null; grain: string; period: string; metric: string; forecast: number; lower: number; upper: number; level: number }[];
}

async function forecasts(query: string): Promise<ForecastResponse> {
  const response = await read(`/v1/forecasts?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

describe('GET /v1/forecasts', () => {
  beforeAll(async () => {
    const events = MONTHS.map((month, t) =>
      makeSale({ id: `fc_${month}`, occurred_at: `${month}-15T12:00:00Z`, data: { amount: String(truth(t)), team_id: 'team_a', customer_id: `c_${t % 7}` } }),
    );
    expect((await postEvents({ events })).status).toBe(200);
    expect((await recompute()).status).toBe(200);
  });

  it('forecasts the months after the last complete one, close to the known continuation, with accuracy against seasonal naive', async () => {
    const body = await forecasts('scope=company&grain=month&horizon=6');
    // The running month at as_of (today) is excluded; the data end in 2026-10.
    expect(body.after).toBe('2026-10');
    expect(body.observations).toBe(46);
    expect(body.method).toMatch(/^holt_winters/);
    expect(body.note).toBeNull();
    expect(body.accuracy!.mase).toBeLessThan(body.benchmark!.mase);
    expect(body.rows.map((r) => r.period)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
    body.rows.forEach((r, h) => {
      expect(r).toMatchObject({ scope: 'company', id: null, grain: 'month', metric: 'net_revenue', level: 0.8 });
      expect(Math.abs(r.forecast - truth(46 + h)) / truth(46 + h)).toBeLessThan(0.02);
      expect(r.lower).toBeLessThanOrEqual(r.forecast);
      expect(r.upper).toBeGreaterThanOrEqual(r.forecast);
    });
  });

  it('after=P uses only the periods up to P: the same as forecasting the truncated series', async () => {
    const body = await forecasts('scope=team&id=team_a&grain=month&horizon=3&after=2025-12');
    const expected = forecastSeries(MONTHS.slice(0, 36).map((_, t) => truth(t)), '2025-12', 'month', 3, shiftLabel)!;
    expect(body.after).toBe('2025-12');
    expect(body.method).toBe(expected.method);
    expect(body.rows.map((r) => [r.period, r.forecast, r.lower, r.upper])).toEqual(expected.points.map((p) => [p.period, p.forecast, p.lower, p.upper]));
    expect(body.rows[0]!.id).toBe('team_a');
  });

  it('quarters: 15 complete quarters, with the seasonal benchmark', async () => {
    const body = await forecasts('scope=company&grain=quarter&horizon=4');
    expect(body.after).toBe('2026-Q3');
    expect(body.observations).toBe(15);
    expect(body.rows.map((r) => r.period)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3']);
    expect(body.benchmark).not.toBeNull();
  });

  it('rejects bad parameters naming them, and unknown scopes', async () => {
    const cases: [string, number, string][] = [
      ['grain=month&horizon=3', 400, 'scope'],
      ['scope=team&grain=month&horizon=3', 400, 'id'],
      ['scope=company&grain=day&horizon=3', 400, 'grain'],
      ['scope=company&grain=month&horizon=0', 400, 'horizon'],
      ['scope=company&grain=month&horizon=25', 400, 'horizon'],
      ['scope=company&grain=month&horizon=3&after=2026-Q1', 400, 'after'],
      ['scope=company&grain=month&horizon=3&after=2099-01', 400, 'after'],
      ['scope=team&id=nobody&grain=month&horizon=3', 404, ''],
    ];
    for (const [query, status, parameter] of cases) {
      const response = await read(`/v1/forecasts?${query}`);
      expect(response.status, query).toBe(status);
      const problem = (await response.json()) as { detail: string; parameter?: string };
      if (parameter) expect(problem.parameter, query).toBe(parameter);
    }
    expect((await read('/v1/forecasts?scope=company&grain=month&horizon=3', 'wrong')).status).toBe(401);
  });
});
