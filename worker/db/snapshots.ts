/**
 * Queries of `snapshots` and of a snapshot's parts (`snapshot_kpi_blocks`, `snapshot_customers`,
 * `snapshot_lists`). A KPI block a snapshot names instead of storing (migration 0018) is read
 * where it is stored.
 */
import { kpiBlockKey, type KpiBlock, type NamedKpiBlock } from '../../shared/kpi/series.ts';
import { arrayItems, type SnapshotList, type SnapshotSections } from '../../shared/kpi/snapshot-parts.ts';
import type { SizedStatement } from './batched-write.ts';
import { jsonRowsInsert, jsonRowsWithTextInsert } from './multi-row-insert.ts';
import { PAGE_CHARS, textPagesBySize } from './paged-read.ts';

/** A stored snapshot: its head and its sections as JSON texts (spliced into responses as they are). */
export interface SnapshotMeta extends SnapshotSections {
  version: number;
  snapshotId: string;
  asOf: string;
  createdAt: string;
  contentHash: string;
  /** The key of its parts (the run that wrote them; migration 0010). */
  partsId: string;
  /** The fingerprint of the stored inputs it was computed from (worker/db/inputs.ts; '' before migration 0011). */
  inputs: string;
}

/** A KPI series as read back: its blocks' rows as one JSON array. */
export interface SeriesRecord {
  position: number;
  scope: string;
  scopeId: string;
  grain: string;
  rowsJson: string;
}

interface MetaRow {
  version: number;
  snapshot_id: string;
  as_of: string;
  created_at: string;
  content_hash: string;
  parts_id: string;
  inputs: string;
  timezone: string;
  currency: string;
  teams: string;
  reps: string;
  markets: string;
  targets: string;
  pacing: string;
  data_quality: string;
  appraisals: string;
  customer_summary: string;
}

function toMeta(row: MetaRow): SnapshotMeta {
  return {
    version: row.version,
    snapshotId: row.snapshot_id,
    asOf: row.as_of,
    createdAt: row.created_at,
    contentHash: row.content_hash,
    partsId: row.parts_id,
    inputs: row.inputs,
    timezone: row.timezone,
    currency: row.currency,
    teamsJson: row.teams,
    repsJson: row.reps,
    marketsJson: row.markets,
    targetsJson: row.targets,
    pacingJson: row.pacing,
    dataQualityJson: row.data_quality,
    appraisalsHeadJson: row.appraisals,
    customerSummaryJson: row.customer_summary,
  };
}

/** The newest snapshot, or null before the first recompute. */
export async function latestSnapshot(db: D1Database): Promise<SnapshotMeta | null> {
  const row = await db.prepare('SELECT * FROM snapshots ORDER BY version DESC LIMIT 1').first<MetaRow>();
  return row ? toMeta(row) : null;
}

/** The newest snapshot's id, as-of and inputs fingerprint only (a quiet cron tick reads nothing more). */
export async function latestSnapshotInputs(db: D1Database): Promise<{ snapshotId: string; asOf: string; inputs: string } | null> {
  const row = await db
    .prepare('SELECT snapshot_id, as_of, inputs FROM snapshots ORDER BY version DESC LIMIT 1')
    .first<{ snapshot_id: string; as_of: string; inputs: string }>();
  return row ? { snapshotId: row.snapshot_id, asOf: row.as_of, inputs: row.inputs } : null;
}

export async function snapshotById(db: D1Database, snapshotId: string): Promise<SnapshotMeta | null> {
  const row = await db.prepare('SELECT * FROM snapshots WHERE snapshot_id = ?1').bind(snapshotId).first<MetaRow>();
  return row ? toMeta(row) : null;
}

/**
 * A snapshot's KPI blocks with their texts wherever they are stored: `FROM` this and `WHERE`
 * conditions on `b` (the snapshot's own rows; `?1` its parts id). The text is `COALESCE(b.rows, src.rows)`.
 */
