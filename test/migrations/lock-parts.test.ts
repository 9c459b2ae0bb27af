/**
 * Migration 0012 moves each locked period's frozen JSON (one text) into per-rep parts. It runs
 * here on real SQLite (node:sqlite) over the real migration files, from a database at 0011 that
 * holds a lock written the old way, so the split is checked value for value.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';

describe('migration 0012: period lock parts', () => {
  it('splits a frozen period into its head and one part per rep, number texts as written, and keeps the audit', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, (f) => f < '0012');
    const head = '{"period":"2025-Q1","grain":"quarter","scheme":"q","scheme_name":"Q","status":"closed","locked_at":null';
    const rowA = '{"rep_id":"rep_a","score":105.50,"commission":{"base":12345678901234.0001,"earned":360,"clawback":0,"adjustments":[]}}';
    const rowB = '{"rep_id":"rep_b","note":"a,\\"rows\\":[b","commission":{"base":-0.5,"earned":0,"clawback":0,"adjustments":[]}}';
    const frozen = `${head},"rows":[${rowA},${rowB}],"calibration":[{"team_id":null,"mean_score":1.10}]}`;
    db.prepare("INSERT INTO period_locks (period, locked_at, snapshot_id, frozen) VALUES ('2025-Q1', '2025-04-02T00:00:00.000Z', 'snap_1', ?1)").run(frozen);
    db.prepare("INSERT INTO period_lock_audit (period, action, at, snapshot_id, frozen) VALUES ('2025-Q1', 'lock', '2025-04-02T00:00:00.000Z', 'snap_1', ?1)").run(frozen);
    migrate(db, (f) => f >= '0012');

    const parts = db.prepare('SELECT period, locked_at, rep_id, json FROM period_lock_parts ORDER BY rep_id').all();
    expect(parts).toEqual([
      { period: '2025-Q1', locked_at: '2025-04-02T00:00:00.000Z', rep_id: '', json: `${head},"calibration":[{"team_id":null,"mean_score":1.10}]}` },
      { period: '2025-Q1', locked_at: '2025-04-02T00:00:00.000Z', rep_id: 'rep_a', json: rowA },
      { period: '2025-Q1', locked_at: '2025-04-02T00:00:00.000Z', rep_id: 'rep_b', json: rowB },
    ]);
    // The lock stays, without its text; the audit keeps its own copy.
    expect(db.prepare('SELECT * FROM period_locks').all()).toEqual([{ period: '2025-Q1', locked_at: '2025-04-02T00:00:00.000Z', snapshot_id: 'snap_1' }]);
    expect(db.prepare('SELECT frozen FROM period_lock_audit').get()).toEqual({ frozen });
  });
});
