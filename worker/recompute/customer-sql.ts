/**
 * Customer facts computed in D1 from the SQL engine's resolved sales (w_sales) and refunds
 * (w_refunds): the same figures as shared/analysis/customer-facts.ts computes from sale lines
 * (the engine-property test holds them equal), without reading a single line into the Worker:
 * per customer, GROUP BYs and window functions over a slice of customers at a time; the cohort
 * and segment tables as GROUP BYs over the whole history. An incremental run with a snapshot to
 * take parts over from (worker/db/reuse-base.ts) works out only the changed customers' rows and
 * the months from the earliest changed day on, and takes the rest from that snapshot. Money is
 * read as text, so 64-bit units stay exact; ids compare as SQLite's BINARY text order, which is
 * code-point order.
 */
import { compareCodePoints, parseJsonExact } from '../../shared/json/exact-number.ts';
import { customerChunkPages } from '../db/snapshots.ts';
import { unitsOfJson } from '../../shared/appraisal/build-appraisals.ts';
import type { CustomerFactsUnits } from '../../shared/analysis/customer-facts.ts';
import type { CohortCell, CustomerRow, SalesCycle, SegmentMonth } from '../../shared/snapshot.ts';

/** Every refund of a known sale (w_refunds r) with its sale (w_sales s): for what w_refunds does not keep of the sale (customer, first day, segment). */
const REFUNDS_OF_SALES = 'w_refunds r JOIN w_sales s ON s.sale_id = r.sale_id';

type CustomerSqlRow = [string, string, string, number, string, string, string | null, string | null, string, string | null, string, string, string | null, string];

/**
 * One row per customer of the slice `(after, upTo]` (upTo null: to the end): first and last
 * days, orders, revenue and refunds; the latest sale's segment, region, rep and team; the first
 * sale (earliest, ties to the smaller sale id) with its rep, team and amount.
 */
function customerRowsSql(customers: 'bounded' | 'open' | 'dirty'): string {
  const range = (column: string) =>
    customers === 'bounded'
      ? `${column} > ?1 AND ${column} <= ?2`
      : customers === 'open'
        ? `${column} > ?1`
        : `${column} IN (SELECT customer_id FROM w_dirty_customers)`;
  // The first sale is the one the engine marked (w_sales.is_first, the rule new_customers counts
  // by); the latest is ranked here (latest occurred_at, ties to the greater sale id).
  return `
    WITH ranked AS (
      SELECT customer_id, sale_id, amount_units, day, is_first,
             ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY occurred_ms DESC, sale_id DESC) AS from_latest
        FROM w_sales WHERE ${range('customer_id')}
    ),
    totals AS (
      SELECT customer_id, MIN(day) AS first_day, MAX(day) AS last_day, COUNT(*) AS orders, SUM(amount_units) AS revenue,
             MAX(CASE WHEN is_first = 1 THEN sale_id END) AS first_sale, MAX(CASE WHEN from_latest = 1 THEN sale_id END) AS latest_sale
        FROM ranked GROUP BY customer_id
    ),
    refunded AS (
      SELECT s.customer_id, SUM(r.amount_units) AS refunds FROM ${REFUNDS_OF_SALES} WHERE ${range('s.customer_id')} GROUP BY s.customer_id
    )
    SELECT t.customer_id, t.first_day, t.last_day, t.orders, CAST(t.revenue AS TEXT), CAST(COALESCE(d.refunds, 0) AS TEXT),
           l.segment, l.region, l.rep_id, l.team_id, f.sale_id, f.rep_id, f.team_id, CAST(f.amount_units AS TEXT)
      FROM totals t
      JOIN w_sales f ON f.sale_id = t.first_sale
      JOIN w_sales l ON l.sale_id = t.latest_sale
      LEFT JOIN refunded d ON d.customer_id = t.customer_id
     ORDER BY t.customer_id`;
}

