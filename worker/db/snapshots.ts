/** Queries of `snapshots` and of a snapshot's parts (`snapshot_series`, `snapshot_customers`, `snapshot_lists`). */
import type { KpiSeries } from '../../shared/kpi/index.ts';
import type { SnapshotList, SnapshotSections } from '../../shared/kpi/snapshot-parts.ts';
import { boundChars, type SizedStatement } from './batched-write.ts';
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

export type SeriesRecord = KpiSeries;

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

/** One scope and grain of a snapshot's series (optionally one id), in snapshot order. */
export async function readSeries(db: D1Database, partsId: string, filter: { scope: string; grain: string; scopeId?: string }): Promise<SeriesRecord[]> {
  const statement =
    filter.scopeId === undefined
      ? db
          .prepare('SELECT position, scope, scope_id, grain, rows FROM snapshot_series WHERE parts_id = ?1 AND scope = ?2 AND grain = ?3 ORDER BY position')
          .bind(partsId, filter.scope, filter.grain)
      : db
          .prepare('SELECT position, scope, scope_id, grain, rows FROM snapshot_series WHERE parts_id = ?1 AND scope = ?2 AND grain = ?3 AND scope_id = ?4')
          .bind(partsId, filter.scope, filter.grain, filter.scopeId);
  const { results } = await statement.all<{ position: number; scope: string; scope_id: string; grain: string; rows: string }>();
  return results.map((r) => ({ position: r.position, scope: r.scope, scopeId: r.scope_id, grain: r.grain, rowsJson: r.rows }));
}

/**
 * Every series of a snapshot (each a JSON array of rows), in snapshot order, a page of at most
 * `pageChars` characters at a time: a large company's series are 82 MB, and D1 returns at most
 * 50 MB per query.
 */
export function seriesRowPages(db: D1Database, partsId: string, pageChars: number = PAGE_CHARS): AsyncGenerator<string[]> {
  const page = db.prepare('SELECT rows FROM snapshot_series WHERE parts_id = ?1 AND position BETWEEN ?2 AND ?3 ORDER BY position');
  return textPagesBySize<number>(
    db.prepare('SELECT position AS key, length(rows) AS size FROM snapshot_series WHERE parts_id = ?1 ORDER BY position').bind(partsId),
    (first, last) => page.bind(partsId, first, last),
    pageChars,
  );
}

// D1: 100 bound parameters per statement; parts_id is bound once as ?1, then 5 per series.
const SERIES_PER_INSERT = Math.floor(99 / 5);

/** INSERT statements for a snapshot's series (written before its head). INSERT OR IGNORE: parts a dead run left are the same texts. */
export function seriesInsertStatements(db: D1Database, partsId: string, series: readonly SeriesRecord[]): SizedStatement[] {
  const statements: SizedStatement[] = [];
  for (let i = 0; i < series.length; i += SERIES_PER_INSERT) {
    const chunk = series.slice(i, i + SERIES_PER_INSERT);
    const values = chunk.map((_, j) => `(?1, ?${j * 5 + 2}, ?${j * 5 + 3}, ?${j * 5 + 4}, ?${j * 5 + 5}, ?${j * 5 + 6})`).join(',');
    const bound = chunk.flatMap((s) => [s.position, s.scope, s.scopeId, s.grain, s.rowsJson]);
    statements.push({
      statement: db.prepare(`INSERT OR IGNORE INTO snapshot_series (parts_id, position, scope, scope_id, grain, rows) VALUES ${values}`).bind(partsId, ...bound),
      chars: boundChars(bound),
    });
  }
  return statements;
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
export const PART_TABLES = ['snapshot_series', 'snapshot_appraisals', 'snapshot_customers', 'snapshot_lists', 'snapshot_appraisal_periods'] as const;

/**
 * Deletes all but the newest `keep` snapshots (their parts first), and the parts of any snapshot
 * whose head was never written (a run that died between the two). The newest is never deleted,
 * whatever `keep` says. Appraisal rows a standing snapshot still names (a period it took over:
 * reuse-base.ts) are kept until none does. Runs under the recompute lease, after its own head is
 * written: no other run is writing parts meanwhile.
 */
export async function pruneSnapshots(db: D1Database, keep: number): Promise<number> {
  const cutoff = await db
    .prepare('SELECT version FROM snapshots ORDER BY version DESC LIMIT 1 OFFSET ?1')
    .bind(Math.max(1, keep))
    .first<{ version: number }>();
  const version = cutoff?.version ?? 0;
  const namedByStanding = `EXISTS (SELECT 1 FROM snapshot_appraisal_periods r JOIN snapshots s ON s.parts_id = r.parts_id
                                   WHERE r.rows_parts_id = snapshot_appraisals.parts_id AND r.period = snapshot_appraisals.period AND s.version > ?1)`;
  const results = await db.batch([
    ...PART_TABLES.map((table) =>
      db
        .prepare(
          `DELETE FROM ${table} WHERE (parts_id IN (SELECT parts_id FROM snapshots WHERE version <= ?1)
              OR parts_id NOT IN (SELECT parts_id FROM snapshots))${table === 'snapshot_appraisals' ? ` AND NOT ${namedByStanding}` : ''}`,
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
