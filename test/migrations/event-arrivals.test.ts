/**
 * Migration 0013 creates the arrival counters and back-fills them from the events already
 * stored. It runs here on real SQLite (node:sqlite) over the real migration files, from a
 * database at 0012 holding events written the old way, and must give what a GROUP BY over those
 * events gives, with the threshold ingestion counts with.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { LATE_AFTER_HOURS } from '../../worker/db/data-quality.ts';


const HOUR = 3_600_000;
const LATE_MS = LATE_AFTER_HOURS * HOUR;

/** The counters as a GROUP BY over every stored event computes them (what the recompute scanned before). */
const SCAN = `SELECT date(received_ms / 1000, 'unixepoch') AS day, type, source, COUNT(*) AS events,
                     SUM(received_ms - occurred_ms > ?1) AS late_events,
                     MAX(CASE WHEN received_ms - occurred_ms > ?1 THEN received_ms - occurred_ms END) AS max_late_delay_ms,
                     MAX(received_ms) AS last_received_ms
              FROM events GROUP BY day, type, source ORDER BY day, type, source`;

describe('migration 0013: event arrivals', () => {
  it('back-fills the counters from the stored events, late meaning more than LATE_AFTER_HOURS', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, (f) => f < '0013');
    const insert = db.prepare(
      "INSERT INTO events (id, type, occurred_ms, source, webhook_id, received_ms, content_hash, body) VALUES (?1, ?2, ?3, ?4, 'msg', ?5, 'h', '{}')",
    );
    const store = (id: string, type: string, source: string, receivedIso: string, delayMs: number) => {
      const receivedMs = Date.parse(receivedIso);
      insert.run(id, type, receivedMs - delayMs, source, receivedMs);
    };
    store('a1', 'sale.closed', 'crm', '2026-03-01T00:00:00.000Z', HOUR);
    store('a2', 'sale.closed', 'crm', '2026-03-01T10:00:00Z', LATE_MS); // exactly the threshold: not late
    store('a3', 'sale.closed', 'crm', '2026-03-01T10:00:00Z', LATE_MS + 1);
    store('a4', 'sale.closed', 'crm', '2026-03-01T23:59:59.999Z', 30 * 24 * HOUR);
    store('a5', 'sale.closed', 'crm', '2026-03-01T12:00:00Z', 48 * HOUR);
    store('a6', 'sale.closed', 'shop', '2026-03-01T12:00:00Z', -HOUR); // occurred after it arrived
    store('a7', 'sale.closed', 'crm', '2026-03-02T00:00:00.000Z', 50 * HOUR);
    store('r1', 'sale.refunded', 'crm', '2026-03-02T08:00:00Z', 0);
    store('v1', 'customer.contacted', 'shop', '2027-01-05T08:00:00Z', 100 * HOUR);
    migrate(db, (f) => f >= '0013');

    const counters = db.prepare('SELECT * FROM event_arrivals ORDER BY day, type, source').all();
    expect(counters).toEqual(db.prepare(SCAN).all(LATE_MS));
    expect(counters).toEqual([
      { day: '2026-03-01', type: 'sale.closed', source: 'crm', events: 5, late_events: 3, max_late_delay_ms: 720 * HOUR, last_received_ms: Date.parse('2026-03-01T23:59:59.999Z') },
      { day: '2026-03-01', type: 'sale.closed', source: 'shop', events: 1, late_events: 0, max_late_delay_ms: null, last_received_ms: Date.parse('2026-03-01T12:00:00Z') },
      { day: '2026-03-02', type: 'sale.closed', source: 'crm', events: 1, late_events: 1, max_late_delay_ms: 50 * HOUR, last_received_ms: Date.parse('2026-03-02T00:00:00Z') },
      { day: '2026-03-02', type: 'sale.refunded', source: 'crm', events: 1, late_events: 0, max_late_delay_ms: null, last_received_ms: Date.parse('2026-03-02T08:00:00Z') },
      { day: '2027-01-05', type: 'customer.contacted', source: 'shop', events: 1, late_events: 1, max_late_delay_ms: 100 * HOUR, last_received_ms: Date.parse('2027-01-05T08:00:00Z') },
    ]);
  });

  it('creates empty counters on an empty database', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, () => true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM event_arrivals').get()).toEqual({ n: 0 });
  });
});
