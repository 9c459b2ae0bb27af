-- Arrival counters of the stored events, per UTC day of receipt, type and source: what the
-- snapshot's data-quality section reports (stored events per day, late arrivals) and when the
-- newest event arrived (the snapshot's "data as of"). Ingestion upserts them in the same batch
-- (one transaction) as the events they count, so a recompute reads this small table instead of
-- scanning every event (each row carries its body: at 1M events those scans took ~9 s).
-- Late means received_ms - occurred_ms > 24 h: LATE_AFTER_HOURS in worker/db/data-quality.ts,
-- fixed when an event is counted, so changing it needs a migration that recounts late_events.
CREATE TABLE event_arrivals (
  day TEXT NOT NULL,                -- date(received_ms / 1000, 'unixepoch')
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  events INTEGER NOT NULL,
  late_events INTEGER NOT NULL,
  max_late_delay_ms INTEGER,        -- the largest received_ms - occurred_ms of the late ones; NULL: none late
  last_received_ms INTEGER NOT NULL,
  PRIMARY KEY (day, type, source)
) STRICT;

-- The events stored before, counted the same way (86400000 ms = LATE_AFTER_HOURS).
INSERT INTO event_arrivals (day, type, source, events, late_events, max_late_delay_ms, last_received_ms)
  SELECT date(received_ms / 1000, 'unixepoch') AS day, type, source, COUNT(*),
         SUM(received_ms - occurred_ms > 86400000),
         MAX(CASE WHEN received_ms - occurred_ms > 86400000 THEN received_ms - occurred_ms END),
         MAX(received_ms)
  FROM events GROUP BY day, type, source;
