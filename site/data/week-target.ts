/**
 * A week's revenue target pace. Weeks have no targets of their own (kpis.md), so a week's target
 * is its months' targets prorated by day: each day of the week is worth 1/n of its month's
 * target (n = the month's days). A week across two months takes its days from each. While the
 * week runs, only its days up to as_of count. Pure.
 */
import type { Scope, Snapshot } from '../../shared/snapshot.ts';
import { findRow } from './kpi-rows.ts';
import { currentTarget } from './lookups.ts';
import { fromUnits, toUnits } from './money.ts';
import { localDateOf, monthOfDay, periodDayLabels, periodDays } from './period.ts';

export interface WeekTargetPart {
  month: string;
  /** Days of the week counted in this month. */
  days: number;
  monthDays: number;
  /** The month's revenue target for the scope; null when none is set. */
  monthTarget: number | null;
}

export interface WeekTarget {
  week: string;
  /** The days counted: the whole week, or its days up to as_of while it runs. */
  days: readonly string[];
  /** True when the week runs at as_of (so `days` stops at as_of). */
  running: boolean;
  parts: WeekTargetPart[];
  /** Σ monthTarget × days / monthDays, rounded to 1/10000; null when a month counted has no target. */
  value: number | null;
}

/** The local day of as_of in the snapshot's timezone. */
export function asOfDay(snapshot: Snapshot): string {
  let day = asOfDays.get(snapshot);
  if (day === undefined) {
    day = localAsOfDay(snapshot);
    asOfDays.set(snapshot, day);
  }
  return day;
}

const asOfDays = new WeakMap<Snapshot, string>();

function localAsOfDay(snapshot: Snapshot): string {
  const d = localDateOf(snapshot.as_of, snapshot.timezone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** A scope's revenue target for a month: its KPI row's, else the target version in force; null without one. */
export function monthTarget(snapshot: Snapshot, scope: Scope, id: string | null, month: string): number | null {
  const row = findRow(snapshot, scope, id, 'month', month);
  if (row && row.target_revenue !== null) return row.target_revenue;
  return currentTarget(snapshot, scope, id, 'revenue', month)?.value ?? null;
}

/**
 * @example weekTarget(snapshot, 'team', 'team_east', '2026-W48').value // 7700 (33,000 × 7 / 30)
 */
export function weekTarget(snapshot: Snapshot, scope: Scope, id: string | null, week: string): WeekTarget {
  // Each (scope, id, week) is asked for by several pages (its week, the team and rep pages, the
  // trends); computed once per snapshot. The result is shared: callers must not change it.
  let cache = weekTargets.get(snapshot);
  if (!cache) {
    cache = new Map();
    weekTargets.set(snapshot, cache);
  }
  const key = `${scope}\u0000${id ?? '\u0001'}\u0000${week}`;
  let target = cache.get(key);
  if (!target) {
    target = computeWeekTarget(snapshot, scope, id, week);
    cache.set(key, target);
  }
  return target;
}

const weekTargets = new WeakMap<Snapshot, Map<string, WeekTarget>>();

function computeWeekTarget(snapshot: Snapshot, scope: Scope, id: string | null, week: string): WeekTarget {
  const all = periodDayLabels(week);
  const today = asOfDay(snapshot);
  const running = all[0]! <= today && today <= all.at(-1)!;
  const days = running ? all.filter((day) => day <= today) : all;
  const parts: WeekTargetPart[] = [];
  for (const day of days) {
    const month = monthOfDay(day);
    const part = parts.at(-1);
    if (part && part.month === month) part.days += 1;
    else parts.push({ month, days: 1, monthDays: periodDays(month), monthTarget: monthTarget(snapshot, scope, id, month) });
  }
  let units = 0;
  let known = true;
  for (const part of parts) {
    if (part.monthTarget === null) known = false;
    else units += Math.round((toUnits(part.monthTarget) * part.days) / part.monthDays);
  }
  return { week, days, running, parts, value: known ? fromUnits(units) : null };
}
