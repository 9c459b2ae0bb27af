import { describe, expect, it } from 'vitest';
import { buildKpis, compareRows, type KpiResult, type KpiRowUnits } from '../../shared/kpi/build-kpis.ts';
import type { Grain, Scope } from '../../shared/snapshot.ts';
import { shuffled } from '../support/seeded.ts';
import { typed } from '../support/typed-events.ts';

// Frozen clock: every build uses this as-of unless a test says otherwise.
const AS_OF_MS = Date.parse('2026-06-30T00:00:00Z');

type Raw = Record<string, unknown>;

function build(raws: readonly Raw[], options: { timezone?: string; asOfMs?: number } = {}): KpiResult {
  return buildKpis(typed(raws), { timezone: options.timezone ?? 'UTC', asOfMs: options.asOfMs ?? AS_OF_MS });
}

interface SaleSpec {
  id?: string;
  at?: string;
  sale_id?: string;
  rep_id?: string;
  customer_id?: string;
  amount?: unknown;
  cost?: unknown;
  team_id?: string;
  lines?: unknown[];
}

function makeSale({ id, at = '2026-01-05T10:00:00Z', sale_id = 's1', ...data }: SaleSpec = {}): Raw {
  return {
    id: id ?? `evt-sale-${sale_id}`,
    type: 'sale.closed',
    occurred_at: at,
    data: { sale_id, rep_id: 'r-ana', customer_id: 'c1', amount: '100', ...data },
  };
}

function makeRefund({ id, at = '2026-01-25T10:00:00Z', sale_id = 's1', ...data }: { id?: string; at?: string; sale_id?: string; amount?: unknown; cost?: unknown } = {}): Raw {
  return { id: id ?? `evt-refund-${sale_id}`, type: 'sale.refunded', occurred_at: at, data: { sale_id, amount: '10', ...data } };
}

function makeRep({ id, at = '2025-12-01T00:00:00Z', rep_id = 'r-ana', name = 'Ana', team_id = 't-east' }: { id?: string; at?: string; rep_id?: string; name?: string; team_id?: string } = {}): Raw {
  return { id: id ?? `evt-rep-${rep_id}-${team_id}`, type: 'rep.upserted', occurred_at: at, data: { rep_id, name, team_id } };
}

function makeTeam({ id, at = '2025-11-01T00:00:00Z', team_id = 't-east', name = 'East' }: { id?: string; at?: string; team_id?: string; name?: string } = {}): Raw {
  return { id: id ?? `evt-team-${team_id}`, type: 'team.upserted', occurred_at: at, data: { team_id, name } };
}

function makeTarget({
  id,
  at = '2025-12-01T00:00:00Z',
  scope = 'company',
  scope_id,
  metric = 'revenue',
  period = '2026-01',
  value = '1000',
}: { id?: string; at?: string; scope?: Scope; scope_id?: string; metric?: string; period?: string; value?: unknown } = {}): Raw {
  return {
    id: id ?? `evt-target-${scope}-${scope_id ?? ''}-${metric}-${period}`,
    type: 'target.set',
    occurred_at: at,
    data: { scope, scope_id, metric, period, value },
  };
}

function findRow(result: KpiResult, scope: Scope, id: string | null, grain: Grain, period: string): KpiRowUnits | undefined {
  return result.kpis.find((r) => r.scope === scope && r.id === id && r.grain === grain && r.period === period);
}

function getRow(result: KpiResult, scope: Scope, id: string | null, grain: Grain, period: string): KpiRowUnits {
  const row = findRow(result, scope, id, grain, period);
  if (!row) throw new Error(`no row for ${scope} ${id} ${grain} ${period}`);
  return row;
}

function rowKeys(result: KpiResult): string[] {
  return result.kpis.map((r) => `${r.scope} ${r.id ?? '-'} ${r.grain} ${r.period}`);
}


// ---------------------------------------------------------------------------------------------
// Fixture A: two teams, two reps, three sales in January 2026, a refund in January and one in
// February. Hand-computed figures are in the tests (amounts in 1/10000 units: 100 = 1000000n).
//   s1 r-ana c1 100 cost 60   2026-01-05 (Mon, W02)
//   s2 r-ana c2  50 cost 20   2026-01-06 (Tue, W02)
//   s3 r-ben c1 250 cost 150  2026-01-20 (Tue, W04)
//   refund s1 30 cost 18      2026-01-25 (Sun, W04)
//   refund s3 50 (no cost)    2026-02-03 (Tue, W06)
// ---------------------------------------------------------------------------------------------
const FIXTURE_A: Raw[] = [
  makeTeam({ team_id: 't-east', name: 'East' }),
  makeTeam({ team_id: 't-west', name: 'West' }),
  makeRep({ rep_id: 'r-ana', name: 'Ana', team_id: 't-east' }),
  makeRep({ rep_id: 'r-ben', name: 'Ben', team_id: 't-west' }),
  makeSale({ sale_id: 's1', rep_id: 'r-ana', customer_id: 'c1', amount: '100', cost: '60', at: '2026-01-05T10:00:00Z' }),
  makeSale({ sale_id: 's2', rep_id: 'r-ana', customer_id: 'c2', amount: 50, cost: 20, at: '2026-01-06T10:00:00Z' }),
  makeSale({ sale_id: 's3', rep_id: 'r-ben', customer_id: 'c1', amount: '250.0000', cost: 150, at: '2026-01-20T10:00:00Z' }),
  makeRefund({ sale_id: 's1', amount: 30, cost: '18', at: '2026-01-25T10:00:00Z' }),
  makeRefund({ sale_id: 's3', amount: '50', at: '2026-02-03T10:00:00Z' }),
];

