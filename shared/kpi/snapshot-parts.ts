/**
 * A snapshot's stored form: its KPI series and its sections as exact JSON texts, and the
 * canonical content its hash is taken over. Shared by the Worker's recompute (which stores the
 * parts in D1 as it builds them) and offline tools (which write a snapshot file without a Worker).
 */
import { SNAPSHOT_SCHEMA, type DataQuality } from '../snapshot.ts';
import type { KpiResult, KpiRowUnits } from './build-kpis.ts';
import { blocksOf, exactJsonChunks, seriesRows, toExactJson, type KpiBlock, type SeriesParts } from './series.ts';
import { appraisalPeriodJson, type AppraisalParts } from '../appraisal/appraisal-parts.ts';
import type { AppraisalOutput, AppraisalSectionUnits, PeriodCarry } from '../appraisal/build-appraisals.ts';
import { CUSTOMER_ROWS_PER_CHUNK, customerSummaryJson, type CustomerFactsUnits, type CustomerParts } from '../analysis/customer-facts.ts';
import { LIST_ROWS_PER_CHUNK, type SalesProcessParts } from '../analysis/process-lists.ts';
import type { CustomerRow, SalesProcessLists } from '../snapshot.ts';

/** The data-quality parts that come from storage rather than from the events' contents. */
export type StorageQuality = Omit<DataQuality, 'orphan_refunds' | 'unattributed_sales'>;

/** The snapshot's settings and its small sections as exact JSON texts. */
export interface SnapshotTexts {
  timezone: string;
  currency: string;
  teamsJson: string;
  repsJson: string;
  marketsJson: string;
  targetsJson: string;
  pacingJson: string;
  dataQualityJson: string;
}

/** A snapshot's parts held in memory (offline tools; the Worker writes them as they are built). */
export interface SnapshotParts extends SnapshotTexts {
  kpiBlocks: KpiBlock[];
  appraisals: AppraisalParts;
  customers: CustomerParts;
  salesProcess: SalesProcessParts;
}

export type SnapshotList = 'wins' | 'complaints';

/** One stored part of a snapshot: a row of one of its part tables. */
export type StoredPart =
  /**
   * A block of a KPI series; `digest` (its share of the content hash) and `inputs` (the digest of
   * what its rows take from outside the sales cells: blockInputTexts) are the recompute's to fill in.
   */
  | { table: 'series'; block: KpiBlock; digest: string | null; inputs: string | null }
  /** A block of a KPI series whose text is stored under an earlier snapshot's parts, named instead of stored again. */
  | { table: 'series-reuse'; block: Omit<KpiBlock, 'rowsJson'>; digest: string; rowsPartsId: string; inputs: string | null }
  /** A period's head (repId '') or one rep's row of it. */
  | { table: 'appraisals'; period: string; position: number; repId: string; json: string }
  | { table: 'customers'; chunk: number; rows: string }
  | { table: 'lists'; list: SnapshotList; chunk: number; rows: string }
  /** What a later recompute needs to take an appraisal period over (not content: see {@link PeriodCarry}). */
  | { table: 'appraisal-record'; record: AppraisalPeriodRecord }
  /**
   * An appraisal period taken over from an earlier snapshot's parts: its record is copied, naming
   * the parts its rows are stored under; the rows themselves are not copied.
   */
  | { table: 'appraisal-reuse'; step: number; period: string; fromPartsId: string };

/**
 * One step of an appraisal build as a later recompute finds it: the period, its place among the
 * shown periods (-1: settled, not shown), a hash chained over its inputs and every earlier
 * step's, the digest of its stored texts (null: not shown), and its carry (JSON).
 */
export interface AppraisalPeriodRecord {
  step: number;
  period: string;
  position: number;
  inputs: string;
  digest: string | null;
  carry: string;
}

/**
 * A piece of the snapshot's content, in hash order (snapshot-digest.ts), and the part it is
 * stored as (none: it is on the head). `group` names the appraisal period a text belongs to; a
 * period taken over comes as its `digest` alone. A piece with neither text nor digest is a part
 * only, not content.
 */
export interface ContentPiece {
  text?: string;
  group?: string;
  digest?: string;
  part?: StoredPart;
}

export interface SnapshotStream {
  /** Everything the head stores, once every piece has been taken (the customer summary comes last). */
  sections(): SnapshotSections;
  /**
   * The content, in the order its hash is taken over (texts joined by newlines), each piece
   * built only when asked for: a recompute stores each part while it builds the next and never
   * holds them all (a large company's come to hundreds of MB; a Worker may hold 128 MB).
   * Everything but the snapshot's id, version and as_of.
   */
  pieces: AsyncGenerator<ContentPiece>;
}

