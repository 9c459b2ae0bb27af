/**
 * Sale and refund lines (commissions, customer facts) from the SQL engine's resolved tables: every sale as credited (w_sales: the
 * winning version, its rep and local day) and every refund of a known sale (w_refunds, with the
 * refunded sale from f_refunds). Money is read as text so 64-bit units stay exact. Rows come as
 * arrays (`raw()`): at a million sales, one object per row was a good part of the phase.
 */
import type { RefundLine, SaleLine } from '../../shared/appraisal/commission.ts';
import { labelsOfDay } from '../../shared/period.ts';

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

type Cell = string | number | null;

export async function commissionLinesFromSql(db: D1Database): Promise<{ sales: SaleLine[]; refunds: RefundLine[] }> {
  // The lease keeps writers out: the two reads see the same resolved tables.
  const [sales, refunds] = await Promise.all([
    db.prepare('SELECT sale_id, rep_id, team_id, customer_id, occurred_ms, day, CAST(amount_units AS TEXT), region, segment FROM w_sales').raw<Cell[]>(),
    db
      .prepare(
        `SELECT r.event_id, f.sale_id, r.rep_id, r.day, CAST(r.amount_units AS TEXT), s.day
           FROM w_refunds r JOIN f_refunds f ON f.event_id = r.event_id JOIN w_sales s ON s.sale_id = f.sale_id`,
      )
      .raw<Cell[]>(),
  ]);
  return {
    sales: sales.map(([saleId, repId, teamId, customerId, occurredMs, day, amount, region, segment]) => ({
      saleId: saleId as string,
      repId: repId as string,
      teamId: (teamId as string | null) ?? null,
      customerId: customerId as string,
      occurredMs: Number(occurredMs),
      day: day as string,
      quarter: quarterOfDay(day as string),
      amount: BigInt(amount as string),
      region: (region as string | null) ?? null,
      segment: (segment as string | null) ?? null,
    })),
    refunds: refunds.map(([eventId, saleId, repId, day, amount, saleDay]) => ({
      eventId: eventId as string,
      saleId: saleId as string,
      repId: repId as string,
      day: day as string,
      quarter: quarterOfDay(day as string),
      saleQuarter: quarterOfDay(saleDay as string),
      amount: BigInt(amount as string),
    })),
  };
}
