/**
 * Stores a snapshot's parts as the recompute builds them, in batches of bounded size, so the
 * Worker never holds a large company's parts all at once (hundreds of MB; it may hold 128 MB).
 *
 * Parts are keyed by the run (`partsId`), not by the snapshot's id, which is a hash of the
 * content known only at the end. Up to `holdChars` of parts are held before the first write: a
 * snapshot that small which turns out to exist already is never written at all. A larger one is
 * written as it goes and, if it exists already, deleted again ({@link discard}); parts left by a
 * run that died are pruned (pruneSnapshots: parts no head names). (A run with nothing stored
 * since the latest snapshot stops before building anything: worker/db/inputs.ts.)
 */
import type { StoredPart } from '../../shared/kpi/snapshot-parts.ts';
import { writeAppraisalStatements } from './appraisals.ts';
import { reusePeriodStatements, writeRecordStatements } from './reuse-base.ts';
import { runInBatches, type SizedStatement } from './batched-write.ts';
import { kpiBlockInsertStatements, kpiBlockNameStatements, PART_TABLES, writeCustomerStatements, writeListStatements } from './snapshots.ts';

type PartOf<T extends StoredPart['table']> = Extract<StoredPart, { table: T }>;

export interface PartWriterOptions {
  /** Bound text per batch (one request to D1). */
  batchChars: number;
  /** Bound text held before the first write (at least one batch). */
  holdChars: number;
}

export class SnapshotPartWriter {
  private readonly db: D1Database;
  private readonly partsId: string;
  private readonly options: PartWriterOptions;
  private kpiBlocks: PartOf<'series'>[] = [];
  private kpiNames: PartOf<'series-reuse'>[] = [];
  private appraisals: PartOf<'appraisals'>[] = [];
  private customers: PartOf<'customers'>[] = [];
  private lists: PartOf<'lists'>[] = [];
  private records: PartOf<'appraisal-record'>['record'][] = [];
  private reused: PartOf<'appraisal-reuse'>[] = [];
  private heldChars = 0;
  private flushed = false;
  /** Batches sent to D1 so far. */
  batches = 0;

  constructor(db: D1Database, partsId: string, options: PartWriterOptions) {
    this.db = db;
    this.partsId = partsId;
    this.options = { ...options, holdChars: Math.max(options.holdChars, options.batchChars) };
  }

  /** Takes a part; writes what is held once it passes the hold (after the first write, once it passes a batch). */
  async add(part: StoredPart): Promise<void> {
    if (part.table === 'series') {
      this.kpiBlocks.push(part);
      this.heldChars += part.block.rowsJson.length;
    } else if (part.table === 'series-reuse') {
      this.kpiNames.push(part);
      this.heldChars += 128;
    } else if (part.table === 'appraisals') {
      this.appraisals.push(part);
      this.heldChars += part.json.length;
    } else if (part.table === 'customers') {
      this.customers.push(part);
      this.heldChars += part.rows.length;
    } else if (part.table === 'appraisal-record') {
      this.records.push(part.record);
      this.heldChars += part.record.carry.length;
    } else if (part.table === 'appraisal-reuse') {
      this.reused.push(part);
    } else {
      this.lists.push(part);
      this.heldChars += part.rows.length;
    }
    if (this.heldChars >= (this.flushed ? this.options.batchChars : this.options.holdChars)) await this.flush();
  }

  /** Writes whatever is still held: every part is stored once this returns. */
  async finish(): Promise<void> {
    await this.flush();
  }

  /** Drops the parts: what is held is forgotten, what was written is deleted. */
  async discard(): Promise<void> {
    this.kpiBlocks = [];
    this.kpiNames = [];
    this.appraisals = [];
    this.customers = [];
    this.lists = [];
    this.records = [];
    this.reused = [];
    this.heldChars = 0;
    if (!this.flushed) return;
    await this.db.batch(PART_TABLES.map((table) => this.db.prepare(`DELETE FROM ${table} WHERE parts_id = ?1`).bind(this.partsId)));
  }

  private async flush(): Promise<void> {
    const statements: SizedStatement[] = [
      ...kpiBlockInsertStatements(this.db, this.partsId, this.kpiBlocks),
      ...kpiBlockNameStatements(this.db, this.partsId, this.kpiNames),
      ...writeAppraisalStatements(this.db, this.partsId, this.appraisals),
      ...writeCustomerStatements(this.db, this.partsId, this.customers),
      ...writeListStatements(this.db, this.partsId, this.lists),
      ...writeRecordStatements(this.db, this.partsId, this.records),
      ...reusePeriodStatements(this.db, this.partsId, this.reused),
    ];
    this.kpiBlocks = [];
    this.kpiNames = [];
    this.appraisals = [];
    this.customers = [];
    this.lists = [];
    this.records = [];
    this.reused = [];
    this.heldChars = 0;
    if (statements.length === 0) return;
    this.batches += await runInBatches(this.db, statements, this.options.batchChars);
    this.flushed = true;
  }
}
