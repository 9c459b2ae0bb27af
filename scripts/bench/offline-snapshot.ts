/**
 * A snapshot document without a Worker: the same pure engine the recompute runs (`shared/`),
 * fed with events straight from the generator. For benchmarks and offline tools; the numbers are
 * the Worker's, only the storage-side data quality (arrivals, rejections, conflicts, late
 * arrivals) is empty, since nothing was stored.
 */
import { createHash } from 'node:crypto';
import { validateEvent } from '../../shared/events/index.ts';
import type { QuotientEvent } from '../../shared/events/index.ts';
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import { buildKpis, eventsOfType } from '../../shared/kpi/build-kpis.ts';
import { TeamHistory } from '../../shared/kpi/attribution.ts';
import { salesProcessLists } from '../../shared/analysis/process-lists.ts';
import { appraisalsFromEvents, linesFromEvents } from '../../shared/appraisal/build-appraisals.ts';
import { POLICY } from '../../shared/policy/policy.ts';
import { customersFromEvents } from '../../shared/analysis/customer-facts.ts';
import { collectParts, snapshotJson, snapshotStream } from '../../shared/kpi/snapshot-parts.ts';
import { SnapshotDigest, type JoinedTextHash } from '../../shared/kpi/snapshot-digest.ts';
import type { StorageQuality } from '../../shared/kpi/snapshot-parts.ts';
import { LATE_AFTER_HOURS } from '../../shared/snapshot.ts';

export interface OfflineSnapshotOptions {
  /** IANA zone of the period boundaries (ORG_TIMEZONE). */
  timezone: string;
  /** ISO 4217 code (ORG_CURRENCY). */
  currency: string;
  /** The snapshot's "data as of" instant (the Worker uses the newest event's arrival). */
  asOf: Date;
}

export interface OfflineSnapshot {
  /** The document, exactly as `GET /v1/snapshot` would serve it. */
  json: string;
  snapshotId: string;
  kpiRows: number;
  teams: number;
  reps: number;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** node:crypto's SHA-256 of texts joined by newlines (the recompute streams Workers' own). */
function joinedSha256(): JoinedTextHash {
  const hash = createHash('sha256');
  let first = true;
  return {
    add: (text) => {
      hash.update(first ? text : `\n${text}`);
      first = false;
    },
    hex: () => hash.digest('hex'),
  };
}

/**
 * Validates every event at the door (as JSON text, read the way the Worker reads a webhook body),
 * then builds the snapshot. Throws on the first invalid event, naming it and its field errors.
 *
 * @example
 * const { json } = await offlineSnapshot(generateDemoCompany({ now }), { timezone: 'UTC', currency: 'USD', asOf: now });
 */
export async function offlineSnapshot(events: readonly unknown[], options: OfflineSnapshotOptions): Promise<OfflineSnapshot> {
  const asOfMs = options.asOf.getTime();
  if (!Number.isFinite(asOfMs)) throw new Error('offlineSnapshot: invalid asOf');
  const typed: QuotientEvent[] = [];
  const eventsByType: Record<string, number> = {};
  for (const raw of events) {
    const result = validateEvent(parseJsonExact(JSON.stringify(raw)), { currency: options.currency });
    if (!result.ok) throw new Error(`event ${result.id ?? '(no id)'} does not validate: ${JSON.stringify(result.errors)}`);
    typed.push(result.event);
    eventsByType[result.event.type] = (eventsByType[result.event.type] ?? 0) + 1;
  }
  const result = buildKpis(typed, { timezone: options.timezone, asOfMs });
  const storage: StorageQuality = {
    events_by_type: Object.fromEntries(Object.entries(eventsByType).sort(([a], [b]) => (a < b ? -1 : 1))),
    events_by_day: [],
    rejected_requests: [],
    conflicts: { count: 0, recent: [] },
    late_arrivals: { threshold_hours: LATE_AFTER_HOURS, by_type_source: [] },
  };
  // Sales resolved once, for the commission statements and the customer facts alike.
  const lines = linesFromEvents(typed, options.timezone);
  const appraisals = appraisalsFromEvents(typed, result.kpis, { policy: POLICY, timezone: options.timezone, asOfMs }, lines);
  const stream = snapshotStream(
    result,
    storage,
    { timezone: options.timezone, currency: options.currency },
    appraisals,
    customersFromEvents(typed, options.timezone, lines),
    salesProcessLists(typed, options.timezone, new TeamHistory(eventsOfType(typed, 'rep.upserted'))),
  );
  // Same id rule as the Worker's recompute: a hash of the content and the as-of time.
  const content = new SnapshotDigest(joinedSha256);
  const parts = await collectParts(stream, (piece) => content.add(piece));
  const asOf = options.asOf.toISOString();
  const contentHash = await content.hex();
  const snapshotId = `snap_${sha256Hex(`${asOf}\n${contentHash}`).slice(0, 24)}`;
  const json = snapshotJson({ snapshotId, version: 1, asOf, contentHash }, parts);
  return { json, snapshotId, kpiRows: result.kpis.length, teams: result.teams.length, reps: result.reps.length };
}