/** A snapshot's content from sections held whole in memory (offline tools). */
export function snapshotStream(
  result: KpiResult,
  storage: StorageQuality,
  settings: { timezone: string; currency: string },
  appraisals: AppraisalSectionUnits,
  customers: CustomerFactsUnits,
  salesProcess: SalesProcessLists<bigint>,
): SnapshotStream {
  const kpis = kpiPieces({ ...result, series: [...seriesRows(result.kpis)].map((rows) => ({ rows })) }, storage, settings);
  const { periods, ...appraisalsHead } = appraisals;
  const { rows, ...customerSummary } = customers;
  const rest = analysisPieces({
    appraisalsHead,
    appraisalSteps: (function* () {
      for (const { rows: periodRows, ...head } of periods) {
        yield { kind: 'period' as const, head };
        for (const row of periodRows) yield { kind: 'row' as const, row };
      }
    })(),
    customerRows: [rows],
    customerSummary: () => customerSummary,
    lists: salesProcess,
  });
  return {
    sections: () => ({ ...kpis.texts, ...rest.sections() }),
    pieces: (async function* () {
      yield* kpis.pieces;
      yield* rest.pieces;
    })(),
  };
}

/**
 * The content's first stretch: the settings, the small sections and the KPI series, a block of
 * periods at a time (series.ts). A recompute passes the rows a series at a time as they are made
 * (kpiStream) and stores each series' blocks before the next is made; it keeps of the rows only
 * what the appraisals read.
 */
export function kpiPieces(
  result: Omit<KpiResult, 'kpis'> & { series: Iterable<SeriesParts> },
  storage: StorageQuality,
  settings: { timezone: string; currency: string },
): { texts: SnapshotTexts; pieces: Generator<ContentPiece> } {
  const dataQuality: Record<keyof DataQuality, unknown> = {
    ...storage,
    orphan_refunds: result.orphanRefunds,
    unattributed_sales: result.unattributedSales,
  };
  const texts: SnapshotTexts = {
    timezone: settings.timezone,
    currency: settings.currency,
    teamsJson: toExactJson(result.teams),
    repsJson: toExactJson(result.reps),
    marketsJson: toExactJson(result.markets),
    targetsJson: toExactJson(result.targets),
    pacingJson: toExactJson(result.pacing),
    dataQualityJson: toExactJson(dataQuality),
  };
  return {
    texts,
    pieces: (function* () {
      const head = [SNAPSHOT_SCHEMA, texts.timezone, texts.currency, texts.teamsJson, texts.repsJson, texts.marketsJson, texts.targetsJson, texts.pacingJson, texts.dataQualityJson];
      for (const text of head) yield { text };
      for (const stored of blocksOf(result.series)) {
        if (stored.kind === 'built') {
          const { block } = stored;
          yield { text: block.rowsJson, group: kpiBlockGroup(block), part: { table: 'series', block, digest: null, inputs: null } };
        } else {
          // Named from the snapshot before: its digest stands for its text in the hash.
          const { named, position } = stored;
          const block = { position, scope: named.scope, scopeId: named.scopeId, grain: named.grain, block: named.block };
          yield { group: kpiBlockGroup(block), digest: named.digest, part: { table: 'series-reuse', block, digest: named.digest, rowsPartsId: named.rowsPartsId, inputs: named.inputs } };
        }
      }
    })(),
  };
}

/** Where the content's second stretch comes from: each long part a step at a time. */
export interface AnalysisSources {
  /** The appraisal section without its periods. */
  appraisalsHead: Omit<AppraisalSectionUnits, 'periods'>;
  /** The periods, oldest first: each one's head, then its rows. */
  appraisalSteps: AsyncIterable<AppraisalOutput> | Iterable<AppraisalOutput>;
  /** The customer rows, a slice at a time, in customer order (money as units, or as read back from a stored snapshot). */
  customerRows: AsyncIterable<readonly CustomerRow<unknown>[]> | Iterable<readonly CustomerRow<unknown>[]>;
  /** The customer section without its rows, asked for once every slice is in. */
  customerSummary: () => Omit<CustomerFactsUnits, 'rows'>;
  lists: SalesProcessLists<bigint>;
}

/**
 * The content's second stretch: the appraisal section, the customers and the sales-process
 * lists. The customer summary (cohorts, segments) adds up every slice, so it follows the rows.
 */
