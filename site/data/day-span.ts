/**
 * Company figures over the first days of a month, summed from the snapshot's day rows. Used to
 * compare a month to date with the same days of the month before. Pure.
 *
 * Day rows exist for every day with activity; a missing day row is a day without activity
 * (api.md), so a sum over the rows present is the sum over the span.
 */
import type { Scope, Snapshot } from '../../shared/snapshot.ts';
import { seriesRows } from './kpi-rows.ts';
import { fromUnits, toUnits } from './money.ts';
import { dayOfMonth, periodDays } from './period.ts';

export interface DaySpanTotals {
  /** The month, e.g. `2026-10`. */
  month: string;
  /** The last day of the month included (days 1..through). */
  through: number;
  /** How many day rows the span has (days with activity). */
  activeDays: number;
  /** Sum of the days' net revenue, exact to 4 decimals. */
  netRevenue: number;
  /** Sum of the days' profit, exact to 4 decimals. */
  profit: number;
  /** profit / net revenue of the span; null when `marginMissing` says why. */
  margin: number | null;
  /**
   * Why the span's margin is null: `no_activity` (no day rows), `no_net_revenue` (net revenue
   * sums to 0), `missing_cost` (a day in the span has a null margin with non-zero net revenue:
   * one of its sales has no cost). A day whose net revenue is 0 has a null margin whether or not
   * a sale lacks a cost; the snapshot cannot tell, so such a day does not make the span unknown.
   */
  marginMissing: 'no_activity' | 'no_net_revenue' | 'missing_cost' | null;
  /** Sum of the days' new customers (a customer is new on exactly one day). */
  newCustomers: number;
}

/**
 * The company's totals over days 1..through of a month (`through` capped at the month's length).
 *
 * @example companyDaySpan(snapshot, '2026-10', 26).netRevenue // sum of the company day rows Oct 1–26
 */
export function companyDaySpan(snapshot: Snapshot, month: string, through: number): DaySpanTotals {
  const { complaints: _c, visits: _v, orders: _o, ...totals } = daySpan(snapshot, 'company', null, month, through);
  return totals;
}

/** A span's totals for any scope, with the counts the growth-point and risk rules compare. */
export interface ScopeDaySpanTotals extends DaySpanTotals {
  /** Sum of the days' complaints opened. */
  complaints: number;
  visits: number;
  orders: number;
}

/**
 * A scope's totals over days 1..through of a month (`through` capped at the month's length),
 * from its day rows.
 *
 * @example daySpan(snapshot, 'team', 'team_east', '2026-10', 26).complaints
 */
export function daySpan(snapshot: Snapshot, scope: Scope, id: string | null, month: string, through: number): ScopeDaySpanTotals {
  const last = dayOfMonth(month, Math.min(through, periodDays(month)));
  const first = dayOfMonth(month, 1);
  let net = 0;
  let profit = 0;
  let newCustomers = 0;
  let activeDays = 0;
  let missingCost = false;
  let complaints = 0;
  let visits = 0;
  let orders = 0;
  for (const row of seriesRows(snapshot, scope, id, 'day')) {
    if (row.period < first || row.period > last) continue;
    activeDays += 1;
    net += toUnits(row.net_revenue);
    profit += toUnits(row.profit);
    newCustomers += row.new_customers;
    complaints += row.complaints;
    visits += row.visits;
    orders += row.orders;
    if (row.margin === null && row.net_revenue !== 0) missingCost = true;
  }
  const marginMissing =
    activeDays === 0 ? 'no_activity' : net === 0 ? 'no_net_revenue' : missingCost ? 'missing_cost' : null;
  return {
    month,
    through: Number(last.slice(8, 10)),
    activeDays,
    netRevenue: fromUnits(net),
    profit: fromUnits(profit),
    // Both in 1/10000 units: the same division the Worker does, so a whole month's days give
    // exactly the month row's margin.
    margin: marginMissing === null ? profit / net : null,
    marginMissing,
    newCustomers,
    complaints,
    visits,
    orders,
  };
}
