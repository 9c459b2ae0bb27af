/**
 * Recompute: stored events → KPI rows → a new immutable snapshot. Shared by the cron and
 * `POST /v1/admin/recompute`. Idempotent and overlap-safe: the snapshot id is a hash of the
 * content and as_of, so the same stored events always give the same id, written once.
 */
import { validateEvent } from '../../shared/events/validate.ts';
import type { EventType, QuotientEvent } from '../../shared/events/types.ts';
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import { eventsOfType, kpiStream, pacedPeriods, processCells, type KpiRowUnits, type KpiStream } from '../../shared/kpi/build-kpis.ts';
import { TeamHistory } from '../../shared/kpi/attribution.ts';
import { paceSumsFromSql, readSalesFacts, updateSalesFacts, type SqlRunInfo } from './sales-sql.ts';
import { PhaseTimer } from './phase-timer.ts';
import { analysisPieces, kpiPieces, type ContentPiece, type SnapshotSections, type SnapshotTexts, type StorageQuality } from '../../shared/kpi/snapshot-parts.ts';
import { latestReceivedMs, readEventBodies } from '../db/events.ts';
import { latestSnapshotInputs, pruneSnapshots, snapshotById, snapshotHeadStatement, storedKpiBlocks, type StoredKpiBlock } from '../db/snapshots.ts';
import { kpiBlockKey } from '../../shared/kpi/series.ts';
import { blockInputTexts } from '../../shared/kpi/block-inputs.ts';
import { storedInputs } from '../db/inputs.ts';
import { SnapshotPartWriter } from '../db/snapshot-part-writer.ts';
import { salesCycleFromEvents } from '../../shared/analysis/customer-facts.ts';
import { customerRowsFromSql, customerRowsSince, customerSummaryFromSql, DIRTY_CUSTOMERS_MAX } from './customer-sql.ts';
import { salesProcessLists } from '../../shared/analysis/process-lists.ts';
import { LATE_AFTER_HOURS, readDataQuality } from '../db/data-quality.ts';
import { acquireLease, releaseLease } from '../db/leases.ts';
import { readLockAudit, readLocks } from '../db/appraisals.ts';
import { appraisalSectionHead, feedbackResponses, isAppraisalRow, type AppraisalBasis, type LockInfo } from '../../shared/appraisal/build-appraisals.ts';
import { POLICY } from '../../shared/policy/policy.ts';
import { appraisalsFromD1 } from './sale-lines.ts';
import { callDeployHook } from './deploy-hook.ts';
import { orgSettings, snapshotRetention, type Env, type OrgSettings } from '../env.ts';
import { JoinedSha256, sha256Hex } from '../sha256.ts';
import { SnapshotDigest } from '../../shared/kpi/snapshot-digest.ts';
import { dirtyBlocks, readBlockBase, readReuseBase, setReuseBaseStatements, unchangedBlocks, type ReuseBase } from '../db/reuse-base.ts';

/** The event types the KPI and appraisal engines read from the raw events (sales and refunds are resolved in SQL). */
const KPI_EVENT_TYPES: EventType[] = [
  'team.upserted',
  'rep.upserted',
  'target.set',
  'survey.responded',
  'market.sized',
  'customer.contacted',
  'opportunity.opened',
  'opportunity.closed',
  'ticket.opened',
  'ticket.resolved',
  'feedback.submitted',
];

export interface RecomputeResult {
  snapshot_id: string;
  as_of: string;
  duration_ms: number;
  /** False when this exact snapshot already existed (nothing changed since). */
  created: boolean;
  /** How the sales side was brought up to date. */
  salesMode: 'full' | 'incremental' | 'unchanged';
  /** Appraisal build steps taken over from the snapshot before (their lines not read), and all steps. */
  appraisalSteps: { reused: number; of: number };
  /** KPI blocks named from the snapshot before (the same text: not stored again), those of them not even built, and all blocks. */
  kpiBlocks: { named: number; of: number; unbuilt: number };
}

/**
 * Decodes stored bodies with the same schemas that validated them at the door (the currency
 * was checked then; a later change of ORG_CURRENCY must not make stored events undecodable).
 */
