/**
 * A snapshot's stored form: its KPI series and its sections as exact JSON texts, and the
 * canonical content its hash is taken over. Shared by the Worker's recompute (which stores the
 * parts in D1) and offline tools (which write a snapshot file without a Worker).
 */
import { SNAPSHOT_SCHEMA, type DataQuality } from '../snapshot.ts';
import type { KpiResult } from './build-kpis.ts';
import { toExactJson, toSeries, type KpiSeries } from './series.ts';
import { appraisalContent, appraisalParts, appraisalPeriodJson, type AppraisalParts } from '../appraisal/appraisal-parts.ts';
import type { AppraisalSectionUnits } from '../appraisal/build-appraisals.ts';
import { customerParts, type CustomerFactsUnits, type CustomerParts } from '../analysis/customer-facts.ts';
import { salesProcessParts, type SalesProcessParts } from '../analysis/process-lists.ts';
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

export interface SnapshotParts extends SnapshotTexts {
  series: KpiSeries[];
  appraisals: AppraisalParts;
  customers: CustomerParts;
  salesProcess: SalesProcessParts;
}

export function snapshotParts(
  result: KpiResult,
  storage: StorageQuality,
  settings: { timezone: string; currency: string },
  appraisals: AppraisalSectionUnits,
  customers: CustomerFactsUnits,
  salesProcess: SalesProcessLists<bigint>,
): SnapshotParts {
  const dataQuality: Record<keyof DataQuality, unknown> = {
    ...storage,
    orphan_refunds: result.orphanRefunds,
    unattributed_sales: result.unattributedSales,
  };
  return {
    timezone: settings.timezone,
    currency: settings.currency,
    series: toSeries(result.kpis),
    teamsJson: toExactJson(result.teams),
    repsJson: toExactJson(result.reps),
    marketsJson: toExactJson(result.markets),
    targetsJson: toExactJson(result.targets),
    pacingJson: toExactJson(result.pacing),
    dataQualityJson: toExactJson(dataQuality),
    appraisals: appraisalParts(appraisals),
    customers: customerParts(customers),
    salesProcess: salesProcessParts(salesProcess),
  };
}

/**
 * The texts a snapshot's content hash is taken over, joined by newlines: everything but its id,
 * version and as_of. Hashed piece by piece (never joined: at a million sales they come to
 * hundreds of MB).
 */
export function snapshotContentPieces(parts: SnapshotParts): string[] {
  const sections = [parts.teamsJson, parts.repsJson, parts.marketsJson, parts.targetsJson, parts.pacingJson, parts.dataQualityJson];
  return [
    SNAPSHOT_SCHEMA,
    parts.timezone,
    parts.currency,
    ...sections,
    ...parts.series.map((s) => s.rowsJson),
    ...appraisalContent(parts.appraisals),
    parts.customers.summaryJson,
    ...parts.customers.rowChunks,
    // An empty line between the two lists: a chunk cannot pass from one to the other unnoticed.
    ...parts.salesProcess.winChunks,
    '',
    ...parts.salesProcess.complaintChunks,
  ];
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
