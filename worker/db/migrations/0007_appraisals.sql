-- Appraisals and commissions (issue 5).

-- The snapshot's appraisal section: its head (policy, feedback aggregates, lock audit) on the
-- snapshot, and one row per period head (rep_id '') and per (period, rep).
ALTER TABLE snapshots ADD COLUMN appraisals TEXT NOT NULL DEFAULT '{"policy_version":"","policy":null,"feedback":{"min_group":5,"groups":[],"hidden":[]},"lock_audit":[]}';
CREATE TABLE snapshot_appraisals (
  snapshot_id TEXT NOT NULL,
  period TEXT NOT NULL,
  position INTEGER NOT NULL,  -- order of the period in the snapshot
  rep_id TEXT NOT NULL,       -- '' for the period's head
  json TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, period, rep_id)
) STRICT;

-- Locked appraisal periods: the period's appraisal exactly as frozen (JSON of one period).
-- Later events never rewrite it; recompute turns their effect into adjustments.
CREATE TABLE period_locks (
  period TEXT PRIMARY KEY,
  locked_at TEXT NOT NULL,
  snapshot_id TEXT NOT NULL,
  frozen TEXT NOT NULL
) STRICT;

-- Every lock and unlock, kept for good.
CREATE TABLE period_lock_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  period TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
  at TEXT NOT NULL,
  by TEXT,
  reason TEXT,
  snapshot_id TEXT,
  frozen TEXT               -- what was frozen (lock) or released (unlock)
) STRICT;
CREATE TRIGGER period_lock_audit_append_only_update BEFORE UPDATE ON period_lock_audit
BEGIN SELECT RAISE(ABORT, 'period_lock_audit is append-only'); END;
CREATE TRIGGER period_lock_audit_append_only_delete BEFORE DELETE ON period_lock_audit
BEGIN SELECT RAISE(ABORT, 'period_lock_audit is append-only'); END;
