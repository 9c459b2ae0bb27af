-- Snapshot sections added with the complete KPI engine: market shares, every target version,
-- and pacing of the periods running at as_of. JSON arrays, spliced into /v1/snapshot as stored.
ALTER TABLE snapshots ADD COLUMN markets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE snapshots ADD COLUMN targets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE snapshots ADD COLUMN pacing TEXT NOT NULL DEFAULT '[]';
