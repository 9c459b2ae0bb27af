-- A locked period's frozen appraisal, one row for the period's head (rep_id '') and one per
-- (period, rep), keyed by the lock (period, locked_at). As one JSON text, a large company's
-- period outgrew a D1 value (2 MB), and every recompute held every locked period whole; now a
-- recompute reads each rep's frozen pay with SQL and a locked period's rows a page at a time.
-- Kept for good, like the audit: an unlock releases the lock's parts but never deletes them.
CREATE TABLE period_lock_parts (
  period TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  rep_id TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (period, locked_at, rep_id)
) STRICT;
CREATE TRIGGER period_lock_parts_append_only_update BEFORE UPDATE ON period_lock_parts
BEGIN SELECT RAISE(ABORT, 'period_lock_parts is append-only'); END;
CREATE TRIGGER period_lock_parts_append_only_delete BEFORE DELETE ON period_lock_parts
BEGIN SELECT RAISE(ABORT, 'period_lock_parts is append-only'); END;

-- The current locks' frozen JSON, split. SQLite's JSON functions keep number texts as written.
INSERT INTO period_lock_parts (period, locked_at, rep_id, json)
  SELECT period, locked_at, '', json_remove(frozen, '$.rows') FROM period_locks;
INSERT INTO period_lock_parts (period, locked_at, rep_id, json)
  SELECT l.period, l.locked_at, r.value ->> '$.rep_id', r.value FROM period_locks l, json_each(l.frozen, '$.rows') r;
ALTER TABLE period_locks DROP COLUMN frozen;
-- The audit is append-only: entries written before keep their own copy in `frozen`; later ones
-- leave it null (a lock's parts are its record; an unlock releases the lock before it).
