import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../shared/events/types.ts';
import { buildKpis } from '../../shared/kpi/build-kpis.ts';
import { targetVersions, type TargetVersionUnits } from '../../shared/kpi/targets.ts';
import type { Scope } from '../../shared/snapshot.ts';
import { typed } from '../support/typed-events.ts';

type Raw = Record<string, unknown>;

function targetEvents(raws: readonly Raw[]): EventOf<'target.set'>[] {
  return typed(raws).filter((e): e is EventOf<'target.set'> => e.type === 'target.set');
}

function makeTarget({
  id,
  at = '2025-12-01T00:00:00Z',
  scope = 'company',
  scope_id,
  metric = 'revenue',
  period = '2026-01',
  value = '1000',
}: { id: string; at?: string; scope?: Scope; scope_id?: string; metric?: string; period?: string; value?: unknown }): Raw {
  return { id, type: 'target.set', occurred_at: at, data: { scope, scope_id, metric, period, value } };
}

// Six (scope, id, metric, period) groups, eleven versions, listed in no particular order.
const FIXTURE: Raw[] = [
  // Company revenue 2026-01: three versions, newest listed first. The middle one is written with
  // an offset (2025-12-10T08:00+08:00 is 2025-12-10T00:00Z).
  makeTarget({ id: 'tv-c01-new', at: '2025-12-15T00:00:00Z', period: '2026-01', value: 500 }),
  makeTarget({ id: 'tv-c01-old', at: '2025-12-01T00:00:00Z', period: '2026-01', value: 400 }),
  makeTarget({ id: 'tv-c01-mid', at: '2025-12-10T08:00:00+08:00', period: '2026-01', value: '450' }),
  // Company revenue 2026-02: two versions at the same instant (spelled differently); the greater
  // event id in code-point order is current: 'tgt-9' > 'tgt-10'.
  makeTarget({ id: 'tgt-9', at: '2026-01-20T00:00:00Z', period: '2026-02', value: 100 }),
  makeTarget({ id: 'tgt-10', at: '2026-01-20T08:00:00+08:00', period: '2026-02', value: 200 }),
  // Team orders 2026-Q1: counts.
  makeTarget({ id: 'tv-orders-2', at: '2025-12-20T00:00:00Z', scope: 'team', scope_id: 't-east', metric: 'orders', period: '2026-Q1', value: 15 }),
  makeTarget({ id: 'tv-orders-1', at: '2025-12-01T00:00:00Z', scope: 'team', scope_id: 't-east', metric: 'orders', period: '2026-Q1', value: 12 }),
  // Team revenue 2026-Q1: same scope and period as the orders target, another metric.
  makeTarget({ id: 'tv-east-rev', scope: 'team', scope_id: 't-east', metric: 'revenue', period: '2026-Q1', value: 1000 }),
  // Rep profit 2026: by instant 'tv-p-a' (2025-12-01T17:00Z) is older than 'tv-p-b' (20:00Z),
  // although its occurred_at text sorts after.
  makeTarget({ id: 'tv-p-a', at: '2025-12-02T01:00:00+08:00', scope: 'rep', scope_id: 'r-ana', metric: 'profit', period: '2026', value: '1234.5678' }),
  makeTarget({ id: 'tv-p-b', at: '2025-12-01T20:00:00Z', scope: 'rep', scope_id: 'r-ana', metric: 'profit', period: '2026', value: 99 }),
  // Rep new_customers 2026-Q1: a single version.
  makeTarget({ id: 'tv-nc', scope: 'rep', scope_id: 'r-ana', metric: 'new_customers', period: '2026-Q1', value: 3 }),
];

function groupOf(rows: readonly TargetVersionUnits[], scope: Scope, id: string | null, metric: string, period: string): TargetVersionUnits[] {
  return rows.filter((r) => r.scope === scope && r.id === id && r.metric === metric && r.period === period);
}

/** [event_id, value, current] of each version, in output order. */
function summary(rows: readonly TargetVersionUnits[]): [string, bigint | number, boolean][] {
  return rows.map((r) => [r.event_id, r.value, r.current]);
}

