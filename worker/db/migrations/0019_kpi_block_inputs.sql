-- An incremental recompute names the day, week and month KPI blocks nothing changed in, without
-- building them (or reading their sales cells): a block is unchanged when no sale or refund of
-- its days changed since the snapshot before and what its rows take from outside the sales
-- cells is the same (shared/kpi/block-inputs.ts; its SHA-256 stored with the block).
ALTER TABLE snapshot_kpi_blocks ADD COLUMN inputs TEXT; -- SHA-256 of the block's other inputs; NULL: stored before
-- The local days whose sales cells changed since the snapshot a recompute takes parts over from
-- (engine_state reuse_base), kept like w_dirty_customers: filled in the sales engine's own
-- transaction, emptied once a run's snapshot is in place.
CREATE TABLE w_dirty_days (day TEXT PRIMARY KEY) STRICT;
-- Scratch: the blocks a run names without building, whose sales cells it does not read (a
-- NOT EXISTS lookup per cell; thousands of blocks, bound as JSON, were far slower as a NOT IN).
CREATE TABLE w_named_blocks (
  scope TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  grain TEXT NOT NULL,
  block TEXT NOT NULL,
  PRIMARY KEY (scope, scope_id, grain, block)
) STRICT, WITHOUT ROWID;