const BLOCKS_WITH_TEXT = `snapshot_kpi_blocks b LEFT JOIN snapshot_kpi_blocks src
  ON b.rows IS NULL AND src.parts_id = b.rows_parts_id AND src.scope = b.scope AND src.grain = b.grain AND src.scope_id = b.scope_id AND src.block = b.block`;

/** One scope and grain of a snapshot's series (optionally one id), in snapshot order. */
export async function readSeries(db: D1Database, partsId: string, filter: { scope: string; grain: string; scopeId?: string }): Promise<SeriesRecord[]> {
  const select = `SELECT b.position, b.scope, b.scope_id, b.grain, COALESCE(b.rows, src.rows) AS rows FROM ${BLOCKS_WITH_TEXT}
                  WHERE b.parts_id = ?1 AND b.scope = ?2 AND b.grain = ?3`;
  const statement =
    filter.scopeId === undefined
      ? db.prepare(`${select} ORDER BY b.position, b.block`).bind(partsId, filter.scope, filter.grain)
      : db.prepare(`${select} AND b.scope_id = ?4 ORDER BY b.block`).bind(partsId, filter.scope, filter.grain, filter.scopeId);
  const { results } = await statement.all<{ position: number; scope: string; scope_id: string; grain: string; rows: string }>();
  const series: (SeriesRecord & { blocks: string[] })[] = [];
  for (const r of results) {
    const last = series.at(-1);
    if (last?.position === r.position) last.blocks.push(r.rows);
    else series.push({ position: r.position, scope: r.scope, scopeId: r.scope_id, grain: r.grain, rowsJson: '', blocks: [r.rows] });
  }
  return series.map(({ blocks, ...s }) => ({ ...s, rowsJson: `[${arrayItems(blocks)}]` }));
}

/**
 * Every KPI block of a snapshot (each a JSON array of rows), in snapshot order, a page of at most
 * `pageChars` characters at a time (whole series to a page): a large company's series are over
 * 100 MB, and D1 returns at most 50 MB per query.
 */
export function seriesRowPages(db: D1Database, partsId: string, pageChars: number = PAGE_CHARS): AsyncGenerator<string[]> {
  const page = db.prepare(`SELECT COALESCE(b.rows, src.rows) FROM ${BLOCKS_WITH_TEXT} WHERE b.parts_id = ?1 AND b.position BETWEEN ?2 AND ?3 ORDER BY b.position, b.block`);
  return textPagesBySize<number>(
    db
      .prepare(`SELECT b.position AS key, SUM(length(COALESCE(b.rows, src.rows))) AS size FROM ${BLOCKS_WITH_TEXT} WHERE b.parts_id = ?1 GROUP BY b.position ORDER BY b.position`)
      .bind(partsId),
    (first, last) => page.bind(partsId, first, last),
    pageChars,
  );
}

/** A KPI block of the snapshot a recompute names blocks from: its digest, where its text is stored, and its inputs' digest (null: stored before migration 0019). */
export interface StoredKpiBlock extends Omit<NamedKpiBlock, 'inputs'> {
  inputs: string | null;
}

/** A snapshot's KPI blocks by {@link kpiBlockKey}, with their digests and where their texts are stored (blocks stored before migration 0018 have no digest: left out). */
export async function storedKpiBlocks(db: D1Database, partsId: string): Promise<Map<string, StoredKpiBlock>> {
  const rows = await db
    .prepare('SELECT scope, scope_id, grain, block, digest, COALESCE(rows_parts_id, parts_id), inputs FROM snapshot_kpi_blocks WHERE parts_id = ?1 AND digest IS NOT NULL')
    .bind(partsId)
    .raw<[string, string, string, string, string, string, string | null]>();
  return new Map(
    rows.map(([scope, scopeId, grain, block, digest, rowsPartsId, inputs]) => [
      kpiBlockKey({ scope, scopeId, grain, block }),
      { scope, scopeId, grain, block, digest, rowsPartsId, inputs },
    ]),
  );
}