function decodeEvents(bodies: readonly string[]): QuotientEvent[] {
  const events: QuotientEvent[] = [];
  for (const body of bodies) {
    const result = validateEvent(parseJsonExact(body), { currency: null });
    if (!result.ok) throw new Error(`stored event ${result.id} no longer validates: ${JSON.stringify(result.errors)}`);
    events.push(result.event);
  }
  return events;
}

/** Recompute lease: long enough for a large recompute, short enough to recover from a crash. */
const LEASE_TTL_MS = 10 * 60_000;
const RECENT_CONFLICTS = 50;

/** How a recompute runs: the clock, the deploy hook's fetch, and sizes tests make small. */
export interface RecomputeOptions {
  nowMs?: number;
  /**
   * Rebuild the sales side from every stored fact instead of only what changed, and build even
   * when nothing was stored since the latest snapshot (after a deploy that changes the engine).
   */
  full?: boolean;
  /** For the deploy hook (tests pass a recorder). */
  fetcher?: typeof fetch;
  /** Sales per statement of a full rebuild (tests split small histories to exercise it). */
  salesPerStatement?: number;
  /** Rows per page of the large reads (D1 returns at most 50 MB per query; tests use small pages). */
  pageRows?: number;
  /** Bound text per write batch (tests write in small batches). */
  writeBatchChars?: number;
  /** Bound text held before the first write (tests write early). */
  holdChars?: number;
  /** Sale lines read at a time, and sales per slice of customers (tests read small slices). */
  linesPerRead?: number;
  /** Characters per page of stored parts read back (customer rows taken over; tests read small pages). */
  pageChars?: number;
}

/**
 * Recomputes and writes a snapshot (calling DEPLOY_HOOK_URL when it is new), or returns null when another recompute holds the lease
 * (cron triggers may overlap; the other run writes the same result).
 */
