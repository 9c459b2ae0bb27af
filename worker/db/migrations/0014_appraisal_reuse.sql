-- Appraisal periods a recompute may take over from an earlier snapshot instead of building them
-- again (reading every sale line of every quarter). One row per step of a snapshot's appraisal
-- build; its parts_id is the snapshot's (pruned and discarded with the other part tables).
CREATE TABLE snapshot_appraisal_periods (
  parts_id TEXT NOT NULL,
  step INTEGER NOT NULL,      -- the period's place in the build (every period settled, shown or not)
  period TEXT NOT NULL,
  position INTEGER NOT NULL,  -- its place among the snapshot's periods; -1: settled, not shown
  inputs TEXT NOT NULL,       -- SHA-256 chained over what this step and every earlier one were built from
  digest TEXT,                -- SHA-256 of the period's stored texts (its share of content_hash); null: not shown
  carry TEXT NOT NULL,        -- JSON: what later periods need from it (commission rates paid, adjustments waiting, quarter totals)
  PRIMARY KEY (parts_id, step)
) STRICT;
