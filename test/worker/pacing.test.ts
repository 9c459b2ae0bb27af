/**
 * Pacing in the Worker's recompute: it sums net revenue over the pacing days in SQL
 * (paceSumsFromSql: it holds no day cells of the KPI blocks it names without building), and must
 * give the reference engine's pacing, which adds up the day cells, for every paced month,
 * quarter and year: by last year's profile where last year sold, by elapsed days otherwise.
 *
 * "Data as of" is when the newest event arrived (now), so the events are laid out around the
 * clock: revenue targets for every month of this year, sales on days of last year and of this
 * year up to today, for rep_a (last year's profile) and rep_b (this year only).
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { buildKpis } from '../../shared/kpi/build-kpis.ts';
import { toExactJson } from '../../shared/kpi/series.ts';
import { postEvents, read } from './helpers.ts';
import { typed } from '../support/typed-events.ts';

const now = new Date();
const year = now.getUTCFullYear();
const month = now.getUTCMonth() + 1;
const today = now.getUTCDate();
const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });
const sale = (id: string, rep: string, on: string, amount: number) =>
  ev(`e_${id}`, 'sale.closed', `${on}T10:00:00Z`, { sale_id: id, rep_id: rep, customer_id: `c_${id}`, amount, cost: amount / 2 });

const EVENTS = [
  ev('t1', 'team.upserted', `${year - 2}-12-01T00:00:00Z`, { team_id: 't_one', name: 'One' }),
  ev('r_a', 'rep.upserted', `${year - 2}-12-01T00:00:00Z`, { rep_id: 'rep_a', name: 'Ana', team_id: 't_one' }),
  ev('r_b', 'rep.upserted', `${year - 2}-12-01T00:00:00Z`, { rep_id: 'rep_b', name: 'Ben', team_id: 't_one' }),
  ...['rep_a', 'rep_b'].flatMap((rep) =>
    Array.from({ length: 12 }, (_, i) =>
      ev(`g_${rep}_${i}`, 'target.set', `${year - 1}-12-01T00:00:00Z`, { scope: 'rep', scope_id: rep, metric: 'revenue', period: `${year}-${String(i + 1).padStart(2, '0')}`, value: 10_000 }),
    ),
  ),
  // Last year: rep_a sells early and late in every month (an uneven profile), and on the last day of February.
  ...Array.from({ length: 12 }, (_, i) => [sale(`ly_${i}_a`, 'rep_a', day(year - 1, i + 1, 2), 1_000 + 100 * i), sale(`ly_${i}_b`, 'rep_a', day(year - 1, i + 1, 25), 3_000)]).flat(),
  // This year, up to today: both reps.
  ...Array.from({ length: month }, (_, i) => (i + 1 < month || today >= 3 ? [sale(`ty_${i}_a`, 'rep_a', day(year, i + 1, Math.min(3, today)), 2_000), sale(`ty_${i}_b`, 'rep_b', day(year, i + 1, 1), 1_500)] : [])).flat(),
];

describe('pacing summed in SQL', () => {
  beforeAll(async () => {
    expect((await postEvents({ events: EVENTS })).status).toBe(200);
  });

  it("gives the reference engine's pacing for every running month, quarter and year, by last year's profile where there was one", async () => {
    expect((await runRecompute(env))!.created).toBe(true);
    const snapshot = (await (await read('/v1/snapshot')).json()) as { as_of: string; pacing: { scope: string; id: string; grain: string; method: string }[] };
    const reference = buildKpis(typed(EVENTS), { timezone: 'UTC', asOfMs: Date.parse(snapshot.as_of) });
    expect(snapshot.pacing).toEqual(JSON.parse(toExactJson(reference.pacing)));
    const methods = snapshot.pacing.map((p) => `${p.id} ${p.grain} ${p.method}`);
    expect(methods).toEqual(
      expect.arrayContaining(['rep_a month last_year_profile', 'rep_a quarter last_year_profile', 'rep_a year last_year_profile', 'rep_b month elapsed_days', 'rep_b year elapsed_days']),
    );
  });

  it("stays the reference's when last year's day blocks are named without their cells being read", async () => {
    const more = [sale('today_a', 'rep_a', day(year, month, today), 700)];
    expect((await postEvents({ events: more })).status).toBe(200);
    const run = (await runRecompute(env))!;
    expect(run.salesMode).toBe('incremental');
    expect(run.kpiBlocks.unbuilt).toBeGreaterThan(10);
    const snapshot = (await (await read('/v1/snapshot')).json()) as { as_of: string; pacing: unknown[] };
    const reference = buildKpis(typed([...EVENTS, ...more]), { timezone: 'UTC', asOfMs: Date.parse(snapshot.as_of) });
    expect(snapshot.pacing).toEqual(JSON.parse(toExactJson(reference.pacing)));
  });
});
