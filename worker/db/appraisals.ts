/**
 * Queries of a snapshot's appraisal rows (`snapshot_appraisals`) and of locked periods. A period
 * a snapshot took over from an earlier one is read where that one stored it (reuse-base.ts).
 */
import type { AppraisalPeriodPart } from '../../shared/appraisal/appraisal-parts.ts';
import { frozenPayOf, type FrozenCommission } from '../../shared/appraisal/build-appraisals.ts';
import type { FrozenPay } from '../../shared/appraisal/commission.ts';
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import type { LockAuditEntry } from '../../shared/snapshot.ts';
import type { SizedStatement } from './batched-write.ts';
import { multiRowInsertSized } from './multi-row-insert.ts';
import { PAGE_CHARS, rangesBySize, textPagesBySize } from './paged-read.ts';

/** INSERT statements for appraisal period heads (repId '') and rows (written before the snapshot's head). */
export function writeAppraisalStatements(
  db: D1Database,
  partsId: string,
  rows: readonly { period: string; position: number; repId: string; json: string }[],
): SizedStatement[] {
  const values = rows.map((r) => [partsId, r.period, r.position, r.repId, r.json]);
  return multiRowInsertSized(db, 'snapshot_appraisals', ['parts_id', 'period', 'position', 'rep_id', 'json'], values, 'INSERT OR IGNORE');
}

/**
 * The parts a snapshot's period's rows are stored under: its own, or for a period it took over
 * from an earlier snapshot, that snapshot's (its record names them: reuse-base.ts). SQL for
 * `?1` the snapshot's parts id and `?2` the period.
 */
const ROWS_PARTS_OF_PERIOD =
  'COALESCE((SELECT rows_parts_id FROM snapshot_appraisal_periods WHERE parts_id = ?1 AND period = ?2 AND rows_parts_id IS NOT NULL), ?1)';

/** One period of a snapshot (optionally only one rep's row), or none when the snapshot has no such period. */
export async function readAppraisalPeriods(db: D1Database, partsId: string, filter: { period: string; repId?: string }): Promise<AppraisalPeriodPart[]> {
  const statement =
    filter.repId === undefined
      ? db.prepare(`SELECT period, rep_id, json FROM snapshot_appraisals WHERE parts_id = ${ROWS_PARTS_OF_PERIOD} AND period = ?2 ORDER BY rep_id`).bind(partsId, filter.period)
      : db
          .prepare(`SELECT period, rep_id, json FROM snapshot_appraisals WHERE parts_id = ${ROWS_PARTS_OF_PERIOD} AND period = ?2 AND rep_id IN ('', ?3) ORDER BY rep_id`)
          .bind(partsId, filter.period, filter.repId);
  const { results } = await statement.all<{ period: string; rep_id: string; json: string }>();
  const periods: AppraisalPeriodPart[] = [];
  for (const r of results) {
    // rep_id '' sorts first within a period: the head opens each period.
    if (r.rep_id === '') periods.push({ period: r.period, headJson: r.json, rows: [] });
    else periods.at(-1)!.rows.push({ repId: r.rep_id, json: r.json });
  }
  return periods;
}

/** A period of a snapshot being read in pages: its head, then its rows (JSON texts) page by page. */
export interface PagedPeriod {
  period: string;
  headJson: string;
  rowPages: AsyncGenerator<string[]>;
}

/**
 * Every period of a snapshot, in snapshot order, its rows a page of at most `pageChars`
 * characters at a time: at a million sales the statement lines come to about 150 MB, and D1
 * returns at most 50 MB per query. Pages stay within a period, by rep_id on the primary key.
 * Read each period's pages before asking for the next period.
 */
