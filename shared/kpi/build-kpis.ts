/**
 * The KPI engine: typed events in, every KPI row of kpis.md out, for company, team and rep at
 * day, week, month, quarter and year, plus market shares, target versions and pacing. Pure and
 * order-independent: the same events give the same rows in any arrival order (every "latest
 * wins" rule breaks ties by event id, every set is counted, every sum is over exact integers).
 */
import { compareCodePoints } from '../json/exact-number.ts';
import type { EventOf, QuotientEvent } from '../events/types.ts';
import { divideRoundHalfAway, ratio } from '../money.ts';
import { periodLabels, type PeriodLabels } from '../period.ts';
import { GRAINS, SCOPES, type Grain, type KpiRow, type Scope, type SnapshotRep, type SnapshotTeam } from '../snapshot.ts';
import { isLater, TeamHistory } from './attribution.ts';
import { salesFactsFromEvents, type SalesCell, type SalesFacts } from './sales-cells.ts';
import { buildMarkets, wholeMarketSizes, type MarketShareRowUnits } from './markets.ts';
import { median } from './median.ts';
import { pace, paceFromSums, type PaceSums, type PacingInput, type PacingRowUnits } from './pacing.ts';
import { resolveComplaints, resolveOpportunities } from './process-facts.ts';
import { RevenueTargets, targetVersions, type TargetVersionUnits } from './targets.ts';
import { blockOf, kpiBlockKey, type NamedKpiBlock, type SeriesParts } from './series.ts';

/** Money fields of a KPI row. */
type MoneyField = 'revenue' | 'refunds' | 'net_revenue' | 'cost' | 'profit';

/** A KPI row with money as exact `bigint` units (`KpiRow` is its JSON form). */
export type KpiRowUnits = Omit<KpiRow, MoneyField | 'average_order_value' | 'target_revenue'> & {
  [K in MoneyField]: bigint;
} & { average_order_value: bigint | null; target_revenue: bigint | null };

export interface KpiResult {
  teams: SnapshotTeam[];
  reps: SnapshotRep[];
  kpis: KpiRowUnits[];
  markets: MarketShareRowUnits[];
  targets: TargetVersionUnits[];
  pacing: PacingRowUnits[];
  orphanRefunds: SalesFacts['orphanRefunds'];
  unattributedSales: SalesFacts['unattributedSales'];
}

/**
 * {@link KpiResult} with its rows made as they are asked for: one series (scope, id, grain) at a
 * time, in snapshot order. Iterate `series` once: each series' accumulators are let go as its
 * rows are made, so the rows are never all held (a recompute stores each series as it comes; a
 * large company's rows are tens of MB, and a Worker may hold 128 MB).
 */
export interface KpiStream extends Omit<KpiResult, 'kpis'> {
  /** Each series' rows built, and the blocks named instead (in block order; none unless asked for). */
  series: Generator<Required<SeriesParts>>;
}

export interface BuildKpiOptions {
  /** IANA zone of every period boundary (ORG_TIMEZONE). */
  timezone: string;
  /** The snapshot's as-of instant: target-only rows and pacing are for periods begun by then. */
  asOfMs: number;
  /**
   * The sales side computed elsewhere (the Worker's SQL engine); the sale.closed and
   * sale.refunded events are then not needed. Without it, it is computed from `events`.
   * Its cells are taken over: they become the build's accumulators, and its `cells` is emptied.
   */
  salesFacts?: SalesFacts;
  /** The process cells, when the caller made them already (processCells with the same events and options). */
  process?: ProcessCells;
  /**
   * Blocks not to build but to name (the Worker's recompute: blocks whose sales cells and
   * inputs are the snapshot before's), by kpiBlockKey: their rows are not made, and any
   * accumulator of theirs is let go.
   */
  named?: ReadonlyMap<string, NamedKpiBlock>;
  /**
   * The sums pacing takes, by {@link paceKey} of each of {@link pacedPeriods} (the Worker sums
   * them in SQL, holding no day cells of blocks it names); without them, from the day cells.
   */
  paceSums?: ReadonlyMap<string, PaceSums>;
}

