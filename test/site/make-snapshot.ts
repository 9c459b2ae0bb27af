/**
 * Test data builders for the site tests: `makeRow(overrides)`, `makeSnapshot(overrides)`,
 * `makePacing(overrides)`, `makeTarget(overrides)`, the fixture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ComplaintRow, DataQuality, KpiRow, PacingRow, Snapshot, TargetVersionRow } from '../../shared/snapshot.ts';

export const FIXTURE_PATH = fileURLToPath(new URL('../fixtures/snapshot.json', import.meta.url));

/** A fresh, mutable copy of test/fixtures/snapshot.json. */
export function fixtureSnapshot(): Snapshot {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Snapshot;
}

/** A company month row with round numbers; override what the test is about. */
export function makeRow(overrides: Partial<KpiRow> = {}): KpiRow {
  return {
    scope: 'company',
    id: null,
    grain: 'month',
    period: '2026-11',
    revenue: 1000,
    refunds: 0,
    net_revenue: 1000,
    cost: 600,
    profit: 400,
    margin: 0.4,
    orders: 4,
    average_order_value: 250,
    active_customers: 3,
    new_customers: 1,
    target_revenue: 2000,
    attainment: 0.5,
    repeat_customer_rate: 2 / 3,
    csat: 4.5,
    csat_satisfied_rate: 1,
    nps: 50,
    market_share: null,
    visits: 6,
    complaints: 0,
    complaint_resolution_hours_median: null,
    win_rate: 0.5,
    sales_cycle_days_median: 20,
    ...overrides,
  };
}

/** A pacing row for the company's November 2026, 20 days of 30 gone, on pace; override the rest. */
export function makePacing(overrides: Partial<PacingRow> = {}): PacingRow {
  return {
    scope: 'company',
    id: null,
    grain: 'month',
    period: '2026-11',
    target_revenue: 3000,
    net_revenue_to_date: 2000,
    elapsed_days: 20,
    total_days: 30,
    method: 'elapsed_days',
    expected_fraction: 2 / 3,
    expected_to_date: 2000,
    projected_net_revenue: 3000,
    projected_attainment: 1,
    ...overrides,
  };
}

/** The current version of a company revenue target for November 2026; override the rest. */
export function makeTarget(overrides: Partial<TargetVersionRow> = {}): TargetVersionRow {
  return {
    event_id: 'evt_target_1',
    scope: 'company',
    id: null,
    metric: 'revenue',
    period: '2026-11',
    value: 2000,
    occurred_at: '2026-10-20T09:00:00Z',
    current: true,
    ...overrides,
  };
}

/** An empty data-quality section. */
export function emptyDataQuality(): DataQuality {
  return {
    events_by_type: {},
    events_by_day: [],
    rejected_requests: [],
    conflicts: { count: 0, recent: [] },
    late_arrivals: { threshold_hours: 24, by_type_source: [] },
    orphan_refunds: [],
    unattributed_sales: [],
  };
}

/** An appraisal section with no periods, no feedback and no locks. */
export function emptyAppraisals(): Snapshot['appraisals'] {
  return { policy_version: 'test', policy: null, periods: [], feedback: { min_group: 5, groups: [], hidden: [] }, lock_audit: [] };
}

/**
 * A complaint of `rep_id` in `team_id` opened at noon UTC of `opened_day`, open or resolved at
 * noon of `resolved_day` (24 hours, whatever the days: the lists' checks do not cross-check it).
 */
export function makeComplaint(ticket_id: string, opened_day: string, resolved_day: string | null, owner: { rep_id: string | null; team_id: string | null }): ComplaintRow {
  return {
    ticket_id,
    customer_id: `k_${ticket_id}`,
    ...owner,
    opened_at: `${opened_day}T12:00:00.000Z`,
    opened_day,
    resolved_at: resolved_day === null ? null : `${resolved_day}T12:00:00.000Z`,
    resolved_day,
    resolution_hours: resolved_day === null ? null : 24,
  };
}

/** A minimal valid snapshot (UTC, USD, no rows); override what the test is about. */
export function makeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    schema: 'quotient.snapshot/1',
    snapshot_id: 'snap_test',
    version: 1,
    as_of: '2026-11-20T12:00:00Z',
    content_hash: '0'.repeat(64),
    timezone: 'UTC',
    currency: 'USD',
    teams: [],
    reps: [],
    kpis: [],
    markets: [],
    targets: [],
    pacing: [],
    data_quality: emptyDataQuality(),
    appraisals: emptyAppraisals(),
    customers: { rows: [], cohorts: [], segments: [], sales_cycle: { bins: [], quarters: [] } },
    sales_process: { wins: [], complaints: [] },
    ...overrides,
  };
}
