/**
 * Appraisals at recompute: for every appraisal period (quarter and year) with rep activity,
 * each rep's components, weighted score, band, consequence and rank in team, the commission
 * statement, the calibration of the period, and the anonymous feedback aggregates. Pure: the
 * Worker and the reference engine feed it the same facts from different stores.
 *
 * Locked periods are taken as frozen (their JSON as stored at lock time); what later events
 * would change in a locked quarter's commission arrives as adjustment lines in the next open
 * quarter (see commission.ts).
 */
import { compareCodePoints, ExactNumber, normalizeDecimal } from '../json/exact-number.ts';
import type { EventOf, QuotientEvent } from '../events/types.ts';
import { UNITS_PER_CURRENCY } from '../money.ts';
import { labelsOfDay, localDay, utcOffsetMs } from '../period.ts';
import { planFor, schemeFor, TARGET_METRIC_OF, type AppraisalScheme, type Policy } from '../policy/schema.ts';
import type { AppraisalPeriod, AppraisalRow, AppraisalSection, LockAuditEntry } from '../snapshot.ts';
import { resolveSales, TeamHistory as TeamHistoryClass, type TeamHistory } from '../kpi/attribution.ts';
import { eventsOfType, type KpiRowUnits } from '../kpi/build-kpis.ts';
import { RevenueTargets } from '../kpi/targets.ts';
import { calibrate } from './calibration.ts';
import { commissionStatements, yearTotal, type FrozenPay, type RefundLine, type SaleLine, type Statement } from './commission.ts';
import { aggregateFeedback, type FeedbackResponse } from './feedback.ts';
import { bandOf, consequenceOf, scoreComponent, weightedScore, type Figure } from './scoring.ts';

/** A locked period: its appraisal as frozen (parsed exact JSON of an AppraisalPeriod). */
/** The KPI rows appraisals read: reps' quarters and years (a caller may keep only these). */
export function isAppraisalRow(row: Pick<KpiRowUnits, 'scope' | 'grain'>): boolean {
  return row.scope === 'rep' && (row.grain === 'quarter' || row.grain === 'year');
}

export interface LockedPeriod {
  period: string;
  lockedAt: string;
  frozen: AppraisalPeriod<unknown>;
}

export interface AppraisalInput {
  policy: Policy;
  timezone: string;
  asOfMs: number;
  /** The KPI rows (only rep rows at quarter and year grain are read). */
  kpis: readonly KpiRowUnits[];
  targetEvents: readonly EventOf<'target.set'>[];
  history: TeamHistory;
  sales: readonly SaleLine[];
  refunds: readonly RefundLine[];
  feedback: readonly FeedbackResponse[];
  locks: readonly LockedPeriod[];
  audit: readonly LockAuditEntry[];
}

export type AppraisalSectionUnits = AppraisalSection<bigint>;

/** Money fields of a KPI row (bigint units). */
const MONEY_METRICS = new Set(['revenue', 'refunds', 'net_revenue', 'cost', 'profit', 'average_order_value']);

/**
 * Signed money units of an exact JSON number from a frozen statement: totals, so negatives and
 * sums beyond one amount's 1e12 limit are fine; more than 4 decimals is not money.
 */
export function unitsOfJson(value: unknown): bigint {
  const text = value instanceof ExactNumber ? value.text : typeof value === 'number' ? normalizeDecimal(String(value)) : String(value);
  const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!m) throw new Error(`frozen statement amount ${text} is not money (at most 4 decimals)`);
  const units = BigInt(m[2]!) * UNITS_PER_CURRENCY + BigInt((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -units : units;
}

/** The UTC instant a local day begins in the zone. */
function localStartMs(day: string, timezone: string): number {
  const wall = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  let ms = wall - utcOffsetMs(wall, timezone);
  ms = wall - utcOffsetMs(ms, timezone);
  return ms;
}

/** The first local day after a quarter or year. */
function dayAfter(period: string): string {
  if (/^\d{4}$/.test(period)) return `${Number(period) + 1}-01-01`;
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(6));
  return q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
}

function frozenPay(period: AppraisalPeriod<unknown>): Map<string, FrozenPay> {
  const pay = new Map<string, FrozenPay>();
  for (const row of period.rows) {
    const c = row.commission;
    pay.set(row.rep_id, {
      base: unitsOfJson(c.base),
      earned: unitsOfJson(c.earned),
      clawback: unitsOfJson(c.clawback),
      adjustments: c.adjustments.map((a) => ({ fromPeriod: a.from_period, amount: unitsOfJson(a.amount) })),
    });
  }
  return pay;
}

/** A frozen quarter's figures as a statement (for a year's totals). */
function statementOfFrozen(pay: FrozenPay, plan: string | null): Statement {
  const adjustment = pay.adjustments.reduce((s, a) => s + a.amount, 0n);
  return {
    plan, target: null, base: pay.base, attainment: null, earned: pay.earned, clawback: pay.clawback, adjustment,
    payable: pay.earned - pay.clawback + adjustment, tiers: [], sales: [], refunds: [], clawbacks: [], adjustments: [],
  };
}