/** A paced period's key in {@link BuildKpiOptions.paceSums}. */
export const paceKey = (p: Pick<PacingInput, 'scope' | 'id' | 'grain' | 'period'>): string => JSON.stringify([p.scope, p.id, p.grain, p.period]);

const NO_SALES: PaceSums = { toDate: 0n, lastYearTotal: 0n, lastYearToDate: 0n };

/**
 * The periods pacing is for, in the order of `cells`: each month, quarter or year running at
 * as_of with a revenue target, of a scope with a cell in it. Every such period has a cell among
 * the process cells alone (a target's period begun by as_of gets one), so a caller can list them
 * before reading any sales cell.
 */
export function pacedPeriods(cells: Iterable<Pick<Accumulator, 'scope' | 'id' | 'grain' | 'period'>>, targets: RevenueTargets, asOfLabels: PeriodLabels): PacingInput[] {
  const paced: PacingInput[] = [];
  for (const a of cells) {
    if (a.grain === 'day' || a.grain === 'week' || a.period !== asOfLabels[a.grain]) continue;
    const target = targets.targetFor(a.scope, a.id, a.grain, a.period);
    if (target !== null) paced.push({ scope: a.scope, id: a.id, grain: a.grain, period: a.period, targetUnits: target });
  }
  return paced;
}

/** A cell's process tallies (surveys, visits, complaints, opportunities). */
export interface Tallies {
  csatSum: number;
  csatCount: number;
  csatSatisfied: number;
  npsPromoters: number;
  npsDetractors: number;
  npsCount: number;
  visits: number;
  complaints: number;
  resolutionHours: number[];
  won: number;
  lost: number;
  cycleDays: number[];
}

/**
 * A cell's sales sums (from the sales producer) and its process tallies, created only for a cell
 * something is tallied in: most cells have sales only, and there are hundreds of thousands.
 */
export interface Accumulator extends SalesCell {
  tallies?: Tallies;
}

function emptyTallies(): Tallies {
  return { csatSum: 0, csatCount: 0, csatSatisfied: 0, npsPromoters: 0, npsDetractors: 0, npsCount: 0, visits: 0, complaints: 0, resolutionHours: [], won: 0, lost: 0, cycleDays: [] };
}

/** What a cell with nothing tallied reads as. */
const NO_TALLIES: Readonly<Tallies> = Object.freeze(emptyTallies());

