/**
 * Sale and refund lines (commissions, customer facts) from the SQL engine's resolved tables: every sale as credited (w_sales: the
 * winning version, its rep and local day) and every refund of a known sale (w_refunds, with the
 * refunded sale from f_refunds). Money is read as text so 64-bit units stay exact. Rows come as
 * arrays (`raw()`: at a million sales, one object per row was a good part of the phase), in
 * pages (D1 returns at most 50 MB per query), each page turned into lines as it arrives.
 */
import type { RefundLine, SaleLine } from '../../shared/appraisal/commission.ts';
import { labelsOfDay } from '../../shared/period.ts';
import { pagedMap, PAGE_ROWS } from '../db/paged-read.ts';

// A history has a few thousand days and a million sales: each day's quarter is worked out once.
const quarters = new Map<string, string>();
function quarterOfDay(day: string): string {
  let quarter = quarters.get(day);
  if (quarter === undefined) {
    quarter = labelsOfDay(day).quarter;
    quarters.set(day, quarter);
  }
  return quarter;
}

type SaleRow = [string, string, string | null, string, number, string, string, string | null, string | null];
type RefundRow = [string, string, string, string, string, string];

export async function commissionLinesFromSql(db: D1Database, pageRows: number = PAGE_ROWS): Promise<{ sales: SaleLine[]; refunds: RefundLine[] }> {
  const [sales, refunds] = await Promise.all([
    pagedMap<SaleRow, SaleLine>(
      db,
      {
        select: `SELECT sale_id, rep_id, team_id, customer_id, occurred_ms, day, CAST(amount_units AS TEXT), region, segment
                   FROM w_sales WHERE {after} ORDER BY sale_id LIMIT ?2`,
        key: 'sale_id',
        keyOf: (row) => row[0],
        pageRows,
      },
      ([saleId, repId, teamId, customerId, occurredMs, day, amount, region, segment]) => ({
        saleId,
        repId,
        teamId: teamId ?? null,
        customerId,
        occurredMs: Number(occurredMs),
        day,
        quarter: quarterOfDay(day),
        amount: BigInt(amount),
        region: region ?? null,
        segment: segment ?? null,
      }),
    ),
    pagedMap<RefundRow, RefundLine>(
      db,
      {
        select: `SELECT r.event_id, f.sale_id, r.rep_id, r.day, CAST(r.amount_units AS TEXT), s.day
                   FROM w_refunds r JOIN f_refunds f ON f.event_id = r.event_id JOIN w_sales s ON s.sale_id = f.sale_id
                  WHERE {after} ORDER BY r.event_id LIMIT ?2`,
        key: 'r.event_id',
        keyOf: (row) => row[0],
        pageRows,
      },
      ([eventId, saleId, repId, day, amount, saleDay]) => ({
        eventId,
        saleId,
        repId,
        day,
        quarter: quarterOfDay(day),
        saleQuarter: quarterOfDay(saleDay),
        amount: BigInt(amount),
      }),
    ),
  ]);
  return { sales, refunds };
}
