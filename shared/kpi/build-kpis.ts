/**
 * The KPI engine: typed events in, every KPI row of kpis.md out, for company, team and rep at
 * day, week, month, quarter and year. Pure and order-independent: the same events give the same
 * rows in any arrival order (every "latest wins" rule breaks ties by event id, every set is
 * counted, every sum is over exact integers).
 */
import { compareCodePoints } from '../json/exact-number.ts';
import type { EventOf, QuotientEvent } from '../events/types.ts';
import { divideRoundHalfAway, ratio } from '../money.ts';
import { periodLabels } from '../period.ts';
import { GRAINS, SCOPES, type DataQuality, type Grain, type Scope, type SnapshotRep, type SnapshotTeam } from '../snapshot.ts';
import { isLater, resolveSales, TeamHistory, type Sale } from './attribution.ts';
import { RevenueTargets } from './targets.ts';

/** A KPI row with money as exact `bigint` units (see `KpiRow` for the JSON form). */
export interface KpiRowUnits {
  scope: Scope;
  id: string | null;
  grain: Grain;
  period: string;
  revenue: bigint;
  refunds: bigint;
  net_revenue: bigint;
  cost: bigint;
  profit: bigint;
  margin: number | null;
  orders: number;
  average_order_value: bigint | null;
  active_customers: number;
  new_customers: number;
  target_revenue: bigint | null;
  attainment: number | null;
}

export interface KpiResult {
  teams: SnapshotTeam[];
  reps: SnapshotRep[];
  kpis: KpiRowUnits[];
  /** As in the snapshot's data quality, with the amount in exact units. */
  orphanRefunds: (Omit<DataQuality['orphan_refunds'][number], 'amount'> & { amount: bigint })[];
  unattributedSales: DataQuality['unattributed_sales'];
}

export interface BuildKpiOptions {
  /** IANA zone of every period boundary (ORG_TIMEZONE). */
  timezone: string;
  /** The snapshot's as-of instant: target-only rows are made for periods begun by then. */
  asOfMs: number;
}

interface Accumulator {
  scope: Scope;
  id: string | null;
  grain: Grain;
  period: string;
  revenue: bigint;
  refunds: bigint;
  saleCost: bigint;
  refundCost: bigint;
  missingCost: boolean;
  orders: number;
  customers: Set<string>;
  newCustomers: number;
}

function emptyAccumulator(scope: Scope, id: string | null, grain: Grain, period: string): Accumulator {
  return { scope, id, grain, period, revenue: 0n, refunds: 0n, saleCost: 0n, refundCost: 0n, missingCost: false, orders: 0, customers: new Set(), newCustomers: 0 };
}

