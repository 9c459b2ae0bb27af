/**
 * Appraisals at recompute: for every appraisal period (quarter and year) with rep activity,
 * each rep's components, weighted score, band, consequence and rank in team, the commission
 * statement, the calibration of the period, and the anonymous feedback aggregates. Pure: the
 * Worker and the reference engine feed it the same facts from different stores.
 *
 * Locked periods are taken as frozen (their JSON as stored at lock time); what later events
 * would change in a locked quarter's commission arrives as adjustment lines in the next open
 * quarter (see commission.ts).
 *
 * A caller may take the first periods over from an earlier build (the Worker's incremental
 * recompute): before each period the build says what it is built from, and a period answered
 * with the carry that build left (rates paid, adjustments waiting, quarter totals) is not built
 * again (see {@link appraisalSteps}).
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
import { CommissionBook, linesByQuarter, yearTotal, type BookCarry, type CommissionActivity, type FrozenPay, type RefundLine, type RepQuarterLines, type SaleLine, type Statement } from './commission.ts';
import { toExactJson } from '../kpi/series.ts';
import { aggregateFeedback, type FeedbackResponse } from './feedback.ts';
import { bandOf, consequenceOf, scoreComponent, weightedScore, type Figure } from './scoring.ts';

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
export function dayAfter(period: string): string {
  if (/^\d{4}$/.test(period)) return `${Number(period) + 1}-01-01`;
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(6));
  return q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
}

/** A frozen statement's totals as stored (exact JSON numbers, or their texts). */
export interface FrozenCommission {
  base: unknown;
  earned: unknown;
  clawback: unknown;
  adjustments: readonly { from_period: string; amount: unknown }[];
}

/** What a rep was paid in a locked quarter, from its frozen statement. */
export function frozenPayOf(c: FrozenCommission): FrozenPay {
  return {
    base: unitsOfJson(c.base),
    earned: unitsOfJson(c.earned),
    clawback: unitsOfJson(c.clawback),
    adjustments: c.adjustments.map((a) => ({ fromPeriod: a.from_period, amount: unitsOfJson(a.amount) })),
  };
}

