/**
 * Commission statements per rep and quarter, with clawbacks and lock adjustments.
 *
 * - Base: the rep's sales credited in the quarter, less refunds of those sales made by the
 *   quarter's end. Earned: marginal tiers by attainment (base / revenue target) — each tier pays
 *   its rate on the part of the base between its attainment and the next tier's, so a rate below
 *   target is a decelerator and one above it an accelerator; base above `max_attainment` earns
 *   nothing more. Without a revenue target (or with a target of 0) the flat
 *   `without_target_rate` applies.
 * - Clawback: a refund in a later quarter of a sale credited in an earlier one takes back that
 *   sale's commission at the effective rate paid on the sale's quarter (earned / base), as its
 *   own line in the refund's quarter.
 * - Locks: a locked quarter's statement is frozen. Recomputed afresh, any difference in its
 *   earned − clawback (less what earlier adjustments already settled) becomes an adjustment line
 *   in the next open quarter.
 *
 * Every amount is integer money units, each line rounded half away from zero, totals summed
 * from the lines, so a statement always adds up.
 */
import { compareCodePoints } from '../json/exact-number.ts';
import { divideRoundHalfAway } from '../money.ts';
import { planFor, type CommissionPlan, type Policy } from '../policy/schema.ts';
import type { AdjustmentLine, ClawbackLine, CommissionStatement } from '../snapshot.ts';

/** A sale as credited (its winning version): the unit of commission statements and customer facts. */
export interface SaleLine {
  saleId: string;
  repId: string;
  teamId: string | null;
  customerId: string;
  occurredMs: number;
  day: string;
  quarter: string;
  amount: bigint;
  region: string | null;
  segment: string | null;
}

/** What a statement reads of a sale (the Worker reads no more of it for the commissions). */
export type CommissionSale = Pick<SaleLine, 'saleId' | 'repId' | 'day' | 'quarter' | 'amount'>;

export interface RefundLine {
  eventId: string;
  saleId: string;
  /** The sale's rep (a refund is credited like its sale). */
  repId: string;
  day: string;
  quarter: string;
  saleQuarter: string;
  amount: bigint;
}

export type Statement = CommissionStatement<bigint>;

/** What a locked quarter paid each rep, as frozen. */
export interface FrozenPay {
  base: bigint;
  earned: bigint;
  clawback: bigint;
  adjustments: { fromPeriod: string; amount: bigint }[];
}

export interface CommissionInput {
  policy: Policy;
  sales: readonly CommissionSale[];
  refunds: readonly RefundLine[];
  /** The rep's revenue target for the quarter (kpis.md target_revenue), or null. */
  targetOf: (repId: string, quarter: string) => bigint | null;
  /** Locked quarters: rep → what was frozen. */
  locked: ReadonlyMap<string, ReadonlyMap<string, FrozenPay>>;
}

const PPM = 1_000_000n;
const bp = (x: number) => BigInt(Math.round(x * 10_000));
const ppm = (x: number) => BigInt(Math.round(x * 1_000_000));
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

function nextQuarter(q: string): string {
  const year = Number(q.slice(0, 4));
  const n = Number(q.slice(6));
  return n === 4 ? `${year + 1}-Q1` : `${year}-Q${n + 1}`;
}

/** Tier lines and earned for a base against a target under a plan. */
export function earnedOn(plan: CommissionPlan, base: bigint, target: bigint | null): Pick<Statement, 'tiers' | 'earned' | 'attainment'> {
  const positive = max(base, 0n);
  if (target === null || target === 0n) {
    const amount = divideRoundHalfAway(positive * ppm(plan.without_target_rate), PPM);
    return { attainment: null, earned: amount, tiers: [{ from_attainment: 0, to_attainment: null, rate: plan.without_target_rate, base: positive, amount }] };
  }
  const capped = plan.max_attainment === null ? positive : min(positive, divideRoundHalfAway(target * bp(plan.max_attainment), 10_000n));
  const tiers = plan.tiers.map((tier, i) => {
    const next = plan.tiers[i + 1];
    const to = next ? next.from_attainment : plan.max_attainment;
    const lo = divideRoundHalfAway(target * bp(tier.from_attainment), 10_000n);
    const hi = to === null ? null : divideRoundHalfAway(target * bp(to), 10_000n);
    const part = max(0n, (hi === null ? capped : min(capped, hi)) - lo);
    return { from_attainment: tier.from_attainment, to_attainment: to, rate: tier.rate, base: part, amount: divideRoundHalfAway(part * ppm(tier.rate), PPM) };
  });
  const earned = tiers.reduce((s, t) => s + t.amount, 0n);
  return { attainment: Number(base) / Number(target), earned, tiers };
}

