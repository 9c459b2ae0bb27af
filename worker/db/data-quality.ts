/** Queries behind the snapshot's data-quality section: rejections, conflicts, arrivals. */
import { multiRowInsert } from './multi-row-insert.ts';
import { LATE_AFTER_HOURS } from '../../shared/snapshot.ts';

// Counted when the event is stored (`event_arrivals.late_events`), so a change of the threshold
// needs a migration that recounts them from `events`, as 0013's back-fill does.
export { LATE_AFTER_HOURS };
const LATE_AFTER_MS = LATE_AFTER_HOURS * 3_600_000;

/** Counts a rejected request (and the events it held, when known). */
export function countRejection(db: D1Database, day: string, source: string, reason: string, events: number): Promise<D1Result> {
  return db
    .prepare(
      `INSERT INTO rejections (day, source, reason, requests, events) VALUES (?1, ?2, ?3, 1, ?4)
       ON CONFLICT (day, source, reason) DO UPDATE SET requests = requests + 1, events = events + excluded.events`,
    )
    .bind(day, source, reason, events)
    .run();
}

export interface ConflictRecord {
  eventId: string;
  receivedMs: number;
  source: string;
  webhookId: string;
  contentHash: string;
}

export function insertConflictsStatements(db: D1Database, conflicts: readonly ConflictRecord[]): D1PreparedStatement[] {
  return multiRowInsert(
    db,
    'conflicts',
    ['event_id', 'received_ms', 'source', 'webhook_id', 'content_hash'],
    conflicts.map((c) => [c.eventId, c.receivedMs, c.source, c.webhookId, c.contentHash]),
  );
}

/** What the arrival counters need of a stored event. */
export interface Arrival {
  type: string;
  source: string;
  occurredMs: number;
  receivedMs: number;
}

interface ArrivalCounts {
  day: string;
  type: string;
  source: string;
  events: number;
  lateEvents: number;
  /** The largest delay of the late ones; null: none late. */
  maxLateDelayMs: number | null;
  lastReceivedMs: number;
}

/** The UTC day of receipt, as SQLite's `date(received_ms / 1000, 'unixepoch')` gives it (0013's back-fill). */
function receivedDay(receivedMs: number): string {
  return new Date(receivedMs).toISOString().slice(0, 10);
}

/** Stored events summed per (day of receipt, type, source): one counter row each. */
function arrivalCounts(events: readonly Arrival[]): ArrivalCounts[] {
  const counts = new Map<string, ArrivalCounts>();
  // Per event this runs on every ingested request: a request's events share one instant of
  // receipt, so its day is formatted once; keys are joined with NUL, which no day or type holds.
  const days = new Map<number, string>();
  for (const { type, source, occurredMs, receivedMs } of events) {
    let day = days.get(receivedMs);
    if (day === undefined) days.set(receivedMs, (day = receivedDay(receivedMs)));
    const key = `${day}\u0000${type}\u0000${source}`;
    let c = counts.get(key);
    if (c === undefined) counts.set(key, (c = { day, type, source, events: 0, lateEvents: 0, maxLateDelayMs: null, lastReceivedMs: receivedMs }));
    c.events++;
    c.lastReceivedMs = Math.max(c.lastReceivedMs, receivedMs);
    const delayMs = receivedMs - occurredMs;
    if (delayMs > LATE_AFTER_MS) {
      c.lateEvents++;
      c.maxLateDelayMs = Math.max(c.maxLateDelayMs ?? delayMs, delayMs);
    }
  }
  return [...counts.values()];
}

/**
 * Upserts adding newly stored events to their arrival counters, to run in the batch that stores
 * them (one transaction: an event is counted exactly when it is stored). Redeliveries and
 * conflicts are not stored, so they must not be passed here.
 */
export function countArrivalsStatements(db: D1Database, events: readonly Arrival[]): D1PreparedStatement[] {
  return multiRowInsert(
    db,
    'event_arrivals',
    ['day', 'type', 'source', 'events', 'late_events', 'max_late_delay_ms', 'last_received_ms'],
    arrivalCounts(events).map((c) => [c.day, c.type, c.source, c.events, c.lateEvents, c.maxLateDelayMs, c.lastReceivedMs]),
    'INSERT',
    // SQLite's max(a, b) is NULL when either is: each side falls back to the other, so NULL
    // (none late) stays only while both are.
    `ON CONFLICT (day, type, source) DO UPDATE SET
       events = events + excluded.events,
       late_events = late_events + excluded.late_events,
       max_late_delay_ms = max(coalesce(max_late_delay_ms, excluded.max_late_delay_ms), coalesce(excluded.max_late_delay_ms, max_late_delay_ms)),
       last_received_ms = max(last_received_ms, excluded.last_received_ms)`,
  );
}

export interface ArrivalsByDay {
  day: string;
  type: string;
  source: string;
  events: number;
}

export interface RejectionRow {
  day: string;
  source: string;
  reason: string;
  requests: number;
  events: number;
}

export interface ConflictRow {
  event_id: string;
  received_at: string;
  source: string;
  webhook_id: string;
}

export interface LateArrivalRow {
  type: string;
  source: string;
  events: number;
  max_delay_hours: number;
}

/**
 * Everything the data-quality section reads, in one batch (one round trip). Arrivals come from
 * their counters, not from `events`: the same rows a GROUP BY over every event would give, in
 * the same order, with late meaning more than {@link LATE_AFTER_HOURS}.
 */
export async function readDataQuality(db: D1Database, recentLimit: number) {
  const [byDay, rejections, conflictCount, conflicts, late] = await db.batch([
    db.prepare('SELECT day, type, source, events FROM event_arrivals ORDER BY day, type, source'),
    db.prepare('SELECT day, source, reason, requests, events FROM rejections ORDER BY day, source, reason'),
    db.prepare('SELECT COUNT(*) AS n FROM conflicts'),
    db
      .prepare(
        `SELECT event_id, strftime('%Y-%m-%dT%H:%M:%fZ', received_ms / 1000.0, 'unixepoch') AS received_at, source, webhook_id
         FROM conflicts ORDER BY received_ms DESC, event_id LIMIT ?1`,
      )
      .bind(recentLimit),
    db.prepare(
      `SELECT type, source, SUM(late_events) AS events, MAX(max_late_delay_ms) / 3600000.0 AS max_delay_hours
       FROM event_arrivals WHERE late_events > 0 GROUP BY type, source ORDER BY type, source`,
    ),
  ]);
  return {
    byDay: byDay!.results as unknown as ArrivalsByDay[],
    rejections: rejections!.results as unknown as RejectionRow[],
    conflictCount: (conflictCount!.results[0] as { n: number }).n,
    recentConflicts: conflicts!.results as unknown as ConflictRow[],
    late: late!.results as unknown as LateArrivalRow[],
  };
}
