-- Every accepted webhook event, append-only: the raw record of what senders told us.
-- body is the event's canonical JSON (keys sorted, numbers in one spelling, every digit kept);
-- content_hash is SHA-256 of body, used to tell a redelivery (same content) from a conflict.
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  occurred_ms INTEGER NOT NULL,
  source TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;

-- Recompute reads events by type.
CREATE INDEX events_by_type ON events (type, occurred_ms);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