/** Events by type, for the builder's inputs. */
export function eventsOfType<T extends QuotientEvent['type']>(events: readonly QuotientEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

interface ScopeRef {
  scope: Scope;
  id: string | null;
}

/** The scopes a sale (and its refunds) are credited to. */
function scopesOf(sale: Sale): ScopeRef[] {
  const scopes: ScopeRef[] = [{ scope: 'company', id: null }, { scope: 'rep', id: sale.repId }];
  if (sale.teamId !== null) scopes.push({ scope: 'team', id: sale.teamId });
  return scopes;
}

/** Latest version of a named entity (team or rep), by the "latest occurred_at wins" rule. */
function latestBy<E extends QuotientEvent>(events: readonly E[], keyOf: (e: E) => string): Map<string, E> {
  const latest = new Map<string, E>();
  for (const e of events) {
    const key = keyOf(e);
    const current = latest.get(key);
    if (!current || isLater(e, current)) latest.set(key, e);
  }
  return latest;
}

/**
 * Computes every KPI row from the stored events.
 *
 * @example buildKpis(events, { timezone: 'Europe/Berlin', asOfMs: Date.parse('2026-11-26T00:00:00Z') })
 */
export function buildKpis(events: readonly QuotientEvent[], options: BuildKpiOptions): KpiResult {
  const { timezone } = options;
  const repUpserts = eventsOfType(events, 'rep.upserted');
  const history = new TeamHistory(repUpserts);
  const sales = resolveSales(eventsOfType(events, 'sale.closed'), history);
  const targets = new RevenueTargets(eventsOfType(events, 'target.set'));
  const acc = new Map<string, Accumulator>();
  // Keyed by the JSON of the parts: ids are any non-empty strings, so no separator is safe.
  const cell = ({ scope, id }: ScopeRef, grain: Grain, period: string): Accumulator => {
    const key = JSON.stringify([scope, id, grain, period]);
    let a = acc.get(key);
    if (!a) {
      a = emptyAccumulator(scope, id, grain, period);
      acc.set(key, a);
    }
    return a;
  };

  // First sale ever per customer, company-wide: earliest occurred_at, ties to the smallest sale_id.
  const firstSale = new Map<string, Sale>();
  for (const sale of sales.values()) {
    const current = firstSale.get(sale.customerId);
    if (
      !current ||
      sale.occurredMs < current.occurredMs ||
      (sale.occurredMs === current.occurredMs && compareCodePoints(sale.saleId, current.saleId) < 0)
    ) {
      firstSale.set(sale.customerId, sale);
    }
  }

  const unattributedSales: KpiResult['unattributedSales'] = [];
  for (const sale of sales.values()) {
    if (sale.teamId === null) unattributedSales.push({ sale_id: sale.saleId, rep_id: sale.repId, occurred_at: sale.occurredAt });
    const labels = periodLabels(sale.occurredMs, timezone);
    const isNew = firstSale.get(sale.customerId) === sale;
    for (const scope of scopesOf(sale)) {
      for (const grain of GRAINS) {
        const a = cell(scope, grain, labels[grain]);
        a.revenue += sale.amountUnits;
        if (sale.costUnits === null) a.missingCost = true;
        else a.saleCost += sale.costUnits;
        a.orders += 1;
        a.customers.add(sale.customerId);
        if (isNew) a.newCustomers += 1;
      }
    }
  }

  const orphanRefunds: KpiResult['orphanRefunds'] = [];
  for (const refund of eventsOfType(events, 'sale.refunded')) {
    const sale = sales.get(refund.data.sale_id);
    if (!sale) {
      orphanRefunds.push({ event_id: refund.id, sale_id: refund.data.sale_id, amount: refund.data.amount, occurred_at: refund.occurred_at });
      continue;
    }
    // A refund is credited like its sale, in the period of the refund's own occurred_at.
    const labels = periodLabels(refund.occurredMs, timezone);
    for (const scope of scopesOf(sale)) {
      for (const grain of GRAINS) {
        const a = cell(scope, grain, labels[grain]);
        a.refunds += refund.data.amount;
        a.refundCost += refund.data.cost ?? 0n;
      }
    }
  }

  // Periods with a target but no activity still get a row once they have begun: a rep who sold
  // nothing against a target has an attainment of 0, which is news.
  const asOfLabels = periodLabels(options.asOfMs, timezone);
  for (const target of targets.versions()) {
    const { period } = target;
    const grain: Grain = period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
    if (period <= asOfLabels[grain]) cell({ scope: target.scope, id: target.scopeId }, grain, period);
  }

  const kpis: KpiRowUnits[] = [];
  for (const a of acc.values()) {
    const { scope, id, grain, period } = a;
    const netRevenue = a.revenue - a.refunds;
    const cost = a.saleCost - a.refundCost;
    const profit = netRevenue - cost;
    const target = targets.targetFor(scope, id, grain, period);
    kpis.push({
      scope,
      id,
      grain,
      period,
      revenue: a.revenue,
      refunds: a.refunds,
      net_revenue: netRevenue,
      cost,
      profit,
      margin: a.missingCost || netRevenue === 0n ? null : ratio(profit, netRevenue),
      orders: a.orders,
      average_order_value: a.orders === 0 ? null : divideRoundHalfAway(a.revenue, BigInt(a.orders)),
      active_customers: a.customers.size,
      new_customers: a.newCustomers,
      target_revenue: target,
      attainment: target === null || target === 0n ? null : ratio(netRevenue, target),
    });
  }
  kpis.sort(compareRows);

  const teams = [...latestBy(eventsOfType(events, 'team.upserted'), (e) => e.data.team_id).values()]
    .map((e) => ({ team_id: e.data.team_id, name: e.data.name }))
    .sort((a, b) => compareCodePoints(a.team_id, b.team_id));
  const reps = [...latestBy(repUpserts, (e) => e.data.rep_id).values()]
    .map((e) => ({ rep_id: e.data.rep_id, name: e.data.name, team_id: history.teamAt(e.data.rep_id, options.asOfMs) ?? e.data.team_id }))
    .sort((a, b) => compareCodePoints(a.rep_id, b.rep_id));
  orphanRefunds.sort((a, b) => compareCodePoints(a.event_id, b.event_id));
  unattributedSales.sort((a, b) => compareCodePoints(a.sale_id, b.sale_id));
  return { teams, reps, kpis, orphanRefunds, unattributedSales };
}

/** Row order of the snapshot: scope (company, team, rep), id, grain (day .. year), period. */
export function compareRows(a: Pick<KpiRowUnits, 'scope' | 'id' | 'grain' | 'period'>, b: typeof a): number {
  return (
    SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope) ||
    compareCodePoints(a.id ?? '', b.id ?? '') ||
    GRAINS.indexOf(a.grain) - GRAINS.indexOf(b.grain) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)
  );
}
