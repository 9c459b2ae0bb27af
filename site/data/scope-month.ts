/**
 * A team's or rep's month against its revenue target, with pace while the month runs: the
 * numbers behind the team and rep tables of the dashboard, the team pages and the rep pages.
 * Pure.
 */
import type { KpiRow, PacingRow, Scope, Snapshot } from '../../shared/snapshot.ts';
import { attainmentReading, type Reading } from './headline.ts';
import { findRow } from './kpi-rows.ts';
import { findPacing } from './lookups.ts';

export interface ScopeMonth {
  month: string;
  row: KpiRow | undefined;
  netRevenue: number;
  target: number | null;
  attainment: Reading;
  /**
   * Where attainment should be by now while the month runs: the pacing row's expected fraction
   * when the snapshot has one, else the share of the month gone by; null for a finished month
   * or without a target.
   */
  pace: number | null;
  pacing: PacingRow | undefined;
  /** Attainment at the month's end at the current pace (pacing row); null when unknown. */
  projected: number | null;
}

/**
 * @param elapsed the report month's progress (`reportMonth`): pace applies only while it runs
 * @example scopeMonth(snapshot, 'rep', 'rep_cleo', { month: '2026-11', running: true, day: 30, days: 30 }).pace // 1
 */
export function scopeMonth(
  snapshot: Snapshot,
  scope: Scope,
  id: string | null,
  elapsed: { month: string; running: boolean; day: number; days: number },
): ScopeMonth {
  const { month } = elapsed;
  const row = findRow(snapshot, scope, id, 'month', month);
  const pacing = elapsed.running ? findPacing(snapshot, scope, id, 'month', month) : undefined;
  const target = row?.target_revenue ?? pacing?.target_revenue ?? null;
  const attainment = attainmentReading(row, month);
  let pace: number | null = null;
  if (elapsed.running && target !== null) pace = pacing ? pacing.expected_fraction : elapsed.day / elapsed.days;
  return {
    month,
    row,
    netRevenue: row?.net_revenue ?? 0,
    target,
    attainment: row ? attainment : target === null ? { period: month, value: null, missing: 'no_target' } : { period: month, value: 0, missing: null },
    pace,
    pacing,
    projected: pacing?.projected_attainment ?? null,
  };
}
