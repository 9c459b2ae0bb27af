/**
 * Migration 0018 moves every stored KPI series (one JSON text per scope, id and grain) into
 * `snapshot_kpi_blocks`, each as one block ('') with no digest, text as written. It runs here on
 * real SQLite (node:sqlite) over the real migration files, from a database at 0017 that holds a
 * snapshot's series written the old way.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';

describe('migration 0018: KPI blocks', () => {
  it('keeps every stored series as one block of its own, in order, and the new table refuses a block with neither text nor name', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, (f) => f < '0018');
    const insert = db.prepare('INSERT INTO snapshot_series (parts_id, position, scope, scope_id, grain, rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6)');
    insert.run('p1', 0, 'company', '', 'day', '[{"period":"2025-01-10","revenue":8000.0001}]');
    insert.run('p1', 1, 'rep', 'rep_a', 'day', '[{"period":"2025-01-10","revenue":8000}]');
    insert.run('p2', 0, 'company', '', 'month', '[]');
    migrate(db, (f) => f >= '0018');

    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'snapshot_series'").all()).toEqual([]);
    expect(db.prepare('SELECT parts_id, position, scope, scope_id, grain, block, digest, rows, rows_parts_id FROM snapshot_kpi_blocks ORDER BY parts_id, position').all()).toEqual([
      { parts_id: 'p1', position: 0, scope: 'company', scope_id: '', grain: 'day', block: '', digest: null, rows: '[{"period":"2025-01-10","revenue":8000.0001}]', rows_parts_id: null },
      { parts_id: 'p1', position: 1, scope: 'rep', scope_id: 'rep_a', grain: 'day', block: '', digest: null, rows: '[{"period":"2025-01-10","revenue":8000}]', rows_parts_id: null },
      { parts_id: 'p2', position: 0, scope: 'company', scope_id: '', grain: 'month', block: '', digest: null, rows: '[]', rows_parts_id: null },
    ]);
    expect(() => db.prepare("INSERT INTO snapshot_kpi_blocks (parts_id, position, scope, scope_id, grain, block) VALUES ('p3', 0, 'company', '', 'day', '2025-01')").run()).toThrow(/CHECK/);
  });
});
