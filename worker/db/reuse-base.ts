/**
 * What lets a recompute take parts over from an earlier snapshot instead of building them again
 * from every sale: appraisal periods (reading every sale line of every quarter was most of an
 * incremental run at a million sales) and the rows of customers whose sales did not change; and
 * name, instead of storing again, the KPI blocks whose text is the same (readBlockBase).
 *
 * - `snapshot_appraisal_periods`: per snapshot, one record per step of its appraisal build
 *   (period, place, chained inputs hash, digest of its texts, carry; migration 0014).
 * - engine_state `reuse_base`: the parts of the snapshot the last run wrote or found (its
 *   content equal to what that run built from the facts then).
 * - engine_state `lines_dirty_from`: the earliest local day whose sale or refund lines changed
 *   since (absent: none; '': every day, after a full rebuild of the sales). The sales engine
 *   lowers it in the same transaction as it changes the lines; a run clears it only once its
 *   snapshot is in place, so a run that dies leaves it for the next.
 * - `w_dirty_customers`: the customers whose sales or refunds changed since (migration 0015),
 *   kept the same way; `w_dirty_days`: the days whose sales cells changed since (migration 0019),
 *   whose KPI blocks are built again (the others are named when their other inputs are the same).
 */
import type { AppraisalPeriodRecord } from '../../shared/kpi/snapshot-parts.ts';
import type { SizedStatement } from './batched-write.ts';
import { multiRowInsertSized } from './multi-row-insert.ts';
import { engineStateStatement } from './engine-state.ts';
import { labelsOfDay } from '../../shared/period.ts';
import { blockOf, type NamedKpiBlock } from '../../shared/kpi/series.ts';
import type { StoredKpiBlock } from './snapshots.ts';
import { NAMEABLE_GRAINS } from '../../shared/kpi/block-inputs.ts';

const BASE_KEY = 'reuse_base';
const DIRTY_KEY = 'lines_dirty_from';

/** The snapshot a run may take periods over from, and from which day its lines are stale. */
export interface ReuseBase {
  partsId: string;
  /** Lines of this day and later changed since (null: none). */
  dirtyFrom: string | null;
  /** Its records, by step. */
  records: Map<number, AppraisalPeriodRecord>;
  /** How many customers' rows may have changed since (w_dirty_customers). */
  dirtyCustomers: number;
  /** Its customer summary (cohorts, segments) as stored on its head. */
  customerSummaryJson: string;
}

/**
 * The parts of the snapshot the last run wrote or found, while its head stands (null before the
 * first run): KPI blocks whose text is the same as there are named, not stored again. Unlike
 * taking periods over, this needs no record of what changed since: equal digests are equal texts.
 */
export async function readBlockBase(db: D1Database): Promise<string | null> {
  return db
    .prepare('SELECT s.parts_id FROM engine_state e JOIN snapshots s ON s.parts_id = e.value WHERE e.key = ?1')
    .bind(BASE_KEY)
    .first<string>('parts_id');
}

/** The base to take periods over from, or null when there is none (first run, after a full rebuild, or its snapshot pruned). */
export async function readReuseBase(db: D1Database): Promise<ReuseBase | null> {
  const { results } = await db
    .prepare('SELECT key, value FROM engine_state WHERE key IN (?1, ?2)')
    .bind(BASE_KEY, DIRTY_KEY)
    .all<{ key: string; value: string }>();
  const state = new Map(results.map((r) => [r.key, r.value]));
  const partsId = state.get(BASE_KEY);
  const dirtyFrom = state.get(DIRTY_KEY) ?? null;
  if (partsId === undefined || dirtyFrom === '') return null;
  // Only a snapshot that still stands (its head names the parts) is taken from.
  const [head, records, dirty] = await db.batch([
    db.prepare('SELECT customer_summary FROM snapshots WHERE parts_id = ?1').bind(partsId),
    db.prepare('SELECT step, period, position, inputs, digest, carry FROM snapshot_appraisal_periods WHERE parts_id = ?1 ORDER BY step').bind(partsId),
    db.prepare('SELECT COUNT(*) AS n FROM w_dirty_customers'),
  ]);
  const summary = (head!.results[0] as { customer_summary: string } | undefined)?.customer_summary;
  const rows = records!.results as AppraisalPeriodRecord[];
  if (summary === undefined || rows.length === 0) return null;
  return {
    partsId,
    dirtyFrom,
    records: new Map(rows.map((r) => [r.step, r])),
    dirtyCustomers: (dirty!.results[0] as { n: number }).n,
    customerSummaryJson: summary,
  };
}

/**
 * For the sales engine's update batch, after its touched days are known: the lines are stale
 * from the earliest touched day on (from every day when `full`).
 */
export function linesDirtyStatement(db: D1Database, full: boolean): D1PreparedStatement {
  if (full) return db.prepare(`INSERT INTO engine_state (key, value) VALUES ('${DIRTY_KEY}', '') ON CONFLICT (key) DO UPDATE SET value = ''`);
  return db.prepare(
    `INSERT INTO engine_state (key, value) SELECT '${DIRTY_KEY}', day FROM (SELECT MIN(day) AS day FROM w_touched_days) WHERE day IS NOT NULL
     ON CONFLICT (key) DO UPDATE SET value = MIN(value, excluded.value)`,
  );
}

