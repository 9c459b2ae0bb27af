/**
 * Customer behaviour on the customers page, on a small hand-made snapshot (as of Nov 20, 2026:
 * October is the last complete month) and on the fixture.
 */
import { describe, expect, it } from 'vitest';
import type { CustomerRow, KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { binLabel, buildCustomerAnalysis, repeatPurchase, trailingMargin } from '../../site/data/customer-analysis.ts';
import { tableCsv } from '../../site/data/table.ts';
import { fixtureSnapshot, makeRow, makeSnapshot } from './make-snapshot.ts';

const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

function customer(id: string, first: string, last: string, orders: number, net: number, overrides: Partial<CustomerRow> = {}): CustomerRow {
  return { customer_id: id, first_day: first, last_day: last, orders, revenue: net, refunds: 0, net_revenue: net, segment: null, region: null, rep_id: 'r1', team_id: null,
    first_sale_id: `s_${id}`, first_rep_id: 'r1', first_team_id: null, first_amount: net, ...overrides };
}

const BINS = [0, 8, 15, 31, 61, 91, 181].map((from, i, all) => ({ from_days: from, to_days: all[i + 1] ?? null }));

/**
 * Four customers: a (4 orders, Jul 5 – Oct 20), b (one order, Aug 10), c (2 orders, Jul 10 and
 * Sep 10), d (3 orders, Sep 1–11); their cohort table; segments; opportunities by quarter.
 */
function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return makeSnapshot({
    teams: [{ team_id: 't1', name: 'North' }],
    reps: [{ rep_id: 'r2', name: 'Ana Lima', team_id: 't1' }],
    customers: {
      rows: [
        customer('a', '2026-07-05', '2026-10-20', 4, 1000, { team_id: 't1', rep_id: 'r2', segment: 'smb', region: 'east' }),
        customer('b', '2026-08-10', '2026-08-10', 1, 200),
        customer('c', '2026-07-10', '2026-09-10', 2, 600),
        customer('d', '2026-09-01', '2026-09-11', 3, 300),
      ],
      cohorts: [
        { cohort: '2026-07', month: '2026-07', customers: 2, net_revenue: 500 },
        { cohort: '2026-07', month: '2026-08', customers: 1, net_revenue: 200 },
        { cohort: '2026-07', month: '2026-09', customers: 2, net_revenue: 400 },
        { cohort: '2026-07', month: '2026-10', customers: 1, net_revenue: 200 },
        { cohort: '2026-08', month: '2026-08', customers: 1, net_revenue: 200 },
        { cohort: '2026-09', month: '2026-09', customers: 1, net_revenue: 300 },
      ],
      segments: [
        { segment: 'smb', month: '2026-09', orders: 1, customers: 1, net_revenue: 300 },
        { segment: 'smb', month: '2026-10', orders: 2, customers: 1, net_revenue: 200 },
        { segment: null, month: '2026-10', orders: 1, customers: 1, net_revenue: 100 },
        { segment: 'enterprise', month: '2026-11', orders: 1, customers: 1, net_revenue: 999 },
      ],
      sales_cycle: {
        bins: BINS,
        quarters: [
          { period: '2026-Q2', won: 3, lost: 1, counts: [1, 1, 0, 0, 0, 0, 0] },
          { period: '2026-Q3', won: 2, lost: 2, counts: [0, 1, 1, 0, 0, 0, 0] },
          { period: '2026-Q4', won: 5, lost: 0, counts: [5, 0, 0, 0, 0, 0, 0] },
        ],
      },
    },
    ...overrides,
  });
}

describe('repeatPurchase', () => {
  it('counts customers with 2+ orders, their share of net revenue, the median usual gap and orders per customer', () => {
    expect(repeatPurchase(snapshot().customers.rows)).toEqual({
      repeatCustomers: 3, // a, c, d
      share: 0.75,
      netShare: 1900 / 2100,
      medianGapDays: 107 / 3, // gaps: a 107 / 3 = 35.7, c 62, d 5
      ordersPerCustomer: 2.5, // 10 orders / 4
    });
  });

  it('has no shares without customers', () => {
    expect(repeatPurchase([])).toEqual({ repeatCustomers: 0, share: null, netShare: null, medianGapDays: null, ordersPerCustomer: null });
  });
});