export async function runRecompute(env: Env, options: RecomputeOptions = {}): Promise<RecomputeResult | null> {
  const nowMs = options.nowMs ?? Date.now();
  const fetcher = options.fetcher ?? fetch;
  const started = performance.now();
  const holder = crypto.randomUUID();
  if (!(await acquireLease(env.DB, 'recompute', holder, nowMs, LEASE_TTL_MS))) return null;
  try {
    // Read first: whatever is stored while this run reads makes the next run compute again.
    const inputs = await storedInputs(env.DB, orgSettings(env));
    if (!options.full) {
      const latest = await latestSnapshotInputs(env.DB);
      if (latest !== null && latest.inputs === inputs) {
        // Nothing stored since: the same content again, so nothing to build or write.
        console.log(`recompute skipped: nothing stored since snapshot ${latest.snapshotId}`);
        return {
          snapshot_id: latest.snapshotId,
          as_of: latest.asOf,
          duration_ms: Math.round(performance.now() - started),
          created: false,
          salesMode: 'unchanged',
          appraisalSteps: { reused: 0, of: 0 },
          kpiBlocks: { named: 0, of: 0, unbuilt: 0 },
        };
      }
    }
    const phases = new PhaseTimer();
    // The parts are written under this run's key while they are built (never all held at once),
    // and hashed on the way; the snapshot's id, a hash of the content, is known only at the end.
    const partsId = crypto.randomUUID();
    const writer = new SnapshotPartWriter(env.DB, partsId, {
      batchChars: options.writeBatchChars ?? WRITE_BATCH_CHARS,
      holdChars: options.holdChars ?? HOLD_CHARS,
    });
    const hash = new SnapshotDigest(() => new JoinedSha256('\n'));
    const appraisalSteps = { reused: 0, of: 0 };
    const kpiBlocks = { named: 0, of: 0, unbuilt: 0 };
    const blockBase = await readBlockBase(env.DB);
    const blocks: BlockContext = {
      basePartsId: blockBase,
      base: blockBase === null ? new Map<string, StoredKpiBlock>() : await storedKpiBlocks(env.DB, blockBase),
      inputs: new Map(),
      none: await sha256Hex(''),
    };
    const { sections, asOfMs, run } = await buildSnapshot(env, options, nowMs, phases, blocks, async (piece) => {
      const { part } = piece;
      if (part?.table === 'series') {
        // A block enters the hash as the SHA-256 of its text (its group's digest); the same
        // block with the same digest in the snapshot before is named there, not stored again.
        const digest = await sha256Hex(part.block.rowsJson);
        await hash.add({ group: piece.group, digest });
        const key = kpiBlockKey(part.block);
        const inputs = blocks.inputs.get(key) ?? blocks.none;
        const stored = blocks.base.get(key);
        kpiBlocks.of++;
        if (stored?.digest === digest) {
          const { rowsJson: _text, ...block } = part.block;
          kpiBlocks.named++;
          await writer.add({ table: 'series-reuse', block, digest, rowsPartsId: stored.rowsPartsId, inputs });
        } else await writer.add({ ...part, digest, inputs });
        return;
      }
      if (part?.table === 'series-reuse') {
        // Named without being built (unchangedBlocks).
        kpiBlocks.of++;
        kpiBlocks.named++;
        kpiBlocks.unbuilt++;
      }
      await hash.add(piece);
      if (part === undefined) return;
      if (part.table === 'appraisal-record') {
        // The period's texts have just been hashed (this piece closed their group).
        part.record.digest = hash.lastGroupDigest(part.record.period);
        appraisalSteps.of++;
      } else if (part.table === 'appraisal-reuse') {
        appraisalSteps.reused++;
        appraisalSteps.of++;
      }
      await writer.add(part);
    });
    const asOf = new Date(asOfMs).toISOString();
    const contentHash = await hash.hex();
    const snapshotId = `snap_${(await sha256Hex(`${asOf}\n${contentHash}`)).slice(0, 24)}`;

    let created = false;
    const existing = await snapshotById(env.DB, snapshotId);
    if (existing) {
      // Nothing changed since that snapshot: drop what this run held or wrote. Its parts are
      // what the next run takes parts over from (reuse-base.ts).
      await writer.discard();
      await env.DB.batch(setReuseBaseStatements(env.DB, existing.partsId));
      phases.mark('discard');
    } else {
      // The head last, in a batch of its own: readers find snapshots through their head, so a
      // snapshot appears whole or not at all. In the same transaction, its parts become what
      // the next run takes parts over from.
      await writer.finish();
      const createdAt = new Date(nowMs).toISOString();
      await env.DB.batch([
        snapshotHeadStatement(env.DB, { snapshotId, partsId, inputs, asOf, createdAt, contentHash, ...sections }),
        ...setReuseBaseStatements(env.DB, partsId),
      ]);
      phases.mark('write');
      created = true;
      await pruneSnapshots(env.DB, snapshotRetention(env));
      await callDeployHook(env.DEPLOY_HOOK_URL, { snapshot_id: snapshotId, as_of: asOf }, fetcher);
    }
    const slowest = run.slowest;
    console.log(
      `recompute (${run.mode}, ${run.touchedDays} touched days): ${phases}` +
        (slowest ? `; slowest SQL statement ${slowest.ms} ms (#${slowest.index + 1} of ${slowest.of}; D1 allows 30,000 ms)` : '') +
        `; appraisal steps taken over ${appraisalSteps.reused} of ${appraisalSteps.of}; KPI blocks named ${kpiBlocks.named} of ${kpiBlocks.of} (${kpiBlocks.unbuilt} not built)`,
    );
    return { snapshot_id: snapshotId, as_of: asOf, duration_ms: Math.round(performance.now() - started), created, salesMode: run.mode, appraisalSteps, kpiBlocks };
  } finally {
    await releaseLease(env.DB, 'recompute', holder);
  }
}

/**
 * Bound text per write batch. The Worker holds a batch's texts and their encoded request while
 * it sends it: at 100k sales, batches of 4M characters (and 16M held) needed about 25 MB more
 * heap than these sizes (npm run bench:memory).
 */
const WRITE_BATCH_CHARS = 1_000_000;
/**
 * Bound text held before the first write: a snapshot this small that exists already is never
 * written (a larger one is written as it is built and deleted again; a run with nothing stored
 * since the latest snapshot stops before building anything).
 */