/** For the sales engine's incremental update batch, after its touched days are known: their sales cells changed since the base. */
export function dirtyDaysStatement(db: D1Database): D1PreparedStatement {
  return db.prepare('INSERT OR IGNORE INTO w_dirty_days SELECT day FROM w_touched_days');
}

/** The nameable KPI blocks (day, week, month) holding a day whose sales cells changed since the base, as `grain block`. */
export async function dirtyBlocks(db: D1Database): Promise<Set<string>> {
  const days = await db.prepare('SELECT day FROM w_dirty_days').raw<[string]>();
  const blocks = new Set<string>();
  for (const [day] of days) {
    const labels = labelsOfDay(day);
    for (const grain of NAMEABLE_GRAINS) blocks.add(`${grain} ${blockOf(grain, labels[grain])}`);
  }
  return blocks;
}

/**
 * The KPI blocks a run names without building them (nor reading their sales cells): the base's
 * day, week and month blocks that hold no day whose sales changed since (`dirty`: dirtyBlocks)
 * and whose other inputs are the same now (`inputs`: digest by kpiBlockKey; `none`: the digest
 * of no inputs).
 */
export function unchangedBlocks(
  base: ReadonlyMap<string, StoredKpiBlock>,
  dirty: ReadonlySet<string>,
  inputs: ReadonlyMap<string, string>,
  none: string,
): Map<string, NamedKpiBlock> {
  const named = new Map<string, NamedKpiBlock>();
  for (const [key, b] of base) {
    if (b.inputs === null || !(NAMEABLE_GRAINS as readonly string[]).includes(b.grain) || dirty.has(`${b.grain} ${b.block}`)) continue;
    if ((inputs.get(key) ?? none) === b.inputs) named.set(key, { ...b, inputs: b.inputs });
  }
  return named;
}

/**
 * For the sales engine's incremental update batch: the customers of the sales it re-resolves
 * (run once before it deletes their old versions and once after it inserts the new) and of the
 * refunds stored since `refundsFrom` (after).
 */
export function dirtyCustomersStatements(db: D1Database, when: 'before' | 'after', refundsFrom: number): D1PreparedStatement[] {
  const ofSales = db.prepare('INSERT OR IGNORE INTO w_dirty_customers SELECT customer_id FROM w_sales WHERE sale_id IN (SELECT sale_id FROM w_touched_sales)');
  if (when === 'before') return [ofSales];
  return [
    ofSales,
    db
      .prepare('INSERT OR IGNORE INTO w_dirty_customers SELECT s.customer_id FROM f_refunds r JOIN w_sales s ON s.sale_id = r.sale_id WHERE r.rowid > ?1')
      .bind(refundsFrom),
  ];
}

/** Once a run's snapshot is in place (written, or found with the same content): it is the base, and nothing is stale. */
export function setReuseBaseStatements(db: D1Database, partsId: string): D1PreparedStatement[] {
  return [
    engineStateStatement(db, BASE_KEY, partsId),
    db.prepare('DELETE FROM engine_state WHERE key = ?1').bind(DIRTY_KEY),
    db.prepare('DELETE FROM w_dirty_customers'),
    db.prepare('DELETE FROM w_dirty_days'),
  ];
}

/** INSERT statements for a snapshot's period records (written before its head). */
export function writeRecordStatements(db: D1Database, partsId: string, records: readonly AppraisalPeriodRecord[]): SizedStatement[] {
  const values = records.map((r) => [partsId, r.step, r.period, r.position, r.inputs, r.digest, r.carry]);
  return multiRowInsertSized(db, 'snapshot_appraisal_periods', ['parts_id', 'step', 'period', 'position', 'inputs', 'digest', 'carry'], values, 'INSERT OR IGNORE');
}

/**
 * Statements taking periods over from an earlier snapshot's parts, inside D1: each period's
 * record is copied, naming the parts its rows are stored under (those of the snapshot that built
 * them: a name is never more than one step from the rows). The rows are not copied; readers
 * follow the name (appraisals.ts), and a prune keeps rows a standing snapshot names.
 */
export function reusePeriodStatements(db: D1Database, partsId: string, periods: readonly { step: number; fromPartsId: string }[]): SizedStatement[] {
  return periods.map(({ step, fromPartsId }) => ({
    statement: db
      .prepare(
        `INSERT OR IGNORE INTO snapshot_appraisal_periods (parts_id, step, period, position, inputs, digest, carry, rows_parts_id)
         SELECT ?1, step, period, position, inputs, digest, carry, COALESCE(rows_parts_id, parts_id) FROM snapshot_appraisal_periods WHERE parts_id = ?2 AND step = ?3`,
      )
      .bind(partsId, fromPartsId, step),
    chars: 64,
  }));
}