export async function* appraisalPeriodPages(db: D1Database, partsId: string, pageChars: number = PAGE_CHARS): AsyncGenerator<PagedPeriod> {
  // The rows stored under the snapshot's own parts, and those of the periods it took over, where they are stored.
  const { results: sized } = await db
    .prepare(
      `SELECT parts_id, period, rep_id, size FROM (
         SELECT a.parts_id, a.period, a.rep_id, length(a.json) AS size, a.position FROM snapshot_appraisals a WHERE a.parts_id = ?1
         UNION ALL
         SELECT a.parts_id, a.period, a.rep_id, length(a.json), a.position
           FROM snapshot_appraisal_periods r JOIN snapshot_appraisals a ON a.parts_id = r.rows_parts_id AND a.period = r.period
          WHERE r.parts_id = ?1 AND r.rows_parts_id IS NOT NULL)
       ORDER BY position, rep_id`,
    )
    .bind(partsId)
    .all<{ parts_id: string; period: string; rep_id: string; size: number }>();
  const page = db.prepare('SELECT rep_id, json FROM snapshot_appraisals WHERE parts_id = ?1 AND period = ?2 AND rep_id BETWEEN ?3 AND ?4 ORDER BY rep_id');
  for (let i = 0; i < sized.length; ) {
    const { period, parts_id: rowsPartsId } = sized[i]!;
    let end = i;
    while (end < sized.length && sized[end]!.period === period) end++;
    const ranges = rangesBySize(sized.slice(i, end).map((r) => ({ key: r.rep_id, size: r.size })), pageChars);
    i = end;
    const read = (range: { first: string; last: string }) => page.bind(rowsPartsId, period, range.first, range.last).raw<[string, string]>();
    // rep_id '' sorts first: the first page opens with the period's head.
    const [head, ...rows] = await read(ranges[0]!);
    if (head?.[0] !== '') throw new Error(`snapshot ${partsId}: appraisal period ${period} has no head row`);
    yield {
      period,
      headJson: head[1],
      rowPages: (async function* () {
        yield rows.map(([, json]) => json);
        for (const range of ranges.slice(1)) yield (await read(range)).map(([, json]) => json);
      })(),
    };
  }
}

/** A lock as stored: its period, when it was locked and from which snapshot. */
export interface PeriodLock {
  period: string;
  lockedAt: string;
  snapshotId: string;
}

/**
 * The locks, oldest period first, each with what every rep was paid in it as frozen (base,
 * earned, clawback and adjustments; quarters only), read with SQL from the rows' JSON (`->`
 * keeps number texts exact), so a recompute never holds the locked periods' lines. Both are
 * read in one batch (one transaction): a lock or unlock in between cannot part a lock from its pay.
 */
export async function readLocks(db: D1Database): Promise<(PeriodLock & { pay: Map<string, FrozenPay> })[]> {
  const [locks, pays] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT period, locked_at, snapshot_id FROM period_locks ORDER BY period'),
    db.prepare(
      `SELECT p.period, p.rep_id, p.json -> '$.commission.base' AS base, p.json -> '$.commission.earned' AS earned,
              p.json -> '$.commission.clawback' AS clawback, p.json -> '$.commission.adjustments' AS adjustments
         FROM period_locks l JOIN period_lock_parts p ON p.period = l.period AND p.locked_at = l.locked_at
        WHERE length(l.period) = 7 AND p.rep_id <> ''`,
    ),
  ]);
  const pay = new Map<string, Map<string, FrozenPay>>();
  for (const r of pays!.results as { period: string; rep_id: string; base: string; earned: string; clawback: string; adjustments: string }[]) {
    let reps = pay.get(r.period);
    if (!reps) pay.set(r.period, (reps = new Map()));
    reps.set(r.rep_id, frozenPayOf({ base: r.base, earned: r.earned, clawback: r.clawback, adjustments: parseJsonExact(r.adjustments) as FrozenCommission['adjustments'] }));
  }
  return (locks!.results as { period: string; locked_at: string; snapshot_id: string }[]).map((r) => ({
    period: r.period,
    lockedAt: r.locked_at,
    snapshotId: r.snapshot_id,
    pay: pay.get(r.period) ?? new Map(),
  }));
}

/**
 * A locked period as frozen: its head's JSON, then its rows' JSON texts in rep order, in pages
 * of about `pageChars` (a row holds every line of its statement: a large company's period is
 * far over what one read should carry).
 */
export async function* lockedPeriodTexts(db: D1Database, period: string, lockedAt: string, pageChars: number = PAGE_CHARS): AsyncGenerator<{ head: string } | { rows: string[] }> {
  const head = await db.prepare("SELECT json FROM period_lock_parts WHERE period = ?1 AND locked_at = ?2 AND rep_id = ''").bind(period, lockedAt).first<string>('json');
  if (head === null) throw new Error(`period_lock_parts: the lock of ${period} at ${lockedAt} has no head`);
  yield { head };
  const sizes = db
    .prepare("SELECT rep_id AS key, length(json) AS size FROM period_lock_parts WHERE period = ?1 AND locked_at = ?2 AND rep_id <> '' ORDER BY rep_id")
    .bind(period, lockedAt);
  const page = db.prepare('SELECT json FROM period_lock_parts WHERE period = ?1 AND locked_at = ?2 AND rep_id BETWEEN ?3 AND ?4 ORDER BY rep_id');
  for await (const rows of textPagesBySize<string>(sizes, (first, last) => page.bind(period, lockedAt, first, last), pageChars)) yield { rows };
}

