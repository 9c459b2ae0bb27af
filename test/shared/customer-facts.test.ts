/** Customer facts and the cohort table, on a hand-made set of sale and refund lines. */
import { describe, expect, it } from 'vitest';
import { customerFacts } from '../../shared/analysis/customer-facts.ts';
import type { RefundLine, SaleLine } from '../../shared/appraisal/commission.ts';

const U = 10_000n;
function sale(saleId: string, customerId: string, day: string, amount: bigint, extra: Partial<SaleLine> = {}): SaleLine {
  return {
    saleId, customerId, day, amount: amount * U, repId: 'rep_a', teamId: 'team_x', occurredMs: Date.parse(`${day}T12:00:00Z`),
    quarter: `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`, region: null, segment: null, ...extra,
  };
}
function refund(eventId: string, saleId: string, day: string, amount: bigint): RefundLine {
  return { eventId, saleId, repId: 'rep_a', day, quarter: '2026-Q1', saleQuarter: '2026-Q1', amount: amount * U };
}

describe('customer facts', () => {
  const sales = [
    sale('s1', 'c1', '2026-01-10', 100n, { segment: 'smb', region: 'north' }),
    sale('s2', 'c1', '2026-03-05', 50n, { segment: 'mid', region: 'north', repId: 'rep_b', teamId: 'team_y' }),
    sale('s3', 'c2', '2026-02-01', 70n),
    // c2's last two sales tie in time: the greater sale id (s5) is the latest.
    sale('s4', 'c2', '2026-03-20', 10n, { segment: 'one' }),
    sale('s5', 'c2', '2026-03-20', 20n, { segment: 'two' }),
    sale('s6', 'c3', '2026-03-02', 5n),
  ];
  const refunds = [refund('r1', 's1', '2026-02-01', 30n), refund('r2', 's3', '2026-03-01', 70n), refund('r9', 'unknown', '2026-03-01', 1n)];
  const cycle = { bins: [], quarters: [] };
  const facts = customerFacts(sales, refunds, cycle);

  it('sums each customer, takes first and last days, and describes them by their latest sale', () => {
    expect(facts.rows).toEqual([
      // c1: 100 + 50 = 150 revenue, 30 refunded → 120 net; latest sale s2 (rep_b, team_y, mid, north).
      // Gained by rep_a (team_x) with s1: the first sale, not the latest, says who gained the customer.
      { customer_id: 'c1', first_day: '2026-01-10', last_day: '2026-03-05', orders: 2, revenue: 150n * U, refunds: 30n * U, net_revenue: 120n * U, segment: 'mid', region: 'north', rep_id: 'rep_b', team_id: 'team_y',
        first_sale_id: 's1', first_rep_id: 'rep_a', first_team_id: 'team_x', first_amount: 100n * U },
      // c2: 70 + 10 + 20 = 100, 70 refunded → 30; s4 and s5 tie in time, s5 wins.
      { customer_id: 'c2', first_day: '2026-02-01', last_day: '2026-03-20', orders: 3, revenue: 100n * U, refunds: 70n * U, net_revenue: 30n * U, segment: 'two', region: null, rep_id: 'rep_a', team_id: 'team_x',
        first_sale_id: 's3', first_rep_id: 'rep_a', first_team_id: 'team_x', first_amount: 70n * U },
      { customer_id: 'c3', first_day: '2026-03-02', last_day: '2026-03-02', orders: 1, revenue: 5n * U, refunds: 0n, net_revenue: 5n * U, segment: null, region: null, rep_id: 'rep_a', team_id: 'team_x',
        first_sale_id: 's6', first_rep_id: 'rep_a', first_team_id: 'team_x', first_amount: 5n * U },
    ]);
  });

  it('takes as first sale the earliest, ties to the smaller sale id, in any order of the lines; a team-less first sale gives a null team', () => {
    const tied = [
      sale('s9', 'c9', '2026-04-01', 9n, { repId: 'rep_b', teamId: 'team_y' }),
      sale('s10', 'c9', '2026-04-01', 10n, { repId: 'rep_c', teamId: null }),
      sale('s8', 'c9', '2026-04-02', 8n),
    ];
    // 's10' < 's9' in code-point order: s10 is the first sale.
    for (const lines of [tied, [...tied].reverse(), [tied[2]!, tied[0]!, tied[1]!]]) {
      const [row] = customerFacts(lines, [], cycle).rows;
      expect(row).toMatchObject({ first_day: '2026-04-01', first_sale_id: 's10', first_rep_id: 'rep_c', first_team_id: null, first_amount: 10n * U, rep_id: 'rep_a' });
    }
  });

  it('counts cohort customers and their net revenue per month (refunds in the month they were made)', () => {
    expect(facts.cohorts).toEqual([
      { cohort: '2026-01', month: '2026-01', customers: 1, net_revenue: 100n * U },
      // c1's refund r1 (30) is made in February, a month c1 bought nothing: 0 customers, −30.
      { cohort: '2026-01', month: '2026-02', customers: 0, net_revenue: -30n * U },
      { cohort: '2026-01', month: '2026-03', customers: 1, net_revenue: 50n * U },
      { cohort: '2026-02', month: '2026-02', customers: 1, net_revenue: 70n * U },
      // c2 in March: 10 + 20 bought, 70 refunded (r2) → −40.
      { cohort: '2026-02', month: '2026-03', customers: 1, net_revenue: -40n * U },
      { cohort: '2026-03', month: '2026-03', customers: 1, net_revenue: 5n * U },
    ]);
  });

  it('carries the sales cycle it is given', () => {
    expect(facts.sales_cycle).toBe(cycle);
  });

  it('sums each segment per month: sales in their month, refunds in theirs, sales naming no segment last', () => {
    expect(facts.segments).toEqual([
      // s2 (mid, March): 50.
      { segment: 'mid', month: '2026-03', orders: 1, customers: 1, net_revenue: 50n * U },
      { segment: 'one', month: '2026-03', orders: 1, customers: 1, net_revenue: 10n * U },
      // s1 (smb, January): 100; its refund r1 (30) in February.
      { segment: 'smb', month: '2026-01', orders: 1, customers: 1, net_revenue: 100n * U },
      { segment: 'smb', month: '2026-02', orders: 0, customers: 0, net_revenue: -30n * U },
      { segment: 'two', month: '2026-03', orders: 1, customers: 1, net_revenue: 20n * U },
      // No segment: s3 (c2, February, 70); s6 (c3, March, 5) less r2 (s3's 70, March) → −65.
      { segment: null, month: '2026-02', orders: 1, customers: 1, net_revenue: 70n * U },
      { segment: null, month: '2026-03', orders: 1, customers: 1, net_revenue: -65n * U },
    ]);
  });
});
