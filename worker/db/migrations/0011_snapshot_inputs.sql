-- What a snapshot was computed from, as a fingerprint of the stored inputs (worker/db/inputs.ts):
-- a scheduled recompute with nothing new since the latest snapshot stops there instead of
-- rebuilding (and, for a large company, rewriting) the same content.
ALTER TABLE snapshots ADD COLUMN inputs TEXT NOT NULL DEFAULT '';
