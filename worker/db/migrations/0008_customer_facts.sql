-- Customer facts of a snapshot: the cohort table and segment months on the snapshot
-- ({"cohorts": [...], "segments": [...]}), the per-customer rows in chunks (a large customer
-- base would not fit one D1 value).
ALTER TABLE snapshots ADD COLUMN customer_summary TEXT NOT NULL DEFAULT '{"cohorts":[],"segments":[],"sales_cycle":{"bins":[],"quarters":[]}}';
CREATE TABLE snapshot_customers (
  snapshot_id TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  rows TEXT NOT NULL,         -- JSON array of customer rows, in customer order
  PRIMARY KEY (snapshot_id, chunk)
) STRICT;
