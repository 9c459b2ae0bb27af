/** Queries of `snapshots` and `snapshot_series`. */
import type { KpiSeries, SnapshotParts } from '../../shared/kpi/index.ts';
import { deleteAppraisalsOfVersionsUpTo } from './appraisals.ts';
import { pagedRaw } from './paged-read.ts';

/** A stored snapshot: its head and its sections as JSON texts (spliced into responses as they are). */
export interface SnapshotMeta extends Omit<SnapshotParts, 'series' | 'appraisals' | 'customers'> {
  /** The customer cohort table and segment months (the rows are in snapshot_customers). */
  customerSummaryJson: string;
  /** The appraisal section without its periods (they are in snapshot_appraisals). */
  appraisalsHeadJson: string;
  version: number;
  snapshotId: string;
  asOf: string;
  createdAt: string;
  contentHash: string;
}

export type SeriesRecord = KpiSeries;

interface MetaRow {
  version: number;
  snapshot_id: string;
  as_of: string;
  created_at: string;
  content_hash: string;
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

export async function snapshotById(db: D1Database, snapshotId: string): Promise<SnapshotMeta | null> {
  const row = await db.prepare('SELECT * FROM snapshots WHERE snapshot_id = ?1').bind(snapshotId).first<MetaRow>();
  return row ? toMeta(row) : null;
}

/**
 * Series per page of a whole-snapshot read: a series is up to a few hundred kB (a rep's days),
 * and D1 returns at most 50 MB per query.
 */
const SERIES_PER_PAGE = 50;

/** A snapshot's series, optionally only one scope/grain (and id), in snapshot order. */
export async function readSeries(
  db: D1Database,
  snapshotId: string,
  filter?: { scope: string; grain: string; scopeId?: string },
  seriesPerPage: number = SERIES_PER_PAGE,
): Promise<SeriesRecord[]> {
  let statement: D1PreparedStatement;
  if (!filter) {
    // The whole snapshot's series (82 MB for 20 teams and 200 reps over two years): in pages by position.
    const rows = await pagedRaw<[number, string, string, string, string]>(db, {
      select: 'SELECT position, scope, scope_id, grain, rows FROM snapshot_series WHERE snapshot_id = ?3 AND {after} ORDER BY position LIMIT ?2',
      key: 'position',
      keyOf: (row) => row[0],
      pageRows: seriesPerPage,
      params: [snapshotId],
    });
    return rows.map(([position, scope, scopeId, grain, rowsJson]) => ({ position, scope, scopeId, grain, rowsJson }));
  } else if (filter.scopeId === undefined) {
    statement = db
      .prepare('SELECT position, scope, scope_id, grain, rows FROM snapshot_series WHERE snapshot_id = ?1 AND scope = ?2 AND grain = ?3 ORDER BY position')
      .bind(snapshotId, filter.scope, filter.grain);
  } else {
    statement = db
      .prepare('SELECT position, scope, scope_id, grain, rows FROM snapshot_series WHERE snapshot_id = ?1 AND scope = ?2 AND grain = ?3 AND scope_id = ?4')
      .bind(snapshotId, filter.scope, filter.grain, filter.scopeId);
  }
  const { results } = await statement.all<{ position: number; scope: string; scope_id: string; grain: string; rows: string }>();
  return results.map((r) => ({ position: r.position, scope: r.scope, scopeId: r.scope_id, grain: r.grain, rowsJson: r.rows }));
}

// D1: 100 bound parameters per statement; snapshot_id is bound once as ?1, then 5 per series.
const SERIES_PER_INSERT = Math.floor(99 / 5);

/**
 * Statements that write a snapshot and its series, for one `batch()` (one transaction: a reader
 * sees all of it or none). INSERT OR IGNORE: an identical snapshot written by an overlapping
 * recompute is the same id and is kept once.
 */
export function writeSnapshotStatements(db: D1Database, meta: Omit<SnapshotMeta, 'version'>, series: readonly SeriesRecord[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < series.length; i += SERIES_PER_INSERT) {
    const chunk = series.slice(i, i + SERIES_PER_INSERT);
    const values = chunk.map((_, j) => `(?1, ?${j * 5 + 2}, ?${j * 5 + 3}, ?${j * 5 + 4}, ?${j * 5 + 5}, ?${j * 5 + 6})`).join(',');
    statements.push(
      db
        .prepare(`INSERT OR IGNORE INTO snapshot_series (snapshot_id, position, scope, scope_id, grain, rows) VALUES ${values}`)
        .bind(meta.snapshotId, ...chunk.flatMap((s) => [s.position, s.scope, s.scopeId, s.grain, s.rowsJson])),
    );
  }
  statements.push(
    db
      .prepare(
        `INSERT OR IGNORE INTO snapshots
           (snapshot_id, as_of, created_at, content_hash, timezone, currency, teams, reps, markets, targets, pacing, data_quality, appraisals, customer_summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`,
      )
      .bind(
        meta.snapshotId, meta.asOf, meta.createdAt, meta.contentHash, meta.timezone, meta.currency,
        meta.teamsJson, meta.repsJson, meta.marketsJson, meta.targetsJson, meta.pacingJson, meta.dataQualityJson, meta.appraisalsHeadJson, meta.customerSummaryJson,
      ),
  );
  return statements;
}

/**
 * Deletes all but the newest `keep` snapshots (their series and appraisal rows first). The newest is never
 * deleted, whatever `keep` says.
 */
export async function pruneSnapshots(db: D1Database, keep: number): Promise<number> {
  const cutoff = await db
    .prepare('SELECT version FROM snapshots ORDER BY version DESC LIMIT 1 OFFSET ?1')
    .bind(Math.max(1, keep))
    .first<{ version: number }>();
  if (!cutoff) return 0;
  const [, , , deleted] = await db.batch([
    db.prepare('DELETE FROM snapshot_series WHERE snapshot_id IN (SELECT snapshot_id FROM snapshots WHERE version <= ?1)').bind(cutoff.version),
    deleteAppraisalsOfVersionsUpTo(db, cutoff.version),
    db.prepare('DELETE FROM snapshot_customers WHERE snapshot_id IN (SELECT snapshot_id FROM snapshots WHERE version <= ?1)').bind(cutoff.version),
    db.prepare('DELETE FROM snapshots WHERE version <= ?1').bind(cutoff.version),
  ]);
  return deleted!.meta.changes;
}

/** INSERT statements for a snapshot's customer rows (one batch with the snapshot). */
export function writeCustomerStatements(db: D1Database, snapshotId: string, rowChunks: readonly string[]): D1PreparedStatement[] {
  return rowChunks.map((rows, chunk) =>
    db.prepare('INSERT OR IGNORE INTO snapshot_customers (snapshot_id, chunk, rows) VALUES (?1, ?2, ?3)').bind(snapshotId, chunk, rows),
  );
}

export async function readCustomerChunks(db: D1Database, snapshotId: string): Promise<string[]> {
  const { results } = await db.prepare('SELECT rows FROM snapshot_customers WHERE snapshot_id = ?1 ORDER BY chunk').bind(snapshotId).all<{ rows: string }>();
  return results.map((r) => r.rows);
}
