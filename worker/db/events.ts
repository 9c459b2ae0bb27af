/** Queries of the `events` table: all of them, so SQL lives in one place per table. */
import { multiRowInsert } from './multi-row-insert.ts';
import { countArrivalsStatements } from './data-quality.ts';

/** One event as stored. */
export interface StoredEvent {
  id: string;
  type: string;
  occurredMs: number;
  source: string;
  webhookId: string;
  receivedMs: number;
  contentHash: string;
  /** Canonical JSON of the event. */
  body: string;
}

const IDS_PER_LOOKUP = 100;

/** The content hash of each of `ids` already stored. */
export async function findStoredHashes(db: D1Database, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_LOOKUP) {
    const chunk = unique.slice(i, i + IDS_PER_LOOKUP);
    const placeholders = chunk.map((_, j) => `?${j + 1}`).join(',');
    statements.push(db.prepare(`SELECT id, content_hash FROM events WHERE id IN (${placeholders})`).bind(...chunk));
  }
  const found = new Map<string, string>();
  if (statements.length === 0) return found;
  for (const result of await db.batch<{ id: string; content_hash: string }>(statements)) {
    for (const row of result.results) found.set(row.id, row.content_hash);
  }
  return found;
}

/**
 * INSERT statements for `events` and the upserts of their arrival counters (`event_arrivals`),
 * to run in one `batch()` (one transaction: all or nothing, so every stored event is counted
 * once and no event is counted that was not stored).
 */
export function insertEventsStatements(db: D1Database, events: readonly StoredEvent[]): D1PreparedStatement[] {
  return [
    ...multiRowInsert(
      db,
      'events',
      ['id', 'type', 'occurred_ms', 'source', 'webhook_id', 'received_ms', 'content_hash', 'body'],
      events.map((e) => [e.id, e.type, e.occurredMs, e.source, e.webhookId, e.receivedMs, e.contentHash, e.body]),
    ),
    ...countArrivalsStatements(db, events),
  ];
}

/** Bodies of every stored event of the given types, in a stable order. */
export async function readEventBodies(db: D1Database, types: readonly string[]): Promise<string[]> {
  const placeholders = types.map((_, i) => `?${i + 1}`).join(',');
  const { results } = await db
    .prepare(`SELECT body FROM events WHERE type IN (${placeholders}) ORDER BY id`)
    .bind(...types)
    .all<{ body: string }>();
  return results.map((r) => r.body);
}

/**
 * When the newest stored event was received (epoch ms), or null with no events. Read from the
 * arrival counters, kept with every insert above: `events` has no index on received_ms, and a
 * scan of it reads every body.
 */
export async function latestReceivedMs(db: D1Database): Promise<number | null> {
  const row = await db.prepare('SELECT MAX(last_received_ms) AS ms FROM event_arrivals').first<{ ms: number | null }>();
  return row?.ms ?? null;
}
