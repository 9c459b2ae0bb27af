-- Immutable KPI snapshots. A snapshot's id is derived from its content and as_of, so two
-- recomputes of the same events write the same id once (INSERT OR IGNORE), never two versions.
CREATE TABLE snapshots (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  snapshot_id TEXT NOT NULL UNIQUE,
  as_of TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  timezone TEXT NOT NULL,
  currency TEXT NOT NULL,
  teams TEXT NOT NULL,        -- JSON array
  reps TEXT NOT NULL,         -- JSON array
  data_quality TEXT NOT NULL  -- JSON object
) STRICT;

-- The KPI rows of a snapshot, one JSON array per (scope, id, grain): small enough per row for
-- D1's 2 MB value limit, few enough rows to write in a handful of statements.
CREATE TABLE snapshot_series (
  snapshot_id TEXT NOT NULL,
  position INTEGER NOT NULL,  -- order of the series in the snapshot (scope, id, grain)
  scope TEXT NOT NULL,
  scope_id TEXT NOT NULL,     -- '' for the company
  grain TEXT NOT NULL,
  rows TEXT NOT NULL,         -- JSON array of KPI rows sorted by period
  PRIMARY KEY (snapshot_id, scope, grain, scope_id)
) STRICT;