/** INSERT statements for a snapshot's KPI blocks with their texts and digests (written before its head). INSERT OR IGNORE: parts a dead run left are the same texts. */
export function kpiBlockInsertStatements(db: D1Database, partsId: string, blocks: readonly { block: KpiBlock; digest: string | null; inputs: string | null }[]): SizedStatement[] {
  return jsonRowsWithTextInsert(
    db,
    'snapshot_kpi_blocks',
    ['parts_id', 'position', 'scope', 'scope_id', 'grain', 'block', 'digest', 'inputs', 'rows'],
    blocks.map(({ block: b, digest, inputs }) => [partsId, b.position, b.scope, b.scopeId, b.grain, b.block, digest, inputs, b.rowsJson]),
    'INSERT OR IGNORE',
  );
}

/** INSERT statements naming KPI blocks stored under earlier snapshots' parts (`rowsPartsId`: where the text is, never itself a name). */
export function kpiBlockNameStatements(
  db: D1Database,
  partsId: string,
  blocks: readonly { block: Omit<KpiBlock, 'rowsJson'>; digest: string; rowsPartsId: string; inputs: string | null }[],
): SizedStatement[] {
  return jsonRowsInsert(
    db,
    'snapshot_kpi_blocks',
    ['parts_id', 'position', 'scope', 'scope_id', 'grain', 'block', 'digest', 'inputs', 'rows_parts_id'],
    blocks.map(({ block: b, digest, rowsPartsId, inputs }) => [partsId, b.position, b.scope, b.scopeId, b.grain, b.block, digest, inputs, rowsPartsId]),
    'INSERT OR IGNORE',
  );
}

/**
 * The snapshot's head row, written last: readers find snapshots through it, so a snapshot is
 * visible only once all its parts are stored. INSERT OR IGNORE: an identical snapshot written by
 * an overlapping recompute is the same id and is kept once.
 */
