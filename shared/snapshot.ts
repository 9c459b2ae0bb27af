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
  /** Share of active customers who had a sale (company-wide) before the period; null when none active. */
  repeat_customer_rate: number | null;
  /** Mean score of csat5 responses; null when none. */
  csat: number | null;
  /** Share of csat5 responses scoring 4 or 5; null when none. */
  csat_satisfied_rate: number | null;
  /** (promoters 9-10 − detractors 0-6) / responses × 100 over nps10 responses; null when none. */
  nps: number | null;
  /** Company net revenue / the whole market's size for exactly this period; company scope, month/quarter/year only. */
  market_share: number | null;
  /** customer.contacted events of any kind. */
  visits: number;
  /** ticket.opened with kind complaint. */
  complaints: number;
  /** Median hours from opened to resolved, over complaints resolved in the period; null when none. */
  complaint_resolution_hours_median: number | null;
  /** won / (won + lost) over opportunities closed in the period; null when none closed. */
  win_rate: number | null;
  /** Median days from opened to closed, over opportunities won in the period; null when none. */
  sales_cycle_days_median: number | null;
}

/** Market share of a region or segment market (the whole market's share is in the KPI rows). */
export interface MarketShareRow {
  grain: 'month' | 'quarter' | 'year';
  period: string;
  /** null: every region. */
  region: string | null;
  /** null: every segment. */
  segment: string | null;
  /** The latest market.sized amount for exactly (period, region, segment). */
  market_size: number;
  /** Company net revenue of sales with that region/segment in the period. */
  net_revenue: number;
  share: number | null;
}

/** One version of a target (all versions are kept; `current` marks the one in force). */
export interface TargetVersionRow {
  event_id: string;
  scope: Scope;
  id: string | null;
  metric: 'revenue' | 'profit' | 'new_customers' | 'orders';
  period: string;
  /** Money for revenue/profit, a count for new_customers/orders. */
  value: number;
  occurred_at: string;
  current: boolean;
}

/**
 * Where a scope stands against its revenue target in a period still running at `as_of`.
 * `method` says how the expected share to date was found: `elapsed_days` (share of the
 * period's days gone, today included) or `last_year_profile` (the share of the same period's
 * net revenue last year earned by the same day, when last year has positive net revenue).
 */
