-- A snapshot's parts (series, appraisal rows, customer chunks, list chunks) are keyed by the run
-- that wrote them, not by the snapshot's id: the id is a hash of the content, known only once
-- every part has been built, and a large company's parts (hundreds of MB) are written while they
-- are built instead of being held until then. The head names its parts; parts no head names are
-- a dead run's, or a run's whose content turned out to exist already, and are pruned.
ALTER TABLE snapshots ADD COLUMN parts_id TEXT NOT NULL DEFAULT '';
UPDATE snapshots SET parts_id = snapshot_id;
CREATE UNIQUE INDEX snapshots_parts_id ON snapshots (parts_id);
ALTER TABLE snapshot_series RENAME COLUMN snapshot_id TO parts_id;
ALTER TABLE snapshot_appraisals RENAME COLUMN snapshot_id TO parts_id;
ALTER TABLE snapshot_customers RENAME COLUMN snapshot_id TO parts_id;
ALTER TABLE snapshot_lists RENAME COLUMN snapshot_id TO parts_id;