function customerRow([customerId, firstDay, lastDay, orders, revenue, refunds, segment, region, repId, teamId, firstSaleId, firstRepId, firstTeamId, firstAmount]: CustomerSqlRow): CustomerRow<bigint> {
  const rev = BigInt(revenue);
  const ref = BigInt(refunds);
  return {
    customer_id: customerId,
    first_day: firstDay,
    last_day: lastDay,
    orders,
    revenue: rev,
    refunds: ref,
    net_revenue: rev - ref,
    segment: segment ?? null,
    region: region ?? null,
    rep_id: repId,
    team_id: teamId ?? null,
    first_sale_id: firstSaleId,
    first_rep_id: firstRepId,
    first_team_id: firstTeamId ?? null,
    first_amount: BigInt(firstAmount),
  };
}

/**
 * Every customer's row, in customer order, a slice of about `salesPerSlice` sales' customers at
 * a time (a customer is never split: a slice ends with its last sale's customer).
 */
export async function* customerRowsFromSql(db: D1Database, salesPerSlice: number): AsyncGenerator<CustomerRow<bigint>[]> {
  const boundary = db.prepare('SELECT customer_id FROM w_sales WHERE customer_id > ?1 ORDER BY customer_id LIMIT 1 OFFSET ?2');
  const bounded = db.prepare(customerRowsSql('bounded'));
  const rest = db.prepare(customerRowsSql('open'));
  for (let after = ''; ; ) {
    const upTo = await boundary.bind(after, salesPerSlice - 1).first<string>('customer_id');
    const rows = await (upTo === null ? rest.bind(after) : bounded.bind(after, upTo)).raw<CustomerSqlRow>();
    if (rows.length > 0) yield rows.map(customerRow);
    if (upTo === null) return;
    after = upTo;
  }
}

/** Customers whose rows are worked out again rather than taken over, at most (held at once; more: all are worked out a slice at a time). */
export const DIRTY_CUSTOMERS_MAX = 20_000;

/**
 * Every customer's row, in customer order, like {@link customerRowsFromSql}, but only the rows of
 * customers whose sales or refunds changed since the snapshot `fromPartsId` (w_dirty_customers)
 * are worked out in D1; the others are taken from that snapshot's stored chunks, read a page at
 * a time and merged in. A customer left without sales drops out.
 */
export async function* customerRowsSince(db: D1Database, fromPartsId: string, pageChars?: number): AsyncGenerator<CustomerRow<unknown>[]> {
  const changed = (await db.prepare(customerRowsSql('dirty')).raw<CustomerSqlRow>()).map(customerRow);
  const dirty = new Set((await db.prepare('SELECT customer_id FROM w_dirty_customers').raw<[string]>()).map(([id]) => id));
  let next = 0;
  for await (const page of customerChunkPages(db, fromPartsId, pageChars)) {
    const out: CustomerRow<unknown>[] = [];
    for (const chunk of page) {
      for (const row of parseJsonExact(chunk) as CustomerRow<unknown>[]) {
        while (next < changed.length && compareCodePoints(changed[next]!.customer_id, row.customer_id) < 0) out.push(changed[next++]!);
        if (!dirty.has(row.customer_id)) out.push(row);
      }
    }
    if (out.length > 0) yield out;
  }
  if (next < changed.length) yield changed.slice(next);
}

/**
 * The cohort table (customers buying in each month by the month of their first purchase, and
 * their sales less refunds made in the month) and the segment table (per segment of the sale and
 * month: orders, distinct customers, sales less refunds of those sales made in the month).
 *
 * With `since` (the snapshot a run takes parts over from: its stored summary, and the first day
 * whose lines changed since, null for none), only the months from that day's on are summed in
 * D1; the earlier months' cells are taken from the stored summary. A month's cells change only
 * with the sales and refunds of its days, or with the cohort of a customer buying in it, and a
 * customer's first sale changes only with sales of theirs that are all re-resolved (their days
 * are among the changed ones, so every month they buy in is summed again).
 */
