/**
 * Migration 0021 gives the sales cells the counts an incremental run changes them by
 * (refund_count; missing_cost now a count) and drops the sales engine's watermark, so the next
 * recompute rebuilds every cell under the new meaning (worker/recompute/sales-sql.ts starts
 * over when `sales_rowid` is missing). The rest of the engine's state stays.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';

describe('migration 0021: cell changes', () => {
  it('adds refund_count and drops the sales watermark, keeping the rest of the state', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, (f) => f < '0021');
    const state = db.prepare('INSERT INTO engine_state (key, value) VALUES (?1, ?2)');
    const rows: [string, string][] = [['zone', 'UTC'], ['sales_rowid', '1200'], ['refunds_rowid', '40'], ['teams_hash', 'abc']];
    for (const [key, value] of rows) state.run(key, value);
    db.exec(
      `INSERT INTO w_cells (scope, scope_id, grain, period, revenue, sale_cost, missing_cost, orders, active_customers, new_customers, repeat_customers, refunds, refund_cost)
       VALUES ('company', '', 'year', '2025', 100, 50, 1, 3, 2, 1, 0, 10, 5)`,
    );
    migrate(db, (f) => f.startsWith('0021'));
    expect(db.prepare('SELECT key, value FROM engine_state ORDER BY key').all().map((r) => `${r.key}=${r.value}`)).toEqual([
      'refunds_rowid=40',
      'teams_hash=abc',
      'zone=UTC',
    ]);
    expect(db.prepare('SELECT refund_count, missing_cost FROM w_cells').all().map((r) => ({ ...r }))).toEqual([{ refund_count: 0, missing_cost: 1 }]);
  });
});