/** Bound bytes of frozen rows per INSERT, as bound (escaped JSON): D1 allows 2 MB per value. */
const LOCK_PART_BYTES = 1_000_000;

/**
 * Locks a period with its appraisal as frozen (the period's head and rows as the snapshot
 * stores them) and audits it, in one transaction. False when the period was locked already.
 */
export async function lockPeriod(
  db: D1Database,
  lock: PeriodLock & { frozen: AppraisalPeriodPart; by: string | null; reason: string | null },
): Promise<boolean> {
  // The parts only if this lock took effect (a racing request's lock has another locked_at).
  const tookEffect = 'EXISTS (SELECT 1 FROM period_locks WHERE period = ?1 AND locked_at = ?2)';
  const parts: [string, string][] = [['', lock.frozen.headJson], ...lock.frozen.rows.map((r): [string, string] => [r.repId, r.json])];
  const inserts: D1PreparedStatement[] = [];
  let chunk: [string, string][] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    inserts.push(
      db
        .prepare(`INSERT INTO period_lock_parts (period, locked_at, rep_id, json) SELECT ?1, ?2, value ->> '$[0]', value ->> '$[1]' FROM json_each(?3) WHERE ${tookEffect}`)
        .bind(lock.period, lock.lockedAt, JSON.stringify(chunk)),
    );
    chunk = [];
    bytes = 0;
  };
  for (const part of parts) {
    const size = UTF8.encode(JSON.stringify(part)).length;
    if (size > LOCK_PART_BYTES) {
      // Too large to travel escaped inside a JSON array: bound as itself (one value, at most 2 MB like its snapshot row).
      inserts.push(db.prepare(`INSERT INTO period_lock_parts (period, locked_at, rep_id, json) SELECT ?1, ?2, ?3, ?4 WHERE ${tookEffect}`).bind(lock.period, lock.lockedAt, part[0], part[1]));
      continue;
    }
    if (bytes + size > LOCK_PART_BYTES) flush();
    chunk.push(part);
    bytes += size;
  }
  flush();
  const [inserted] = await db.batch([
    db.prepare('INSERT OR IGNORE INTO period_locks (period, locked_at, snapshot_id) VALUES (?1, ?2, ?3)').bind(lock.period, lock.lockedAt, lock.snapshotId),
    db
      .prepare(
        `INSERT INTO period_lock_audit (period, action, at, by, reason, snapshot_id)
         SELECT ?1, 'lock', ?2, ?3, ?4, ?5 WHERE changes() = 1`,
      )
      .bind(lock.period, lock.lockedAt, lock.by, lock.reason, lock.snapshotId),
    ...inserts,
  ]);
  return inserted!.meta.changes === 1;
}

const UTF8 = new TextEncoder();

/** Unlocks a period and audits it, in one transaction. False when it was not locked. */
export async function unlockPeriod(db: D1Database, period: string, at: string, by: string | null, reason: string): Promise<boolean> {
  const [audited] = await db.batch([
    db
      .prepare(
        `INSERT INTO period_lock_audit (period, action, at, by, reason, snapshot_id)
         SELECT period, 'unlock', ?2, ?3, ?4, snapshot_id FROM period_locks WHERE period = ?1`,
      )
      .bind(period, at, by, reason),
    db.prepare('DELETE FROM period_locks WHERE period = ?1').bind(period),
  ]);
  return audited!.meta.changes === 1;
}

export async function readLockAudit(db: D1Database): Promise<LockAuditEntry[]> {
  const { results } = await db
    .prepare('SELECT period, action, at, by, reason, snapshot_id FROM period_lock_audit ORDER BY seq')
    .all<{ period: string; action: 'lock' | 'unlock'; at: string; by: string | null; reason: string | null; snapshot_id: string | null }>();
  return results.map((r) => ({ period: r.period, action: r.action, at: r.at, by: r.by, reason: r.reason, snapshot_id: r.snapshot_id }));
}