describe('buildKpis', () => {
  describe('money metrics (fixture A)', () => {
    const result = build(FIXTURE_A);

    it('makes exactly the rows of the periods with activity, in snapshot order', () => {
      expect(rowKeys(result)).toEqual([
        'company - day 2026-01-05',
        'company - day 2026-01-06',
        'company - day 2026-01-20',
        'company - day 2026-01-25',
        'company - day 2026-02-03',
        'company - week 2026-W02',
        'company - week 2026-W04',
        'company - week 2026-W06',
        'company - month 2026-01',
        'company - month 2026-02',
        'company - quarter 2026-Q1',
        'company - year 2026',
        'team t-east day 2026-01-05',
        'team t-east day 2026-01-06',
        'team t-east day 2026-01-25',
        'team t-east week 2026-W02',
        'team t-east week 2026-W04',
        'team t-east month 2026-01',
        'team t-east quarter 2026-Q1',
        'team t-east year 2026',
        'team t-west day 2026-01-20',
        'team t-west day 2026-02-03',
        'team t-west week 2026-W04',
        'team t-west week 2026-W06',
        'team t-west month 2026-01',
        'team t-west month 2026-02',
        'team t-west quarter 2026-Q1',
        'team t-west year 2026',
        'rep r-ana day 2026-01-05',
        'rep r-ana day 2026-01-06',
        'rep r-ana day 2026-01-25',
        'rep r-ana week 2026-W02',
        'rep r-ana week 2026-W04',
        'rep r-ana month 2026-01',
        'rep r-ana quarter 2026-Q1',
        'rep r-ana year 2026',
        'rep r-ben day 2026-01-20',
        'rep r-ben day 2026-02-03',
        'rep r-ben week 2026-W04',
        'rep r-ben week 2026-W06',
        'rep r-ben month 2026-01',
        'rep r-ben month 2026-02',
        'rep r-ben quarter 2026-Q1',
        'rep r-ben year 2026',
      ]);
    });

    it('computes every metric of the company for January', () => {
      // revenue 100 + 50 + 250 = 400; refunds 30; net 370; cost 60 + 20 + 150 - 18 = 212;
      // profit 158; AOV 400 / 3 = 133.33333 -> 133.3333; customers c1, c2 both new.
      expect(getRow(result, 'company', null, 'month', '2026-01')).toEqual({
        scope: 'company',
        id: null,
        grain: 'month',
        period: '2026-01',
        revenue: 4000000n,
        refunds: 300000n,
        net_revenue: 3700000n,
        cost: 2120000n,
        profit: 1580000n,
        margin: 1580000 / 3700000,
        orders: 3,
        average_order_value: 1333333n,
        active_customers: 2,
        new_customers: 2,
        target_revenue: null,
        attainment: null,
        repeat_customer_rate: 0,
        csat: null,
        csat_satisfied_rate: null,
        nps: null,
        market_share: null,
        visits: 0,
        complaints: 0,
        complaint_resolution_hours_median: null,
        win_rate: null,
        sales_cycle_days_median: null,
      });
    });

    it('books a refund in the month of the refund, even with no sale that month', () => {
      // Only the refund of s3 (50, no cost) falls in February: net -50, cost 0, profit -50.
      expect(getRow(result, 'company', null, 'month', '2026-02')).toEqual({
        scope: 'company',
        id: null,
        grain: 'month',
        period: '2026-02',
        revenue: 0n,
        refunds: 500000n,
        net_revenue: -500000n,
        cost: 0n,
        profit: -500000n,
        margin: 1,
        orders: 0,
        average_order_value: null,
        active_customers: 0,
        new_customers: 0,
        target_revenue: null,
        attainment: null,
        repeat_customer_rate: null,
        csat: null,
        csat_satisfied_rate: null,
        nps: null,
        market_share: null,
        visits: 0,
        complaints: 0,
        complaint_resolution_hours_median: null,
        win_rate: null,
        sales_cycle_days_median: null,
      });
    });

    it('sums both refunds into the quarter and the year', () => {
      // net 400 - 80 = 320; cost 212 (the 50 refund has no cost); profit 108; margin 108 / 320.
      const expected = {
        revenue: 4000000n,
        refunds: 800000n,
        net_revenue: 3200000n,
        cost: 2120000n,
        profit: 1080000n,
        margin: 0.3375,
        orders: 3,
        average_order_value: 1333333n,
        active_customers: 2,
        new_customers: 2,
        target_revenue: null,
        attainment: null,
        repeat_customer_rate: 0,
        csat: null,
        csat_satisfied_rate: null,
        nps: null,
        market_share: null,
        visits: 0,
        complaints: 0,
        complaint_resolution_hours_median: null,
        win_rate: null,
        sales_cycle_days_median: null,
      };
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toEqual({ scope: 'company', id: null, grain: 'quarter', period: '2026-Q1', ...expected });
      expect(getRow(result, 'company', null, 'year', '2026')).toEqual({ scope: 'company', id: null, grain: 'year', period: '2026', ...expected });
    });

    it('puts a sale and a refund of the same ISO week in one week row', () => {
      // W04: s3 (250, cost 150) and the refund of s1 (30, cost 18).
      expect(getRow(result, 'company', null, 'week', '2026-W04')).toMatchObject({
        revenue: 2500000n,
        refunds: 300000n,
        net_revenue: 2200000n,
        cost: 1320000n,
        profit: 880000n,
        margin: 0.4,
        orders: 1,
        average_order_value: 2500000n,
        active_customers: 1,
        new_customers: 0,
      });
    });

    it('computes day rows from that day alone', () => {
      expect(getRow(result, 'company', null, 'day', '2026-01-06')).toMatchObject({
        revenue: 500000n,
        cost: 200000n,
        profit: 300000n,
        margin: 0.6,
        orders: 1,
        average_order_value: 500000n,
        active_customers: 1,
        new_customers: 1,
      });
      // A refund-only day: net -30, cost -18, profit -12.
      expect(getRow(result, 'company', null, 'day', '2026-01-25')).toMatchObject({
        revenue: 0n,
        refunds: 300000n,
        net_revenue: -300000n,
        cost: -180000n,
        profit: -120000n,
        margin: 0.4,
        orders: 0,
        average_order_value: null,
      });
    });

    it('credits a team with its reps’ sales and refunds', () => {
      // t-east: s1 + s2 = 150, refund 30, cost 80 - 18 = 62, profit 58.
      expect(getRow(result, 'team', 't-east', 'month', '2026-01')).toEqual({
        scope: 'team',
        id: 't-east',
        grain: 'month',
        period: '2026-01',
        revenue: 1500000n,
        refunds: 300000n,
        net_revenue: 1200000n,
        cost: 620000n,
        profit: 580000n,
        margin: 580000 / 1200000,
        orders: 2,
        average_order_value: 750000n,
        active_customers: 2,
        new_customers: 2,
        target_revenue: null,
        attainment: null,
        repeat_customer_rate: 0,
        csat: null,
        csat_satisfied_rate: null,
        nps: null,
        market_share: null,
        visits: 0,
        complaints: 0,
        complaint_resolution_hours_median: null,
        win_rate: null,
        sales_cycle_days_median: null,
      });
    });

    it('does not count a customer as new for a team when their first sale was elsewhere', () => {
      // c1 bought first from r-ana (t-east) on 01-05; r-ben's sale to c1 on 01-20 is a repeat.
      expect(getRow(result, 'team', 't-west', 'month', '2026-01')).toMatchObject({
        revenue: 2500000n,
        orders: 1,
        active_customers: 1,
        new_customers: 0,
        margin: 0.4,
      });
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-01')).toMatchObject({ active_customers: 1, new_customers: 0 });
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01')).toMatchObject({ active_customers: 2, new_customers: 2 });
    });

    it('gives a rep the same figures as their team when they are its only member', () => {
      const strip = ({ scope: _s, id: _i, ...rest }: KpiRowUnits) => rest;
      expect(strip(getRow(result, 'rep', 'r-ben', 'year', '2026'))).toEqual(strip(getRow(result, 'team', 't-west', 'year', '2026')));
      // t-west year: 250 sold, 50 refunded, cost 150, profit 50, margin 0.25.
      expect(getRow(result, 'rep', 'r-ben', 'year', '2026')).toMatchObject({
        revenue: 2500000n,
        refunds: 500000n,
        net_revenue: 2000000n,
        cost: 1500000n,
        profit: 500000n,
        margin: 0.25,
      });
    });

    it('lists teams and reps with their current team, and no data-quality issues', () => {
      expect(result.teams).toEqual([
        { team_id: 't-east', name: 'East' },
        { team_id: 't-west', name: 'West' },
      ]);
      expect(result.reps).toEqual([
        { rep_id: 'r-ana', name: 'Ana', team_id: 't-east' },
        { rep_id: 'r-ben', name: 'Ben', team_id: 't-west' },
      ]);
      expect(result.orphanRefunds).toEqual([]);
      expect(result.unattributedSales).toEqual([]);
    });

    it('returns no rows for no events', () => {
      expect(build([])).toEqual({ teams: [], reps: [], kpis: [], markets: [], targets: [], pacing: [], orphanRefunds: [], unattributedSales: [] });
    });
  });

  describe('money exactness', () => {
    it('sums amounts at the 1e12 limit without losing a unit', () => {
      const result = build([
        makeRep(),
        makeSale({ sale_id: 'big1', amount: '999999999999.9999', at: '2026-01-05T10:00:00Z' }),
        makeSale({ sale_id: 'big2', amount: '999999999999.9999', customer_id: 'c2', at: '2026-01-05T11:00:00Z' }),
        makeSale({ sale_id: 'tiny', amount: '0.0001', customer_id: 'c3', at: '2026-01-05T12:00:00Z' }),
      ]);
      expect(getRow(result, 'company', null, 'day', '2026-01-05')).toMatchObject({
        revenue: 19999999999999999n,
        // 19999999999999999 / 3 = 6666666666666666.33 -> ...666
        average_order_value: 6666666666666666n,
      });
    });

    it('takes amount and cost from sale lines', () => {
      const result = build([
        makeRep(),
        makeSale({ amount: undefined, lines: [{ amount: '10.5', cost: 4 }, { amount: 2.25, cost: '1.0001' }] }),
      ]);
      expect(getRow(result, 'company', null, 'day', '2026-01-05')).toMatchObject({ revenue: 127500n, cost: 50001n, profit: 77499n });
    });
  });

  describe('margin', () => {
    const result = build([
      makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
      makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
      makeSale({ sale_id: 'm1', rep_id: 'r-ana', customer_id: 'c1', amount: 100, cost: 40, at: '2026-03-02T10:00:00Z' }),
      makeSale({ sale_id: 'm2', rep_id: 'r-ben', customer_id: 'c2', amount: 80, at: '2026-03-03T10:00:00Z' }),
      makeSale({ sale_id: 'm3', rep_id: 'r-ana', customer_id: 'c1', amount: 100, cost: 40, at: '2026-05-04T10:00:00Z' }),
      makeRefund({ sale_id: 'm3', amount: 100, cost: 40, at: '2026-05-05T10:00:00Z' }),
    ]);

    it('is null when any sale of the period lacks a cost, which still counts the known costs', () => {
      expect(getRow(result, 'company', null, 'month', '2026-03')).toMatchObject({
        revenue: 1800000n,
        cost: 400000n,
        profit: 1400000n,
        margin: null,
      });
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03')).toMatchObject({ cost: 0n, profit: 800000n, margin: null });
      expect(getRow(result, 'team', 't-west', 'month', '2026-03')).toMatchObject({ margin: null });
    });

    it('stays defined for a scope whose own sales all have a cost', () => {
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-03')).toMatchObject({ cost: 400000n, profit: 600000n, margin: 0.6 });
      expect(getRow(result, 'team', 't-east', 'month', '2026-03')).toMatchObject({ margin: 0.6 });
    });

    it('is null when net revenue is 0', () => {
      expect(getRow(result, 'company', null, 'month', '2026-05')).toMatchObject({
        revenue: 1000000n,
        refunds: 1000000n,
        net_revenue: 0n,
        cost: 0n,
        profit: 0n,
        margin: null,
      });
    });

    it('carries a cost-less sale into the quarter and year', () => {
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toMatchObject({ margin: null });
      expect(getRow(result, 'company', null, 'year', '2026')).toMatchObject({ margin: null });
      // Q2 holds only m3 and its full refund: net 0.
      expect(getRow(result, 'company', null, 'quarter', '2026-Q2')).toMatchObject({ net_revenue: 0n, margin: null });
    });
  });

  describe('average_order_value', () => {
    const result = build([
      makeRep(),
      // 2026-02-02: 30 + 30 + 40 = 100 over 3 orders -> 33.3333
      makeSale({ sale_id: 'a1', amount: 30, at: '2026-02-02T09:00:00Z' }),
      makeSale({ sale_id: 'a2', amount: 30, at: '2026-02-02T10:00:00Z' }),
      makeSale({ sale_id: 'a3', amount: 40, at: '2026-02-02T11:00:00Z' }),
      // 2026-02-03: 50 + 50 + 100 = 200 over 3 orders -> 66.66667 -> 66.6667
      makeSale({ sale_id: 'b1', amount: 50, at: '2026-02-03T09:00:00Z' }),
      makeSale({ sale_id: 'b2', amount: 50, at: '2026-02-03T10:00:00Z' }),
      makeSale({ sale_id: 'b3', amount: 100, at: '2026-02-03T11:00:00Z' }),
      // 2026-02-04: 0.0001 + 0.0004 = 5 units over 2 -> 2.5 units -> 3 (half away from zero)
      makeSale({ sale_id: 'c1', amount: '0.0001', at: '2026-02-04T09:00:00Z' }),
      makeSale({ sale_id: 'c2', amount: '0.0004', at: '2026-02-04T10:00:00Z' }),
      // 2026-02-05: 0.0001 + 0.0002 = 3 units over 2 -> 1.5 units -> 2
      makeSale({ sale_id: 'd1', amount: '0.0001', at: '2026-02-05T09:00:00Z' }),
      makeSale({ sale_id: 'd2', amount: '0.0002', at: '2026-02-05T10:00:00Z' }),
      // 2026-02-06: 100 + 100 with 50 refunded the same day -> AOV uses revenue: 100
      makeSale({ sale_id: 'e1', amount: 100, at: '2026-02-06T09:00:00Z' }),
      makeSale({ sale_id: 'e2', amount: 100, at: '2026-02-06T10:00:00Z' }),
      makeRefund({ sale_id: 'e1', amount: 50, at: '2026-02-06T11:00:00Z' }),
    ]);

    it('rounds 100 / 3 down to 33.3333', () => {
      expect(getRow(result, 'company', null, 'day', '2026-02-02').average_order_value).toBe(333333n);
    });

    it('rounds 200 / 3 up to 66.6667', () => {
      expect(getRow(result, 'company', null, 'day', '2026-02-03').average_order_value).toBe(666667n);
    });

    it('rounds an exact half of a unit away from zero', () => {
      expect(getRow(result, 'company', null, 'day', '2026-02-04').average_order_value).toBe(3n);
      expect(getRow(result, 'company', null, 'day', '2026-02-05').average_order_value).toBe(2n);
    });

    it('divides revenue, not net revenue, by orders', () => {
      expect(getRow(result, 'company', null, 'day', '2026-02-06')).toMatchObject({ net_revenue: 1500000n, average_order_value: 1000000n });
    });

    it('covers the whole month: 500.0008 over 12 orders -> 41.66673 -> 41.6667', () => {
      // 100 + 200 + 0.0005 + 0.0003 + 200 = 500.0008 = 5000008 units; / 12 = 416667.33
      expect(getRow(result, 'company', null, 'month', '2026-02')).toMatchObject({ revenue: 5000008n, orders: 12, average_order_value: 416667n });
    });
  });

  describe('customers', () => {
    it('counts each customer once per period however many sales', () => {
      const result = build([
        makeRep(),
        makeSale({ sale_id: 'x1', customer_id: 'c1', at: '2026-04-01T10:00:00Z' }),
        makeSale({ sale_id: 'x2', customer_id: 'c1', at: '2026-04-02T10:00:00Z' }),
        makeSale({ sale_id: 'x3', customer_id: 'c2', at: '2026-04-03T10:00:00Z' }),
      ]);
      expect(getRow(result, 'company', null, 'month', '2026-04')).toMatchObject({ orders: 3, active_customers: 2, new_customers: 2 });
    });

    it('counts a customer as new only in the period of their first sale ever', () => {
      const result = build([
        makeRep(),
        makeSale({ sale_id: 'x1', customer_id: 'c1', at: '2026-04-01T10:00:00Z' }),
        makeSale({ sale_id: 'x2', customer_id: 'c1', at: '2026-05-02T10:00:00Z' }),
      ]);
      expect(getRow(result, 'company', null, 'month', '2026-04')).toMatchObject({ active_customers: 1, new_customers: 1 });
      expect(getRow(result, 'company', null, 'month', '2026-05')).toMatchObject({ active_customers: 1, new_customers: 0 });
      expect(getRow(result, 'company', null, 'quarter', '2026-Q2')).toMatchObject({ active_customers: 1, new_customers: 1 });
    });

    it('breaks a tie on occurred_at by the smallest sale_id', () => {
      const at = '2026-04-10T10:00:00Z';
      const result = build([
        makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
        makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
        makeSale({ sale_id: 'sale-b', rep_id: 'r-ana', customer_id: 'c9', at }),
        makeSale({ sale_id: 'sale-a', rep_id: 'r-ben', customer_id: 'c9', at }),
      ]);
      expect(getRow(result, 'company', null, 'day', '2026-04-10')).toMatchObject({ active_customers: 1, new_customers: 1 });
      expect(getRow(result, 'rep', 'r-ben', 'day', '2026-04-10').new_customers).toBe(1);
      expect(getRow(result, 'rep', 'r-ana', 'day', '2026-04-10').new_customers).toBe(0);
      expect(getRow(result, 'team', 't-west', 'day', '2026-04-10').new_customers).toBe(1);
      expect(getRow(result, 'team', 't-east', 'day', '2026-04-10').new_customers).toBe(0);
    });

    it('compares tied sale_ids by code point, not UTF-16 code unit', () => {
      // U+FFFF < U+1F600 by code point (UTF-16 `<` says the opposite).
      const at = '2026-04-10T10:00:00Z';
      const result = build([
        makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
        makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
        makeSale({ id: 'evt-emoji', sale_id: '\u{1F600}', rep_id: 'r-ana', customer_id: 'c9', at }),
        makeSale({ id: 'evt-ffff', sale_id: '\uFFFF', rep_id: 'r-ben', customer_id: 'c9', at }),
      ]);
      expect(getRow(result, 'rep', 'r-ben', 'day', '2026-04-10').new_customers).toBe(1);
      expect(getRow(result, 'rep', 'r-ana', 'day', '2026-04-10').new_customers).toBe(0);
    });

    it('lets an earlier sale win over a smaller sale_id', () => {
      const result = build([
        makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
        makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
        makeSale({ sale_id: 'sale-z', rep_id: 'r-ana', customer_id: 'c9', at: '2026-04-10T10:00:00Z' }),
        makeSale({ sale_id: 'sale-a', rep_id: 'r-ben', customer_id: 'c9', at: '2026-04-10T10:00:01Z' }),
      ]);
      expect(getRow(result, 'rep', 'r-ana', 'day', '2026-04-10').new_customers).toBe(1);
      expect(getRow(result, 'rep', 'r-ben', 'day', '2026-04-10').new_customers).toBe(0);
    });
  });

  describe('target_revenue and attainment', () => {
    const result = build([
      makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
      makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
      makeSale({ sale_id: 'j1', rep_id: 'r-ana', customer_id: 'c1', amount: 250, at: '2026-01-10T10:00:00Z' }),
      makeSale({ sale_id: 'j2', rep_id: 'r-ben', customer_id: 'c2', amount: 30, at: '2026-06-10T10:00:00Z' }),
      // Company months: 2026-01 has two versions (the later one, listed first, wins) ...
      makeTarget({ id: 'tgt-c-01-new', at: '2025-12-15T00:00:00Z', period: '2026-01', value: 500 }),
      makeTarget({ id: 'tgt-c-01-old', at: '2025-12-01T00:00:00Z', period: '2026-01', value: 400 }),
      // ... 2026-02 has two at the same instant: the greater event id wins ('tgt-9' > 'tgt-10').
      makeTarget({ id: 'tgt-9', at: '2026-01-20T00:00:00Z', period: '2026-02', value: 100 }),
      makeTarget({ id: 'tgt-10', at: '2026-01-20T00:00:00Z', period: '2026-02', value: 200 }),
      makeTarget({ period: '2026-03', value: 700 }),
      makeTarget({ period: '2026-04', value: 100 }),
      makeTarget({ period: '2026-05', value: 100 }),
      // Team t-east: an exact Q1 beside its months; Q2 from months; Q3 and Q4 exact.
      makeTarget({ scope: 'team', scope_id: 't-east', period: '2026-Q1', value: 1000 }),
      ...['01', '02', '03'].map((m) => makeTarget({ scope: 'team', scope_id: 't-east', period: `2026-${m}`, value: 100 })),
      ...['04', '05', '06'].map((m) => makeTarget({ scope: 'team', scope_id: 't-east', period: `2026-${m}`, value: 200 })),
      makeTarget({ scope: 'team', scope_id: 't-east', period: '2026-Q3', value: 300 }),
      makeTarget({ scope: 'team', scope_id: 't-east', period: '2026-Q4', value: 400 }),
      // Later versions of other metrics for the same scope and period must not count.
      makeTarget({ scope: 'team', scope_id: 't-east', metric: 'profit', period: '2026-01', value: 999, at: '2025-12-20T00:00:00Z' }),
      makeTarget({ scope: 'team', scope_id: 't-east', metric: 'orders', period: '2026-02', value: 7, at: '2025-12-20T00:00:00Z' }),
      // Rep r-ana: an exact year beside exact quarters; a zero target for January.
      makeTarget({ scope: 'rep', scope_id: 'r-ana', period: '2026', value: 5000 }),
      ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => makeTarget({ scope: 'rep', scope_id: 'r-ana', period: `2026-${q}`, value: 1 })),
      makeTarget({ scope: 'rep', scope_id: 'r-ana', period: '2026-01', value: 0 }),
      // Rep r-ben: every month, 10 each, and nothing else.
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) =>
        makeTarget({ scope: 'rep', scope_id: 'r-ben', period: `2026-${m}`, value: 10 }),
      ),
    ]);

    it('uses the target for exactly the month, latest occurred_at winning', () => {
      // net 250 against 500
      expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({ target_revenue: 5000000n, attainment: 0.5 });
    });

    it('breaks a tie on occurred_at by the greater event id in code-point order', () => {
      expect(getRow(result, 'company', null, 'month', '2026-02').target_revenue).toBe(1000000n);
    });

    it('sums a quarter from its months when all three have a target', () => {
      // 500 + 100 + 700 = 1300; net 250
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toMatchObject({
        target_revenue: 13000000n,
        attainment: 2500000 / 13000000,
      });
    });

    it('gives a quarter no target when one of its months has none', () => {
      // 2026-04 and 2026-05 have targets, 2026-06 has none.
      expect(getRow(result, 'company', null, 'quarter', '2026-Q2')).toMatchObject({ target_revenue: null, attainment: null });
    });

    it('gives a year no target when a quarter cannot be summed', () => {
      expect(getRow(result, 'company', null, 'year', '2026')).toMatchObject({ target_revenue: null, attainment: null });
    });

    it('prefers an exact quarter target to the sum of its months', () => {
      expect(getRow(result, 'team', 't-east', 'quarter', '2026-Q1')).toMatchObject({ target_revenue: 10000000n, attainment: 0.25 });
    });

    it('ignores targets of other metrics', () => {
      expect(getRow(result, 'team', 't-east', 'month', '2026-01')).toMatchObject({ target_revenue: 1000000n, attainment: 2.5 });
      expect(getRow(result, 'team', 't-east', 'month', '2026-02').target_revenue).toBe(1000000n);
    });

    it('sums a year from its quarters, each exact or from its months', () => {
      // Q1 exact 1000 + Q2 from months 600 + Q3 exact 300 + Q4 exact 400 = 2300
      expect(getRow(result, 'team', 't-east', 'year', '2026')).toMatchObject({
        target_revenue: 23000000n,
        attainment: 2500000 / 23000000,
      });
    });

    it('prefers an exact year target to its quarters', () => {
      expect(getRow(result, 'rep', 'r-ana', 'year', '2026')).toMatchObject({ target_revenue: 50000000n, attainment: 0.05 });
    });

    it('sums a year from twelve monthly targets', () => {
      // 12 x 10 = 120; net 30
      expect(getRow(result, 'rep', 'r-ben', 'year', '2026')).toMatchObject({ target_revenue: 1200000n, attainment: 0.25 });
      // Q2: 3 x 10 = 30 against the 30 sold in June
      expect(getRow(result, 'rep', 'r-ben', 'quarter', '2026-Q2')).toMatchObject({ target_revenue: 300000n, attainment: 1 });
    });

    it('has no attainment when the target is 0', () => {
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01')).toMatchObject({ target_revenue: 0n, attainment: null });
    });

    it('has no target or attainment where no target applies', () => {
      expect(getRow(result, 'team', 't-west', 'month', '2026-06')).toMatchObject({ target_revenue: null, attainment: null });
    });

    it('never gives weeks or days a target', () => {
      expect(getRow(result, 'company', null, 'week', '2026-W02')).toMatchObject({ target_revenue: null, attainment: null });
      expect(getRow(result, 'company', null, 'day', '2026-01-10')).toMatchObject({ target_revenue: null, attainment: null });
      expect(getRow(result, 'rep', 'r-ben', 'day', '2026-06-10')).toMatchObject({ target_revenue: null, attainment: null });
    });

    it('makes a row with attainment 0 for a begun period that has a target but no activity', () => {
      expect(getRow(result, 'company', null, 'month', '2026-03')).toEqual({
        scope: 'company',
        id: null,
        grain: 'month',
        period: '2026-03',
        revenue: 0n,
        refunds: 0n,
        net_revenue: 0n,
        cost: 0n,
        profit: 0n,
        margin: null,
        orders: 0,
        average_order_value: null,
        active_customers: 0,
        new_customers: 0,
        target_revenue: 7000000n,
        attainment: 0,
        repeat_customer_rate: null,
        csat: null,
        csat_satisfied_rate: null,
        nps: null,
        market_share: null,
        visits: 0,
        complaints: 0,
        complaint_resolution_hours_median: null,
        win_rate: null,
        sales_cycle_days_median: null,
      });
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-02')).toMatchObject({ target_revenue: 100000n, attainment: 0 });
      expect(getRow(result, 'rep', 'r-ana', 'quarter', '2026-Q2')).toMatchObject({ target_revenue: 10000n, attainment: 0 });
    });

    it('makes no row for a period that has not begun at as-of', () => {
      expect(findRow(result, 'rep', 'r-ben', 'month', '2026-07')).toBeUndefined();
      expect(findRow(result, 'team', 't-east', 'quarter', '2026-Q3')).toBeUndefined();
      expect(findRow(result, 'rep', 'r-ana', 'quarter', '2026-Q4')).toBeUndefined();
    });
  });

  describe('target-only rows and the as-of instant', () => {
    const events = [
      makeTarget({ period: '2026-03', value: 300 }),
      makeTarget({ period: '2026-04', value: 400 }),
      makeTarget({ period: '2026-Q2', value: 1000 }),
      makeTarget({ period: '2026', value: 5000 }),
      makeTarget({ scope: 'team', scope_id: 't-x', period: '2026-Q1', value: 50 }),
    ];

    it('makes rows for target periods begun by as-of, and none for later ones', () => {
      const result = build(events, { asOfMs: Date.parse('2026-03-15T00:00:00Z') });
      expect(rowKeys(result)).toEqual(['company - month 2026-03', 'company - year 2026', 'team t-x quarter 2026-Q1']);
      expect(getRow(result, 'company', null, 'year', '2026')).toMatchObject({ revenue: 0n, target_revenue: 50000000n, attainment: 0 });
      expect(getRow(result, 'team', 't-x', 'quarter', '2026-Q1')).toMatchObject({ target_revenue: 500000n, attainment: 0 });
    });

    it('counts a period as begun from its first instant', () => {
      const before = build(events, { asOfMs: Date.parse('2026-03-31T23:59:59.999Z') });
      expect(findRow(before, 'company', null, 'month', '2026-04')).toBeUndefined();
      expect(findRow(before, 'company', null, 'quarter', '2026-Q2')).toBeUndefined();
      const after = build(events, { asOfMs: Date.parse('2026-04-01T00:00:00Z') });
      expect(getRow(after, 'company', null, 'month', '2026-04').target_revenue).toBe(4000000n);
      expect(getRow(after, 'company', null, 'quarter', '2026-Q2').target_revenue).toBe(10000000n);
    });

    it('decides which periods have begun in the org timezone', () => {
      const asOfMs = Date.parse('2026-03-31T20:00:00Z'); // 2026-04-01 04:00 in Shanghai
      expect(findRow(build(events, { asOfMs, timezone: 'UTC' }), 'company', null, 'month', '2026-04')).toBeUndefined();
      expect(findRow(build(events, { asOfMs, timezone: 'Asia/Shanghai' }), 'company', null, 'month', '2026-04')).toBeDefined();
    });
  });

  describe('attribution', () => {
    it('credits a sale to the team it names over the rep’s team', () => {
      const result = build([makeRep({ team_id: 't-east' }), makeSale({ team_id: 't-west', at: '2026-01-05T10:00:00Z' })]);
      expect(getRow(result, 'team', 't-west', 'month', '2026-01').revenue).toBe(1000000n);
      expect(findRow(result, 'team', 't-east', 'month', '2026-01')).toBeUndefined();
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01').revenue).toBe(1000000n);
    });

    describe('a rep moving team', () => {
      const result = build([
        makeRep({ id: 'evt-ana-joins-east', team_id: 't-east', at: '2025-12-01T00:00:00Z' }),
        makeRep({ id: 'evt-ana-moves-west', team_id: 't-west', at: '2026-01-15T00:00:00Z' }),
        makeSale({ sale_id: 'sa', amount: 100, at: '2026-01-10T10:00:00Z' }),
        makeSale({ sale_id: 'sb', amount: 20, customer_id: 'c2', at: '2026-01-14T23:59:59.999Z' }),
        makeSale({ sale_id: 'sc', amount: 7, customer_id: 'c3', at: '2026-01-15T00:00:00Z' }),
        makeRefund({ sale_id: 'sa', amount: 10, at: '2026-02-01T10:00:00Z' }),
      ]);

      it('leaves the earlier sales with the old team', () => {
        expect(getRow(result, 'team', 't-east', 'month', '2026-01')).toMatchObject({ revenue: 1200000n, orders: 2 });
      });

      it('gives the new team sales from the membership instant on, inclusive', () => {
        expect(getRow(result, 'team', 't-west', 'month', '2026-01')).toMatchObject({ revenue: 70000n, orders: 1 });
        expect(getRow(result, 'team', 't-west', 'day', '2026-01-15')).toMatchObject({ revenue: 70000n });
        expect(findRow(result, 'team', 't-east', 'day', '2026-01-15')).toBeUndefined();
      });

      it('credits the rep with all of their sales', () => {
        expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01')).toMatchObject({ revenue: 1270000n, orders: 3 });
      });

      it('credits a later refund to the team of the sale, not the rep’s current team', () => {
        expect(getRow(result, 'team', 't-east', 'month', '2026-02')).toMatchObject({ refunds: 100000n, net_revenue: -100000n });
        expect(findRow(result, 'team', 't-west', 'month', '2026-02')).toBeUndefined();
      });

      it('lists the rep under their team as of the snapshot', () => {
        expect(result.reps).toEqual([{ rep_id: 'r-ana', name: 'Ana', team_id: 't-west' }]);
      });
    });

    it('breaks a tie between memberships at one instant by the greater event id', () => {
      const at = '2026-01-01T00:00:00Z';
      const result = build([
        makeRep({ id: 'evt-10', rep_id: 'r-cy', name: 'Cy', team_id: 't-east', at }),
        makeRep({ id: 'evt-9', rep_id: 'r-cy', name: 'Cy', team_id: 't-west', at }),
        makeSale({ rep_id: 'r-cy', at: '2026-01-02T10:00:00Z' }),
      ]);
      expect(getRow(result, 'team', 't-west', 'month', '2026-01').revenue).toBe(1000000n);
      expect(findRow(result, 'team', 't-east', 'month', '2026-01')).toBeUndefined();
      expect(result.reps).toEqual([{ rep_id: 'r-cy', name: 'Cy', team_id: 't-west' }]);
    });

    describe('a sale with no team', () => {
      const result = build([
        makeRep({ rep_id: 'r-ana', team_id: 't-east', at: '2025-12-01T00:00:00Z' }),
        // r-zed has no membership at all; r-ana's sale predates her first membership.
        makeSale({ sale_id: 'sz', rep_id: 'r-zed', amount: 40, at: '2026-01-08T12:00:00Z' }),
        makeSale({ sale_id: 'early', rep_id: 'r-ana', customer_id: 'c2', amount: 5, at: '2025-11-30T23:59:59Z' }),
        makeRefund({ sale_id: 'sz', amount: 15, at: '2026-01-09T12:00:00Z' }),
      ]);

      it('is listed as unattributed, sorted by sale_id', () => {
        expect(result.unattributedSales).toEqual([
          { sale_id: 'early', rep_id: 'r-ana', occurred_at: '2025-11-30T23:59:59Z' },
          { sale_id: 'sz', rep_id: 'r-zed', occurred_at: '2026-01-08T12:00:00Z' },
        ]);
      });

      it('is credited to the company and the rep, with its refund', () => {
        expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({ revenue: 400000n, refunds: 150000n, net_revenue: 250000n });
        expect(getRow(result, 'rep', 'r-zed', 'month', '2026-01')).toMatchObject({ revenue: 400000n, refunds: 150000n, net_revenue: 250000n });
        expect(getRow(result, 'rep', 'r-ana', 'month', '2025-11')).toMatchObject({ revenue: 50000n });
      });

      it('is credited to no team', () => {
        expect(result.kpis.filter((r) => r.scope === 'team')).toEqual([]);
      });
    });
  });

  describe('refunds', () => {
    it('reduces the net revenue of the month the refund occurred in, not the sale’s month', () => {
      const result = build([
        makeRep(),
        makeSale({ amount: 100, cost: 60, at: '2026-01-31T23:00:00Z' }),
        makeRefund({ amount: 40, cost: 24, at: '2026-02-01T01:00:00Z' }),
      ]);
      expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({ revenue: 1000000n, refunds: 0n, net_revenue: 1000000n, cost: 600000n });
      expect(getRow(result, 'company', null, 'month', '2026-02')).toMatchObject({
        revenue: 0n,
        refunds: 400000n,
        net_revenue: -400000n,
        cost: -240000n,
        profit: -160000n,
        orders: 0,
      });
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toMatchObject({ net_revenue: 600000n, cost: 360000n, profit: 240000n, margin: 0.4 });
    });

    it('sums several refunds of one sale', () => {
      const result = build([
        makeRep(),
        makeSale({ amount: 100 }),
        makeRefund({ id: 'evt-rf-1', amount: '10.5', at: '2026-01-06T10:00:00Z' }),
        makeRefund({ id: 'evt-rf-2', amount: '0.0001', at: '2026-01-07T10:00:00Z' }),
      ]);
      expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({ refunds: 105001n, net_revenue: 894999n });
    });

    it('gives the same result when the refund arrives before its sale', () => {
      const sale = makeSale({ amount: 100, cost: 50 });
      const refund = makeRefund({ amount: 25, cost: 10, at: '2026-01-20T10:00:00Z' });
      const refundFirst = build([makeRep(), refund, sale]);
      const saleFirst = build([makeRep(), sale, refund]);
      expect(refundFirst).toEqual(saleFirst);
      expect(refundFirst.orphanRefunds).toEqual([]);
      expect(getRow(refundFirst, 'team', 't-east', 'month', '2026-01')).toMatchObject({ refunds: 250000n, net_revenue: 750000n, cost: 400000n });
    });

    it('lists a refund of an unknown sale as an orphan and leaves it out of every figure', () => {
      const result = build([
        makeRep(),
        makeSale({ amount: 100, at: '2026-01-05T10:00:00Z' }),
        makeRefund({ id: 'evt-orphan-b', sale_id: 'ghost-2', amount: '1234', at: '2026-01-05T12:00:00Z' }),
        makeRefund({ id: 'evt-orphan-a', sale_id: 'ghost-1', amount: '0.5', at: '2026-01-06T12:00:00Z' }),
      ]);
      expect(result.orphanRefunds).toEqual([
        { event_id: 'evt-orphan-a', sale_id: 'ghost-1', amount: 5000n, occurred_at: '2026-01-06T12:00:00Z' },
        { event_id: 'evt-orphan-b', sale_id: 'ghost-2', amount: 12340000n, occurred_at: '2026-01-05T12:00:00Z' },
      ]);
      expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({ refunds: 0n, net_revenue: 1000000n });
      expect(findRow(result, 'company', null, 'day', '2026-01-06')).toBeUndefined();
    });

    it('makes no rows at all from orphan refunds alone', () => {
      const result = build([makeRefund({ sale_id: 'ghost', amount: 5 })]);
      expect(result.kpis).toEqual([]);
      expect(result.orphanRefunds).toHaveLength(1);
    });
  });

  describe('sale amendments', () => {
    const original = makeSale({ id: 'evt-s1-v1', sale_id: 's1', rep_id: 'r-ana', customer_id: 'c1', amount: 100, at: '2026-01-05T10:00:00Z' });
    const amended = makeSale({ id: 'evt-s1-v2', sale_id: 's1', rep_id: 'r-ben', customer_id: 'c2', amount: 120, at: '2026-01-07T10:00:00Z' });
    const reps = [makeRep({ rep_id: 'r-ana', team_id: 't-east' }), makeRep({ rep_id: 'r-ben', name: 'Ben', team_id: 't-west' })];

    it('replaces a sale by a later sale.closed for the same sale_id', () => {
      const result = build([...reps, original, amended]);
      expect(getRow(result, 'company', null, 'month', '2026-01')).toMatchObject({
        revenue: 1200000n,
        orders: 1,
        active_customers: 1,
        new_customers: 1,
      });
      expect(findRow(result, 'company', null, 'day', '2026-01-05')).toBeUndefined();
      expect(getRow(result, 'company', null, 'day', '2026-01-07').revenue).toBe(1200000n);
      expect(result.kpis.filter((r) => r.id === 'r-ana' || r.id === 't-east')).toEqual([]);
      expect(getRow(result, 'team', 't-west', 'month', '2026-01').revenue).toBe(1200000n);
    });

    it('keeps the latest version whatever the arrival order', () => {
      expect(build([...reps, amended, original])).toEqual(build([...reps, original, amended]));
    });

    it('ignores a version with an earlier occurred_at', () => {
      const stale = makeSale({ id: 'evt-s1-v0', sale_id: 's1', amount: 999, at: '2026-01-04T10:00:00Z' });
      const result = build([...reps, original, stale]);
      expect(getRow(result, 'company', null, 'month', '2026-01').revenue).toBe(1000000n);
      expect(findRow(result, 'company', null, 'day', '2026-01-04')).toBeUndefined();
    });

    it('breaks a tie on occurred_at by the greater event id in code-point order', () => {
      const at = '2026-01-05T10:00:00Z';
      const result = build([
        ...reps,
        makeSale({ id: 'evt-9', sale_id: 's1', amount: 9, at }),
        makeSale({ id: 'evt-10', sale_id: 's1', amount: 10, at }),
      ]);
      expect(getRow(result, 'company', null, 'day', '2026-01-05')).toMatchObject({ revenue: 90000n, orders: 1 });
    });

    it('credits refunds to the amended sale’s rep and team', () => {
      const result = build([...reps, original, amended, makeRefund({ sale_id: 's1', amount: 20, at: '2026-01-08T10:00:00Z' })]);
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-01')).toMatchObject({ refunds: 200000n, net_revenue: 1000000n });
      expect(findRow(result, 'rep', 'r-ana', 'month', '2026-01')).toBeUndefined();
    });
  });

  describe('ISO weeks across year boundaries', () => {
    const result = build([
      makeRep({ at: '2015-01-01T00:00:00Z' }),
      makeSale({ sale_id: 'w1', amount: 10, at: '2015-12-31T12:00:00Z' }),
      makeSale({ sale_id: 'w2', amount: 20, at: '2016-01-03T12:00:00Z' }),
      makeSale({ sale_id: 'w3', amount: 40, at: '2016-01-04T12:00:00Z' }),
      makeSale({ sale_id: 'w4', amount: 80, at: '2017-01-01T12:00:00Z' }),
    ]);

    it('puts 2015-12-31 and 2016-01-03 in one week, 2015-W53', () => {
      expect(getRow(result, 'company', null, 'week', '2015-W53')).toMatchObject({ revenue: 300000n, orders: 2 });
      expect(getRow(result, 'company', null, 'week', '2016-W01')).toMatchObject({ revenue: 400000n, orders: 1 });
    });

    it('keeps years by calendar date while weeks cross them', () => {
      expect(getRow(result, 'company', null, 'year', '2015').revenue).toBe(100000n);
      expect(getRow(result, 'company', null, 'year', '2016').revenue).toBe(600000n);
      expect(getRow(result, 'company', null, 'year', '2017').revenue).toBe(800000n);
    });

    it('puts 2017-01-01 in week 2016-W52 but month 2017-01, quarter 2017-Q1, year 2017', () => {
      expect(getRow(result, 'company', null, 'week', '2016-W52').revenue).toBe(800000n);
      expect(getRow(result, 'company', null, 'month', '2017-01').revenue).toBe(800000n);
      expect(getRow(result, 'company', null, 'quarter', '2017-Q1').revenue).toBe(800000n);
      expect(findRow(result, 'company', null, 'week', '2017-W01')).toBeUndefined();
      expect(findRow(result, 'company', null, 'week', '2017-W52')).toBeUndefined();
    });
  });

  describe('timezone', () => {
    const events = [
      makeRep(),
      makeSale({ sale_id: 'late', amount: 100, at: '2026-03-31T20:00:00Z' }),
      makeSale({ sale_id: 'early', customer_id: 'c2', amount: 10, at: '2026-03-31T15:59:59Z' }),
    ];

    it('puts a sale at 2026-03-31T20:00Z into March and Q1 in UTC', () => {
      const result = build(events, { timezone: 'UTC' });
      expect(getRow(result, 'company', null, 'month', '2026-03').revenue).toBe(1100000n);
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1').revenue).toBe(1100000n);
      expect(getRow(result, 'company', null, 'day', '2026-03-31').revenue).toBe(1100000n);
      expect(findRow(result, 'company', null, 'month', '2026-04')).toBeUndefined();
    });

    it('puts the same sale into April and Q2 in Asia/Shanghai', () => {
      const result = build(events, { timezone: 'Asia/Shanghai' });
      expect(getRow(result, 'company', null, 'month', '2026-04').revenue).toBe(1000000n);
      expect(getRow(result, 'company', null, 'quarter', '2026-Q2').revenue).toBe(1000000n);
      expect(getRow(result, 'company', null, 'day', '2026-04-01').revenue).toBe(1000000n);
      expect(getRow(result, 'company', null, 'month', '2026-03').revenue).toBe(100000n);
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1').revenue).toBe(100000n);
    });

    it('moves a New Year sale back a year in America/Los_Angeles', () => {
      const result = build([makeRep(), makeSale({ amount: 5, at: '2026-01-01T05:00:00Z' })], { timezone: 'America/Los_Angeles' });
      expect(rowKeys(result).filter((k) => k.startsWith('company'))).toEqual([
        'company - day 2025-12-31',
        'company - week 2026-W01',
        'company - month 2025-12',
        'company - quarter 2025-Q4',
        'company - year 2025',
      ]);
    });
  });

  describe('teams', () => {
    it('lists each team under its latest name', () => {
      const result = build([
        makeTeam({ id: 'evt-east-2', team_id: 't-east', name: 'East Coast', at: '2026-01-01T00:00:00Z' }),
        makeTeam({ id: 'evt-east-1', team_id: 't-east', name: 'East', at: '2025-11-01T00:00:00Z' }),
        makeTeam({ id: 'evt-alpha', team_id: 't-alpha', name: 'Alpha' }),
      ]);
      expect(result.teams).toEqual([
        { team_id: 't-alpha', name: 'Alpha' },
        { team_id: 't-east', name: 'East Coast' },
      ]);
    });
  });

  describe('ids with unusual characters', () => {
    it('keeps a rep and team id containing "|" intact', () => {
      const result = build([makeSale({ rep_id: 'r|1', team_id: 't|1', at: '2026-01-05T10:00:00Z' })]);
      expect(getRow(result, 'rep', 'r|1', 'month', '2026-01').revenue).toBe(1000000n);
      expect(getRow(result, 'team', 't|1', 'month', '2026-01').revenue).toBe(1000000n);
    });

    it('keeps a target for a scope id containing "|"', () => {
      const result = build([makeTarget({ id: 'evt-target-pipe', scope: 'rep', scope_id: 'r|1', period: '2026-01', value: 10 })]);
      expect(getRow(result, 'rep', 'r|1', 'month', '2026-01').target_revenue).toBe(100000n);
    });

    it('keeps a rep id containing ":"', () => {
      const result = build([makeSale({ rep_id: 'crm:42', team_id: 'hub:north', at: '2026-01-05T10:00:00Z' })]);
      expect(getRow(result, 'rep', 'crm:42', 'month', '2026-01').revenue).toBe(1000000n);
      expect(getRow(result, 'team', 'hub:north', 'month', '2026-01').revenue).toBe(1000000n);
    });
  });

  describe('order independence', () => {
    // Every fixture above at once (event ids are unique across them).
    const ALL: Raw[] = [
      ...FIXTURE_A,
      makeRep({ id: 'evt-ana-moves-west', rep_id: 'r-ana', team_id: 't-west', at: '2026-01-15T00:00:00Z' }),
      makeRep({ id: 'evt-cy-10', rep_id: 'r-cy', name: 'Cy', team_id: 't-east', at: '2026-01-01T00:00:00Z' }),
      makeRep({ id: 'evt-cy-9', rep_id: 'r-cy', name: 'Cy', team_id: 't-west', at: '2026-01-01T00:00:00Z' }),
      makeTeam({ id: 'evt-east-renamed', team_id: 't-east', name: 'East Coast', at: '2026-01-01T00:00:00Z' }),
      makeSale({ id: 'evt-s4-v1', sale_id: 's4', rep_id: 'r-cy', customer_id: 'c4', amount: 70, cost: 30, at: '2026-01-16T10:00:00Z' }),
      makeSale({ id: 'evt-s4-v2', sale_id: 's4', rep_id: 'r-ben', customer_id: 'c5', amount: 75, at: '2026-01-17T10:00:00Z' }),
      makeSale({ id: 'evt-s5-9', sale_id: 's5', customer_id: 'c6', amount: 9, at: '2026-02-10T10:00:00Z' }),
      makeSale({ id: 'evt-s5-10', sale_id: 's5', customer_id: 'c6', amount: 10, at: '2026-02-10T10:00:00Z' }),
      makeSale({ sale_id: 'tie-b', rep_id: 'r-ana', customer_id: 'c7', amount: '0.0001', at: '2026-03-01T10:00:00Z' }),
      makeSale({ sale_id: 'tie-a', rep_id: 'r-cy', customer_id: 'c7', amount: '0.0004', at: '2026-03-01T10:00:00Z' }),
      makeSale({ sale_id: 'sz', rep_id: 'r-zed', customer_id: 'c8', amount: 40, at: '2026-03-08T12:00:00Z' }),
      makeRefund({ id: 'evt-rf-s4', sale_id: 's4', amount: 5, cost: 1, at: '2026-02-01T10:00:00Z' }),
      makeRefund({ id: 'evt-rf-sz', sale_id: 'sz', amount: 15, at: '2026-04-09T12:00:00Z' }),
      makeRefund({ id: 'evt-orphan', sale_id: 'ghost', amount: 3, at: '2026-02-02T10:00:00Z' }),
      makeTarget({ id: 'tgt-new', at: '2025-12-15T00:00:00Z', period: '2026-01', value: 500 }),
      makeTarget({ id: 'tgt-old', at: '2025-12-01T00:00:00Z', period: '2026-01', value: 400 }),
      makeTarget({ id: 'tgt-9', at: '2026-01-20T00:00:00Z', period: '2026-02', value: 100 }),
      makeTarget({ id: 'tgt-10', at: '2026-01-20T00:00:00Z', period: '2026-02', value: 200 }),
      makeTarget({ period: '2026-03', value: 700 }),
      makeTarget({ scope: 'team', scope_id: 't-west', period: '2026-Q2', value: 100 }),
      makeTarget({ scope: 'rep', scope_id: 'r-ben', period: '2026-09', value: 100 }),
    ];

    it('uses fixtures with unique event ids', () => {
      expect(new Set(ALL.map((e) => e.id)).size).toBe(ALL.length);
    });

    const baseline = build(ALL);

    it('has something to compare', () => {
      expect(baseline.kpis.length).toBeGreaterThan(80);
      expect(baseline.orphanRefunds).toHaveLength(1);
      expect(baseline.unattributedSales).toEqual([{ sale_id: 'sz', rep_id: 'r-zed', occurred_at: '2026-03-08T12:00:00Z' }]);
      // Spot checks of the combined figures: January company revenue is fixture A's 400 plus the
      // amended s4 (75); s5 keeps the 'evt-s5-9' version (9).
      expect(getRow(baseline, 'company', null, 'month', '2026-01')).toMatchObject({ revenue: 4750000n, orders: 4, margin: null });
      expect(getRow(baseline, 'company', null, 'month', '2026-02')).toMatchObject({ revenue: 90000n, refunds: 550000n });
      expect(getRow(baseline, 'team', 't-west', 'quarter', '2026-Q2')).toMatchObject({ refunds: 0n, target_revenue: 1000000n, attainment: 0 });
    });

    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 42, 2026]) {
      it(`gives identical output for shuffle seed ${seed}`, () => {
        const order = shuffled(ALL, seed);
        expect(order.map((e) => e.id)).not.toEqual(ALL.map((e) => e.id));
        expect(build(order)).toStrictEqual(baseline);
      });
    }

    it('gives identical output for the reversed input', () => {
      expect(build([...ALL].reverse())).toStrictEqual(baseline);
    });

    it('gives identical output under a non-UTC timezone too', () => {
      const berlin = build(ALL, { timezone: 'Europe/Berlin' });
      expect(build(shuffled(ALL, 99), { timezone: 'Europe/Berlin' })).toStrictEqual(berlin);
    });

    it('sorts rows by scope, id, grain and period', () => {
      const sorted = [...baseline.kpis].sort(compareRows);
      expect(baseline.kpis).toEqual(sorted);
      expect(baseline.kpis[0]).toMatchObject({ scope: 'company', grain: 'day' });
      expect(baseline.kpis.at(-1)).toMatchObject({ scope: 'rep', id: 'r-zed', grain: 'year' });
    });
  });
});

describe('compareRows', () => {
  it('orders company before team before rep, then id, grain from day to year, then period', () => {
    const rows = [
      { scope: 'rep', id: 'a', grain: 'day', period: '2026-01-01' },
      { scope: 'team', id: 'b', grain: 'year', period: '2026' },
      { scope: 'team', id: 'a', grain: 'year', period: '2026' },
      { scope: 'company', id: null, grain: 'month', period: '2026-02' },
      { scope: 'company', id: null, grain: 'month', period: '2026-01' },
      { scope: 'company', id: null, grain: 'week', period: '2026-W10' },
    ] as const;
    const keys = [...rows].sort(compareRows).map((r) => `${r.scope} ${r.id ?? '-'} ${r.grain} ${r.period}`);
    expect(keys).toEqual([
      'company - week 2026-W10',
      'company - month 2026-01',
      'company - month 2026-02',
      'team a year 2026',
      'team b year 2026',
      'rep a day 2026-01-01',
    ]);
  });
});
