/**
 * Look-ups of KPI rows in a snapshot. Pure. A row may be absent when its scope had no activity
 * in the period (api.md: "readers treat a missing row as no activity").
 */
import type { Grain, KpiRow, Scope, Snapshot } from '../../shared/snapshot.ts';
import { comparePeriods } from './period.ts';

// Rows grouped by (scope, id, grain), each group sorted by period; built once per snapshot.
const indexes = new WeakMap<Snapshot, Map<string, KpiRow[]>>();
// The same groups by period (the first row of each period), built on first use of a group.
const byPeriod = new WeakMap<readonly KpiRow[], Map<string, KpiRow>>();

const seriesKey = (scope: Scope, id: string | null, grain: Grain): string =>
  `${scope}\u0000${id ?? ''}\u0000${grain}`;

function indexOf(snapshot: Snapshot): Map<string, KpiRow[]> {
  let index = indexes.get(snapshot);
  if (!index) {
    index = new Map();
    for (const row of snapshot.kpis) {
      const key = seriesKey(row.scope, row.id, row.grain);
      const list = index.get(key);
      if (list) list.push(row);
      else index.set(key, [row]);
    }
    for (const list of index.values()) list.sort((a, b) => comparePeriods(a.period, b.period));
    indexes.set(snapshot, index);
  }
  return index;
}

/**
 * The rows of one scope and grain, oldest period first.
 *
 * @example seriesRows(snapshot, 'team', 'team_east', 'week')
 */
export function seriesRows(snapshot: Snapshot, scope: Scope, id: string | null, grain: Grain): readonly KpiRow[] {
  return indexOf(snapshot).get(seriesKey(scope, scope === 'company' ? null : id, grain)) ?? [];
}

/**
 * The company's rows of a grain, oldest period first.
 *
 * @example companyRows(snapshot, 'month').at(-1)?.period // '2026-11'
 */
export function companyRows(snapshot: Snapshot, grain: Grain): readonly KpiRow[] {
  return seriesRows(snapshot, 'company', null, grain);
}

/** The row for exactly (scope, id, grain, period), or undefined when there is none (no activity). */
export function findRow(
  snapshot: Snapshot,
  scope: Scope,
  id: string | null,
  grain: Grain,
  period: string,
): KpiRow | undefined {
  const rows = seriesRows(snapshot, scope, id, grain);
  if (rows.length === 0) return undefined;
  let periods = byPeriod.get(rows);
  if (!periods) {
    periods = new Map();
    for (const row of rows) if (!periods.has(row.period)) periods.set(row.period, row);
    byPeriod.set(rows, periods);
  }
  return periods.get(period);
}

/** The company row for a period, or undefined when there is none. */
export function findCompanyRow(snapshot: Snapshot, grain: Grain, period: string): KpiRow | undefined {
  return findRow(snapshot, 'company', null, grain, period);
}

/**
 * The latest row of a series whose period is at or before `period`, or undefined.
 *
 * @example latestRowAtOrBefore(companyRows(snapshot, 'month'), '2026-11')
 */
export function latestRowAtOrBefore(rows: readonly KpiRow[], period: string): KpiRow | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (comparePeriods(row.period, period) <= 0) return row;
  }
  return undefined;
}