export interface PacingRow {
  scope: Scope;
  id: string | null;
  grain: 'month' | 'quarter' | 'year';
  period: string;
  target_revenue: number;
  net_revenue_to_date: number;
  elapsed_days: number;
  total_days: number;
  method: 'elapsed_days' | 'last_year_profile';
  /** Share of the target that should be earned by now (0..1). */
  expected_fraction: number;
  expected_to_date: number;
  /** net_revenue_to_date / expected_fraction: where the period ends at this pace; null when nothing is expected yet. */
  projected_net_revenue: number | null;
  /** projected_net_revenue / target_revenue; null when the target is 0 or nothing is expected yet. */
  projected_attainment: number | null;
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

/** Stored events per UTC day of receipt, event type and sending source. */
export interface ArrivalDay {
  day: string;
  type: string;
  source: string;
  events: number;
}

/** Rejected webhook requests per UTC day, source ('' when unsigned) and reason (the problem type's last segment). */
export interface RejectionDay {
  day: string;
  source: string;
  reason: string;
  requests: number;
  /** Events the rejected requests held (0 when rejected before the body was read). */
  events: number;
}

/**
 * An event is late when it arrives more than this many hours after it occurred (the data-quality
 * section's `late_arrivals`). The Worker counts it when the event is stored, so a change needs a
 * migration that recounts (worker/db/data-quality.ts).
 */
export const LATE_AFTER_HOURS = 24;

export interface DataQuality {
  /** Stored events by type. */
  events_by_type: Record<string, number>;
  events_by_day: ArrivalDay[];
  rejected_requests: RejectionDay[];
  /** Events refused because their id was stored with other content; the most recent first. */
  conflicts: { count: number; recent: { event_id: string; received_at: string; source: string; webhook_id: string }[] };
  /** Events received more than `threshold_hours` after they occurred, by type and source. */
  late_arrivals: { threshold_hours: number; by_type_source: { type: string; source: string; events: number; max_delay_hours: number }[] };
  /** Refunds whose sale is unknown: left out of every figure. */
  orphan_refunds: OrphanRefund[];
  /** Sales with no team_id whose rep had no team at the sale's time: credited to no team. */
  unattributed_sales: UnattributedSale[];
}

/** One KPI standard of a rep's appraisal: the figures, the rule's score and its weight. */
export interface AppraisalComponent<M = number> {
  metric: string;
  label: string;
  /** The rep's figure for the period (money exact); null when the metric is undefined. */
  actual: M | number | null;
  /** What the rule scores against; null when the component has none (threshold bands) or none was set. */
  target: M | number | null;
  /** The scheme's weight. */
  weight: number;
  /** The weight after renormalising over the scored components; null when not scored. */
  effective_weight: number | null;
  /** Points, 100 = on target; null when not scored. */
  score: number | null;
  /** `no_data`: the metric is undefined (e.g. no survey responses); `no_target` / `zero_target`: nothing to score against. */
  status: 'scored' | 'no_data' | 'no_target' | 'zero_target';
  /** The formula with the figures, in words. */
  explanation: string;
}

/** What follows from a rating band (the scheme's words). */
export interface Consequence {
  summary: string;
  bonus_multiplier: number;
  promotion_candidate: boolean;
  improvement_plan: boolean;
}

export interface CommissionTierLine<M = number> {
  from_attainment: number;
  /** null: no upper bound. */
  to_attainment: number | null;
  rate: number;
  /** The part of the base paid at this tier's rate. */
  base: M;
  amount: M;
}

/** A refund that reduced the base: a refund of one of this quarter's sales, made in or before it. */
export interface CommissionRefundLine<M = number> {
  event_id: string;
  sale_id: string;
  day: string;
  amount: M;
}

/** A refund in this quarter of a sale credited in an earlier one: its commission is clawed back here. */
export interface ClawbackLine<M = number> {
  event_id: string;
  sale_id: string;
  day: string;
  amount: M;
  sale_period: string;
  /** The effective rate paid on the sale's quarter (its earned / its base). */
  rate: number;
  clawback: M;
}

/** A change to a locked quarter's payout, paid (or recovered) in this open quarter instead. */
export interface AdjustmentLine<M = number> {
  from_period: string;
  amount: M;
  reason: string;
}

export interface CommissionStatement<M = number> {
  /** The plan in force (null: none, nothing earned). */
  plan: string | null;
  /** The rep's revenue target for the quarter (null: none; the flat rate applies). */
  target: M | null;
  /** Sales credited in the quarter less refunds of those sales made by its end. */
  base: M;
  attainment: number | null;
  earned: M;
  clawback: M;
  adjustment: M;
  /** earned − clawback + adjustment (negative: recovered from later pay). */
  payable: M;
  tiers: CommissionTierLine<M>[];
  sales: { sale_id: string; day: string; amount: M }[];
  refunds: CommissionRefundLine<M>[];
  clawbacks: ClawbackLine<M>[];
  adjustments: AdjustmentLine<M>[];
}

/** One rep's appraisal for one period (`GET /v1/appraisals` rows). */
export interface AppraisalRow<M = number> {
  rep_id: string;
  /** The rep's team at the period's end (or at as_of while it runs). */
  team_id: string | null;
  /** Weighted score (weights renormalised over scored components); null when nothing could be scored. */
  score: number | null;
  band: string | null;
  consequence: Consequence | null;
  /** 1 = best in the team; ties share a rank. */
  rank_in_team: number | null;
  /** True when some component was not scored and the others' weights were scaled up to sum to 1. */
  renormalised: boolean;
  components: AppraisalComponent<M>[];
  /** Quarters: the statement; years: the sum of the year's quarters (lines are in the quarters). */
  commission: CommissionStatement<M>;
}

export interface CalibrationGroup {
  /** null: the company. */
  team_id: string | null;
  rated: number;
  mean_score: number | null;
  /** Reps per band, in the scheme's band order. */
  bands: Record<string, number>;
  /** True when the team's mean score lies outside what chance allows around the company's. */
  flagged: boolean;
  reason: string | null;
}

export interface AppraisalPeriod<M = number> {
  period: string;
  grain: 'quarter' | 'year';
  scheme: string;
  scheme_name: string;
  /** `running`: not ended at as_of (provisional); `closed`: ended; `locked`: frozen by an admin. */
  status: 'running' | 'closed' | 'locked';
  locked_at: string | null;
  rows: AppraisalRow<M>[];
  calibration: CalibrationGroup[];
}

/**
 * An anonymous feedback aggregate, per quarter (never per year: a year less its quarters could
 * expose a hidden group). Only groups of at least `feedback_min_group` responses appear; the
 * company row is held back too when the hidden groups would otherwise follow by subtraction.
 */
export interface FeedbackGroup {
  period: string;
  /** null: the whole company. */
  team_id: string | null;
  topic: string;
  responses: number;
  mean_score: number | null;
  /** Share of scored responses of 4 or 5. */
  favourable_rate: number | null;
}

export interface LockAuditEntry {
  period: string;
  action: 'lock' | 'unlock';
  at: string;
  by: string | null;
  reason: string | null;
  /** The snapshot whose figures were frozen (lock) or released (unlock). */
  snapshot_id: string | null;
}

export interface AppraisalSection<M = number> {
  policy_version: string;
  /** The policy in force, as configured (weights and rates as decimals). */
  policy: unknown;
  /** Every appraisal period, oldest first: quarters and years. */
  periods: AppraisalPeriod<M>[];
  /** `hidden`: per quarter and topic, how many groups were held back (teams under min_group, responses naming no team, and the company row when withheld). */
  feedback: { min_group: number; groups: FeedbackGroup[]; hidden: { period: string; topic: string; groups: number }[] };
  lock_audit: LockAuditEntry[];
}

/** A customer's purchases over all time (sales as credited, refunds of their sales). */
export interface CustomerRow<M = number> {
  customer_id: string;
  /** Local days of the first and the last purchase. */
  first_day: string;
  last_day: string;
  orders: number;
  revenue: M;
  refunds: M;
  net_revenue: M;
  /** Segment, region, rep and team of the latest sale (null when it named none). */
  segment: string | null;
  region: string | null;
  rep_id: string;
  team_id: string | null;
  /**
   * The first sale (earliest occurred_at, ties to the smaller sale id: the sale `new_customers`
   * counts), its rep and team as credited, and its amount: who gained the customer, and with what.
   */
  first_sale_id: string;
  first_rep_id: string;
  first_team_id: string | null;
  first_amount: M;
}

/** Customers of a cohort (month of first purchase) who bought in a month, and what they brought. */
export interface CohortCell<M = number> {
  cohort: string;
  month: string;
  customers: number;
  /** Their sales in the month less refunds made in the month (of any of their sales). */
  net_revenue: M;
}

/** A customer segment's month: sales in the month of customers buying as that segment, refunds of those sales made in the month. */
export interface SegmentMonth<M = number> {
  /** The sale's segment; null: sales that named none. */
  segment: string | null;
  month: string;
  orders: number;
  /** Distinct customers with a sale of the segment in the month. */
  customers: number;
  net_revenue: M;
}

/** How long won opportunities took, per quarter of closing, in day bins. */
export interface SalesCycle {
  /** [from_days, to_days): the last bin has no end. */
  bins: { from_days: number; to_days: number | null }[];
  quarters: {
    period: string;
    won: number;
    lost: number;
    /** Won opportunities per bin (those whose opening was received). */
    counts: number[];
  }[];
}

/** A won opportunity (the latest close per opportunity, won), credited like win_rate: to its rep and the rep's team when it closed. */
export interface WonOpportunityRow<M = number> {
  opportunity_id: string;
  /** From opportunity.opened; null while the opening has not been received. */
  rep_id: string | null;
  team_id: string | null;
  customer_id: string | null;
  /** The close's amount, else the opening's; null when neither named one. */
  amount: M | null;
  /** ISO 8601 UTC instants; opened_at null while the opening has not been received. */
  opened_at: string | null;
  closed_at: string;
  /** Local day of the close (the period it counts in). */
  closed_day: string;
  /** Days from opened to closed (what sales_cycle_days_median takes the median of); null without the opening. */
  cycle_days: number | null;
}

/** A complaint (ticket of kind `complaint`), credited like `complaints`: to its rep and the rep's team when it was opened. */
export interface ComplaintRow {
  ticket_id: string;
  customer_id: string;
  rep_id: string | null;
  team_id: string | null;
  opened_at: string;
  opened_day: string;
  /** The earliest resolution at or after opening; all three null while it is open. */
  resolved_at: string | null;
  resolved_day: string | null;
  resolution_hours: number | null;
}

/** The sales process item by item: what the win and complaint counts are made of. */
export interface SalesProcessLists<M = number> {
  /** Oldest close first (ties by opportunity_id). */
  wins: WonOpportunityRow<M>[];
  /** Oldest opening first (ties by ticket_id). */
  complaints: ComplaintRow[];
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
  /**
   * Every KPI row, sorted by scope (company, team, rep), id (code-point order), grain (day, week,
   * month, quarter, year), period. A row is absent when its scope had no activity in the period
   * and no target for it.
   */
  kpis: KpiRow[];
  /** Region and segment market shares. */
  markets: MarketShareRow[];
  /** Every version of every target, oldest first per (scope, id, metric, period). */
  targets: TargetVersionRow[];
  /** Pacing of every scope with a revenue target for the month, quarter or year running at as_of. */
  pacing: PacingRow[];
  data_quality: DataQuality;
  /** Appraisals, commissions and anonymous feedback aggregates. */
  appraisals: AppraisalSection;
  /** Every customer's purchases, and the cohort table retention is read from. */
  customers: { rows: CustomerRow[]; cohorts: CohortCell[]; segments: SegmentMonth[]; sales_cycle: SalesCycle };
  /** Every won opportunity and every complaint. */
  sales_process: SalesProcessLists;
}
