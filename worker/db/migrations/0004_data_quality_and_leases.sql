-- Rejected webhook requests, counted (never stored): per UTC day, source and reason.
-- source is '' when the request was not signed by a known sender (401, 413).
CREATE TABLE rejections (
  day TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  requests INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (day, source, reason)
) STRICT;

-- Events refused because their id was already stored with other content. The event itself is
-- not kept (only its hash), so the sender can be told what it got wrong.
CREATE TABLE conflicts (
  event_id TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  source TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  content_hash TEXT NOT NULL
) STRICT;
CREATE INDEX conflicts_by_time ON conflicts (received_ms);

-- Leases: at most one recompute writes at a time (cron triggers can overlap).
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_ms INTEGER NOT NULL
) STRICT;
