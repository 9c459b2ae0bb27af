-- A snapshot's KPI series are stored in blocks of periods (a month of days, a year of weeks,
-- months or quarters, a year's own row: shared/kpi/series.ts), each with the SHA-256 of its text
-- (its share of the content hash). A recompute's new figures touch a few periods of each series,
-- so most blocks are the very text the snapshot before stored: such a block is named (rows NULL,
-- rows_parts_id: the parts its text is stored under), not stored again. At a million sales the
-- series came to about 150 MB per snapshot, written again by every run and kept per snapshot.
-- A prune keeps the blocks a standing snapshot names (worker/db/snapshots.ts, pruneSnapshots).
-- Series stored before are kept as one block each ('', no digest).
CREATE TABLE snapshot_kpi_blocks (
  parts_id TEXT NOT NULL,
  position INTEGER NOT NULL,  -- order of the block's series in the snapshot (scope, id, grain)
  scope TEXT NOT NULL,
  scope_id TEXT NOT NULL,     -- '' for the company
  grain TEXT NOT NULL,
  block TEXT NOT NULL,        -- '2026-11' (a month of days), '2026' (a year of weeks, months, quarters; a year)
  digest TEXT,                -- SHA-256 of the block's text; NULL: stored before blocks
  rows TEXT,                  -- JSON array of the block's KPI rows, sorted by period; NULL: named, stored under rows_parts_id
  rows_parts_id TEXT,         -- where the text of a named block is stored (never itself a name)
  PRIMARY KEY (parts_id, scope, grain, scope_id, block),
  CHECK ((rows IS NULL) = (rows_parts_id IS NOT NULL))
) STRICT;
INSERT INTO snapshot_kpi_blocks (parts_id, position, scope, scope_id, grain, block, digest, rows, rows_parts_id)
  SELECT parts_id, position, scope, scope_id, grain, '', NULL, rows, NULL FROM snapshot_series;
DROP TABLE snapshot_series;
CREATE INDEX snapshot_kpi_blocks_in_order ON snapshot_kpi_blocks (parts_id, position, block);
CREATE INDEX snapshot_kpi_blocks_by_rows ON snapshot_kpi_blocks (rows_parts_id, scope, grain, scope_id, block) WHERE rows_parts_id IS NOT NULL;