function frozenPay(period: AppraisalPeriod<unknown>): Map<string, FrozenPay> {
  return new Map(period.rows.map((row) => [row.rep_id, frozenPayOf(row.commission as FrozenCommission)]));
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

/** A locked period as an appraisal build needs it: the frozen pay of a quarter's reps (none for a year). */
export interface LockInfo {
  period: string;
  lockedAt: string;
  pay: ReadonlyMap<string, FrozenPay>;
}

/**
 * What an appraisal build needs besides the sale and refund lines, which it asks for a quarter
 * at a time, and the locked periods as frozen, which it asks to be put in their place.
 */
export type AppraisalBasis = Omit<AppraisalInput, 'sales' | 'refunds' | 'locks'> & { locks: readonly LockInfo[] };

/** A locked period's head: the frozen head, marked locked at its lock's time. */
export function lockedPeriodHead(frozenHead: object, lockedAt: string): AppraisalPeriodHead {
  const { rows: _rows, ...head } = { ...(frozenHead as AppraisalPeriod<bigint>), status: 'locked' as const, locked_at: lockedAt };
  return head;
}

/** A period without its rows (they follow it, one step each). */
export type AppraisalPeriodHead = Omit<AppraisalPeriod<bigint>, 'rows'>;

/**
 * A step of an appraisal build: a request for the lines of some reps in a quarter (answered by
 * passing them to the generator's next()), a locked period to put in place as frozen, a period's
 * head, or one of its rows.
 */
export type AppraisalStep =
  | { kind: 'lines'; quarter: string; repIds: string[] }
  /**
   * Before each period: what it is built from besides the sale lines (its KPI rows, status,
   * lock, scheme, commission activity). Answered with the carry an earlier build left
   * ({@link PeriodCarry}), the period is taken over as that build made it and not built again;
   * answered with nothing, it is built (and so is every period after it).
   */
  | { kind: 'reuse'; step: number; period: string; inputs: string }
  /** After each period built: what later periods need from it, for a later build to take it over. */
  | { kind: 'carry'; step: number; period: string; carry: PeriodCarry; inputs?: string }
  /** The locked period goes here, its head and rows as frozen (see {@link lockedPeriodHead}). */
  | { kind: 'locked'; period: string; lockedAt: string }
  | { kind: 'period'; head: AppraisalPeriodHead }
  | { kind: 'row'; row: AppraisalRow<unknown> };

/**
 * A period taken over from an earlier snapshot's stored parts (the Worker's recompute): its rows
 * stay as stored (the new snapshot names them), its place among the shown periods is `position` (-1: settled, not shown)
 * and `digest` the hash of its stored texts.
 */
export interface ReusedPeriod {
  kind: 'reused';
  step: number;
  period: string;
  fromPartsId: string;
  position: number;
  digest: string | null;
}

/** What an appraisal build makes: the steps but the requests, and the periods taken over. */
export type AppraisalOutput = Exclude<AppraisalStep, { kind: 'lines' | 'locked' | 'reuse' }> | ReusedPeriod;

/** The lines of the reps asked for (a rep with none may be missing). */
export type LinesReply = ReadonlyMap<string, RepQuarterLines>;

/** A statement's totals as JSON values: plan, target, base, attainment, earned, clawback, adjustment, payable. */
type TotalsJson = [string | null, string | null, string, number | null, string, string, string, string];

/**
 * What later periods need from a period (JSON values): the commission book's carry and, for a
 * quarter, each rep's statement totals (its year adds them up).
 */
export interface PeriodCarry {
  book: BookCarry;
  totals: [repId: string, totals: TotalsJson][];
}

function totalsJson(st: Statement): TotalsJson {
  const text = (n: bigint | null) => (n === null ? null : String(n));
  return [st.plan, text(st.target), String(st.base), st.attainment, String(st.earned), String(st.clawback), String(st.adjustment), String(st.payable)];
}

function totalsOfJson([plan, target, base, attainment, earned, clawback, adjustment, payable]: TotalsJson): Statement {
  return {
    plan, target: target === null ? null : BigInt(target), base: BigInt(base), attainment, earned: BigInt(earned), clawback: BigInt(clawback),
    adjustment: BigInt(adjustment), payable: BigInt(payable), tiers: [], sales: [], refunds: [], clawbacks: [], adjustments: [],
  };
}

/**
 * What every appraisal period is built from besides its own inputs (the `reuse` requests) and
 * the sale lines: policy, zone, targets, team history and locks. A caller that takes periods
 * over chains the periods' inputs onto a hash of this. The version changes with what a carry
 * holds.
 */
export function appraisalSharedInputs(basis: Pick<AppraisalBasis, 'policy' | 'timezone' | 'targetEvents' | 'history' | 'locks'>): string {
  const intervals = basis.history.intervals();
  const locks = [...basis.locks]
    .sort((a, b) => compareCodePoints(a.period, b.period))
    .map((l) => ({ period: l.period, locked_at: l.lockedAt, pay: [...l.pay].sort(([a], [b]) => compareCodePoints(a, b)) }));
  return toExactJson({ version: 'appraisal-carry/1', policy: basis.policy, timezone: basis.timezone, targets: basis.targetEvents, intervals, locks });
}

/** What a step's request is answered with: lines for `lines`, a carry (or nothing) for `reuse`. */
export type StepReply = LinesReply | PeriodCarry | undefined;

/** The section without its periods (they are built by {@link appraisalSteps}). */
export function appraisalSectionHead(input: Pick<AppraisalInput, 'policy' | 'feedback' | 'audit'>): Omit<AppraisalSectionUnits, 'periods'> {
  const feedback = aggregateFeedback(input.feedback, input.policy.feedback_min_group);
  return { policy_version: input.policy.version, policy: input.policy, feedback, lock_audit: [...input.audit] };
}

/**
 * The appraisal periods, oldest first, as steps: each period's head, then its rows in rep
 * order. The build does no reading of its own: when a quarter's commission needs lines, it asks
 * for those of at most about `linesPerRead` lines' worth of reps (per `activity`) and waits for
 * them, so a caller holds one slice of one quarter's lines at a time, never the whole history
 * (a Worker may hold 128 MB; a large company has millions of sales). {@link buildAppraisals}
 * answers from memory; the Worker's recompute answers from D1.
 */
export function* appraisalSteps(
  input: AppraisalBasis,
  activity: CommissionActivity,
  linesPerRead: number = Number.POSITIVE_INFINITY,
): Generator<AppraisalStep, void, StepReply> {
  const { policy, timezone, asOfMs } = input;
  const now = labelsOfDay(localDay(asOfMs, timezone));
  const books = new Map(
    (['revenue', 'profit', 'new_customers', 'orders'] as const).map((m) => [m, new RevenueTargets(input.targetEvents, m)]),
  );
  const revenueTargets = books.get('revenue')!;
  const locks = new Map(input.locks.map((l) => [l.period, l]));
  const lockedQuarters = new Map<string, ReadonlyMap<string, FrozenPay>>();
  for (const l of input.locks) if (l.period.length === 7) lockedQuarters.set(l.period, l.pay);
  const ledger = new CommissionBook({
    policy,
    targetOf: (repId, quarter) => revenueTargets.targetFor('rep', repId, 'quarter', quarter),
    locked: lockedQuarters,
  });
  // Fresh quarter statements' totals, without their lines, for the years.
  const fresh = new Map<string, Map<string, Statement>>();

  // Rep KPI rows per appraisal period.
  const rowsByPeriod = new Map<string, Map<string, KpiRowUnits>>();
  for (const row of input.kpis) {
    if (!isAppraisalRow(row)) continue;
    const m = rowsByPeriod.get(row.period) ?? new Map<string, KpiRowUnits>();
    m.set(row.id!, row);
    rowsByPeriod.set(row.period, m);
  }
  // Quarters with commission business: lines, a lock, or (found on the way) adjustments waiting.
  const commissionQuarters = new Set<string>([...activity.keys(), ...lockedQuarters.keys()]);
  const periods = new Set([...rowsByPeriod.keys(), ...input.locks.map((l) => l.period)]);
  const addOpenQuarter = (q: string) => {
    commissionQuarters.add(q);
    if (!lockedQuarters.has(q)) periods.add(q).add(q.slice(0, 4));
  };
  for (const q of activity.keys()) addOpenQuarter(q);

  const grainOrder = (p: string) => (p.length === 4 ? `${p}-Q9` : p);
  const emitted = new Set<string>();
  // Periods are taken over from an earlier build while its answers last: a prefix of the build.
  let takingOver = true;
  for (let step = 0; ; step++) {
    let period: string | undefined;
    for (const p of periods) if (!emitted.has(p) && (period === undefined || compareCodePoints(grainOrder(p), grainOrder(period)) < 0)) period = p;
    if (period === undefined) break;
    emitted.add(period);
    const lock = locks.get(period);
    const scheme = lock ? null : (schemeFor(policy, period) ?? null);
    const carried = (yield { kind: 'reuse', step, period, inputs: periodInputs(period, lock, scheme) }) as PeriodCarry | undefined;
    if (takingOver && carried !== undefined) {
      takeOver(period, carried);
      continue;
    }
    takingOver = false;
    yield* buildPeriod(period, lock, scheme);
    yield { kind: 'carry', step, period, carry: { book: ledger.carryOf(period), totals: [...(fresh.get(period) ?? [])].map(([repId, st]) => [repId, totalsJson(st)]) } };
  }

  function* buildPeriod(period: string, lock: LockInfo | undefined, scheme: AppraisalScheme | null): Generator<AppraisalStep, void, StepReply> {
    if (lock) yield { kind: 'locked', period, lockedAt: lock.lockedAt };
    // Every quarter with commission business is settled in order, shown or not (a locked one's
    // difference is carried forward; one without a scheme still pays and claws back).
    const quarterRows = commissionQuarters.has(period) ? yield* settleQuarter(period, lock === undefined && scheme !== null) : undefined;
    for (const next of ledger.pendingQuarters()) if (!commissionQuarters.has(next)) addOpenQuarter(next);
    if (lock || !scheme) return;
    if (quarterRows) return;
    // A period without commission lines of its own: a quarter's statements are empty, a year's the sum of its quarters'.
    const { rows, head } = periodRows(period, scheme, []);
    yield { kind: 'period', head };
    for (const row of rows) {
      row.commission = scheme.grain === 'quarter' ? emptyQuarter(row.rep_id, period) : yearOf(row.rep_id, period);
      yield { kind: 'row', row };
    }
  }

  /** The book and the quarter totals as if the period had been built here (see {@link PeriodCarry}). */
  function takeOver(period: string, carry: PeriodCarry): void {
    ledger.restore(period, carry.book);
    if (carry.totals.length > 0) fresh.set(period, new Map(carry.totals.map(([repId, totals]) => [repId, totalsOfJson(totals)])));
    for (const next of ledger.pendingQuarters()) if (!commissionQuarters.has(next)) addOpenQuarter(next);
  }

  /**
   * What a period is built from besides the sale lines and what every period shares (policy,
   * targets, team history, locks: the caller's to compare): its KPI rows, whether it is still
   * running (then as_of too), its lock, scheme and commission activity.
   */
  function periodInputs(period: string, lock: LockInfo | undefined, scheme: AppraisalScheme | null): string {
    const running = period.length === 4 ? period >= now.year : period >= now.quarter;
    const rows = [...(rowsByPeriod.get(period)?.values() ?? [])].sort((a, b) => compareCodePoints(a.id!, b.id!));
    const active = [...(activity.get(period) ?? [])].sort(([a], [b]) => compareCodePoints(a, b));
    return toExactJson({
      period, running, as_of_ms: running ? asOfMs : null, locked_at: lock?.lockedAt ?? null, scheme: scheme?.id ?? null,
      commission: commissionQuarters.has(period), active, rows,
    });
  }

  /**
   * Settles a quarter's commission, reading its lines a slice of reps at a time; when `show`,
   * the quarter's head and rows are yielded on the way (each row once its statement is known).
   */
  function* settleQuarter(quarter: string, show: boolean): Generator<AppraisalStep, boolean, StepReply> {
    const active = activity.get(quarter) ?? new Map<string, number>();
    const commissionReps = new Set([...active.keys(), ...ledger.carriedReps(quarter)]);
    const statements = new Map<string, Statement>();
    fresh.set(quarter, statements);
    const shown = show ? periodRows(quarter, schemeFor(policy, quarter)!, [...commissionReps]) : undefined;
    if (shown) yield { kind: 'period', head: shown.head };
    const repIds = shown ? shown.rows.map((r) => r.rep_id) : [...commissionReps].sort(compareCodePoints);
    const rowOf = new Map(shown?.rows.map((r) => [r.rep_id, r]));
    for (let start = 0; start < repIds.length; ) {
      // A slice of reps whose lines come to about linesPerRead (at least one rep).
      let end = start;
      let lines = 0;
      do lines += active.get(repIds[end++]!) ?? 0;
      while (end < repIds.length && lines + (active.get(repIds[end]!) ?? 0) <= linesPerRead);
      const slice = repIds.slice(start, end);
      start = end;
      const wanted = slice.filter((r) => active.has(r));
      const reply = (wanted.length > 0 ? yield { kind: 'lines', quarter, repIds: wanted } : undefined) as LinesReply | undefined;
      if (wanted.length > 0 && reply === undefined) throw new Error(`appraisalSteps: no reply to the request for ${quarter}'s lines`);
      for (const repId of slice) {
        const st = commissionReps.has(repId) ? ledger.statement(quarter, repId, reply?.get(repId)) : null;
        if (st) statements.set(repId, totalsOf(st));
        const row = rowOf.get(repId);
        // A copy with its statement: the period's rows keep none, so a statement's lines are
        // let go once its row has been taken (the commission key keeps its place in the JSON).
        if (row) yield { kind: 'row', row: { ...row, commission: st ?? emptyQuarter(repId, quarter) } };
      }
    }
    return shown !== undefined;
  }

  /** The period's head and its rows without commission (scores, bands, ranks), for the reps with KPI rows and `alsoReps`. */
  function periodRows(period: string, scheme: AppraisalScheme, alsoReps: readonly string[]): { head: AppraisalPeriodHead; rows: AppraisalRow<bigint>[] } {
    const grain = scheme.grain;
    const running = grain === 'year' ? period >= now.year : period >= now.quarter;
    const teamAtMs = running ? asOfMs : localStartMs(dayAfter(period), timezone) - 1;
    const kpiRows = rowsByPeriod.get(period) ?? new Map<string, KpiRowUnits>();
    const repIds = new Set([...kpiRows.keys(), ...alsoReps]);
    if (grain === 'year') for (const [q, m] of fresh) if (q.startsWith(period)) for (const r of m.keys()) repIds.add(r);

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
        // Set once the statement is known (the key keeps its place in the row's JSON).
        commission: EMPTY_STATEMENT,
      };
    });
    rankInTeam(rows, hundredths);
    const head: AppraisalPeriodHead = {
      period, grain, scheme: scheme.id, scheme_name: scheme.name, status: running ? 'running' : 'closed', locked_at: null,
      calibration: calibrate(scheme, rows),
    };
    return { head, rows };
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

  function emptyQuarter(repId: string, quarter: string): Statement {
    return emptyStatement(planFor(policy, quarter)?.id ?? null, revenueTargets.targetFor('rep', repId, 'quarter', quarter));
  }

  function yearOf(repId: string, year: string): Statement {
    const quarters = [1, 2, 3, 4].map((n) => `${year}-Q${n}`);
    const parts = quarters.flatMap((q) => {
      const frozen = lockedQuarters.get(q)?.get(repId);
      if (frozen) return [statementOfFrozen(frozen, null)];
      const st = fresh.get(q)?.get(repId);
      return st ? [st] : [];
    });
    return yearTotal(parts, null);
  }
}

