/**
 * Sale and refund lines (commissions, customer facts) from the SQL engine's resolved tables: every sale as credited (w_sales: the
 * winning version, its rep and local day) and every refund of a known sale (w_refunds, with the
 * refunded sale from f_refunds). Money is read as text so 64-bit units stay exact.
 */
import type { RefundLine, SaleLine } from '../../shared/appraisal/commission.ts';
import { labelsOfDay } from '../../shared/period.ts';

const quarterOfDay = (day: string): string => labelsOfDay(day).quarter;

export async function commissionLinesFromSql(db: D1Database): Promise<{ sales: SaleLine[]; refunds: RefundLine[] }> {
  const [sales, refunds] = await db.batch<Record<string, string | null>>([
    db.prepare('SELECT sale_id, rep_id, team_id, customer_id, occurred_ms, day, CAST(amount_units AS TEXT) AS amount, region, segment FROM w_sales'),
    db.prepare(
      `SELECT r.event_id, f.sale_id, r.rep_id, r.day, CAST(r.amount_units AS TEXT) AS amount, s.day AS sale_day
         FROM w_refunds r JOIN f_refunds f ON f.event_id = r.event_id JOIN w_sales s ON s.sale_id = f.sale_id`,
    ),
  ]);
  return {
    sales: sales!.results.map((r) => ({
      saleId: r.sale_id!,
      repId: r.rep_id!,
      teamId: r.team_id ?? null,
      customerId: r.customer_id!,
      occurredMs: Number(r.occurred_ms),
      day: r.day!,
      quarter: quarterOfDay(r.day!),
      amount: BigInt(r.amount!),
      region: r.region ?? null,
      segment: r.segment ?? null,
    })),
    refunds: refunds!.results.map((r) => ({
      eventId: r.event_id!,
      saleId: r.sale_id!,
      repId: r.rep_id!,
      day: r.day!,
      quarter: quarterOfDay(r.day!),
      saleQuarter: quarterOfDay(r.sale_day!),
      amount: BigInt(r.amount!),
    })),
  };
}