const HOLD_CHARS = 4_000_000;
/**
 * Sale and refund lines held at a time (a slice of a quarter's reps, for the commission
 * statements), and sales per slice of customers summed in D1. (npm run bench:memory)
 */
const LINES_PER_READ = 25_000;

/**
 * Stored events → the snapshot, its content passed to `sink` piece by piece in hash order as it
 * is built; returns its head's sections, its as-of instant and how the sales side ran. The sales
 * aggregates and the sale lines are read in functions of their own, so each is garbage as soon
 * as what needs it is built.
 */
async function buildSnapshot(
  env: Env,
  options: RecomputeOptions,
  nowMs: number,
  phases: PhaseTimer,
  blocks: BlockContext,
  sink: (piece: ContentPiece) => Promise<void>,
): Promise<{ sections: SnapshotSections; asOfMs: number; run: SqlRunInfo }> {
  const settings = orgSettings(env);
  const [bodies, receivedMs, quality, locks, audit] = await Promise.all([
    readEventBodies(env.DB, KPI_EVENT_TYPES),
    latestReceivedMs(env.DB),
    readDataQuality(env.DB, RECENT_CONFLICTS),
    readLocks(env.DB),
    readLockAudit(env.DB),
  ]);
  // "Data as of" is when the newest event arrived: deterministic for the same stored events.
  const asOfMs = receivedMs ?? nowMs;
  const events = decodeEvents(bodies);
  phases.mark('read+decode');
  const build: BuildContext = { env, options, events, history: new TeamHistory(eventsOfType(events, 'rep.upserted')), settings, asOfMs, phases, blocks };
  const counts = new Map<string, number>();
  for (const { type, events } of quality.byDay) counts.set(type, (counts.get(type) ?? 0) + events);
  const storage: StorageQuality = {
    events_by_type: Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1))),
    events_by_day: quality.byDay,
    rejected_requests: quality.rejections,
    conflicts: { count: quality.conflictCount, recent: quality.recentConflicts },
    late_arrivals: { threshold_hours: LATE_AFTER_HOURS, by_type_source: quality.late },
  };
  // The series are stored before the sale lines are read; of the KPI rows, only the appraisals'
  // are held after them (the rows are the largest thing a recompute builds).
  const { texts, appraisalRows, run, reuseBase } = await storeSeries(build, storage, sink);
  // The sale lines are read a slice at a time, a quarter's of a few reps, for the appraisals (a
  // large company's do not fit in a Worker at once); the customer facts are summed in D1.
  const linesPerRead = options.linesPerRead ?? LINES_PER_READ;
  const basis: AppraisalBasis = {
    policy: POLICY,
    timezone: settings.timezone,
    asOfMs,
    kpis: appraisalRows,
    targetEvents: eventsOfType(events, 'target.set'),
    history: build.history,
    feedback: feedbackResponses(eventsOfType(events, 'feedback.submitted'), settings.timezone),
    locks: locks.map((l): LockInfo => ({ period: l.period, lockedAt: l.lockedAt, pay: l.pay })),
    audit,
  };
  const customerSummary = await customerSummaryFromSql(
    env.DB,
    salesCycleFromEvents(events, settings.timezone),
    reuseBase === null ? undefined : { fromDay: reuseBase.dirtyFrom, summaryJson: reuseBase.customerSummaryJson },
  );
  phases.mark('customer summary');
  const rest = analysisPieces({
    appraisalsHead: appraisalSectionHead(basis),
    appraisalSteps: appraisalsFromD1(env.DB, basis, linesPerRead, options.pageRows, reuseBase),
    // The rows of customers whose sales did not change since the base are taken over from it.
    customerRows:
      reuseBase !== null && reuseBase.dirtyCustomers <= DIRTY_CUSTOMERS_MAX
        ? customerRowsSince(env.DB, reuseBase.partsId, options.pageChars)
        : customerRowsFromSql(env.DB, linesPerRead),
    customerSummary: () => customerSummary,
    lists: salesProcessLists(events, settings.timezone, build.history),
  });
  let inCustomers = false;
  for await (const piece of rest.pieces) {
    if (!inCustomers && piece.part?.table === 'customers') {
      phases.mark('appraisals');
      inCustomers = true;
    }
    await sink(piece);
  }
  phases.mark(inCustomers ? 'customers+lists' : 'appraisals+lists');
  return { sections: { ...texts, ...rest.sections() }, asOfMs, run };
}

