import { describe, expect, it } from 'vitest';
import { commissionStatements, earnedOn, yearTotal, type FrozenPay, type RefundLine, type SaleLine, type Statement } from '../../shared/appraisal/commission.ts';
import type { CommissionPlan } from '../../shared/policy/schema.ts';
import { STD_PLAN, TEST_POLICY } from './appraisal-policy.ts';

// Money in 1/10000 units: 1 currency = 10_000n, 1000 = 10_000_000n.
// STD_PLAN: tiers 0 → 2%, 0.5 → 4%, 1.0 → 6%, 1.25 → 8%, max attainment 2.0; 3% flat without a target.
const C = (currency: number) => BigInt(Math.round(currency * 10_000));

function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

function sale(saleId: string, repId: string, day: string, amount: bigint): SaleLine {
  // Statements read only the sale, rep, day, quarter and amount; the rest is filler.
  return { saleId, repId, teamId: null, customerId: `cust-${saleId}`, occurredMs: Date.parse(`${day}T12:00:00Z`), day, quarter: quarterOf(day), amount, region: null, segment: null };
}

function refund(eventId: string, s: SaleLine, day: string, amount: bigint): RefundLine {
  return { eventId, saleId: s.saleId, repId: s.repId, day, quarter: quarterOf(day), saleQuarter: s.quarter, amount };
}

function frozen(base: bigint, earned: bigint, clawback = 0n, adjustments: { fromPeriod: string; amount: bigint }[] = []): FrozenPay {
  return { base, earned, clawback, adjustments };
}

function statements(options: {
  sales?: SaleLine[];
  refunds?: RefundLine[];
  targets?: Record<string, bigint>;
  locked?: Record<string, Record<string, FrozenPay>>;
}) {
  const targets = options.targets ?? {};
  return commissionStatements({
    policy: TEST_POLICY,
    sales: options.sales ?? [],
    refunds: options.refunds ?? [],
    targetOf: (repId, quarter) => targets[`${repId} ${quarter}`] ?? null,
    locked: new Map(Object.entries(options.locked ?? {}).map(([q, reps]) => [q, new Map(Object.entries(reps))])),
  });
}

function statementOf(out: Map<string, Map<string, Statement>>, quarter: string, repId: string): Statement {
  const st = out.get(quarter)?.get(repId);
  if (!st) throw new Error(`no statement for ${repId} in ${quarter}`);
  return st;
}

