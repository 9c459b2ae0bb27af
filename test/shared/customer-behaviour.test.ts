/** RFM segments, cohort retention, lapsing customers and lifetime value, on hand-made customers. */
import { describe, expect, it } from 'vitest';
import { cohortRetention, lapsingCustomers, lifetimeValue, rfm, rfmSummary } from '../../shared/analysis/customer-behaviour.ts';
import type { CohortCell, CustomerRow } from '../../shared/snapshot.ts';

function customer(id: string, first: string, last: string, orders: number, net: number): CustomerRow {
  return { customer_id: id, first_day: first, last_day: last, orders, revenue: net, refunds: 0, net_revenue: net, segment: null, region: null, rep_id: 'r', team_id: null,
    first_sale_id: `s_${id}`, first_rep_id: 'r', first_team_id: null, first_amount: net };
}

describe('RFM', () => {
  // Ten customers, as of 2026-11-30; each quintile holds two. Orders sorted: 1 1 | 2 2 | 3 6 | 8 9 | 10 12,
  // so F: 1 → 1, 2 → 2, 3 and 6 → 3, 8 and 9 → 4, 10 and 12 → 5.
  const asOf = '2026-11-30';
  const customers = [
    customer('a', '2025-01-01', '2026-11-29', 12, 9000), // 1 day, 12 orders → R5 F5: champion
    customer('b', '2025-01-01', '2026-11-28', 10, 8000), // 2 days, 10 → R5 F5: champion
    customer('c', '2026-11-20', '2026-11-20', 1, 100), //   10 days, 1 order → R4, F1: new
    customer('d', '2026-06-01', '2026-11-15', 3, 600), //   15 days, 3 → R4 F3: promising
    customer('e', '2025-06-01', '2026-09-01', 8, 4000), //  90 days, 8 → R3, F4: loyal
    customer('f', '2025-06-01', '2026-08-01', 2, 300), //   121 days, 2 → R3, F2: needs attention
    customer('g', '2024-06-01', '2026-03-01', 9, 5000), //  274 days, 9 → R2 F4: at risk
    customer('h', '2025-02-01', '2026-01-01', 2, 200), //   333 days, 2 → R2, F2: hibernating
    customer('i', '2024-01-01', '2025-06-01', 6, 2500), //  547 days, 6 → R1 F3: at risk
    customer('j', '2024-01-01', '2024-02-01', 1, 50), //   1033 days, 1 → R1 F1: hibernating
  ];
  const scored = rfm(customers, asOf);

  it('scores recency, frequency and monetary by quintile and names the segment', () => {
    const by = Object.fromEntries(scored.map((c) => [c.customer_id, c]));
    expect(by.a).toMatchObject({ recency_days: 1, r: 5, f: 5, m: 5, segment: 'champions' });
    expect(by.b).toMatchObject({ r: 5, f: 5, segment: 'champions' });
    expect(by.c).toMatchObject({ recency_days: 10, r: 4, f: 1, segment: 'new' });
    expect(by.d).toMatchObject({ r: 4, f: 3, segment: 'promising' });
    expect(by.e).toMatchObject({ r: 3, f: 4, segment: 'loyal' });
    expect(by.f).toMatchObject({ r: 3, f: 2, segment: 'needs_attention' });
    expect(by.g).toMatchObject({ r: 2, f: 4, segment: 'at_risk' });
    expect(by.h).toMatchObject({ r: 2, f: 2, segment: 'hibernating' });
    expect(by.i).toMatchObject({ r: 1, f: 3, segment: 'at_risk' });
    expect(by.j).toMatchObject({ recency_days: 1033, r: 1, f: 1, m: 1, segment: 'hibernating' });
  });

  it('gives equal values the same score', () => {
    const tied = rfm([customer('x', '2026-01-01', '2026-11-01', 2, 10), customer('y', '2026-01-01', '2026-11-01', 2, 10)], asOf);
    expect(tied[0]!.r).toBe(tied[1]!.r);
    expect(tied[0]!.m).toBe(tied[1]!.m);
  });

  it('summarises segments with customers and net revenue', () => {
    const summary = Object.fromEntries(rfmSummary(scored).map((s) => [s.segment, s]));
    expect(summary.champions).toMatchObject({ customers: 2, net_revenue: 17000, share_of_customers: 0.2 });
    expect(summary.at_risk).toMatchObject({ customers: 2, net_revenue: 7500 });
    expect(summary.new).toMatchObject({ customers: 1, net_revenue: 100 });
  });
});

describe('cohort retention and lifetime value', () => {
  const cells: CohortCell[] = [
    { cohort: '2026-01', month: '2026-01', customers: 10, net_revenue: 1000 },
    { cohort: '2026-01', month: '2026-02', customers: 4, net_revenue: 300 },
    { cohort: '2026-01', month: '2026-03', customers: 5, net_revenue: 450 },
    { cohort: '2026-02', month: '2026-02', customers: 5, net_revenue: 500 },
    { cohort: '2026-02', month: '2026-04', customers: 1, net_revenue: 80 },
    { cohort: '2026-03', month: '2026-03', customers: 2, net_revenue: 100 },
  ];

  it('retention per month since the first purchase, to the last month', () => {
    expect(cohortRetention(cells, '2026-03')).toEqual([
      { cohort: '2026-01', size: 10, retention: [1, 0.4, 0.5] },
      { cohort: '2026-02', size: 5, retention: [1, 0] },
      { cohort: '2026-03', size: 2, retention: [1] },
    ]);
  });

  it('2-month value: cohorts Jan and Feb (Mar is 1 month old by March) — (1000 + 300 + 500 + 0) / 15', () => {
    const value = lifetimeValue(cells, '2026-03', 2, 0.25)!;
    expect(value).toMatchObject({ months: 2, cohorts: 2, customers: 15, net_revenue_per_customer: 120, margin: 0.25, profit_per_customer: 30 });
    // 3 months: only January: (1000 + 300 + 450) / 10 = 175; margin unknown → no profit figure.
    expect(lifetimeValue(cells, '2026-03', 3, null)).toMatchObject({ cohorts: 1, customers: 10, net_revenue_per_customer: 175, profit_per_customer: null });
    expect(lifetimeValue(cells, '2026-03', 4, null)).toBeNull();
  });
});

describe('lapsing customers', () => {
  it('repeat customers silent for more than twice their usual gap and 45 days, biggest first', () => {
    const list = lapsingCustomers(
      [
        // Every 30 days over 4 orders (90 days / 3 gaps); silent 70 days > 60 and > 45: lapsing.
        customer('p', '2026-06-22', '2026-09-20', 4, 900),
        // Every 106.5 days (213 / 2); silent 119 days < 213: not lapsing.
        customer('q', '2026-01-01', '2026-08-02', 3, 5000),
        // One order: never lapsing (no usual gap).
        customer('r', '2025-01-01', '2025-01-01', 1, 50),
        // Every 10 days; silent 39 days > 20 but not > 45: not yet.
        customer('s', '2026-10-01', '2026-10-21', 3, 100),
        // Every 30 days, silent 424 days: gone longer than a year, lapsed already (not listed).
        customer('u', '2025-07-02', '2025-08-31', 3, 9000),
        // Every 25 days (50 days / 2 gaps); silent 99 days: lapsing, and bigger than p.
        customer('t', '2026-07-03', '2026-08-22', 3, 2000),
      ],
      '2026-11-29',
    );
    expect(list.map((c) => c.customer_id)).toEqual(['t', 'p']);
    expect(list[1]).toMatchObject({ days_since: 70, usual_gap_days: 30 });
  });
});
