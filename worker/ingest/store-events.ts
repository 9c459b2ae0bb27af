/**
 * Storing a validated request: redeliveries (same id, same content) are duplicates, same id with
 * other content is a conflict, the rest go into D1 in one batch — one transaction, so a failure
 * stores nothing and the sender's retry is safe. The batch also adds the stored events (only
 * them) to their arrival counters, which the data-quality section reads.
 */
import { canonicalJson } from '../../shared/json/exact-number.ts';
import { FEEDBACK_FIELDS, type QuotientEvent } from '../../shared/events/types.ts';
import { findStoredHashes, insertEventsStatements, type StoredEvent } from '../db/events.ts';
import { sha256Hex } from '../sha256.ts';
import { insertConflictsStatements, type ConflictRecord } from '../db/data-quality.ts';
import { insertFactsStatements } from '../db/sales-facts.ts';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  conflicts: { id: string; index: number }[];
}

export interface ValidEvent {
  /** The event as received (decoded with exact numbers): what is stored, canonicalized. */
  raw: Record<string, unknown>;
  event: QuotientEvent;
}

export interface Delivery {
  source: string;
  webhookId: string;
  receivedMs: number;
}

/** feedback.submitted is anonymous: only the listed data fields are ever stored. */
function storableRecord(raw: Record<string, unknown>, event: QuotientEvent): Record<string, unknown> {
  if (event.type !== 'feedback.submitted') return raw;
  const data = raw.data as Record<string, unknown>;
  return { ...raw, data: Object.fromEntries(FEEDBACK_FIELDS.filter((k) => k in data).map((k) => [k, data[k]])) };
}

export async function storeEvents(db: D1Database, events: readonly ValidEvent[], delivery: Delivery): Promise<IngestResult> {
  const prepared = await Promise.all(
    events.map(async ({ raw, event }) => {
      const body = canonicalJson(storableRecord(raw, event));
      return { event, body, hash: await sha256Hex(body) };
    }),
  );
  // A concurrent request may store one of our ids between the lookup and the insert; the
  // batch then fails on the primary key and the classification is simply done again.
  for (let attempt = 1; ; attempt++) {
    const stored = await findStoredHashes(db, prepared.map((p) => p.event.id));
    const result: IngestResult = { accepted: 0, duplicates: 0, conflicts: [] };
    const rows: StoredEvent[] = [];
    const accepted: QuotientEvent[] = [];
    const conflicts: ConflictRecord[] = [];
    prepared.forEach(({ event, body, hash }, index) => {
      const existing = stored.get(event.id);
      if (existing === undefined) {
        stored.set(event.id, hash); // repeated ids inside one request are taken in order
        result.accepted++;
        accepted.push(event);
        rows.push({
          id: event.id,
          type: event.type,
          occurredMs: event.occurredMs,
          source: delivery.source,
          webhookId: delivery.webhookId,
          receivedMs: delivery.receivedMs,
          contentHash: hash,
          body,
        });
      } else if (existing === hash) result.duplicates++;
      else {
        result.conflicts.push({ id: event.id, index });
        conflicts.push({ eventId: event.id, receivedMs: delivery.receivedMs, source: delivery.source, webhookId: delivery.webhookId, contentHash: hash });
      }
    });
    const statements = [...insertEventsStatements(db, rows), ...insertFactsStatements(db, accepted), ...insertConflictsStatements(db, conflicts)];
    try {
      if (statements.length > 0) await db.batch(statements);
      return result;
    } catch (error) {
      if (attempt >= 3 || !/UNIQUE constraint failed/i.test(String(error))) throw error;
    }
  }
}
