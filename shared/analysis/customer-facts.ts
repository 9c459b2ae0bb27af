/**
 * Customer facts for the snapshot: per customer, the first and last purchase, orders, revenue,
 * refunds and net revenue over all time, who gained them (the first sale's rep and team) and
 * who and where they last bought from; and the
 * cohort table — customers buying in each month, by the month of their first purchase — that
 * retention is read from. Pure: built from the same resolved sale and refund lines as the
 * commission statements, whichever store produced them.
 */
import { compareCodePoints } from '../json/exact-number.ts';
import type { QuotientEvent } from '../events/types.ts';
import type { RefundLine, SaleLine } from '../appraisal/commission.ts';
import { linesFromEvents } from '../appraisal/build-appraisals.ts';
import { eventsOfType } from '../kpi/build-kpis.ts';
import { toExactJson } from '../kpi/series.ts';
import type { CohortCell, CustomerRow, SalesCycle, SegmentMonth } from '../snapshot.ts';
import { resolveOpportunities } from '../kpi/process-facts.ts';
import { labelsOfDay, localDay } from '../period.ts';
import { salesCycle } from './sales-cycle.ts';

export interface CustomerFactsUnits {
  rows: CustomerRow<bigint>[];
  cohorts: CohortCell<bigint>[];
  segments: SegmentMonth<bigint>[];
  sales_cycle: SalesCycle;
}

/** Whether sale `a` comes before `b`: earlier in time, ties to the smaller sale id (the KPI engine's first-sale order). */
const before = (a: SaleLine, b: SaleLine): boolean => a.occurredMs < b.occurredMs || (a.occurredMs === b.occurredMs && compareCodePoints(a.saleId, b.saleId) < 0);