function emptyStatement(plan: string | null, target: bigint | null): Statement {
  return { plan, target, base: 0n, attainment: null, earned: 0n, clawback: 0n, adjustment: 0n, payable: 0n, tiers: [], sales: [], refunds: [], clawbacks: [], adjustments: [] };
}

function rankInTeam(rows: AppraisalRow<bigint>[], hundredths: Map<string, number | null>): void {
  for (const row of rows) {
    const mine = hundredths.get(row.rep_id);
    if (mine === null || mine === undefined) continue;
    const better = rows.filter((o) => o.team_id === row.team_id && (hundredths.get(o.rep_id) ?? -1) > mine).length;
    row.rank_in_team = better + 1;
  }
}

export function buildAppraisals(input: AppraisalInput): AppraisalSectionUnits {
  const { policy, timezone, asOfMs } = input;
  const now = labelsOfDay(localDay(asOfMs, timezone));
  const books = new Map(
    (['revenue', 'profit', 'new_customers', 'orders'] as const).map((m) => [m, new RevenueTargets(input.targetEvents, m)]),
  );
  const revenueTargets = books.get('revenue')!;
  const locks = new Map(input.locks.map((l) => [l.period, l]));
  const lockedQuarters = new Map<string, Map<string, FrozenPay>>();
  for (const l of input.locks) if (l.frozen.grain === 'quarter') lockedQuarters.set(l.period, frozenPay(l.frozen));

  const statements = commissionStatements({
    policy,
    sales: input.sales,
    refunds: input.refunds,
    targetOf: (repId, quarter) => revenueTargets.targetFor('rep', repId, 'quarter', quarter),
    locked: lockedQuarters,
  });

  // Rep KPI rows per appraisal period.
  const rowsByPeriod = new Map<string, Map<string, KpiRowUnits>>();
  for (const row of input.kpis) {
    if (!isAppraisalRow(row)) continue;
    const m = rowsByPeriod.get(row.period) ?? new Map<string, KpiRowUnits>();
    m.set(row.id!, row);
    rowsByPeriod.set(row.period, m);
  }
  const periods = new Set([...rowsByPeriod.keys(), ...statements.keys()]);
  for (const q of statements.keys()) periods.add(q.slice(0, 4));
  for (const l of input.locks) periods.add(l.period);

  const out: AppraisalPeriod<bigint>[] = [];
  const grainOrder = (p: string) => (p.length === 4 ? `${p}-Q9` : p);
  for (const period of [...periods].sort((a, b) => compareCodePoints(grainOrder(a), grainOrder(b)))) {
    const lock = locks.get(period);
    if (lock) {
      out.push({ ...(lock.frozen as AppraisalPeriod<bigint>), status: 'locked', locked_at: lock.lockedAt });
      continue;
    }
    const scheme = schemeFor(policy, period);
    if (!scheme) continue;
    const grain = scheme.grain;
    const running = grain === 'year' ? period >= now.year : period >= now.quarter;
    const teamAtMs = running ? asOfMs : localStartMs(dayAfter(period), timezone) - 1;
    const kpiRows = rowsByPeriod.get(period) ?? new Map<string, KpiRowUnits>();
    const quarterStatements = grain === 'quarter' ? statements.get(period) : undefined;
    const repIds = new Set([...kpiRows.keys(), ...(quarterStatements?.keys() ?? [])]);
    if (grain === 'year') for (const [q, m] of statements) if (q.startsWith(period)) for (const r of m.keys()) repIds.add(r);

    const hundredths = new Map<string, number | null>();
    const rows: AppraisalRow<bigint>[] = [...repIds].sort(compareCodePoints).map((repId) => {
      const kpi = kpiRows.get(repId);
      const components = scheme.components.map((component) => {
        const raw = kpi ? (kpi[component.metric as keyof KpiRowUnits] as Figure | null | undefined) : null;
        const actual = raw ?? null;
        return scoreComponent(component, actual, targetFor(component, repId, period, grain));
      });
      const weighted = weightedScore(components);
      hundredths.set(repId, weighted.hundredths);
      const band = weighted.hundredths === null ? null : bandOf(scheme, weighted.hundredths);
      return {
        rep_id: repId,
        team_id: input.history.teamAt(repId, teamAtMs),
        score: weighted.hundredths === null ? null : weighted.hundredths / 100,
        band: band?.band ?? null,
        consequence: band ? consequenceOf(band) : null,
        rank_in_team: null,
        renormalised: weighted.hundredths !== null && weighted.renormalised,
        components: weighted.components.map(({ hundredths: _h, weightBp: _w, ...c }) => c),
        commission: commissionOf(repId, period, grain),
      };
    });
    rankInTeam(rows, hundredths);
    out.push({
      period, grain, scheme: scheme.id, scheme_name: scheme.name, status: running ? 'running' : 'closed', locked_at: null, rows,
      calibration: calibrate(scheme, rows),
    });
  }

  function targetFor(component: AppraisalScheme['components'][number], repId: string, period: string, grain: 'quarter' | 'year'): Figure | null {
    const t = component.target;
    if (!t) return null;
    if ('value' in t) return MONEY_METRICS.has(component.metric) ? BigInt(Math.round(t.value * 10_000)) : t.value;
    const metric = TARGET_METRIC_OF[component.metric]!;
    const value = books.get(metric)!.targetFor('rep', repId, grain, period);
    if (value === null) return null;
    return metric === 'revenue' || metric === 'profit' ? value : Number(value);
  }

  function commissionOf(repId: string, period: string, grain: 'quarter' | 'year'): Statement {
    if (grain === 'quarter') {
      return statements.get(period)?.get(repId) ?? emptyStatement(planFor(policy, period)?.id ?? null, revenueTargets.targetFor('rep', repId, 'quarter', period));
    }
    const quarters = [1, 2, 3, 4].map((n) => `${period}-Q${n}`);
    const parts = quarters.flatMap((q) => {
      const frozen = lockedQuarters.get(q)?.get(repId);
      if (frozen) return [statementOfFrozen(frozen, null)];
      const st = statements.get(q)?.get(repId);
      return st ? [st] : [];
    });
    return yearTotal(parts, null);
  }

  const feedback = aggregateFeedback(input.feedback, policy.feedback_min_group);
  return { policy_version: policy.version, policy, periods: out, feedback, lock_audit: [...input.audit] };
}

