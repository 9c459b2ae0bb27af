/**
 * A snapshot's stored form: its KPI series and its sections as exact JSON texts, and the
 * canonical content its hash is taken over. Shared by the Worker's recompute (which stores the
 * parts in D1 as it builds them) and offline tools (which write a snapshot file without a Worker).
 */
import { SNAPSHOT_SCHEMA, type DataQuality } from '../snapshot.ts';
import type { KpiResult } from './build-kpis.ts';
import { exactJsonChunks, seriesOf, toExactJson, type KpiSeries } from './series.ts';
import { appraisalPeriodJson, appraisalPeriodParts, appraisalSectionHeadJson, type AppraisalParts } from '../appraisal/appraisal-parts.ts';
import type { AppraisalSectionUnits } from '../appraisal/build-appraisals.ts';
import { CUSTOMER_ROWS_PER_CHUNK, customerSummaryJson, type CustomerFactsUnits, type CustomerParts } from '../analysis/customer-facts.ts';
import { LIST_ROWS_PER_CHUNK, type SalesProcessParts } from '../analysis/process-lists.ts';
import type { SalesProcessLists } from '../snapshot.ts';

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
  series: KpiSeries[];
  appraisals: AppraisalParts;
  customers: CustomerParts;
  salesProcess: SalesProcessParts;
}

export type SnapshotList = 'wins' | 'complaints';

/** One stored part of a snapshot: a row of one of its part tables. */
export type StoredPart =
  | { table: 'series'; series: KpiSeries }
  /** A period's head (repId '') or one rep's row of it. */
  | { table: 'appraisals'; period: string; position: number; repId: string; json: string }
  | { table: 'customers'; chunk: number; rows: string }
  | { table: 'lists'; list: SnapshotList; chunk: number; rows: string };

/** A text of the snapshot's content, in hash order, and the part it is stored as (none: it is on the head). */
export interface ContentPiece {
  text: string;
  part?: StoredPart;
}

export interface SnapshotStream {
  /** Everything the head stores. */
  sections: SnapshotSections;
  /**
   * The content, in the order its hash is taken over (texts joined by newlines), each piece
   * built only when asked for: a recompute stores each part while it builds the next and never
   * holds them all (a large company's come to hundreds of MB; a Worker may hold 128 MB).
   * Everything but the snapshot's id, version and as_of.
   */
  pieces: Generator<ContentPiece>;
}

export function snapshotStream(
  result: KpiResult,
  storage: StorageQuality,
  settings: { timezone: string; currency: string },
  appraisals: AppraisalSectionUnits,
  customers: CustomerFactsUnits,
  salesProcess: SalesProcessLists<bigint>,
): SnapshotStream {
  const kpis = kpiPieces(result, storage, settings);
  const rest = analysisPieces(appraisals, customers, salesProcess);
  return {
    sections: { ...kpis.texts, appraisalsHeadJson: rest.appraisalsHeadJson, customerSummaryJson: rest.customerSummaryJson },
    pieces: (function* () {
      yield* kpis.pieces;
      yield* rest.pieces;
    })(),
  };
}

/**
 * The content's first stretch: the settings, the small sections and the KPI series. A recompute
 * stores the series before it reads the sale lines, and keeps of the KPI rows only what the
 * appraisals read; with `releaseRows`, `result.kpis` is emptied as the series are built
 * (seriesOf), so the rows are let go as their texts are stored.
 */
export function kpiPieces(
  result: KpiResult,
  storage: StorageQuality,
  settings: { timezone: string; currency: string },
  options: { releaseRows?: boolean } = {},
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
  const kpis = result.kpis;
  return {
    texts,
    pieces: (function* () {
      const head = [SNAPSHOT_SCHEMA, texts.timezone, texts.currency, texts.teamsJson, texts.repsJson, texts.marketsJson, texts.targetsJson, texts.pacingJson, texts.dataQualityJson];
      for (const text of head) yield { text };
      for (const series of seriesOf(kpis, options.releaseRows)) yield { text: series.rowsJson, part: { table: 'series', series } };
    })(),
  };
}