export async function customerSummaryFromSql(
  db: D1Database,
  cycle: SalesCycle,
  since?: { fromDay: string | null; summaryJson: string },
): Promise<Omit<CustomerFactsUnits, 'rows'>> {
  // The months summed in D1: all, those from fromMonth on, or none (null).
  const fromMonth = since === undefined ? '' : since.fromDay === null ? null : since.fromDay.slice(0, 7);
  const stored = since === undefined ? null : storedSummary(since.summaryJson, fromMonth);
  if (fromMonth && !/^\d{4}-\d{2}$/.test(fromMonth)) throw new Error(`customerSummaryFromSql: ${since?.fromDay} is not a day`);
  const from = (day: string) => (fromMonth ? `WHERE ${day} >= '${fromMonth}-01'` : '');
  // A customer's cohort is the month of their first sale: every resolved sale carries its
  // customer's first day (the earliest sale's, so the earliest day), no GROUP BY needed.
  const [cohorts, segments] =
    fromMonth === null
      ? [{ results: [] }, { results: [] }]
      : await db.batch<Record<string, unknown>>([
          db.prepare(
            `SELECT cohort, month, SUM(customers) AS customers, CAST(SUM(net) AS TEXT) AS net FROM (
               SELECT substr(s.first_day, 1, 7) AS cohort, substr(s.day, 1, 7) AS month, COUNT(DISTINCT s.customer_id) AS customers, SUM(s.amount_units) AS net
                 FROM w_sales s ${from('s.day')} GROUP BY 1, 2
               UNION ALL
               SELECT substr(s.first_day, 1, 7), substr(r.day, 1, 7), 0, -SUM(r.amount_units) FROM ${REFUNDS_OF_SALES} ${from('r.day')} GROUP BY 1, 2
             ) GROUP BY 1, 2`,
          ),
          db.prepare(
            `SELECT segment, month, SUM(orders) AS orders, SUM(customers) AS customers, CAST(SUM(net) AS TEXT) AS net FROM (
               SELECT segment, substr(day, 1, 7) AS month, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS customers, SUM(amount_units) AS net
                 FROM w_sales ${from('day')} GROUP BY 1, 2
               UNION ALL
               SELECT s.segment, substr(r.day, 1, 7), 0, 0, -SUM(r.amount_units) FROM ${REFUNDS_OF_SALES} ${from('r.day')} GROUP BY 1, 2
             ) GROUP BY 1, 2`,
          ),
        ]);
  const order = (s: string | null) => (s === null ? '\uffff' : s);
  return {
    cohorts: [
      ...(stored?.cohorts ?? []),
      ...(cohorts!.results as { cohort: string; month: string; customers: number; net: string }[]).map(
        (c): CohortCell<bigint> => ({ cohort: c.cohort, month: c.month, customers: c.customers, net_revenue: BigInt(c.net) }),
      ),
    ].sort((a, b) => compareCodePoints(a.cohort, b.cohort) || compareCodePoints(a.month, b.month)),
    segments: [
      ...(stored?.segments ?? []),
      ...(segments!.results as { segment: string | null; month: string; orders: number; customers: number; net: string }[]).map(
        (c): SegmentMonth<bigint> => ({ segment: c.segment ?? null, month: c.month, orders: c.orders, customers: c.customers, net_revenue: BigInt(c.net) }),
      ),
    ].sort((a, b) => compareCodePoints(order(a.segment), order(b.segment)) || compareCodePoints(a.month, b.month)),
    sales_cycle: cycle,
  };
}

/** A stored summary's cells of the months before `fromMonth` (all of them when null). */
function storedSummary(json: string, fromMonth: string | null): { cohorts: CohortCell<bigint>[]; segments: SegmentMonth<bigint>[] } {
  const summary = parseJsonExact(json) as { cohorts: CohortCell<unknown>[]; segments: SegmentMonth<unknown>[] };
  const before = (month: string) => fromMonth === null || month < fromMonth;
  return {
    cohorts: summary.cohorts.filter((c) => before(c.month)).map((c) => ({ ...c, net_revenue: unitsOfJson(c.net_revenue) })),
    segments: summary.segments.filter((c) => before(c.month)).map((c) => ({ ...c, net_revenue: unitsOfJson(c.net_revenue) })),
  };
}