describe('earnedOn: marginal tiers (target 1000)', () => {
  const target = C(1000);
  // Tier bounds in units: 0.5 → 5_000_000n, 1.0 → 10_000_000n, 1.25 → 12_500_000n, cap 2.0 → 20_000_000n.
  const amounts = (base: bigint) => earnedOn(STD_PLAN, base, target).tiers.map((t) => [t.base, t.amount]);

  it('pays exactly 50% attainment all at the first rate', () => {
    // 500 × 2% = 10
    const e = earnedOn(STD_PLAN, C(500), target);
    expect(e).toEqual({
      attainment: 0.5,
      earned: C(10),
      tiers: [
        { from_attainment: 0, to_attainment: 0.5, rate: 0.02, base: C(500), amount: C(10) },
        { from_attainment: 0.5, to_attainment: 1, rate: 0.04, base: 0n, amount: 0n },
        { from_attainment: 1, to_attainment: 1.25, rate: 0.06, base: 0n, amount: 0n },
        { from_attainment: 1.25, to_attainment: 2, rate: 0.08, base: 0n, amount: 0n },
      ],
    });
  });

  it('pays each slice at its rate at exactly 100% and 125%', () => {
    // 100%: 500 × 2% + 500 × 4% = 10 + 20 = 30
    expect(earnedOn(STD_PLAN, C(1000), target).earned).toBe(C(30));
    expect(amounts(C(1000))).toEqual([
      [C(500), C(10)],
      [C(500), C(20)],
      [0n, 0n],
      [0n, 0n],
    ]);
    // 125%: 30 + 250 × 6% = 30 + 15 = 45
    expect(earnedOn(STD_PLAN, C(1250), target).earned).toBe(C(45));
    expect(amounts(C(1250))[2]).toEqual([C(250), C(15)]);
    expect(amounts(C(1250))[3]).toEqual([0n, 0n]);
  });

  it('pays the accelerator above 125% and a decelerated rate below 50%', () => {
    // 150%: 45 + 250 × 8% = 45 + 20 = 65 (the last 250 earns 20, the 250 before it 15)
    expect(earnedOn(STD_PLAN, C(1500), target).earned).toBe(C(65));
    // 25%: 250 × 2% = 5 (the flat 3% would give 7.5: below target the plan decelerates)
    expect(earnedOn(STD_PLAN, C(250), target).earned).toBe(C(5));
  });

  it('moves into the next tier one unit past each boundary', () => {
    // 500.0025: the 25 units above 50% pay 4%: 25 × 0.04 = 1 unit
    expect(amounts(C(500) + 25n)[1]).toEqual([25n, 1n]);
    // 1000.0025: 25 units at 6% = 1.5 → 2 (half away from zero)
    expect(amounts(C(1000) + 25n)[2]).toEqual([25n, 2n]);
    // 1250.0001: 1 unit at 8% = 0.08 → 0
    expect(amounts(C(1250) + 1n)[3]).toEqual([1n, 0n]);
  });

  it('pays nothing above max_attainment, but reports the real attainment', () => {
    // 200%: 45 + 750 × 8% = 45 + 60 = 105
    expect(earnedOn(STD_PLAN, C(2000), target).earned).toBe(C(105));
    // 300%: capped at 200% → still 105; the last tier pays on 750 only
    const over = earnedOn(STD_PLAN, C(3000), target);
    expect(over.earned).toBe(C(105));
    expect(over.attainment).toBe(3);
    expect(over.tiers[3]).toEqual({ from_attainment: 1.25, to_attainment: 2, rate: 0.08, base: C(750), amount: C(60) });
  });

  it('rounds each tier line half away from zero, and earned is the sum of the lines', () => {
    // target 50 units: bounds 0.5 → 25, 1.0 → 50, 1.25 → 62.5 → 63, 2.0 → 100.
    // base 100 units: 25 × 2% = 0.5 → 1; 25 × 4% = 1; 13 × 6% = 0.78 → 1; 37 × 8% = 2.96 → 3.
    // earned 1 + 1 + 1 + 3 = 6 (not the 5.25 of the unrounded slices)
    const e = earnedOn(STD_PLAN, 100n, 50n);
    expect(e.tiers.map((t) => [t.base, t.amount])).toEqual([
      [25n, 1n],
      [25n, 1n],
      [13n, 1n],
      [37n, 3n],
    ]);
    expect(e.earned).toBe(6n);
    expect(e.attainment).toBe(2);
  });

  it('uses the flat without_target_rate without a target or with a target of 0', () => {
    // 1000 × 3% = 30
    for (const t of [null, 0n]) {
      expect(earnedOn(STD_PLAN, C(1000), t)).toEqual({
        attainment: null,
        earned: C(30),
        tiers: [{ from_attainment: 0, to_attainment: null, rate: 0.03, base: C(1000), amount: C(30) }],
      });
    }
    // 50 units × 3% = 1.5 → 2
    expect(earnedOn(STD_PLAN, 50n, null).earned).toBe(2n);
  });

  it('earns nothing on a negative base', () => {
    expect(earnedOn(STD_PLAN, -C(100), target).earned).toBe(0n);
    expect(earnedOn(STD_PLAN, -C(100), null)).toMatchObject({ earned: 0n, tiers: [{ base: 0n, amount: 0n }] });
  });

  it('decelerates above target and has no cap when max_attainment is null', () => {
    const decelerator: CommissionPlan = {
      id: 'decel',
      name: 'Decelerator',
      effective_from: '2025-Q1',
      tiers: [
        { from_attainment: 0, rate: 0.05 },
        { from_attainment: 1, rate: 0.02 },
      ],
      without_target_rate: 0.03,
      max_attainment: null,
    };
    // 1500: 1000 × 5% + 500 × 2% = 50 + 10 = 60
    const e = earnedOn(decelerator, C(1500), target);
    expect(e.earned).toBe(C(60));
    expect(e.tiers[1]).toEqual({ from_attainment: 1, to_attainment: null, rate: 0.02, base: C(500), amount: C(10) });
    // 10000 (1000%): 50 + 9000 × 2% = 50 + 180 = 230, no cap
    expect(earnedOn(decelerator, C(10_000), target).earned).toBe(C(230));
  });
});