function emptyStatement(plan: CommissionPlan | null, target: bigint | null): Statement {
  return {
    plan: plan?.id ?? null, target, base: 0n, attainment: null, earned: 0n, clawback: 0n, adjustment: 0n, payable: 0n,
    tiers: [], sales: [], refunds: [], clawbacks: [], adjustments: [],
  };
}

const key = (quarter: string, repId: string) => `${quarter}\u0000${repId}`;

/** What a period leaves the commission book, as JSON values (money as decimal unit texts). */
export interface BookCarry {
  /** Per rep: the quarter's base and earned commission (a later clawback's rate). */
  paid: [repId: string, base: string, earned: string][];
  /** Every adjustment waiting after the period: quarter, rep, lines. */
  pending: [quarter: string, repId: string, lines: AdjustmentLine<string>[]][];
}

/** A rep's commission lines in one quarter. */
export interface RepQuarterLines {
  /** Sales credited to the rep in the quarter. */
  sales: CommissionSale[];
  /** Refunds of those sales made by the quarter's end (they reduce its base). */
  baseRefunds: RefundLine[];
  /** Refunds made in the quarter of the rep's sales of earlier quarters (clawbacks). */
  clawbacks: RefundLine[];
}

const NO_LINES: RepQuarterLines = { sales: [], baseRefunds: [], clawbacks: [] };

/** Which quarter's statement a refund line belongs to, and as what. */
export function refundRole(r: Pick<RefundLine, 'quarter' | 'saleQuarter'>): { quarter: string; as: 'base' | 'clawback' } {
  // A refund made by its sale's quarter's end reduces that quarter's base; a later one claws back.
  return r.quarter <= r.saleQuarter ? { quarter: r.saleQuarter, as: 'base' } : { quarter: r.quarter, as: 'clawback' };
}

/**
 * The commission ledger, one (quarter, rep) at a time: what each statement carries forward (the
 * rate a quarter paid, for later clawbacks; a locked quarter's difference, as an adjustment in
 * the next open one) is kept here, so a caller can read the lines of one quarter, or of a few
 * reps of it, at a time. Every rep's quarters must be given in ascending order, and a quarter's
 * reps all before a later quarter's (a locked quarter's adjustment may bring a later quarter in:
 * {@link pendingQuarters}).
 */
export class CommissionBook {
  readonly #policy: Policy;
  readonly #targetOf: CommissionInput['targetOf'];
  readonly #locked: CommissionInput['locked'];
  /** Adjustments frozen into locked quarters have already been paid: (from quarter, rep) → sum. */
  readonly #settled = new Map<string, { amount: bigint; in: string[] }>();
  /** What each (quarter, rep) paid: a later clawback takes back a sale's commission at this rate. */
  readonly #paid = new Map<string, { base: bigint; earned: bigint }>();
  /** Adjustment lines waiting for their quarter: quarter → rep → lines. */
  readonly #pending = new Map<string, Map<string, AdjustmentLine<bigint>[]>>();

  constructor(input: Omit<CommissionInput, 'sales' | 'refunds'>) {
    this.#policy = input.policy;
    this.#targetOf = input.targetOf;
    this.#locked = input.locked;
    for (const [q, reps] of input.locked) {
      for (const [repId, pay] of reps) {
        for (const a of pay.adjustments) {
          const k = key(a.fromPeriod, repId);
          const s = this.#settled.get(k) ?? { amount: 0n, in: [] };
          s.amount += a.amount;
          s.in.push(q);
          this.#settled.set(k, s);
        }
      }
    }
  }