/** The reference producer of commission lines: resolved sales and refunds from typed events. */
export function commissionLinesFromEvents(
  closed: readonly EventOf<'sale.closed'>[],
  refunded: readonly EventOf<'sale.refunded'>[],
  history: TeamHistory,
  timezone: string,
): { sales: SaleLine[]; refunds: RefundLine[] } {
  const resolved = resolveSales(closed, history);
  const sales: SaleLine[] = [];
  const quarterOf = new Map<string, string>();
  for (const s of resolved.values()) {
    const day = localDay(s.occurredMs, timezone);
    const quarter = labelsOfDay(day).quarter;
    quarterOf.set(s.saleId, quarter);
    sales.push({ saleId: s.saleId, repId: s.repId, teamId: s.teamId, customerId: s.customerId, occurredMs: s.occurredMs, day, quarter, amount: s.amountUnits, region: s.region, segment: s.segment });
  }
  const refunds: RefundLine[] = [];
  for (const e of refunded) {
    const sale = resolved.get(e.data.sale_id);
    if (!sale) continue;
    const day = localDay(e.occurredMs, timezone);
    refunds.push({ eventId: e.id, saleId: sale.saleId, repId: sale.repId, day, quarter: labelsOfDay(day).quarter, saleQuarter: quarterOf.get(sale.saleId)!, amount: e.data.amount });
  }
  return { sales, refunds };
}

/**
 * Feedback responses with the quarter they were given in. Quarters only: with years as well, a
 * year group less a shown quarter would give away a hidden quarter (feedback.ts).
 */
export function feedbackResponses(events: readonly EventOf<'feedback.submitted'>[], timezone: string): FeedbackResponse[] {
  return events.map((e) => {
    const labels = labelsOfDay(localDay(e.occurredMs, timezone));
    return { periods: [labels.quarter], teamId: e.data.team_id ?? null, topic: e.data.topic, score: e.data.score ?? null };
  });
}

/** The reference path's sale and refund lines: resolved from typed events (the SQL engine reads them from D1). */
export function linesFromEvents(events: readonly QuotientEvent[], timezone: string): { sales: SaleLine[]; refunds: RefundLine[] } {
  const history = new TeamHistoryClass(eventsOfType(events, 'rep.upserted'));
  return commissionLinesFromEvents(eventsOfType(events, 'sale.closed'), eventsOfType(events, 'sale.refunded'), history, timezone);
}

/**
 * The reference path: appraisals straight from typed events (tests and offline snapshots).
 * `lines` may be passed when the caller already resolved them (customer facts use the same).
 */
export function appraisalsFromEvents(
  events: readonly QuotientEvent[],
  kpis: readonly KpiRowUnits[],
  options: { policy: Policy; timezone: string; asOfMs: number; locks?: readonly LockedPeriod[]; audit?: readonly LockAuditEntry[] },
  lines: { sales: SaleLine[]; refunds: RefundLine[] } = linesFromEvents(events, options.timezone),
): AppraisalSectionUnits {
  return buildAppraisals({
    policy: options.policy,
    timezone: options.timezone,
    asOfMs: options.asOfMs,
    kpis,
    targetEvents: eventsOfType(events, 'target.set'),
    history: new TeamHistoryClass(eventsOfType(events, 'rep.upserted')),
    ...lines,
    feedback: feedbackResponses(eventsOfType(events, 'feedback.submitted'), options.timezone),
    locks: options.locks ?? [],
    audit: options.audit ?? [],
  });
}