const EMPTY_STATEMENT: Statement = emptyStatement(null, null);

/** A statement's totals without its lines (what a year adds up). */
function totalsOf(st: Statement): Statement {
  return { ...st, tiers: [], sales: [], refunds: [], clawbacks: [], adjustments: [] };
}

/**
 * Appraisals with every line in memory (the reference engine, offline tools and tests).
 * `linesPerRead` slices the requests as the Worker does (the result does not depend on it).
 */
export function buildAppraisals(input: AppraisalInput, options: { linesPerRead?: number } = {}): AppraisalSectionUnits {
  const { activity, lines } = linesByQuarter(input.sales, input.refunds);
  const frozen = new Map(input.locks.map((l) => [l.period, l.frozen]));
  const locks = input.locks.map((l): LockInfo => ({ period: l.period, lockedAt: l.lockedAt, pay: l.period.length === 7 ? frozenPay(l.frozen) : new Map() }));
  const periods: AppraisalPeriod<bigint>[] = [];
  const steps = appraisalSteps({ ...input, locks }, activity, options.linesPerRead);
  let reply: LinesReply | undefined;
  for (let step = steps.next(); !step.done; step = steps.next(reply)) {
    reply = undefined;
    const s = step.value;
    if (s.kind === 'lines') {
      const quarter = lines.get(s.quarter);
      reply = new Map(s.repIds.flatMap((repId) => (quarter?.has(repId) ? [[repId, quarter.get(repId)!] as const] : [])));
    }
    else if (s.kind === 'locked') {
      const period = frozen.get(s.period)!;
      periods.push({ ...lockedPeriodHead(period, s.lockedAt), rows: period.rows as AppraisalRow<bigint>[] });
    } else if (s.kind === 'period') periods.push({ ...s.head, rows: [] });
    else if (s.kind === 'row') periods.at(-1)!.rows.push(s.row as AppraisalRow<bigint>);
    // Every period is built here: no request to take one over is answered, no carry kept.
  }
  const { policy_version, policy, feedback, lock_audit } = appraisalSectionHead(input);
  return { policy_version, policy, periods, feedback, lock_audit };
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
  options: { policy: Policy; timezone: string; asOfMs: number; locks?: readonly LockedPeriod[]; audit?: readonly LockAuditEntry[]; linesPerRead?: number },
  lines: { sales: SaleLine[]; refunds: RefundLine[] } = linesFromEvents(events, options.timezone),
): AppraisalSectionUnits {
  return buildAppraisals(
    {
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
    },
    options.linesPerRead === undefined ? {} : { linesPerRead: options.linesPerRead },
  );
}
