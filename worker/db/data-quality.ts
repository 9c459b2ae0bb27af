/** Queries behind the snapshot's data-quality section: rejections, conflicts, arrivals. */
import { multiRowInsert } from './multi-row-insert.ts';

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

/** Everything the data-quality section reads, in one batch (one round trip). */
export async function readDataQuality(db: D1Database, lateAfterMs: number, recentLimit: number) {
  const [byDay, rejections, conflictCount, conflicts, late] = await db.batch([
    db.prepare(
      `SELECT date(received_ms / 1000, 'unixepoch') AS day, type, source, COUNT(*) AS events
       FROM events GROUP BY day, type, source ORDER BY day, type, source`,
    ),
    db.prepare('SELECT day, source, reason, requests, events FROM rejections ORDER BY day, source, reason'),
    db.prepare('SELECT COUNT(*) AS n FROM conflicts'),
    db
      .prepare(
        `SELECT event_id, strftime('%Y-%m-%dT%H:%M:%fZ', received_ms / 1000.0, 'unixepoch') AS received_at, source, webhook_id
         FROM conflicts ORDER BY received_ms DESC, event_id LIMIT ?1`,
      )
      .bind(recentLimit),
    db
      .prepare(
        `SELECT type, source, COUNT(*) AS events, MAX(received_ms - occurred_ms) / 3600000.0 AS max_delay_hours
         FROM events WHERE received_ms - occurred_ms > ?1 GROUP BY type, source ORDER BY type, source`,
      )
      .bind(lateAfterMs),
  ]);
  return {
    byDay: byDay!.results as unknown as ArrivalsByDay[],
    rejections: rejections!.results as unknown as RejectionRow[],
    conflictCount: (conflictCount!.results[0] as { n: number }).n,
    recentConflicts: conflicts!.results as unknown as ConflictRow[],
    late: late!.results as unknown as LateArrivalRow[],
  };
}