describe('commissionStatements: base and refunds', () => {
  it('reduces the base by a refund in the same quarter', () => {
    // Q1: sales 600 (Feb) and 400 (Jan), refund 200 of the Jan sale in Feb: base 800, target 1000 (80%).
    // earned: 500 × 2% + 300 × 4% = 10 + 12 = 22
    const s1 = sale('s1', 'r1', '2026-02-10', C(600));
    const s0 = sale('s0', 'r1', '2026-01-10', C(400));
    const out = statements({ sales: [s1, s0], refunds: [refund('e1', s0, '2026-02-01', C(200))], targets: { 'r1 2026-Q1': C(1000) } });
    expect([...out.keys()]).toEqual(['2026-Q1']);
    const st = statementOf(out, '2026-Q1', 'r1');
    expect(st).toMatchObject({
      plan: 'std',
      target: C(1000),
      base: C(800),
      attainment: 0.8,
      earned: C(22),
      clawback: 0n,
      adjustment: 0n,
      payable: C(22),
      clawbacks: [],
      adjustments: [],
    });
    // Lines in day order.
    expect(st.sales).toEqual([
      { sale_id: 's0', day: '2026-01-10', amount: C(400) },
      { sale_id: 's1', day: '2026-02-10', amount: C(600) },
    ]);
    expect(st.refunds).toEqual([{ event_id: 'e1', sale_id: 's0', day: '2026-02-01', amount: C(200) }]);
  });

  it("reduces the sale quarter's base by a refund dated before that quarter", () => {
    // Sale in Q2 (Apr 5) 1000, refund dated Mar 30 (Q1) 100: Q2 base 900, no target → 3% = 27.
    // Q1 gets no statement (nothing is credited there).
    const s = sale('s2', 'r1', '2026-04-05', C(1000));
    const out = statements({ sales: [s], refunds: [refund('e2', s, '2026-03-30', C(100))] });
    expect([...out.keys()]).toEqual(['2026-Q2']);
    expect(statementOf(out, '2026-Q2', 'r1')).toMatchObject({ base: C(900), earned: C(27), clawback: 0n, payable: C(27), refunds: [{ event_id: 'e2', amount: C(100) }] });
  });
});