describe('targetVersions', () => {
  const rows = targetVersions(targetEvents(FIXTURE));

  it('keeps every version of every target', () => {
    expect(rows).toHaveLength(11);
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      ['tgt-10', 'tgt-9', 'tv-c01-mid', 'tv-c01-new', 'tv-c01-old', 'tv-east-rev', 'tv-nc', 'tv-orders-1', 'tv-orders-2', 'tv-p-a', 'tv-p-b'].sort(),
    );
  });

  it('lists versions oldest first and marks the latest current', () => {
    expect(summary(groupOf(rows, 'company', null, 'revenue', '2026-01'))).toEqual([
      ['tv-c01-old', 4000000n, false],
      ['tv-c01-mid', 4500000n, false],
      ['tv-c01-new', 5000000n, true],
    ]);
  });

  it('breaks a tie on the occurred_at instant by the greater event id in code-point order', () => {
    expect(summary(groupOf(rows, 'company', null, 'revenue', '2026-02'))).toEqual([
      ['tgt-10', 2000000n, false],
      ['tgt-9', 1000000n, true],
    ]);
  });

  it('orders versions by instant, not by the text of occurred_at', () => {
    expect(summary(groupOf(rows, 'rep', 'r-ana', 'profit', '2026'))).toEqual([
      ['tv-p-a', 12345678n, false],
      ['tv-p-b', 990000n, true],
    ]);
  });

  it('marks exactly one version current in each group', () => {
    const currents = new Map<string, number>();
    for (const r of rows) {
      const key = JSON.stringify([r.scope, r.id, r.metric, r.period]);
      currents.set(key, (currents.get(key) ?? 0) + (r.current ? 1 : 0));
    }
    expect(currents.size).toBe(6);
    expect([...currents.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('keeps counts as plain numbers', () => {
    const orders = groupOf(rows, 'team', 't-east', 'orders', '2026-Q1');
    expect(summary(orders)).toEqual([
      ['tv-orders-1', 12, false],
      ['tv-orders-2', 15, true],
    ]);
    expect(typeof orders[0]!.value).toBe('number');
    const newCustomers = groupOf(rows, 'rep', 'r-ana', 'new_customers', '2026-Q1');
    expect(summary(newCustomers)).toEqual([['tv-nc', 3, true]]);
    expect(typeof newCustomers[0]!.value).toBe('number');
  });

  it('keeps money as bigint units', () => {
    const revenue = groupOf(rows, 'team', 't-east', 'revenue', '2026-Q1');
    expect(revenue).toHaveLength(1);
    expect(revenue[0]!.value).toBe(10000000n);
    expect(typeof groupOf(rows, 'rep', 'r-ana', 'profit', '2026')[0]!.value).toBe('bigint');
  });

  it('keeps one metric’s versions apart from another’s for the same scope and period', () => {
    expect(groupOf(rows, 'team', 't-east', 'revenue', '2026-Q1')[0]).toMatchObject({ event_id: 'tv-east-rev', current: true });
    expect(groupOf(rows, 'team', 't-east', 'orders', '2026-Q1').filter((r) => r.current).map((r) => r.event_id)).toEqual(['tv-orders-2']);
  });

  it('writes a whole row with the id null for the company and occurred_at as sent', () => {
    expect(groupOf(rows, 'company', null, 'revenue', '2026-01')[1]).toEqual({
      event_id: 'tv-c01-mid',
      scope: 'company',
      id: null,
      metric: 'revenue',
      period: '2026-01',
      value: 4500000n,
      occurred_at: '2025-12-10T08:00:00+08:00',
      current: false,
    });
    expect(groupOf(rows, 'rep', 'r-ana', 'new_customers', '2026-Q1')[0]).toEqual({
      event_id: 'tv-nc',
      scope: 'rep',
      id: 'r-ana',
      metric: 'new_customers',
      period: '2026-Q1',
      value: 3,
      occurred_at: '2025-12-01T00:00:00Z',
      current: true,
    });
  });

  it('gives the same rows whatever the arrival order', () => {
    expect(targetVersions(targetEvents([...FIXTURE].reverse()))).toEqual(rows);
    const rotated = [...FIXTURE.slice(4), ...FIXTURE.slice(0, 4)];
    expect(targetVersions(targetEvents(rotated))).toEqual(rows);
  });

  it('returns no rows for no targets', () => {
    expect(targetVersions([])).toEqual([]);
  });

  describe('through buildKpis', () => {
    const result = buildKpis(typed(FIXTURE), { timezone: 'UTC', asOfMs: Date.parse('2026-06-30T00:00:00Z') });

    it('puts every version into result.targets', () => {
      expect(result.targets).toEqual(rows);
    });

    it('uses the current version as the target of the KPI rows', () => {
      const january = result.kpis.find((r) => r.scope === 'company' && r.grain === 'month' && r.period === '2026-01');
      expect(january?.target_revenue).toBe(5000000n);
      const february = result.kpis.find((r) => r.scope === 'company' && r.grain === 'month' && r.period === '2026-02');
      expect(february?.target_revenue).toBe(1000000n);
    });
  });
});
