import { describe, expect, it } from 'vitest';
import { companyDaySpan } from '../../site/data/day-span.ts';
import { findCompanyRow } from '../../site/data/kpi-rows.ts';
import { fixtureSnapshot, makeRow, makeSnapshot } from './make-snapshot.ts';

// The fixture's October day rows (company):
//   Oct 2:  net 12,000     profit 4,800  (margin 40%)     2 new
//   Oct 16: net 14,000     profit 7,000  (margin 50%)     1 new
//   Oct 27: net 14,000     profit 4,575  (after a 1,250.50 refund)  0 new
//   Oct 31: net 4,000      profit 2,625  margin null: a sale without cost   1 new
describe('companyDaySpan', () => {
  it('sums the fixture October days 1–30: net 40,000, profit 16,375, margin 40.9375%, 3 new', () => {
    expect(companyDaySpan(fixtureSnapshot(), '2026-10', 30)).toEqual({
      month: '2026-10',
      through: 30,
      activeDays: 3,
      netRevenue: 40000,
      profit: 16375,
      margin: 0.409375,
      marginMissing: null,
      newCustomers: 3,
    });
  });

  it('gives the whole month row back over all its days, margin unknown from Oct 31', () => {
    const snapshot = fixtureSnapshot();
    const span = companyDaySpan(snapshot, '2026-10', 31);
    const month = findCompanyRow(snapshot, 'month', '2026-10')!;
    expect([span.netRevenue, span.profit, span.newCustomers, span.margin]).toEqual([
      month.net_revenue,
      month.profit,
      month.new_customers,
      month.margin,
    ]);
    expect(span.marginMissing).toBe('missing_cost');
  });

  it('caps the span at the month length and includes its last day', () => {
    expect(companyDaySpan(fixtureSnapshot(), '2026-10', 40)).toMatchObject({ through: 31, netRevenue: 44000 });
    expect(companyDaySpan(fixtureSnapshot(), '2026-10', 2)).toMatchObject({ through: 2, netRevenue: 12000, activeDays: 1 });
    expect(companyDaySpan(fixtureSnapshot(), '2026-10', 1)).toMatchObject({ activeDays: 0, netRevenue: 0, margin: null, marginMissing: 'no_activity' });
  });

  it('sums money exactly: 0.1 + 0.2 is 0.3', () => {
    const day = (period: string, amount: number) =>
      makeRow({ grain: 'day', period, net_revenue: amount, revenue: amount, cost: 0, profit: amount, margin: 1 });
    const span = companyDaySpan(makeSnapshot({ kpis: [day('2026-10-01', 0.1), day('2026-10-02', 0.2)] }), '2026-10', 31);
    expect(span.netRevenue).toBe(0.3);
    expect(span.margin).toBe(1);
  });
});