describe('commissionStatements: clawbacks', () => {
  it("claws back a later refund at the sale quarter's effective rate, each line rounded", () => {
    // Q1: sale 1500, target 1000: earned 10 + 20 + 15 + 250 × 8% = 65; effective rate 65 / 1500 = 0.0433…
    // Q2 refunds of it: 100 → 1_000_000 × 650_000 / 15_000_000 = 43_333.3 → 43_333 units;
    //                   0.015 (150 units) → 150 × 650_000 / 15_000_000 = 6.5 → 7 units.
    // Q2: no sales, no target: base 0, earned 0, clawback 43_340, payable −43_340.
    const s = sale('s1', 'r1', '2026-02-01', C(1500));
    const out = statements({
      sales: [s],
      refunds: [refund('e2', s, '2026-05-02', 150n), refund('e1', s, '2026-04-10', C(100))],
      targets: { 'r1 2026-Q1': C(1000) },
    });
    expect([...out.keys()]).toEqual(['2026-Q1', '2026-Q2']);
    expect(statementOf(out, '2026-Q1', 'r1')).toMatchObject({ base: C(1500), earned: C(65), clawback: 0n, payable: C(65), refunds: [] });
    const q2 = statementOf(out, '2026-Q2', 'r1');
    expect(q2).toMatchObject({ target: null, base: 0n, earned: 0n, clawback: 43_340n, adjustment: 0n, payable: -43_340n, sales: [], refunds: [] });
    expect(q2.clawbacks).toEqual([
      { event_id: 'e1', sale_id: 's1', day: '2026-04-10', amount: C(100), sale_period: '2026-Q1', rate: 0.043333, clawback: 43_333n },
      { event_id: 'e2', sale_id: 's1', day: '2026-05-02', amount: 150n, sale_period: '2026-Q1', rate: 0.043333, clawback: 7n },
    ]);
  });

  it('claws back across a year boundary', () => {
    // 2025-Q4: sale 2000, no target → 3% = 60 (rate 0.03). Refund 500 on 2026-01-15 → 500 × 3% = 15.
    // 2026-Q1 also has a sale of 1000 → earned 30; payable 30 − 15 = 15.
    const s9 = sale('s9', 'r1', '2025-11-20', C(2000));
    const out = statements({ sales: [s9, sale('s10', 'r1', '2026-02-02', C(1000))], refunds: [refund('e9', s9, '2026-01-15', C(500))] });
    expect([...out.keys()]).toEqual(['2025-Q4', '2026-Q1']);
    expect(statementOf(out, '2025-Q4', 'r1')).toMatchObject({ base: C(2000), earned: C(60), payable: C(60) });
    expect(statementOf(out, '2026-Q1', 'r1')).toMatchObject({
      base: C(1000),
      earned: C(30),
      clawback: C(15),
      payable: C(15),
      clawbacks: [{ event_id: 'e9', sale_id: 's9', sale_period: '2025-Q4', rate: 0.03, amount: C(500), clawback: C(15) }],
    });
  });

  it('credits a refund to the rep of its sale, not to anyone else', () => {
    // r2 sells 1000 in Q1 (3% → 30); the refund in Q2 claws back from r2 only: 100 × 3% = 3.
    const s = sale('s1', 'r2', '2026-03-01', C(1000));
    const out = statements({ sales: [s, sale('s2', 'r1', '2026-04-02', C(100))], refunds: [refund('e1', s, '2026-04-03', C(100))] });
    expect(statementOf(out, '2026-Q2', 'r1')).toMatchObject({ clawback: 0n, earned: C(3), payable: C(3) });
    expect(statementOf(out, '2026-Q2', 'r2')).toMatchObject({ clawback: C(3), payable: -C(3) });
    expect([...out.get('2026-Q2')!.keys()]).toEqual(['r1', 'r2']);
  });
});