export function customerFacts(sales: readonly SaleLine[], refunds: readonly RefundLine[], cycle: SalesCycle): CustomerFactsUnits {
  const byCustomer = new Map<string, { row: CustomerRow<bigint>; first: SaleLine; latest: SaleLine }>();
  const customerOfSale = new Map<string, string>();
  for (const s of sales) {
    customerOfSale.set(s.saleId, s.customerId);
    const entry = byCustomer.get(s.customerId);
    if (!entry) {
      byCustomer.set(s.customerId, {
        row: {
          customer_id: s.customerId, first_day: s.day, last_day: s.day, orders: 1, revenue: s.amount, refunds: 0n, net_revenue: 0n,
          segment: null, region: null, rep_id: s.repId, team_id: null,
          first_sale_id: s.saleId, first_rep_id: s.repId, first_team_id: s.teamId, first_amount: s.amount,
        },
        first: s,
        latest: s,
      });
      continue;
    }
    const { row } = entry;
    if (s.day < row.first_day) row.first_day = s.day;
    if (s.day > row.last_day) row.last_day = s.day;
    row.orders += 1;
    row.revenue += s.amount;
    // The latest sale (ties: the greater sale id) says where the customer stands now.
    if (before(entry.latest, s)) entry.latest = s;
    if (before(s, entry.first)) entry.first = s;
  }
  for (const r of refunds) {
    const customer = customerOfSale.get(r.saleId);
    if (customer !== undefined) byCustomer.get(customer)!.row.refunds += r.amount;
  }
  const rows: CustomerRow<bigint>[] = [];
  for (const { row, first, latest } of byCustomer.values()) {
    rows.push({
      ...row,
      net_revenue: row.revenue - row.refunds,
      segment: latest.segment,
      region: latest.region,
      rep_id: latest.repId,
      team_id: latest.teamId,
      first_sale_id: first.saleId,
      first_rep_id: first.repId,
      first_team_id: first.teamId,
      first_amount: first.amount,
    });
  }
  rows.sort((a, b) => compareCodePoints(a.customer_id, b.customer_id));

  const firstMonth = new Map(rows.map((r) => [r.customer_id, r.first_day.slice(0, 7)]));
  const cells = new Map<string, { customers: Set<string>; net: bigint }>();
  const cell = (customerId: string, day: string) => {
    const key = `${firstMonth.get(customerId)!}|${day.slice(0, 7)}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { customers: new Set<string>(), net: 0n }));
    return c;
  };
  for (const s of sales) {
    const c = cell(s.customerId, s.day);
    c.customers.add(s.customerId);
    c.net += s.amount;
  }
  for (const r of refunds) {
    const customer = customerOfSale.get(r.saleId);
    if (customer !== undefined) cell(customer, r.day).net -= r.amount;
  }
  const cohorts = [...cells]
    .map(([key, c]) => ({ cohort: key.slice(0, 7), month: key.slice(8), customers: c.customers.size, net_revenue: c.net }))
    .sort((a, b) => compareCodePoints(a.cohort, b.cohort) || compareCodePoints(a.month, b.month));
  return { rows, cohorts, segments: segmentMonths(sales, refunds), sales_cycle: cycle };
}

/** Net revenue, orders and customers per (segment of the sale, month); refunds in their own month. */
function segmentMonths(sales: readonly SaleLine[], refunds: readonly RefundLine[]): SegmentMonth<bigint>[] {
  const cells = new Map<string, { segment: string | null; month: string; orders: number; customers: Set<string>; net: bigint }>();
  const cell = (segment: string | null, day: string) => {
    const key = JSON.stringify([segment, day.slice(0, 7)]);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { segment, month: day.slice(0, 7), orders: 0, customers: new Set<string>(), net: 0n }));
    return c;
  };
  const segmentOfSale = new Map<string, string | null>();
  for (const s of sales) {
    segmentOfSale.set(s.saleId, s.segment);
    const c = cell(s.segment, s.day);
    c.orders += 1;
    c.customers.add(s.customerId);
    c.net += s.amount;
  }
  for (const r of refunds) {
    if (!segmentOfSale.has(r.saleId)) continue;
    cell(segmentOfSale.get(r.saleId)!, r.day).net -= r.amount;
  }
  const order = (s: string | null) => (s === null ? '\uffff' : s);
  return [...cells.values()]
    .map((c) => ({ segment: c.segment, month: c.month, orders: c.orders, customers: c.customers.size, net_revenue: c.net }))
    .sort((a, b) => compareCodePoints(order(a.segment), order(b.segment)) || compareCodePoints(a.month, b.month));
}

/** The reference path: customer facts straight from typed events. */
export function customersFromEvents(
  events: readonly QuotientEvent[],
  timezone: string,
  lines: { sales: SaleLine[]; refunds: RefundLine[] } = linesFromEvents(events, timezone),
): CustomerFactsUnits {
  return customerFacts(lines.sales, lines.refunds, salesCycleFromEvents(events, timezone));
}

/** The sales-cycle distribution from typed events (both engines compute it this way). */
export function salesCycleFromEvents(events: readonly QuotientEvent[], timezone: string): SalesCycle {
  return salesCycle(resolveOpportunities(eventsOfType(events, 'opportunity.opened'), eventsOfType(events, 'opportunity.closed')), (ms) => labelsOfDay(localDay(ms, timezone)).quarter);
}

/** Rows per stored chunk: a chunk stays far below D1's 2 MB per value. */
export const CUSTOMER_ROWS_PER_CHUNK = 2_000;

export interface CustomerParts {
  /** Everything but the rows: {@link customerSummaryJson}. */
  summaryJson: string;
  /** JSON arrays of rows, in customer order. */
  rowChunks: string[];
}

/** Everything but the rows, as stored on the snapshot's head: `{"cohorts": [...], "segments": [...], "sales_cycle": {...}}`. */
export function customerSummaryJson(facts: Omit<CustomerFactsUnits, 'rows'>): string {
  return toExactJson({ cohorts: facts.cohorts, segments: facts.segments, sales_cycle: facts.sales_cycle });
}