export function analysisPieces(sources: AnalysisSources): {
  sections: () => Pick<SnapshotSections, 'appraisalsHeadJson' | 'customerSummaryJson'>;
  pieces: AsyncGenerator<ContentPiece>;
} {
  const appraisalsHeadJson = toExactJson(sources.appraisalsHead);
  let summaryJson: string | undefined;
  return {
    sections: () => {
      if (summaryJson === undefined) throw new Error('analysisPieces: the customer summary is known only once every piece has been taken');
      return { appraisalsHeadJson, customerSummaryJson: summaryJson };
    },
    pieces: (async function* () {
      yield { text: appraisalsHeadJson };
      let position = -1;
      let period = '';
      for await (const step of sources.appraisalSteps) {
        if (step.kind === 'period') {
          const json = toExactJson(step.head);
          period = step.head.period;
          position++;
          yield { text: json, group: period, part: { table: 'appraisals', period, position, repId: '', json } };
        } else if (step.kind === 'row') {
          const json = toExactJson(step.row);
          yield { text: json, group: period, part: { table: 'appraisals', period, position, repId: step.row.rep_id, json } };
        } else if (step.kind === 'carry') {
          // Recorded only where the inputs were compared (the Worker's recompute); the digest is
          // the hash's to fill in (this piece closes the period's group).
          if (step.inputs === undefined) continue;
          const shown = period === step.period ? position : -1;
          const record = { step: step.step, period: step.period, position: shown, inputs: step.inputs, digest: null, carry: JSON.stringify(step.carry) };
          yield { part: { table: 'appraisal-record', record } };
        } else {
          const reuse: StoredPart = { table: 'appraisal-reuse', step: step.step, period: step.period, fromPartsId: step.fromPartsId };
          if (step.position < 0) {
            yield { part: reuse };
            continue;
          }
          period = step.period;
          position++;
          if (step.position !== position || step.digest === null) {
            throw new Error(`analysisPieces: period ${step.period} taken over at position ${step.position} (digest ${step.digest}), expected at ${position}`);
          }
          yield { group: period, digest: step.digest, part: reuse };
        }
      }
      // Customer rows in chunks of a fixed count, whatever the slices they come in.
      let chunk = 0;
      let held: CustomerRow<unknown>[] = [];
      for await (const rows of sources.customerRows) {
        held = held.length === 0 ? [...rows] : held.concat(rows);
        while (held.length >= CUSTOMER_ROWS_PER_CHUNK) {
          const text = toExactJson(held.slice(0, CUSTOMER_ROWS_PER_CHUNK));
          held = held.slice(CUSTOMER_ROWS_PER_CHUNK);
          yield { text, part: { table: 'customers', chunk: chunk++, rows: text } };
        }
      }
      if (held.length > 0) {
        const text = toExactJson(held);
        yield { text, part: { table: 'customers', chunk: chunk++, rows: text } };
      }
      summaryJson = customerSummaryJson(sources.customerSummary());
      yield { text: summaryJson };
      chunk = 0;
      for (const rows of exactJsonChunks(sources.lists.wins, LIST_ROWS_PER_CHUNK)) yield { text: rows, part: { table: 'lists', list: 'wins', chunk: chunk++, rows } };
      // An empty line between the two lists: a chunk cannot pass from one to the other unnoticed.
      yield { text: '' };
      chunk = 0;
      for (const rows of exactJsonChunks(sources.lists.complaints, LIST_ROWS_PER_CHUNK)) yield { text: rows, part: { table: 'lists', list: 'complaints', chunk: chunk++, rows } };
    })(),
  };
}

/**
 * The content-hash group of a KPI block: each block enters the hash as the SHA-256 of its text
 * (snapshot-digest.ts), so a block named from an earlier snapshot needs only its stored digest.
 */
export function kpiBlockGroup(block: Pick<KpiBlock, 'position' | 'block'>): string {
  return `kpis ${block.position} ${block.block}`;
}

/**
 * A stream's parts held in memory (offline tools), each piece passed to `onPiece` in hash order
 * on the way (a {@link SnapshotDigest}'s `add`, for the content hash).
 */
