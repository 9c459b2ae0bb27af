/**
 * The snapshot: everything the site build reads, written by every recompute and served by
 * `GET /v1/snapshot`. It is immutable once written; a new recompute writes a new version.
 *
 * Schema `quotient.snapshot/1`. Money fields are JSON numbers exact to 4 decimals (the Worker
 * writes them from integer 1/10000 units, never through a binary float); ratios are fractions;
 * a metric that cannot be defined is `null`, never 0.
 */

export const SNAPSHOT_SCHEMA = 'quotient.snapshot/1';

export type Scope = 'company' | 'team' | 'rep';
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const SCOPES: readonly Scope[] = ['company', 'team', 'rep'];
export const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

/** One row of `GET /v1/kpis` and of `snapshot.kpis`: the metrics of kpis.md for (scope, id, grain, period). */
export interface KpiRow {
  scope: Scope;
  /** team_id or rep_id; null for the company. */
  id: string | null;
  grain: Grain;
  /** Period label: `2026`, `2026-Q4`, `2026-11`, `2026-W47`, `2026-11-20`. */
  period: string;
  revenue: number;
  refunds: number;
  net_revenue: number;
  cost: number;
  profit: number;
  /** profit / net_revenue; null when net_revenue is 0 or a sale in the period lacks a cost. */
  margin: number | null;
  orders: number;
  /** revenue / orders rounded to 4 decimals half away from zero; null when orders = 0. */
  average_order_value: number | null;
  active_customers: number;
  new_customers: number;
  /** Revenue target for exactly this period (or the sum of its sub-periods); null for weeks and days. */
  target_revenue: number | null;
  /** net_revenue / target_revenue; null without a target or when it is 0. */
  attainment: number | null;
}

export interface SnapshotTeam {
  team_id: string;
  name: string;
}

export interface SnapshotRep {
  rep_id: string;
  name: string;
  /** The rep's team as of the snapshot's `as_of` (history is applied per sale in the KPIs). */
  team_id: string | null;
}

export interface OrphanRefund {
  event_id: string;
  sale_id: string;
  amount: number;
  occurred_at: string;
}

export interface UnattributedSale {
  sale_id: string;
  rep_id: string;
  occurred_at: string;
}

export interface DataQuality {
  /** Stored events by type. */
  events_by_type: Record<string, number>;
  /** Refunds whose sale is unknown: left out of every figure. */
  orphan_refunds: OrphanRefund[];
  /** Sales with no team_id whose rep had no team at the sale's time: credited to no team. */
  unattributed_sales: UnattributedSale[];
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  snapshot_id: string;
  /** 1, 2, 3, ... in the order snapshots were written. */
  version: number;
  /** ISO 8601 UTC instant: when the newest event in this snapshot was received (or recompute time when there are none). */
  as_of: string;
  /** SHA-256 (hex) of the snapshot's content (everything but id, version and as_of). */
  content_hash: string;
  /** IANA zone every period boundary was computed in. */
  timezone: string;
  /** ISO 4217 code of every money figure. */
  currency: string;
  teams: SnapshotTeam[];
  reps: SnapshotRep[];
  /** Every KPI row, sorted by scope, id, grain, period. Rows with no activity may be absent. */
  kpis: KpiRow[];
  data_quality: DataQuality;
}