/** The content's second stretch: the appraisal section, the customers and the sales-process lists. */
export function analysisPieces(
  appraisals: AppraisalSectionUnits,
  customers: CustomerFactsUnits,
  lists: SalesProcessLists<bigint>,
): { appraisalsHeadJson: string; customerSummaryJson: string; pieces: Generator<ContentPiece> } {
  const appraisalsHeadJson = appraisalSectionHeadJson(appraisals);
  const summaryJson = customerSummaryJson(customers);
  return {
    appraisalsHeadJson,
    customerSummaryJson: summaryJson,
    pieces: (function* () {
      yield { text: appraisalsHeadJson };
      let position = 0;
      for (const period of appraisalPeriodParts(appraisals)) {
        yield { text: period.headJson, part: { table: 'appraisals', period: period.period, position, repId: '', json: period.headJson } };
        for (const row of period.rows) yield { text: row.json, part: { table: 'appraisals', period: period.period, position, repId: row.repId, json: row.json } };
        position++;
      }
      yield { text: summaryJson };
      let chunk = 0;
      for (const rows of exactJsonChunks(customers.rows, CUSTOMER_ROWS_PER_CHUNK)) yield { text: rows, part: { table: 'customers', chunk: chunk++, rows } };
      chunk = 0;
      for (const rows of exactJsonChunks(lists.wins, LIST_ROWS_PER_CHUNK)) yield { text: rows, part: { table: 'lists', list: 'wins', chunk: chunk++, rows } };
      // An empty line between the two lists: a chunk cannot pass from one to the other unnoticed.
      yield { text: '' };
      chunk = 0;
      for (const rows of exactJsonChunks(lists.complaints, LIST_ROWS_PER_CHUNK)) yield { text: rows, part: { table: 'lists', list: 'complaints', chunk: chunk++, rows } };
    })(),
  };
}

/**
 * A stream's parts held in memory (offline tools), each content text passed to `onText` in hash
 * order on the way.
 */
export function collectParts(stream: SnapshotStream, onText: (text: string, index: number) => void = () => {}): SnapshotParts {
  const { appraisalsHeadJson, customerSummaryJson: summaryJson, ...texts } = stream.sections;
  const parts: SnapshotParts = {
    ...texts,
    series: [],
    appraisals: { headJson: appraisalsHeadJson, periods: [] },
    customers: { summaryJson, rowChunks: [] },
    salesProcess: { winChunks: [], complaintChunks: [] },
  };
  let index = 0;
  for (const { text, part } of stream.pieces) {
    onText(text, index++);
    if (part === undefined) continue;
    if (part.table === 'series') parts.series.push(part.series);
    else if (part.table === 'appraisals') {
      if (part.repId === '') parts.appraisals.periods.push({ period: part.period, headJson: part.json, rows: [] });
      else parts.appraisals.periods.at(-1)!.rows.push({ repId: part.repId, json: part.json });
    } else if (part.table === 'customers') parts.customers.rowChunks.push(part.rows);
    else (part.list === 'wins' ? parts.salesProcess.winChunks : parts.salesProcess.complaintChunks).push(part.rows);
  }
  return parts;
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
  const { series: _series, appraisals, customers, salesProcess: _salesProcess, ...sections } = parts;
  return { ...sections, appraisalsHeadJson: appraisals.headJson, customerSummaryJson: customers.summaryJson };
}

/** The whole snapshot document (`GET /v1/snapshot`, `SNAPSHOT_FILE`) from parts held in memory. */
export function snapshotJson(head: SnapshotHead, parts: SnapshotParts): string {
  const layout = snapshotLayout(head, snapshotSections(parts));
  return (
    layout.start +
    arrayItems(parts.series.map((s) => s.rowsJson)) +
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
