/** Ingestion side of the SQL engine: decoded sale and refund rows, written with their events. */
import type { QuotientEvent } from '../../shared/events/types.ts';
import { multiRowInsert } from './multi-row-insert.ts';

/**
 * INSERT statements for the facts of newly stored events (to run in the events' batch).
 * Money is bound as decimal text: SQLite stores it as an exact 64-bit integer.
 */
export function insertFactsStatements(db: D1Database, events: readonly QuotientEvent[]): D1PreparedStatement[] {
  const sales: unknown[][] = [];
  const refunds: unknown[][] = [];
  for (const e of events) {
    if (e.type === 'sale.closed') {
      const d = e.data;
      sales.push([e.id, d.sale_id, d.rep_id, d.team_id ?? null, d.customer_id, String(d.amount), d.cost === undefined ? null : String(d.cost), e.occurredMs, e.occurred_at, d.region ?? null, d.segment ?? null]);
    } else if (e.type === 'sale.refunded') {
      refunds.push([e.id, e.data.sale_id, String(e.data.amount), String(e.data.cost ?? 0n), e.occurredMs, e.occurred_at]);
    }
  }
  return [
    ...multiRowInsert(db, 'f_sales', ['event_id', 'sale_id', 'rep_id', 'team_id', 'customer_id', 'amount_units', 'cost_units', 'occurred_ms', 'occurred_at', 'region', 'segment'], sales),
    ...multiRowInsert(db, 'f_refunds', ['event_id', 'sale_id', 'amount_units', 'cost_units', 'occurred_ms', 'occurred_at'], refunds),
  ];
}