describe('commissionStatements: locked quarters', () => {
  it('keeps a frozen quarter and pays a late sale as an adjustment line in the next open quarter', () => {
    // Q1 locked: r1 was paid 30 on a base of 1000 (no target, 3%). A late Q1 sale of 500 arrives:
    // fresh Q1 = 1500 × 3% = 45; 45 − 30 = 15 goes to Q2.
    // Q2 (open): sale 2000 → 60; refund in Q2 of the Q1 sale s1 (100) is clawed back at the
    // frozen rate 30 / 1000 = 3% → 3. payable = 60 − 3 + 15 = 72.
    const s1 = sale('s1', 'r1', '2026-01-10', C(1000));
    const out = statements({
      sales: [s1, sale('s2', 'r1', '2026-03-28', C(500)), sale('s3', 'r1', '2026-04-10', C(2000))],
      refunds: [refund('e1', s1, '2026-05-01', C(100))],
      locked: { '2026-Q1': { r1: frozen(C(1000), C(30)) } },
    });
    expect([...out.keys()]).toEqual(['2026-Q2']);
    const q2 = statementOf(out, '2026-Q2', 'r1');
    expect(q2).toMatchObject({ base: C(2000), earned: C(60), clawback: C(3), adjustment: C(15), payable: C(72) });
    expect(q2.adjustments).toEqual([{ from_period: '2026-Q1', amount: C(15), reason: '2026-Q1 is locked; events since changed its commission' }]);
    expect(q2.clawbacks).toMatchObject([{ sale_period: '2026-Q1', rate: 0.03, clawback: C(3) }]);
  });

  it('gives a rep with nothing else in the next quarter a statement holding only the adjustment', () => {
    // As above without Q2 sales: Q2 has base 0, earned 0, adjustment 15, payable 15.
    const out = statements({
      sales: [sale('s1', 'r1', '2026-01-10', C(1000)), sale('s2', 'r1', '2026-03-28', C(500))],
      locked: { '2026-Q1': { r1: frozen(C(1000), C(30)) } },
    });
    expect([...out.keys()]).toEqual(['2026-Q2']);
    expect(statementOf(out, '2026-Q2', 'r1')).toMatchObject({ base: 0n, earned: 0n, clawback: 0n, adjustment: C(15), payable: C(15), sales: [] });
  });

  it('skips locked quarters: two consecutive locked quarters send the adjustment to the first open one', () => {
    // Q1 and Q2 locked. r1's late Q1 sale: 45 − 30 = 15 → Q3. r2's Q2 matches its frozen pay: no line.
    const out = statements({
      sales: [sale('s1', 'r1', '2026-01-10', C(1000)), sale('s2', 'r1', '2026-03-28', C(500)), sale('s5', 'r2', '2026-05-05', C(1000))],
      locked: { '2026-Q1': { r1: frozen(C(1000), C(30)) }, '2026-Q2': { r2: frozen(C(1000), C(30)) } },
    });
    expect([...out.keys()]).toEqual(['2026-Q3']);
    expect([...out.get('2026-Q3')!.keys()]).toEqual(['r1']);
    expect(statementOf(out, '2026-Q3', 'r1')).toMatchObject({ adjustment: C(15), payable: C(15), adjustments: [{ from_period: '2026-Q1', amount: C(15) }] });
  });

  it('skips across a year boundary', () => {
    // 2026-Q3 and 2026-Q4 locked; a late Q3 sale (3% of 100 = 3) lands in 2027-Q1.
    const out = statements({
      sales: [sale('s1', 'r1', '2026-08-10', C(1000)), sale('s2', 'r1', '2026-09-30', C(100))],
      locked: { '2026-Q3': { r1: frozen(C(1000), C(30)) }, '2026-Q4': {} },
    });
    expect([...out.keys()]).toEqual(['2027-Q1']);
    expect(statementOf(out, '2027-Q1', 'r1')).toMatchObject({ adjustment: C(3), adjustments: [{ from_period: '2026-Q3', amount: C(3) }] });
  });

  it('recovers a decrease as a negative adjustment (a late refund inside a locked quarter)', () => {
    // Q1 open: sale 1000 → 30 (rate 3%). Q2 locked with nothing clawed back for r1; a refund of 100
    // dated in Q2 now claws back 3 there: delta = 0 − 3 − 0 = −3 → Q3.
    const s1 = sale('s1', 'r1', '2026-01-10', C(1000));
    const out = statements({
      sales: [s1],
      refunds: [refund('e1', s1, '2026-05-01', C(100))],
      locked: { '2026-Q2': { r1: frozen(0n, 0n) } },
    });
    expect([...out.keys()]).toEqual(['2026-Q1', '2026-Q3']);
    expect(statementOf(out, '2026-Q3', 'r1')).toMatchObject({ adjustment: -C(3), payable: -C(3), adjustments: [{ from_period: '2026-Q2', amount: -C(3) }] });
  });

  it('does not pay twice what an earlier adjustment, frozen into a later locked quarter, already settled', () => {
    // Q1 locked (paid 30 on 1000). Q2 locked too, and its frozen statement already paid r1's +15
    // for Q1. Fresh Q1 (1500 → 45): 45 − 30 − 15 = 0, so nothing more.
    const sales = [sale('s1', 'r1', '2026-01-10', C(1000)), sale('s2', 'r1', '2026-03-28', C(500))];
    const locked = {
      '2026-Q1': { r1: frozen(C(1000), C(30)) },
      '2026-Q2': { r1: frozen(0n, 0n, 0n, [{ fromPeriod: '2026-Q1', amount: C(15) }]) },
    };
    expect([...statements({ sales, locked }).keys()]).toEqual([]);
    // Another late Q1 sale of 500 (2000 → 60): 60 − 30 − 15 = 15 more, in Q3.
    const out = statements({ sales: [...sales, sale('s3', 'r1', '2026-03-30', C(500))], locked });
    expect([...out.keys()]).toEqual(['2026-Q3']);
    expect(statementOf(out, '2026-Q3', 'r1')).toMatchObject({ adjustment: C(15), adjustments: [{ from_period: '2026-Q1', amount: C(15) }] });
  });

  it('counts a negative line frozen into the quarter itself against what was settled elsewhere', () => {
    // History: Q1 paid 30, Q2 paid +15 for Q1 and was locked, then Q1 was unlocked (its statement
    // said 45 − 15) and locked again, frozen with earned 45 and the −15 line.
    // settled for Q1 = 15 + (−15) = 0; was = 45 → fresh 45 gives no delta.
    const locked = {
      '2026-Q1': { r1: frozen(C(1500), C(45), 0n, [{ fromPeriod: '2026-Q1', amount: -C(15) }]) },
      '2026-Q2': { r1: frozen(0n, 0n, 0n, [{ fromPeriod: '2026-Q1', amount: C(15) }]) },
    };
    const sales = [sale('s1', 'r1', '2026-01-10', C(1000)), sale('s2', 'r1', '2026-03-28', C(500))];
    expect([...statements({ sales, locked }).keys()]).toEqual([]);
  });

  it('gives an unlocked quarter whose figures were partly settled elsewhere a negative line', () => {
    // Only Q2 is locked, with +15 for Q1 frozen into it. Q1 is open again: earned 45, and the 15
    // already paid in Q2 comes off: adjustment −15, payable 30.
    const out = statements({
      sales: [sale('s1', 'r1', '2026-01-10', C(1000)), sale('s2', 'r1', '2026-03-28', C(500))],
      locked: { '2026-Q2': { r1: frozen(0n, 0n, 0n, [{ fromPeriod: '2026-Q1', amount: C(15) }]) } },
    });
    expect([...out.keys()]).toEqual(['2026-Q1']);
    const q1 = statementOf(out, '2026-Q1', 'r1');
    expect(q1).toMatchObject({ base: C(1500), earned: C(45), adjustment: -C(15), payable: C(30) });
    expect(q1.adjustments).toEqual([{ from_period: '2026-Q1', amount: -C(15), reason: 'already settled as adjustments in 2026-Q2' }]);
  });
});

