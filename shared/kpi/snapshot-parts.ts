/**
 * A snapshot's stored form: its KPI series and its sections as exact JSON texts, and the
 * canonical content its hash is taken over. Shared by the Worker's recompute (which stores the
 * parts in D1) and offline tools (which write a snapshot file without a Worker).
 */
import { SNAPSHOT_SCHEMA, type DataQuality } from '../snapshot.ts';
import type { KpiResult } from './build-kpis.ts';
import { toExactJson, toSeries, type KpiSeries } from './series.ts';
import { appraisalContent, appraisalParts, appraisalSectionJson, type AppraisalParts } from '../appraisal/appraisal-parts.ts';
import type { AppraisalSectionUnits } from '../appraisal/build-appraisals.ts';
import { customerParts, customerSectionJson, type CustomerFactsUnits, type CustomerParts } from '../analysis/customer-facts.ts';

/** The data-quality parts that come from storage rather than from the events' contents. */
export type StorageQuality = Omit<DataQuality, 'orphan_refunds' | 'unattributed_sales'>;

export interface SnapshotParts {
  timezone: string;
  currency: string;
  series: KpiSeries[];
  teamsJson: string;
  repsJson: string;
  marketsJson: string;
  targetsJson: string;
  pacingJson: string;
  dataQualityJson: string;
  appraisals: AppraisalParts;
  customers: CustomerParts;
}

export function snapshotParts(
  result: KpiResult,
  storage: StorageQuality,
  settings: { timezone: string; currency: string },
  appraisals: AppraisalSectionUnits,
  customers: CustomerFactsUnits,
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
  };
}

/** The text a snapshot's content hash is taken over: everything but its id, version and as_of. */
export function snapshotContent(parts: SnapshotParts): string {
  const sections = [parts.teamsJson, parts.repsJson, parts.marketsJson, parts.targetsJson, parts.pacingJson, parts.dataQualityJson];
  return [SNAPSHOT_SCHEMA, parts.timezone, parts.currency, ...sections, ...parts.series.map((s) => s.rowsJson), ...appraisalContent(parts.appraisals), parts.customers.summaryJson, ...parts.customers.rowChunks].join('\n');
}

export interface SnapshotHead {
  snapshotId: string;
  version: number;
  asOf: string;
  contentHash: string;
}

/**
 * The snapshot document (`GET /v1/snapshot`, `SNAPSHOT_FILE`), spliced from the stored JSON
 * texts so every money digit leaves exactly as it was written.
 */
export function snapshotJson(head: SnapshotHead, parts: Omit<SnapshotParts, 'series'>, seriesRowsJson: readonly string[]): string {
  const kpis = seriesRowsJson.map((rows) => rows.slice(1, -1)).filter((t) => t.length > 0).join(',');
  const start = JSON.stringify({
    schema: SNAPSHOT_SCHEMA,
    snapshot_id: head.snapshotId,
    version: head.version,
    as_of: head.asOf,
    content_hash: head.contentHash,
    timezone: parts.timezone,
    currency: parts.currency,
  }).slice(0, -1);
  return (
    `${start},"teams":${parts.teamsJson},"reps":${parts.repsJson},"kpis":[${kpis}],` +
    `"markets":${parts.marketsJson},"targets":${parts.targetsJson},"pacing":${parts.pacingJson},` +
    `"data_quality":${parts.dataQualityJson},"appraisals":${appraisalSectionJson(parts.appraisals)},` +
    `"customers":${customerSectionJson(parts.customers)}}`
  );
}