export function snapshotHeadStatement(db: D1Database, meta: Omit<SnapshotMeta, 'version'>): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO snapshots
         (snapshot_id, parts_id, inputs, as_of, created_at, content_hash, timezone, currency, teams, reps, markets, targets, pacing, data_quality, appraisals, customer_summary)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`,
    )
    .bind(
      meta.snapshotId, meta.partsId, meta.inputs, meta.asOf, meta.createdAt, meta.contentHash, meta.timezone, meta.currency,
      meta.teamsJson, meta.repsJson, meta.marketsJson, meta.targetsJson, meta.pacingJson, meta.dataQualityJson, meta.appraisalsHeadJson, meta.customerSummaryJson,
    );
}

/** The tables holding a snapshot's parts (its head is in `snapshots`). */
export const PART_TABLES = ['snapshot_kpi_blocks', 'snapshot_appraisals', 'snapshot_customers', 'snapshot_lists', 'snapshot_appraisal_periods'] as const;

/**
 * Deletes all but the newest `keep` snapshots (their parts first), and the parts of any snapshot
 * whose head was never written (a run that died between the two). The newest is never deleted,
 * whatever `keep` says. KPI blocks and appraisal rows a standing snapshot still names (stored
 * by an earlier one: migrations 0017 and 0018) are kept until none does. Runs under the recompute lease, after its own head is
 * written: no other run is writing parts meanwhile.
 */
export async function pruneSnapshots(db: D1Database, keep: number): Promise<number> {
  const cutoff = await db
    .prepare('SELECT version FROM snapshots ORDER BY version DESC LIMIT 1 OFFSET ?1')
    .bind(Math.max(1, keep))
    .first<{ version: number }>();
  const version = cutoff?.version ?? 0;
  const namedByStanding: Partial<Record<(typeof PART_TABLES)[number], string>> = {
    snapshot_kpi_blocks: `EXISTS (SELECT 1 FROM snapshot_kpi_blocks n JOIN snapshots s ON s.parts_id = n.parts_id
                                  WHERE n.rows_parts_id = snapshot_kpi_blocks.parts_id AND n.scope = snapshot_kpi_blocks.scope AND n.grain = snapshot_kpi_blocks.grain
                                    AND n.scope_id = snapshot_kpi_blocks.scope_id AND n.block = snapshot_kpi_blocks.block AND s.version > ?1)`,
    snapshot_appraisals: `EXISTS (SELECT 1 FROM snapshot_appraisal_periods r JOIN snapshots s ON s.parts_id = r.parts_id
                                  WHERE r.rows_parts_id = snapshot_appraisals.parts_id AND r.period = snapshot_appraisals.period AND s.version > ?1)`,
  };
  const results = await db.batch([
    ...PART_TABLES.map((table) =>
      db
        .prepare(
          `DELETE FROM ${table} WHERE (parts_id IN (SELECT parts_id FROM snapshots WHERE version <= ?1)
              OR parts_id NOT IN (SELECT parts_id FROM snapshots))${namedByStanding[table] === undefined ? '' : ` AND NOT ${namedByStanding[table]}`}`,
        )
        .bind(version),
    ),
    db.prepare('DELETE FROM snapshots WHERE version <= ?1').bind(version),
  ]);
  return results.at(-1)!.meta.changes;
}

/** INSERT statements for customer row chunks (written before the snapshot's head). */
export function writeCustomerStatements(db: D1Database, partsId: string, chunks: readonly { chunk: number; rows: string }[]): SizedStatement[] {
  return chunks.map(({ chunk, rows }) => ({
    statement: db.prepare('INSERT OR IGNORE INTO snapshot_customers (parts_id, chunk, rows) VALUES (?1, ?2, ?3)').bind(partsId, chunk, rows),
    chars: rows.length,
  }));
}

/** A snapshot's customer row chunks (JSON arrays), in order, a page of at most `pageChars` characters at a time. */
export function customerChunkPages(db: D1Database, partsId: string, pageChars: number = PAGE_CHARS): AsyncGenerator<string[]> {
  const page = db.prepare('SELECT rows FROM snapshot_customers WHERE parts_id = ?1 AND chunk BETWEEN ?2 AND ?3 ORDER BY chunk');
  return textPagesBySize<number>(
    db.prepare('SELECT chunk AS key, length(rows) AS size FROM snapshot_customers WHERE parts_id = ?1 ORDER BY chunk').bind(partsId),
    (first, last) => page.bind(partsId, first, last),
    pageChars,
  );
}

/** INSERT statements for sales-process list chunks (written before the snapshot's head). */
export function writeListStatements(db: D1Database, partsId: string, chunks: readonly { list: SnapshotList; chunk: number; rows: string }[]): SizedStatement[] {
  return chunks.map(({ list, chunk, rows }) => ({
    statement: db.prepare('INSERT OR IGNORE INTO snapshot_lists (parts_id, list, chunk, rows) VALUES (?1, ?2, ?3, ?4)').bind(partsId, list, chunk, rows),
    chars: rows.length,
  }));
}

/** One list's chunks (JSON arrays), in order, a page of at most `pageChars` characters at a time. */
export function listChunkPages(db: D1Database, partsId: string, list: SnapshotList, pageChars: number = PAGE_CHARS): AsyncGenerator<string[]> {
  const page = db.prepare('SELECT rows FROM snapshot_lists WHERE parts_id = ?1 AND list = ?2 AND chunk BETWEEN ?3 AND ?4 ORDER BY chunk');
  return textPagesBySize<number>(
    db.prepare('SELECT chunk AS key, length(rows) AS size FROM snapshot_lists WHERE parts_id = ?1 AND list = ?2 ORDER BY chunk').bind(partsId, list),
    (first, last) => page.bind(partsId, list, first, last),
    pageChars,
  );
}
