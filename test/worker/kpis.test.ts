import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_EVENTS } from './fixture-company.ts';
import { postEvents, read, recompute } from './helpers.ts';

interface KpisResponse {
  as_of: string | null;
  snapshot_id: string | null;
  currency: string;
  timezone: string;
  rows: Record<string, unknown>[];
}

async function kpis(query: string): Promise<KpisResponse> {
  const response = await read(`/v1/kpis?${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

const row = (rows: Record<string, unknown>[], period: string) => rows.find((r) => r.period === period);

describe('GET /v1/kpis before the first recompute', () => {
  it('answers 200 with null as_of and snapshot_id and no rows', async () => {
    expect(await kpis('scope=company&grain=month')).toEqual({ as_of: null, snapshot_id: null, currency: 'USD', timezone: 'UTC', rows: [] });
  });
});

describe('recompute and GET /v1/kpis on hand-computed figures', () => {
  beforeAll(async () => {
    expect((await postEvents({ events: FIXTURE_EVENTS })).status).toBe(200);
    const response = await recompute();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { snapshot_id: string; as_of: string; duration_ms: number };
    expect(body.snapshot_id).toMatch(/^snap_[0-9a-f]{24}$/);
    expect(typeof body.duration_ms).toBe('number');
  });

  it('computes the company month: revenue, costs, margin, orders, customers, target and attainment', async () => {
    const { rows, snapshot_id, as_of } = await kpis('scope=company&grain=month');
    expect(snapshot_id).toMatch(/^snap_/);
    expect(as_of).not.toBeNull();
    expect(row(rows, '2026-01')).toEqual({
      scope: 'company', id: null, grain: 'month', period: '2026-01',
      revenue: 300.1, refunds: 0, net_revenue: 300.1, cost: 210.05, profit: 90.05,
      margin: expect.closeTo(90.05 / 300.1, 12), orders: 2, average_order_value: 150.05,
      active_customers: 2, new_customers: 2, target_revenue: 1000, attainment: 0.3001,
      // Both customers buy for the first time in January.
      repeat_customer_rate: 0,
      // csat5: 5 and 3; nps10: 10 (promoter), 6 (detractor), 8 (passive).
      csat: 4, csat_satisfied_rate: 0.5, nps: 0,
      market_share: 0.1, // 300.1 / 3001
      visits: 2, complaints: 2,
      complaint_resolution_hours_median: 21, // 36 h and 6 h
      win_rate: 0.5, sales_cycle_days_median: 10,
    });
    // February: the refund of S1 lands here; S4 has no cost, so margin is unknown; the revised target wins.
    expect(row(rows, '2026-02')).toEqual({
      scope: 'company', id: null, grain: 'month', period: '2026-02',
      revenue: 350.3333, refunds: 20.1, net_revenue: 330.2333, cost: 90, profit: 240.2333,
      margin: null, orders: 2, average_order_value: 175.1667,
      active_customers: 2, new_customers: 1, target_revenue: 1500, attainment: expect.closeTo(330.2333 / 1500, 12),
      // cust_1 bought in January (repeat), cust_3 is new.
      repeat_customer_rate: 0.5,
      csat: null, csat_satisfied_rate: null, nps: null, market_share: null,
      visits: 0, complaints: 0, complaint_resolution_hours_median: null, win_rate: null, sales_cycle_days_median: null,
    });
  });

  it('sums a quarter target from its months and rounds the average order value half away from zero', async () => {
    const q1 = row((await kpis('scope=company&grain=quarter')).rows, '2026-Q1');
    expect(q1).toMatchObject({ revenue: 650.4333, net_revenue: 630.3333, cost: 300.05, orders: 4, average_order_value: 162.6083, active_customers: 3, new_customers: 3, target_revenue: 3500 });
    expect(q1!.attainment).toBeCloseTo(630.3333 / 3500, 12);
    // 2026 has targets only for three months: no year target.
    expect(row((await kpis('scope=company&grain=year')).rows, '2026')).toMatchObject({ target_revenue: null, attainment: null });
  });

  it('credits sales to the rep’s team at the sale’s time, and refunds like their sale', async () => {
    const south = (await kpis('scope=team&id=t_south&grain=month')).rows;
    expect(south.map((r) => r.period)).toEqual(['2026-01']);
    expect(row(south, '2026-01')).toMatchObject({ revenue: 200, cost: 150, margin: 0.25, target_revenue: null, attainment: null });
    const north = (await kpis('scope=team&id=t_north&grain=month')).rows;
    expect(row(north, '2026-02')).toMatchObject({ revenue: 350.3333, refunds: 20.1, orders: 2, margin: null });
    const repB = (await kpis('scope=rep&id=rep_b&grain=quarter')).rows;
    expect(row(repB, '2026-Q1')).toMatchObject({ revenue: 500.3333, cost: 250, profit: 250.3333, orders: 2 });
  });

  it('credits process metrics to the rep’s team at the time', async () => {
    const south = row((await kpis('scope=team&id=t_south&grain=month')).rows, '2026-01');
    expect(south).toMatchObject({ csat: 3, csat_satisfied_rate: 0, nps: 0, visits: 0, complaints: 1, complaint_resolution_hours_median: 6, win_rate: 0 });
    const repA = row((await kpis('scope=rep&id=rep_a&grain=month')).rows, '2026-01');
    expect(repA).toMatchObject({ csat: 5, nps: 100, visits: 2, complaints: 1, complaint_resolution_hours_median: 36, win_rate: 1, sales_cycle_days_median: 10, market_share: null });
  });

  it('labels ISO weeks by week-year across year boundaries', async () => {
    const weeks = (await kpis('scope=rep&id=rep_a&grain=week')).rows.map((r) => r.period);
    expect(weeks).toEqual(expect.arrayContaining(['2015-W53', '2016-W52', '2026-W02']));
    const years = (await kpis('scope=rep&id=rep_a&grain=year')).rows;
    expect(row(years, '2017')).toMatchObject({ revenue: 20 });
    expect(row(years, '2015')).toMatchObject({ revenue: 10 });
  });

  it('filters by inclusive from/to and lists all teams when id is omitted', async () => {
    const { rows } = await kpis('scope=company&grain=month&from=2026-02&to=2026-02');
    expect(rows.map((r) => r.period)).toEqual(['2026-02']);
    const teams = (await kpis('scope=team&grain=quarter&from=2026-Q1&to=2026-Q1')).rows.map((r) => r.id);
    expect(teams).toEqual(['t_north', 't_south']);
    expect((await kpis('scope=team&id=nobody&grain=month')).rows).toEqual([]);
  });

  it('answers 400 naming the parameter for a missing scope or grain or a label of another grain', async () => {
    for (const [query, name] of [
      ['grain=month', 'scope'],
      ['scope=company', 'grain'],
      ['scope=company&grain=month&from=2026-Q1', 'from'],
      ['scope=company&grain=week&to=2026-W54', 'to'],
    ] as const) {
      const response = await read(`/v1/kpis?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toContain(name);
    }
  });

  it('answers 401 on the read API without the read token', async () => {
    const denied = await read('/v1/kpis?scope=company&grain=month', 'wrong');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await read('/v1/snapshot', 'test-admin-token')).status).toBe(401);
    expect((await recompute('test-read-token')).status).toBe(401);
  });

  it('serves the whole snapshot with teams, reps, rows and data quality', async () => {
    const response = await read('/v1/snapshot');
    expect(response.status).toBe(200);
    const snapshot = (await response.json()) as Record<string, any>;
    expect(snapshot).toMatchObject({ schema: 'quotient.snapshot/1', version: 1, timezone: 'UTC', currency: 'USD' });
    expect(snapshot.teams).toEqual([{ team_id: 't_north', name: 'North' }, { team_id: 't_south', name: 'South' }]);
    expect(snapshot.reps).toEqual([{ rep_id: 'rep_a', name: 'Ana', team_id: 't_north' }, { rep_id: 'rep_b', name: 'Ben', team_id: 't_north' }]);
    expect(snapshot.data_quality.orphan_refunds).toEqual([{ event_id: 'f2', sale_id: 'S_MISSING', amount: 5, occurred_at: '2026-02-20T12:00:00Z' }]);
    expect(snapshot.data_quality.events_by_type['sale.closed']).toBe(6);
    expect(snapshot.kpis.find((r: any) => r.scope === 'company' && r.grain === 'month' && r.period === '2026-01').revenue).toBe(300.1);
    expect(snapshot.markets).toEqual([{ grain: 'month', period: '2026-01', region: 'EU', segment: null, market_size: 1000, net_revenue: 200, share: 0.2 }]);
    const february = snapshot.targets.filter((t: any) => t.period === '2026-02');
    expect(february).toEqual([
      { event_id: 'g2', scope: 'company', id: null, metric: 'revenue', period: '2026-02', value: 2000, occurred_at: '2025-12-01T00:00:00Z', current: false },
      { event_id: 'g3', scope: 'company', id: null, metric: 'revenue', period: '2026-02', value: 1500, occurred_at: '2026-01-15T00:00:00Z', current: true },
    ]);
    expect(snapshot.pacing).toEqual([]); // no target for the periods running now
    expect((await read(`/v1/snapshot?id=${snapshot.snapshot_id}`)).status).toBe(200);
    expect((await read('/v1/snapshot?id=snap_nope')).status).toBe(404);
  });

  it('writes no new version when nothing changed, and a new one when events arrive', async () => {
    const first = (await (await recompute()).json()) as { snapshot_id: string };
    const again = (await (await recompute()).json()) as { snapshot_id: string };
    expect(again.snapshot_id).toBe(first.snapshot_id);
    await postEvents({ events: [{ id: 's9', type: 'sale.closed', occurred_at: '2026-03-01T00:00:00Z', data: { sale_id: 'S9', rep_id: 'rep_a', customer_id: 'cust_9', amount: 1 } }] });
    const next = (await (await recompute()).json()) as { snapshot_id: string };
    expect(next.snapshot_id).not.toBe(first.snapshot_id);
    const snapshot = (await (await read('/v1/snapshot')).json()) as { version: number };
    expect(snapshot.version).toBe(2);
  });
});