function emptyAccumulator(scope: Scope, id: string | null, grain: Grain, period: string): Accumulator {
  return { scope, id, grain, period, revenue: 0n, refunds: 0n, saleCost: 0n, refundCost: 0n, missingCost: false, orders: 0, activeCustomers: 0, repeatCustomers: 0, newCustomers: 0 };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Events by type, for the builder's inputs. */
export function eventsOfType<T extends QuotientEvent['type']>(events: readonly QuotientEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

interface ScopeRef {
  scope: Scope;
  id: string | null;
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
  const { series, ...rest } = kpiStream(events, options);
  const kpis: KpiRowUnits[] = [];
  for (const { rows } of series) for (const row of rows) kpis.push(row);
  return { ...rest, kpis };
}

/**
 * What the KPI build takes from events other than sales: every cell with a process tally
 * (surveys, visits, complaints, opportunities) or a target of its own, without sales; the
 * revenue targets; the market sizes naming neither region nor segment; the rep-team history.
 * The build's first stage (kpiStream makes it unless given it).
 */
export interface ProcessCells {
  /** By cellKey; kpiStream takes them over (merged into the sales cells). */
  cells: Map<string, Accumulator>;
  targets: RevenueTargets;
  history: TeamHistory;
  /** By `grain|period`. */
  wholeMarket: Map<string, bigint>;
  asOfLabels: PeriodLabels;
}

/** A cell's key: its parts as JSON (ids are any non-empty strings, so no separator is safe). */
const cellKey = (scope: Scope, id: string | null, grain: Grain, period: string): string => JSON.stringify([scope, id, grain, period]);

/** The first stage of the KPI build (see {@link ProcessCells}). */
export function processCells(events: readonly QuotientEvent[], options: Pick<BuildKpiOptions, 'timezone' | 'asOfMs'>): ProcessCells {
  const { timezone } = options;
  const labelsOf = (ms: number): PeriodLabels => periodLabels(ms, timezone);
  const history = new TeamHistory(eventsOfType(events, 'rep.upserted'));
  const targets = new RevenueTargets(eventsOfType(events, 'target.set'));
  const acc = new Map<string, Accumulator>();
  const cell = ({ scope, id }: ScopeRef, grain: Grain, period: string): Accumulator => {
    const key = cellKey(scope, id, grain, period);
    let a = acc.get(key);
    if (!a) {
      a = emptyAccumulator(scope, id, grain, period);
      acc.set(key, a);
    }
    return a;
  };
  /** Applies `add` to the tallies of every cell of the scopes at every grain of the instant's periods. */
  const credit = (scopes: readonly ScopeRef[], ms: number, add: (t: Tallies) => void) => {
    const labels = labelsOf(ms);
    for (const scope of scopes) {
      for (const grain of GRAINS) {
        const a = cell(scope, grain, labels[grain]);
        add((a.tallies ??= emptyTallies()));
      }
    }
  };
  /** Company, the rep, and the rep's team at the instant (for events credited "by rep_id"). */
  const scopesOfRep = (repId: string | null | undefined, ms: number): ScopeRef[] => {
    const scopes: ScopeRef[] = [{ scope: 'company', id: null }];
    if (repId == null) return scopes;
    scopes.push({ scope: 'rep', id: repId });
    const team = history.teamAt(repId, ms);
    if (team !== null) scopes.push({ scope: 'team', id: team });
    return scopes;
  };
  for (const survey of eventsOfType(events, 'survey.responded')) {
    const { score, scale, rep_id } = survey.data;
    credit(scopesOfRep(rep_id, survey.occurredMs), survey.occurredMs, (t) => {
      if (scale === 'csat5') {
        t.csatSum += score;
        t.csatCount += 1;
        if (score >= 4) t.csatSatisfied += 1;
      } else {
        t.npsCount += 1;
        if (score >= 9) t.npsPromoters += 1;
        else if (score <= 6) t.npsDetractors += 1;
      }
    });
  }

  for (const contact of eventsOfType(events, 'customer.contacted')) {
    credit(scopesOfRep(contact.data.rep_id, contact.occurredMs), contact.occurredMs, (t) => {
      t.visits += 1;
    });
  }

  for (const complaint of resolveComplaints(eventsOfType(events, 'ticket.opened'), eventsOfType(events, 'ticket.resolved'))) {
    const scopes = scopesOfRep(complaint.repId, complaint.openedMs);
    credit(scopes, complaint.openedMs, (t) => {
      t.complaints += 1;
    });
    if (complaint.resolvedMs !== null) {
      const hours = (complaint.resolvedMs - complaint.openedMs) / HOUR_MS;
      credit(scopes, complaint.resolvedMs, (t) => {
        t.resolutionHours.push(hours);
      });
    }
  }

  for (const opportunity of resolveOpportunities(eventsOfType(events, 'opportunity.opened'), eventsOfType(events, 'opportunity.closed'))) {
    // Like a sale, a close is credited to the rep's team at the time it closed.
    const scopes = scopesOfRep(opportunity.repId, opportunity.closedMs);
    credit(scopes, opportunity.closedMs, (t) => {
      if (opportunity.won) {
        t.won += 1;
        if (opportunity.openedMs !== null) t.cycleDays.push((opportunity.closedMs - opportunity.openedMs) / DAY_MS);
      } else t.lost += 1;
    });
  }

  // Periods with a target but no activity still get a row once they have begun: a rep who sold
  // nothing against a target has an attainment of 0, which is news.
  // A quarter or year whose target is summed from its parts counts too.
  const asOfLabels = labelsOf(options.asOfMs);
  for (const target of targets.versions()) {
    const { period } = target;
    const scope = { scope: target.scope, id: target.scopeId };
    const enclosing: [Grain, string][] = [[period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month', period]];
    if (period.length > 4) enclosing.push(['year', period.slice(0, 4)]);
    if (period.length === 7 && !period.includes('Q')) enclosing.push(['quarter', `${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5)) / 3)}`]);
    for (const [grain, label] of enclosing) {
      if (label <= asOfLabels[grain] && targets.targetFor(scope.scope, scope.id, grain, label) !== null) cell(scope, grain, label);
    }
  }

  return { cells: acc, targets, history, wholeMarket: wholeMarketSizes(eventsOfType(events, 'market.sized')), asOfLabels };
}

/** {@link buildKpis}, the rows a series at a time (see {@link KpiStream}). */
export function kpiStream(events: readonly QuotientEvent[], options: BuildKpiOptions): KpiStream {
  const { timezone } = options;
  const labelsOf = (ms: number): PeriodLabels => periodLabels(ms, timezone);
  const process = options.process ?? processCells(events, options);
  const { targets, history, asOfLabels } = process;
  const salesFacts =
    options.salesFacts ?? salesFactsFromEvents(eventsOfType(events, 'sale.closed'), eventsOfType(events, 'sale.refunded'), history, labelsOf);
  const targetEvents = eventsOfType(events, 'target.set');
  const named = options.named ?? new Map<string, NamedKpiBlock>();
  const isNamed = (a: Pick<Accumulator, 'scope' | 'id' | 'grain' | 'period'>): boolean =>
    named.size > 0 && named.has(kpiBlockKey({ scope: a.scope, scopeId: a.id ?? '', grain: a.grain, block: blockOf(a.grain, a.period) }));

  // The sales cells become the accumulators, taken over rather than copied: at 100k sales they
  // are tens of MB, and a Worker may hold 128 MB. Each (scope, id, grain, period) has one; a
  // process cell's tallies join its sales cell.
  const acc = process.cells;
  for (const c of salesFacts.cells) {
    const key = cellKey(c.scope, c.id, c.grain, c.period);
    const tallied = acc.get(key)?.tallies;
    acc.set(key, tallied === undefined ? c : Object.assign(c, { tallies: tallied }));
  }
  // Emptied, so that each is let go once its row is built (below).
  salesFacts.cells.length = 0;

  const markets = buildMarkets(eventsOfType(events, 'market.sized'), salesFacts.marketNet);
  const { wholeMarket } = process;

  // The accumulators in snapshot order; each is let go once its row is made.
  const ordered: (Accumulator | undefined)[] = [...acc.values()].sort(compareRows);
  acc.clear();

  // Pacing: every scope with a revenue target for a month, quarter or year running at as_of.
  // Those periods all lie in as_of's year and are paced by last year's too, so only those two
  // years' days of those scopes are looked up (or summed by the caller: options.paceSums).
  const paced = pacedPeriods(ordered as Accumulator[], targets, asOfLabels);
  let pacing: PacingRowUnits[];
  if (options.paceSums) {
    const sums = options.paceSums;
    pacing = paced.map((p) => paceFromSums(p, asOfLabels.day, sums.get(paceKey(p)) ?? NO_SALES));
  } else {
    const pacedScopes = new Set(paced.map((p) => JSON.stringify([p.scope, p.id])));
    const pacedFrom = `${Number(asOfLabels.year) - 1}-01-01`;
    const netByDay = new Map<string, bigint>();
    for (const a of ordered as Accumulator[]) {
      if (a.grain !== 'day' || a.period < pacedFrom || !pacedScopes.has(JSON.stringify([a.scope, a.id]))) continue;
      netByDay.set(JSON.stringify([a.scope, a.id, a.period]), a.revenue - a.refunds);
    }
    pacing = paced.map((p) => pace(p, asOfLabels.day, (day) => netByDay.get(JSON.stringify([p.scope, p.id, day])) ?? 0n));
  }

  const rowOf = (a: Accumulator): KpiRowUnits => {
    const { scope, id, grain, period } = a;
    const t = a.tallies ?? NO_TALLIES;
    const netRevenue = a.revenue - a.refunds;
    const cost = a.saleCost - a.refundCost;
    const profit = netRevenue - cost;
    const target = targets.targetFor(scope, id, grain, period);
    const market = scope === 'company' ? wholeMarket.get(`${grain}|${period}`) : undefined;
    return {
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
      active_customers: a.activeCustomers,
      new_customers: a.newCustomers,
      target_revenue: target,
      attainment: target === null || target === 0n ? null : ratio(netRevenue, target),
      repeat_customer_rate: a.activeCustomers === 0 ? null : a.repeatCustomers / a.activeCustomers,
      csat: t.csatCount === 0 ? null : t.csatSum / t.csatCount,
      csat_satisfied_rate: t.csatCount === 0 ? null : t.csatSatisfied / t.csatCount,
      nps: t.npsCount === 0 ? null : ((t.npsPromoters - t.npsDetractors) / t.npsCount) * 100,
      market_share: market === undefined || market === 0n ? null : ratio(netRevenue, market),
      visits: t.visits,
      complaints: t.complaints,
      complaint_resolution_hours_median: median(t.resolutionHours),
      win_rate: t.won + t.lost === 0 ? null : t.won / (t.won + t.lost),
      sales_cycle_days_median: median(t.cycleDays),
    };
  };
  const series = (function* (): Generator<Required<SeriesParts>> {
    // The series: those with accumulators (runs of `ordered`) and those only named, in snapshot
    // order, each with its named blocks in block order.
    const seriesKey = (scope: string, scopeId: string, grain: string) => JSON.stringify([scope, scopeId, grain]);
    const namedBySeries = new Map<string, NamedKpiBlock[]>();
    for (const n of named.values()) {
      const key = seriesKey(n.scope, n.scopeId, n.grain);
      namedBySeries.set(key, [...(namedBySeries.get(key) ?? []), n]);
    }
    const runs: { scope: Scope; id: string | null; grain: Grain; period: string; start: number; end: number }[] = [];
    for (let start = 0; start < ordered.length; ) {
      const first = ordered[start]!;
      let end = start + 1;
      while (end < ordered.length && ordered[end]!.scope === first.scope && ordered[end]!.id === first.id && ordered[end]!.grain === first.grain) end++;
      runs.push({ scope: first.scope, id: first.id, grain: first.grain, period: '', start, end });
      start = end;
    }
    const built = new Set(runs.map((r) => seriesKey(r.scope, r.id ?? '', r.grain)));
    for (const [key, [n]] of namedBySeries) {
      if (!built.has(key)) runs.push({ scope: n!.scope as Scope, id: n!.scopeId === '' ? null : n!.scopeId, grain: n!.grain as Grain, period: '', start: 0, end: 0 });
    }
    runs.sort(compareRows);
    for (const run of runs) {
      const rows: KpiRowUnits[] = [];
      for (let i = run.start; i < run.end; i++) {
        const a = ordered[i]!;
        if (!isNamed(a)) rows.push(rowOf(a));
        ordered[i] = undefined;
      }
      const namedBlocks = (namedBySeries.get(seriesKey(run.scope, run.id ?? '', run.grain)) ?? []).sort((a, b) => (a.block < b.block ? -1 : 1));
      yield { rows, named: namedBlocks };
    }
    ordered.length = 0;
  })();

  const teams = [...latestBy(eventsOfType(events, 'team.upserted'), (e) => e.data.team_id).values()]
    .map((e) => ({ team_id: e.data.team_id, name: e.data.name }))
    .sort((a, b) => compareCodePoints(a.team_id, b.team_id));
  const reps = [...latestBy(eventsOfType(events, 'rep.upserted'), (e) => e.data.rep_id).values()]
    .map((e) => ({ rep_id: e.data.rep_id, name: e.data.name, team_id: history.teamAt(e.data.rep_id, options.asOfMs) ?? e.data.team_id }))
    .sort((a, b) => compareCodePoints(a.rep_id, b.rep_id));
  const { orphanRefunds, unattributedSales } = salesFacts;
  return { teams, reps, series, markets, targets: targetVersions(targetEvents), pacing, orphanRefunds, unattributedSales };
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