/** What the build's steps share: the run, the decoded non-sale events and the settings. */
interface BuildContext {
  env: Env;
  options: RecomputeOptions;
  events: readonly QuotientEvent[];
  history: TeamHistory;
  settings: OrgSettings;
  asOfMs: number;
  phases: PhaseTimer;
  blocks: BlockContext;
}

/**
 * The KPI blocks of the snapshot the last run wrote or found (`base`, by kpiBlockKey; empty
 * without one), and the digests of this run's blocks' other inputs (`inputs`, filled by the
 * build: blockInputTexts; `none`: a block without any), stored with each block for the next run.
 */
interface BlockContext {
  basePartsId: string | null;
  base: Map<string, StoredKpiBlock>;
  inputs: Map<string, string>;
  none: string;
}

/**
 * The KPI rows, passed to `sink` as the content's first stretch (settings, small sections,
 * series); returns the small sections and the rows the appraisals read. The rows are made a
 * series at a time and held only while it is stored.
 */
async function storeSeries(
  build: BuildContext,
  storage: StorageQuality,
  sink: (piece: ContentPiece) => Promise<void>,
): Promise<{ texts: SnapshotTexts; appraisalRows: KpiRowUnits[]; run: SqlRunInfo; reuseBase: ReuseBase | null }> {
  const { result, run, reuseBase } = await kpiResult(build);
  const appraisalRows: KpiRowUnits[] = [];
  const series = (function* () {
    for (const part of result.series) {
      for (const row of part.rows) if (isAppraisalRow(row)) appraisalRows.push(row);
      yield part;
    }
  })();
  const { texts, pieces } = kpiPieces({ ...result, series }, storage, build.settings);
  for (const piece of pieces) await sink(piece);
  build.phases.mark('series');
  return { texts, appraisalRows, run, reuseBase };
}

/**
 * The KPI build, its rows to be made a series at a time; it takes over the sales side's
 * aggregates from D1. With a base to take parts over from (read after the sales engine's update,
 * which marks what it changed in the same transaction), the blocks nothing changed in are named
 * instead of built, and their sales cells are not read: pacing's sums over days are taken in SQL.
 */
async function kpiResult({ env, options, events, history, settings: { timezone }, asOfMs, phases, blocks }: BuildContext): Promise<{
  result: KpiStream;
  run: SqlRunInfo;
  reuseBase: ReuseBase | null;
}> {
  const run = await updateSalesFacts(env.DB, {
    timezone,
    history,
    forceFull: options.full,
    phases,
    ...(options.salesPerStatement === undefined ? {} : { salesPerStatement: options.salesPerStatement }),
  });
  const reuseBase = options.full ? null : await readReuseBase(env.DB);
  const process = processCells(events, { timezone, asOfMs });
  for (const [key, text] of blockInputTexts(process)) blocks.inputs.set(key, await sha256Hex(text));
  const named =
    reuseBase !== null && reuseBase.partsId === blocks.basePartsId ? unchangedBlocks(blocks.base, await dirtyBlocks(env.DB), blocks.inputs, blocks.none) : new Map();
  phases.mark('block inputs');
  const paceSums = await paceSumsFromSql(env.DB, pacedPeriods(process.cells.values(), process.targets, process.asOfLabels), process.asOfLabels.day);
  phases.mark('pace sums');
  const slicedMarkets = eventsOfType(events, 'market.sized').some((e) => e.data.region !== undefined || e.data.segment !== undefined);
  const salesFacts = await readSalesFacts(env.DB, {
    withMarkets: slicedMarkets,
    named,
    phases,
    ...(options.pageRows === undefined ? {} : { pageRows: options.pageRows }),
  });
  const result = kpiStream(events, { timezone, asOfMs, salesFacts, process, named, paceSums });
  phases.mark('rows');
  return { result, run, reuseBase };
}