describe('yearTotal', () => {
  it('sums base, earned, clawback, adjustment and payable of the quarters, with no lines', () => {
    const q = (base: number, earned: number, clawback: number, adjustment: number): Statement => ({
      plan: 'std',
      target: C(1000),
      base: C(base),
      attainment: 1,
      earned: C(earned),
      clawback: C(clawback),
      adjustment: C(adjustment),
      payable: C(earned - clawback + adjustment),
      tiers: [],
      sales: [{ sale_id: 'x', day: '2026-01-01', amount: C(base) }],
      refunds: [],
      clawbacks: [],
      adjustments: [],
    });
    // base 1000 + 1500 + 0 = 2500; earned 30 + 65 + 0 = 95; clawback 0 + 3 + 0 = 3;
    // adjustment 0 + 15 − 5 = 10; payable 30 + 77 − 5 = 102 (= 95 − 3 + 10)
    expect(yearTotal([q(1000, 30, 0, 0), q(1500, 65, 3, 15), q(0, 0, 0, -5)], null)).toEqual({
      plan: null,
      target: null,
      base: C(2500),
      attainment: null,
      earned: C(95),
      clawback: C(3),
      adjustment: C(10),
      payable: C(102),
      tiers: [],
      sales: [],
      refunds: [],
      clawbacks: [],
      adjustments: [],
    });
    expect(yearTotal([], 'std')).toMatchObject({ plan: 'std', base: 0n, earned: 0n, payable: 0n });
  });
});
