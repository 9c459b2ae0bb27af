/** Test data builders for the site tests: `makeRow(overrides)`, `makeSnapshot(overrides)`, the fixture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';

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
    ...overrides,
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
    data_quality: { events_by_type: {}, orphan_refunds: [], unattributed_sales: [] },
    ...overrides,
  };
}
