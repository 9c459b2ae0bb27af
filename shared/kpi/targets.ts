/**
 * Revenue targets (kpis.md `target_revenue`): the latest version for exactly (scope, period),
 * else the sum of its sub-periods when every one has a target — a quarter from its months, a
 * year from its quarters (each exact or from its months), else from its months.
 */
import type { EventOf } from '../events/types.ts';
import { monthsOfQuarter, monthsOfYear, quartersOfYear } from '../period.ts';
import { compareCodePoints } from '../json/exact-number.ts';
import type { Grain, Scope, TargetVersionRow } from '../snapshot.ts';
import { isLater } from './attribution.ts';

/** A target version with its value as money units (revenue/profit) or a plain count. */
export type TargetVersionUnits = Omit<TargetVersionRow, 'value'> & { value: bigint | number };

export interface TargetVersion {
  eventId: string;
  scope: Scope;
  scopeId: string | null;
  metric: string;
  period: string;
  /** Money units for revenue/profit, a count for new_customers/orders. */
  value: bigint;
  occurredAt: string;
  occurredMs: number;
}

/** Map key of a target: the JSON of its parts, since ids may hold any character. */
function targetKey(scope: Scope, id: string | null, period: string): string {
  return JSON.stringify([scope, scope === 'company' ? null : id, period]);
}

/** The winning target of one metric (revenue unless told) per scope and period. */
export class RevenueTargets {
  private readonly exact = new Map<string, TargetVersion>();

  constructor(events: readonly EventOf<'target.set'>[], metric: EventOf<'target.set'>['data']['metric'] = 'revenue') {
    for (const e of events) {
      if (e.data.metric !== metric) continue;
      const key = targetKey(e.data.scope, e.data.scope_id ?? null, e.data.period);
      const current = this.exact.get(key);
      if (!current || isLater({ occurredMs: e.occurredMs, id: e.id }, { occurredMs: current.occurredMs, id: current.eventId })) {
        this.exact.set(key, {
          eventId: e.id,
          scope: e.data.scope,
          scopeId: e.data.scope_id ?? null,
          metric: e.data.metric,
          period: e.data.period,
          value: e.data.value,
          occurredAt: e.occurred_at,
          occurredMs: e.occurredMs,
        });
      }
    }
  }

  /** The winning version of every exact (scope, period) target. */
  versions(): IterableIterator<TargetVersion> {
    return this.exact.values();
  }

  /** The target for (scope, id, grain, period) by the sub-period rule; null when undefined (weeks and days never have one). */
  targetFor(scope: Scope, id: string | null, grain: Grain, period: string): bigint | null {
    const exact = (p: string) => this.exact.get(targetKey(scope, id, p))?.value ?? null;
    const sumOf = (parts: (bigint | null)[]) => (parts.every((v) => v !== null) ? parts.reduce<bigint>((a, v) => a + v!, 0n) : null);
    const quarter = (q: string) => exact(q) ?? sumOf(monthsOfQuarter(q).map(exact));
    switch (grain) {
      case 'month':
        return exact(period);
      case 'quarter':
        return quarter(period);
      case 'year':
        return exact(period) ?? sumOf(quartersOfYear(period).map(quarter)) ?? sumOf(monthsOfYear(period).map(exact));
      default:
        return null;
    }
  }
}

/**
 * Every version of every target (any metric), oldest first per (scope, id, metric, period),
 * with the one in force marked `current`. Counts stay plain numbers; money stays in units.
 */
export function targetVersions(events: readonly EventOf<'target.set'>[]): TargetVersionUnits[] {
  const groups = new Map<string, EventOf<'target.set'>[]>();
  for (const e of events) {
    const key = JSON.stringify([e.data.scope, e.data.scope_id ?? null, e.data.metric, e.data.period]);
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  const rows: TargetVersionUnits[] = [];
  const keys = [...groups.keys()].sort(compareCodePoints);
  for (const key of keys) {
    const list = groups.get(key)!.sort((a, b) => (isLater(a, b) ? 1 : -1));
    list.forEach((e, i) => {
      const money = e.data.metric === 'revenue' || e.data.metric === 'profit';
      rows.push({
        event_id: e.id,
        scope: e.data.scope,
        id: e.data.scope_id ?? null,
        metric: e.data.metric,
        period: e.data.period,
        value: money ? e.data.value : Number(e.data.value),
        occurred_at: e.occurred_at,
        current: i === list.length - 1,
      });
    });
  }
  return rows;
}