  /**
   * What the book learnt from a period, for a later recompute that takes the period over
   * unchanged instead of reading its lines again (see {@link restore}): the rate each rep's
   * statement paid in the quarter (none for a year) and every adjustment waiting so far.
   */
  carryOf(period: string): BookCarry {
    const paid: BookCarry['paid'] = [];
    const prefix = `${period}\u0000`;
    for (const [k, p] of this.#paid) if (k.startsWith(prefix)) paid.push([k.slice(prefix.length), String(p.base), String(p.earned)]);
    const pending: BookCarry['pending'] = [];
    for (const [quarter, reps] of this.#pending) {
      for (const [repId, lines] of reps) pending.push([quarter, repId, lines.map((a) => ({ from_period: a.from_period, amount: String(a.amount), reason: a.reason }))]);
    }
    return { paid, pending };
  }

  /** Takes a period over as {@link carryOf} gave it: the book stands as if it had settled the period itself. */
  restore(period: string, carry: BookCarry): void {
    for (const [repId, base, earned] of carry.paid) this.#paid.set(key(period, repId), { base: BigInt(base), earned: BigInt(earned) });
    this.#pending.clear();
    for (const [quarter, repId, lines] of carry.pending) {
      const waiting = this.#pending.get(quarter) ?? new Map<string, AdjustmentLine<bigint>[]>();
      waiting.set(repId, lines.map((a) => ({ from_period: a.from_period, amount: BigInt(a.amount), reason: a.reason })));
      this.#pending.set(quarter, waiting);
    }
  }

  /** The quarters with adjustment lines waiting: each needs a statement even without lines of its own. */
  pendingQuarters(): string[] {
    return [...this.#pending.keys()];
  }

  /**
   * The reps the ledger itself gives a statement in a quarter, lines or not: reps with
   * adjustments waiting, a locked quarter's frozen reps, and an open quarter's reps whose own
   * figures were partly settled elsewhere (it was locked once).
   */
  carriedReps(quarter: string): string[] {
    const reps = new Set<string>(this.#pending.get(quarter)?.keys() ?? []);
    const frozen = this.#locked.get(quarter);
    for (const repId of frozen?.keys() ?? []) reps.add(repId);
    if (!frozen) for (const k of this.#settled.keys()) if (k.startsWith(`${quarter}\u0000`)) reps.add(k.slice(quarter.length + 1));
    return [...reps];
  }

  /**
   * The rep's statement for the quarter, from its lines; null for a locked quarter (its frozen
   * statement stands, and any difference becomes an adjustment in the next open quarter).
   */
  statement(quarter: string, repId: string, lines: RepQuarterLines = NO_LINES): Statement | null {
    const k = key(quarter, repId);
    const plan = planFor(this.#policy, quarter);
    const target = this.#targetOf(repId, quarter);
    const st = emptyStatement(plan, target);
    const sales = [...lines.sales].sort((a, b) => compareCodePoints(a.day, b.day) || compareCodePoints(a.saleId, b.saleId));
    const refunds = [...lines.baseRefunds].sort((a, b) => compareCodePoints(a.day, b.day) || compareCodePoints(a.eventId, b.eventId));
    st.sales = sales.map((s) => ({ sale_id: s.saleId, day: s.day, amount: s.amount }));
    st.refunds = refunds.map((r) => ({ event_id: r.eventId, sale_id: r.saleId, day: r.day, amount: r.amount }));
    st.base = sales.reduce((s, x) => s + x.amount, 0n) - refunds.reduce((s, x) => s + x.amount, 0n);
    if (plan) Object.assign(st, earnedOn(plan, st.base, target));
    const clawbacks = [...lines.clawbacks].sort((a, b) => compareCodePoints(a.day, b.day) || compareCodePoints(a.eventId, b.eventId));
    st.clawbacks = clawbacks.map((r): ClawbackLine<bigint> => {
      const source = this.#paid.get(key(r.saleQuarter, repId));
      const rate = source && source.base > 0n ? Number(source.earned) / Number(source.base) : 0;
      const clawback = source && source.base > 0n ? divideRoundHalfAway(r.amount * source.earned, source.base) : 0n;
      return { event_id: r.eventId, sale_id: r.saleId, day: r.day, amount: r.amount, sale_period: r.saleQuarter, rate: Math.round(rate * 1e6) / 1e6, clawback };
    });
    st.clawback = st.clawbacks.reduce((s, c) => s + c.clawback, 0n);

    const frozen = this.#locked.get(quarter);
    if (frozen) {
      // Locked: the frozen statement stands; what changed since goes to the next open quarter.
      const frozenPay = frozen.get(repId);
      const was = frozenPay ? frozenPay.earned - frozenPay.clawback : 0n;
      const already = this.#settled.get(k)?.amount ?? 0n;
      const delta = st.earned - st.clawback - was - already;
      this.#paid.set(k, frozenPay ? { base: frozenPay.base, earned: frozenPay.earned } : { base: st.base, earned: st.earned });
      if (delta !== 0n) {
        let next = nextQuarter(quarter);
        while (this.#locked.has(next)) next = nextQuarter(next);
        const waiting = this.#pending.get(next) ?? new Map<string, AdjustmentLine<bigint>[]>();
        waiting.set(repId, [...(waiting.get(repId) ?? []), { from_period: quarter, amount: delta, reason: `${quarter} is locked; events since changed its commission` }]);
        this.#pending.set(next, waiting);
      }
      return null;
    }
    this.#paid.set(k, { base: st.base, earned: st.earned });
    st.adjustments = [...(this.#pending.get(quarter)?.get(repId) ?? [])];
    const earlier = this.#settled.get(k);
    if (earlier && earlier.amount !== 0n) {
      st.adjustments.push({ from_period: quarter, amount: -earlier.amount, reason: `already settled as adjustments in ${earlier.in.sort().join(', ')}` });
    }
    st.adjustment = st.adjustments.reduce((s, a) => s + a.amount, 0n);
    st.payable = st.earned - st.clawback + st.adjustment;
    return st;
  }
}

/**
 * Per quarter, the reps with commission lines in it and how many each: sales credited in the
 * quarter (with the refunds that reduce its base) or refunds made in it of earlier quarters'
 * sales (clawbacks). Known before any line is read, so the lines can be read in slices.
 */
export type CommissionActivity = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** Per (quarter, rep), the lines of `sales` and `refunds`, and the activity they make (see {@link CommissionActivity}). */
export function linesByQuarter(sales: readonly CommissionSale[], refunds: readonly RefundLine[]): { activity: CommissionActivity; lines: Map<string, Map<string, RepQuarterLines>> } {
  const lines = new Map<string, Map<string, RepQuarterLines>>();
  const linesOf = (quarter: string, repId: string): RepQuarterLines => {
    let reps = lines.get(quarter);
    if (!reps) lines.set(quarter, (reps = new Map()));
    let l = reps.get(repId);
    if (!l) reps.set(repId, (l = { sales: [], baseRefunds: [], clawbacks: [] }));
    return l;
  };
  for (const s of sales) linesOf(s.quarter, s.repId).sales.push(s);
  for (const r of refunds) {
    const role = refundRole(r);
    const l = linesOf(role.quarter, r.repId);
    (role.as === 'base' ? l.baseRefunds : l.clawbacks).push(r);
  }
  const activity = new Map<string, Map<string, number>>();
  for (const [quarter, reps] of lines) {
    const counts = new Map<string, number>();
    // Base refunds come with their sales (same quarter, same rep): base refunds alone are no business.
    for (const [repId, l] of reps) if (l.sales.length + l.clawbacks.length > 0) counts.set(repId, l.sales.length + l.baseRefunds.length + l.clawbacks.length);
    if (counts.size > 0) activity.set(quarter, counts);
  }
  return { activity, lines };
}

/**
 * Fresh statements for every open quarter with activity (locked quarters are shown as frozen
 * and only feed adjustments), keyed by quarter then rep, from every line held at once: the
 * ledger's reference driver, which its tests read (the appraisals ask for a quarter's lines of a
 * few reps at a time: build-appraisals.ts).
 */
export function commissionStatements(input: CommissionInput): Map<string, Map<string, Statement>> {
  const book = new CommissionBook(input);
  const { activity, lines } = linesByQuarter(input.sales, input.refunds);
  const out = new Map<string, Map<string, Statement>>();
  const order = [...new Set([...activity.keys(), ...input.locked.keys()])].sort();
  for (let i = 0; i < order.length; i++) {
    const quarter = order[i]!;
    const reps = new Set<string>([...book.carriedReps(quarter), ...(activity.get(quarter)?.keys() ?? [])]);
    const statements = new Map<string, Statement>();
    for (const repId of [...reps].sort(compareCodePoints)) {
      const st = book.statement(quarter, repId, lines.get(quarter)?.get(repId));
      if (st) statements.set(repId, st);
    }
    if (!input.locked.has(quarter)) out.set(quarter, statements);
    for (const next of book.pendingQuarters()) {
      if (!order.includes(next)) {
        order.push(next);
        order.sort();
      }
    }
  }
  return out;
}

/** A year's commission: the sum of its quarters' statements (their lines stay in the quarters). */
export function yearTotal(quarters: readonly Statement[], plan: string | null): Statement {
  const sum = (f: (s: Statement) => bigint) => quarters.reduce((s, q) => s + f(q), 0n);
  return {
    plan, target: null, base: sum((s) => s.base), attainment: null,
    earned: sum((s) => s.earned), clawback: sum((s) => s.clawback), adjustment: sum((s) => s.adjustment), payable: sum((s) => s.payable),
    tiers: [], sales: [], refunds: [], clawbacks: [], adjustments: [],
  };
}