describe('buildCustomerAnalysis: a small snapshot', () => {
  const analysis = () => buildCustomerAnalysis(snapshot(), '/');

  it('reads retention by cohort to the last complete month, each cohort as old as it is', () => {
    const a = analysis();
    expect(a.lastCompleteMonth).toBe('2026-10');
    expect(a.retention.cells).toEqual([
      { cohort: '2026-07', k: 1, share: 0.5, customers: 1 },
      { cohort: '2026-07', k: 2, share: 1, customers: 2 },
      { cohort: '2026-07', k: 3, share: 0.5, customers: 1 },
      { cohort: '2026-08', k: 1, share: 0, customers: 0 },
      { cohort: '2026-08', k: 2, share: 0, customers: 0 },
      { cohort: '2026-09', k: 1, share: 0, customers: 0 },
    ]);
    expect(texts(a.retention.table.rows)).toEqual([
      ['September 2026', '1', '0.0%', '—', '—', '—', '—'],
      ['August 2026', '1', '0.0%', '0.0%', '—', '—', '—'],
      ['July 2026', '2', '50.0%', '100.0%', '50.0%', '—', '—'],
    ]);
    expect(a.retention.table.rows[2]![5]!.missing).toBe('Not 6 months old by October 2026');
  });

  it('segments customers by RFM quintiles, with counts, net revenue and shares', () => {
    // Recency 31 (a), 102 (b), 71 (c), 70 (d) days → R 4, 1, 2, 3; orders 4, 1, 2, 3 → F 4, 1, 2, 3.
    expect(texts(analysis().rfm.table.rows).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
      ['Champions', '1', '25.0%', '$1,000', '47.6%'],
      ['Loyal', '0', '0.0%', '$0', '0.0%'],
      ['New', '0', '0.0%', '$0', '0.0%'],
      ['Promising', '0', '0.0%', '$0', '0.0%'],
      ['At risk', '0', '0.0%', '$0', '0.0%'],
      ['Hibernating', '2', '50.0%', '$800', '38.1%'],
      ['Needs attention', '1', '25.0%', '$300', '14.3%'],
    ]);
    expect(analysis().rfm.table.rows[0]![1]!.text).toBe('bought recently (R 4–5) and often (F 4–5)');
  });

  it('lists the top customers by net revenue, linking their team and rep when the snapshot names them', () => {
    const top = analysis().top;
    expect(texts(top.rows).map((r) => [r[0], r[1], r[2], r[5], r[6], r[8], r[9]])).toEqual([
      ['a', '$1,000', '4', 'Champions', 'smb', 'North', 'Ana Lima'],
      ['c', '$600', '2', 'Hibernating', '—', 'No team', 'r1'],
      ['d', '$300', '3', 'Needs attention', '—', 'No team', 'r1'],
      ['b', '$200', '1', 'Hibernating', '—', 'No team', 'r1'],
    ]);
    expect(top.rows[0]![8]!.href).toBe('/teams/t1/');
    expect(top.rows[0]![9]!.href).toBe('/reps/r2/');
    expect(top.rows[1]![9]!.href).toBeUndefined();
    expect(tableCsv(top).split('\r\n')[1]).toBe('a,1000,4,2026-07-05,2026-10-20,champions,smb,east,t1,r2');
  });

  it('charts segments over the complete months, the biggest first, and tabulates every month', () => {
    const s = analysis().segments;
    expect(s.names).toEqual(['smb', 'No segment']);
    expect(s.months).toEqual(['2026-09', '2026-10']);
    expect(s.points).toEqual([
      { segment: 'smb', month: '2026-09', value: 300 },
      { segment: 'smb', month: '2026-10', value: 200 },
      { segment: 'No segment', month: '2026-09', value: 0 },
      { segment: 'No segment', month: '2026-10', value: 100 },
    ]);
    expect(texts(s.table.rows)[0]).toEqual(['November 2026 (to date)', 'enterprise', '1', '1', '$999']);
  });

  it('lists lapsing customers: d, 70 days since a usual gap of 5', () => {
    expect(texts(analysis().lapsing.table.rows)).toEqual([['d', '$300', '3', 'Sep 11, 2026', '70', '5.0', 'No team', 'r1']]);
  });

  it('sums the sales cycle over the complete quarters, and tabulates every quarter', () => {
    const c = analysis().cycle;
    expect(c.quarters).toEqual(['2026-Q2', '2026-Q3']);
    expect(c.bars.map((b) => b.value)).toEqual([1, 2, 1, 0, 0, 0, 0]);
    expect(c.bars.map((b) => b.label)).toEqual(['0–7 days', '8–14 days', '15–30 days', '31–60 days', '61–90 days', '91–180 days', '181+ days']);
    expect({ won: c.won, lost: c.lost, unbinned: c.unbinned }).toEqual({ won: 5, lost: 3, unbinned: 1 });
    expect(texts(c.table.rows).map((r) => r.slice(0, 5))).toEqual([
      ['Q4 2026 (to date)', '5', '0', '100.0%', '5'],
      ['Q3 2026', '2', '2', '50.0%', '0'],
      ['Q2 2026', '3', '1', '75.0%', '1'],
    ]);
    expect(tableCsv(c.table).split('\r\n')[0]).toBe('quarter,won,lost,win_rate,days_0_7,days_8_14,days_15_30,days_31_60,days_61_90,days_91_180,days_181_plus');
  });

  it('has no lifetime value until a cohort is 12 months old, and says so', () => {
    const ltv = analysis().ltv;
    expect(ltv.value).toBeNull();
    expect(ltv.rule).toBe('Measured, not modelled: it needs a cohort (month of first purchase) whose first 12 months have all ended; none has by October 2026.');
  });
});

