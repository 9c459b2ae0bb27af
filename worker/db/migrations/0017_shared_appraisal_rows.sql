-- An appraisal period a recompute takes over from an earlier snapshot is no longer copied: the
-- new snapshot's record of it names the parts its rows are stored under (those of the snapshot
-- that built it), and readers read them there. At a million sales, copying the rows of every
-- period taken over moved about 130 MB inside D1 per run, and stored as much again for each
-- snapshot kept. A prune keeps the rows a standing snapshot's record still names
-- (worker/db/snapshots.ts, pruneSnapshots).
ALTER TABLE snapshot_appraisal_periods ADD COLUMN rows_parts_id TEXT; -- NULL: under the record's own parts_id
CREATE INDEX snapshot_appraisal_periods_by_rows ON snapshot_appraisal_periods (rows_parts_id, period) WHERE rows_parts_id IS NOT NULL;