export async function collectParts(stream: SnapshotStream, onPiece: (piece: ContentPiece) => void | Promise<void> = () => {}): Promise<SnapshotParts> {
  const kpiBlocks: KpiBlock[] = [];
  const periods: AppraisalParts['periods'] = [];
  const rowChunks: string[] = [];
  const salesProcess: SalesProcessParts = { winChunks: [], complaintChunks: [] };
  for await (const piece of stream.pieces) {
    await onPiece(piece);
    const { part } = piece;
    if (part === undefined) continue;
    if (part.table === 'appraisal-record' || part.table === 'appraisal-reuse' || part.table === 'series-reuse') {
      throw new Error(`collectParts: a stream held in memory has no ${part.table} part`);
    }
    if (part.table === 'series') kpiBlocks.push(part.block);
    else if (part.table === 'appraisals') {
      if (part.repId === '') periods.push({ period: part.period, headJson: part.json, rows: [] });
      else periods.at(-1)!.rows.push({ repId: part.repId, json: part.json });
    } else if (part.table === 'customers') rowChunks.push(part.rows);
    else (part.list === 'wins' ? salesProcess.winChunks : salesProcess.complaintChunks).push(part.rows);
  }
  const { appraisalsHeadJson, customerSummaryJson: summaryJson, ...texts } = stream.sections();
  return {
    ...texts,
    kpiBlocks,
    appraisals: { headJson: appraisalsHeadJson, periods },
    customers: { summaryJson, rowChunks },
    salesProcess,
  };
}

export interface SnapshotHead {
  snapshotId: string;
  version: number;
  asOf: string;
  contentHash: string;
}

/** A snapshot's fixed sections: everything but its long arrays (series, appraisal periods, customer rows, wins, complaints). */
export interface SnapshotSections extends SnapshotTexts {
  /** The appraisal section without its periods. */
  appraisalsHeadJson: string;
  /** The customer section without its rows. */
  customerSummaryJson: string;
}

/**
 * The snapshot document's layout: the fixed texts around its long arrays, so the Worker
 * can stream the arrays page by page between them and an offline tool can join them whole.
 * Array items are spliced in as stored, so every money digit leaves exactly as it was written.
 */
export interface SnapshotLayout {
  /** Up to and including `"kpis":[`. */
  start: string;
  /** From `]` after the KPI rows to `"periods":[`. */
  afterKpis: string;
  /** From `]` after the periods to `"customers":{"rows":[`. */
  afterPeriods: string;
  /** From `]` after the customer rows to `"sales_process":{"wins":[`. */
  afterCustomerRows: string;
  /** Between the wins and the complaints. */
  afterWins: string;
  /** From `]` after the complaints to the end. */
  end: string;
}

export function snapshotLayout(head: SnapshotHead, sections: SnapshotSections): SnapshotLayout {
  const start = JSON.stringify({
    schema: SNAPSHOT_SCHEMA,
    snapshot_id: head.snapshotId,
    version: head.version,
    as_of: head.asOf,
    content_hash: head.contentHash,
    timezone: sections.timezone,
    currency: sections.currency,
  }).slice(0, -1);
  return {
    start: `${start},"teams":${sections.teamsJson},"reps":${sections.repsJson},"kpis":[`,
    afterKpis:
      `],"markets":${sections.marketsJson},"targets":${sections.targetsJson},"pacing":${sections.pacingJson},` +
      `"data_quality":${sections.dataQualityJson},"appraisals":${sections.appraisalsHeadJson.slice(0, -1)},"periods":[`,
    afterPeriods: `]},"customers":{"rows":[`,
    afterCustomerRows: `],${sections.customerSummaryJson.slice(1)},"sales_process":{"wins":[`,
    afterWins: '],"complaints":[',
    end: ']}}',
  };
}

/** The items of stored JSON arrays (each `[...]`) as one comma-joined run, empty arrays skipped. */
export function arrayItems(arraysJson: readonly string[]): string {
  return arraysJson.map((rows) => rows.slice(1, -1)).filter((t) => t.length > 0).join(',');
}

/** The sections of a snapshot's parts as stored on its head. */
export function snapshotSections(parts: SnapshotParts): SnapshotSections {
  const { kpiBlocks: _kpiBlocks, appraisals, customers, salesProcess: _salesProcess, ...sections } = parts;
  return { ...sections, appraisalsHeadJson: appraisals.headJson, customerSummaryJson: customers.summaryJson };
}

/** The whole snapshot document (`GET /v1/snapshot`, `SNAPSHOT_FILE`) from parts held in memory. */
export function snapshotJson(head: SnapshotHead, parts: SnapshotParts): string {
  const layout = snapshotLayout(head, snapshotSections(parts));
  return (
    layout.start +
    arrayItems(parts.kpiBlocks.map((b) => b.rowsJson)) +
    layout.afterKpis +
    parts.appraisals.periods.map(appraisalPeriodJson).join(',') +
    layout.afterPeriods +
    arrayItems(parts.customers.rowChunks) +
    layout.afterCustomerRows +
    arrayItems(parts.salesProcess.winChunks) +
    layout.afterWins +
    arrayItems(parts.salesProcess.complaintChunks) +
    layout.end
  );
}