describe('binLabel', () => {
  it('names a bin by its days, the last without an end', () => {
    expect(binLabel({ from_days: 15, to_days: 31 })).toBe('15–30 days');
    expect(binLabel({ from_days: 181, to_days: null })).toBe('181+ days');
  });
});

describe('trailingMargin', () => {
  const months = (rows: Partial<KpiRow>[]) => makeSnapshot({ kpis: rows.map((r) => makeRow(r)) });

  it('is profit ÷ net revenue over the complete months with figures, up to 12', () => {
    const s = months([
      { period: '2026-09', net_revenue: 1000, profit: 400, margin: 0.4 },
      { period: '2026-10', net_revenue: 1000, profit: 200, margin: 0.2 },
    ]);
    expect(trailingMargin(s, '2026-10')).toEqual({ margin: 0.3, months: { from: '2026-09', to: '2026-10', count: 2 }, missing: null });
  });

  it('is unknown when a month has a sale without a cost', () => {
    const s = months([
      { period: '2026-09', net_revenue: 1000, profit: 400, margin: 0.4 },
      { period: '2026-10', net_revenue: 1000, profit: 200, margin: null },
    ]);
    expect(trailingMargin(s, '2026-10')).toMatchObject({ margin: null, missing: 'a sale in October 2026 has no cost' });
  });
});

describe('buildCustomerAnalysis: the fixture', () => {
  const analysis = () => buildCustomerAnalysis(fixtureSnapshot(), '/');

  it('finds 21 repeat customers of 38', () => {
    expect(analysis().repeat).toMatchObject({ repeatCustomers: 21, share: 21 / 38, ordersPerCustomer: 86 / 38 });
  });

  it('measures lifetime value on the November 2025 cohort: (12,000 + 5,500 + 3,000 + 6,000) / 6 customers', () => {
    const ltv = analysis().ltv;
    expect(ltv.value).toMatchObject({ months: 12, cohorts: 1, customers: 6, net_revenue_per_customer: 4416.67, margin: null, profit_per_customer: null });
    // October's margin is unknown (a sale without a cost), so the profit is too.
    expect(ltv.marginMissing).toBe('a sale in October 2026 has no cost');
    expect(ltv.rule).toContain('averaged over the 6 customers of the 1 cohort (months of first purchase) old enough');
  });

  it('tops the customers with cus_01 and finds cus_09 and cus_13 lapsing', () => {
    const a = analysis();
    expect(texts(a.top.rows)[0]!.slice(0, 3)).toEqual(['cus_01', '$29,500', '10']);
    expect(texts(a.lapsing.table.rows).map((r) => [r[0], r[4], r[5]])).toEqual([
      ['cus_09', '143', '7.0'], // Jul 3 and 10, then nothing to Nov 30
      ['cus_13', '76', '34.0'], // Aug 12 and Sep 15
    ]);
  });

  it('sums the sales cycle of Q3 2026, the only complete quarter', () => {
    const c = analysis().cycle;
    expect(c.quarters).toEqual(['2026-Q3']);
    expect(c.bars.map((b) => b.value)).toEqual([1, 2, 3, 1, 0, 0, 0]);
    expect({ won: c.won, lost: c.lost, unbinned: c.unbinned }).toEqual({ won: 8, lost: 7, unbinned: 1 });
  });
});
