import { describe, expect, it } from 'vitest';
import { appraisalSteps, appraisalsFromEvents, linesFromEvents, unitsOfJson, type AppraisalSectionUnits, type LockedPeriod } from '../../shared/appraisal/build-appraisals.ts';
import { linesByQuarter, type RepQuarterLines } from '../../shared/appraisal/commission.ts';
import { TeamHistory } from '../../shared/kpi/attribution.ts';
import { ExactNumber, parseJsonExact } from '../../shared/json/exact-number.ts';
import { buildKpis, eventsOfType } from '../../shared/kpi/build-kpis.ts';
import { toExactJson } from '../../shared/kpi/series.ts';
import type { AppraisalPeriod, AppraisalRow, LockAuditEntry } from '../../shared/snapshot.ts';
import { typed } from '../support/typed-events.ts';
import { TEST_POLICY } from './appraisal-policy.ts';

// Money in 1/10000 units: 1 currency = 10_000n.
const C = (currency: number) => BigInt(Math.round(currency * 10_000));

type Raw = Record<string, unknown>;

const team = (team_id: string): Raw => ({ id: `evt-team-${team_id}`, type: 'team.upserted', occurred_at: '2025-11-01T00:00:00Z', data: { team_id, name: team_id } });
const rep = (rep_id: string, team_id: string, at = '2025-12-01T00:00:00Z'): Raw => ({
  id: `evt-rep-${rep_id}-${team_id}`,
  type: 'rep.upserted',
  occurred_at: at,
  data: { rep_id, name: rep_id, team_id },
});
const sale = (sale_id: string, rep_id: string, customer_id: string, amount: string, at: string): Raw => ({
  id: `evt-sale-${sale_id}`,
  type: 'sale.closed',
  occurred_at: at,
  data: { sale_id, rep_id, customer_id, amount },
});
const refund = (sale_id: string, amount: string, at: string): Raw => ({ id: `evt-refund-${sale_id}`, type: 'sale.refunded', occurred_at: at, data: { sale_id, amount } });
const target = (rep_id: string, period: string, value: string): Raw => ({
  id: `evt-target-${rep_id}-${period}`,
  type: 'target.set',
  occurred_at: '2025-12-15T00:00:00Z',
  data: { scope: 'rep', scope_id: rep_id, metric: 'revenue', period, value },
});
const survey = (n: number, rep_id: string, score: number, at: string): Raw => ({
  id: `evt-survey-${n}`,
  type: 'survey.responded',
  occurred_at: at,
  data: { customer_id: 'c1', score, scale: 'csat5', rep_id },
});
const complaint = (n: number, rep_id: string, at: string): Raw => ({
  id: `evt-ticket-${n}`,
  type: 'ticket.opened',
  occurred_at: at,
  data: { ticket_id: `k${n}`, customer_id: 'c9', kind: 'complaint', rep_id },
});
const feedback = (n: number, team_id: string, score: number, at: string): Raw => ({
  id: `evt-feedback-${n}`,
  type: 'feedback.submitted',
  occurred_at: at,
  data: { topic: 'tools', team_id, score, comment: 'never published' },
});

// ---------------------------------------------------------------------------------------------
// A small company (UTC), as of 2026-05-10: 2026-Q1 closed, 2026-Q2 and 2026 running.
//   t-east: r-ana, r-ben; r-cy joins it from t-west on 2026-02-15.
//   t-west: r-cy (until 2026-02-15), r-dee (moves to t-east on 2026-05-20, after as_of).
//   Q1 revenue targets 1000 for r-ana, r-ben, r-cy; none for r-dee.
//   Q1: r-ana s1 1000 (c1) + s2 200 (c2); r-ben s3 1000 (c3); r-cy s4 1000 (c4); r-dee s5 500 (c5).
//       r-ana CSAT 5 and 4 (mean 4.5); one complaint each for r-ben and r-cy.
//   Q2: r-ana s6 500 (c1 again); r-dee s7 300 (c5 again); s2 refunded (200) on 2026-04-20.
//   Feedback: 5 responses from t-east on "tools" in Q1: 5, 4, 4, 3, 2.
// ---------------------------------------------------------------------------------------------
const AS_OF = Date.parse('2026-05-10T12:00:00Z');

const EVENTS: Raw[] = [
  team('t-east'),
  team('t-west'),
  rep('r-ana', 't-east'),
  rep('r-ben', 't-east'),
  rep('r-cy', 't-west'),
  rep('r-cy', 't-east', '2026-02-15T00:00:00Z'),
  rep('r-dee', 't-west'),
  rep('r-dee', 't-east', '2026-05-20T00:00:00Z'),
  target('r-ana', '2026-Q1', '1000'),
  target('r-ben', '2026-Q1', '1000'),
  target('r-cy', '2026-Q1', '1000'),
  sale('s1', 'r-ana', 'c1', '1000', '2026-01-10T10:00:00Z'),
  sale('s2', 'r-ana', 'c2', '200', '2026-02-10T10:00:00Z'),
  sale('s3', 'r-ben', 'c3', '1000', '2026-01-20T10:00:00Z'),
  sale('s4', 'r-cy', 'c4', '1000', '2026-01-25T10:00:00Z'),
  sale('s5', 'r-dee', 'c5', '500', '2026-03-05T10:00:00Z'),
  sale('s6', 'r-ana', 'c1', '500', '2026-04-15T10:00:00Z'),
  sale('s7', 'r-dee', 'c5', '300', '2026-04-10T10:00:00Z'),
  refund('s2', '200', '2026-04-20T10:00:00Z'),
  survey(1, 'r-ana', 5, '2026-02-01T10:00:00Z'),
  survey(2, 'r-ana', 4, '2026-03-01T10:00:00Z'),
  complaint(1, 'r-ben', '2026-02-05T10:00:00Z'),
  complaint(2, 'r-cy', '2026-02-20T10:00:00Z'),
  ...[5, 4, 4, 3, 2].map((score, i) => feedback(i, 't-east', score, `2026-03-0${i + 1}T10:00:00Z`)),
];

function appraise(
  raws: readonly Raw[],
  options: { asOfMs?: number; timezone?: string; locks?: LockedPeriod[]; audit?: LockAuditEntry[]; linesPerRead?: number } = {},
): AppraisalSectionUnits {
  const events = typed(raws);
  const timezone = options.timezone ?? 'UTC';
  const asOfMs = options.asOfMs ?? AS_OF;
  const { kpis } = buildKpis(events, { timezone, asOfMs });
  return appraisalsFromEvents(events, kpis, { policy: TEST_POLICY, timezone, asOfMs, locks: options.locks, audit: options.audit, linesPerRead: options.linesPerRead });
}

function periodOf(section: AppraisalSectionUnits, period: string): AppraisalPeriod<bigint> {
  const p = section.periods.find((x) => x.period === period);
  if (!p) throw new Error(`no period ${period}`);
  return p;
}

function rowOf(section: AppraisalSectionUnits, period: string, repId: string): AppraisalRow<bigint> {
  const row = periodOf(section, period).rows.find((r) => r.rep_id === repId);
  if (!row) throw new Error(`no row for ${repId} in ${period}`);
  return row;
}

describe('buildAppraisals: a small company from typed events', () => {
  const section = appraise(EVENTS);

  it('has the appraisal periods with activity, quarters before their year, and their status at as_of', () => {
    expect(section.periods.map((p) => [p.period, p.grain, p.scheme, p.status, p.locked_at])).toEqual([
      ['2026-Q1', 'quarter', 'q-sales', 'closed', null],
      ['2026-Q2', 'quarter', 'q-sales', 'running', null],
      ['2026', 'year', 'y-review', 'running', null],
    ]);
    expect(section.policy_version).toBe('test-7');
    expect(section.policy).toBe(TEST_POLICY);
    expect(section.lock_audit).toEqual([]);
  });

  it('has a row per rep with activity in the period', () => {
    expect(periodOf(section, '2026-Q1').rows.map((r) => r.rep_id)).toEqual(['r-ana', 'r-ben', 'r-cy', 'r-dee']);
    expect(periodOf(section, '2026-Q2').rows.map((r) => r.rep_id)).toEqual(['r-ana', 'r-dee']);
    expect(periodOf(section, '2026').rows.map((r) => r.rep_id)).toEqual(['r-ana', 'r-ben', 'r-cy', 'r-dee']);
  });

  it("scores r-ana's Q1 with every component (hand-computed)", () => {
    // net revenue 1200 / target 1000 → 120; new customers c1, c2 → 100 × 2 / 3 = 66.67;
    // CSAT (5 + 4) / 2 = 4.5 → 130; complaints 0 → 120.
    // weighted (5000 × 12000 + 2000 × 6667 + 2000 × 13000 + 1000 × 12000) / 10000
    //   = (60_000_000 + 13_334_000 + 26_000_000 + 12_000_000) / 10000 = 11133.4 → 111.33 → A
    const row = rowOf(section, '2026-Q1', 'r-ana');
    expect(row.score).toBe(111.33);
    expect(row.band).toBe('A');
    expect(row.consequence).toEqual({ summary: 'Exceeds: bonus × 1.2, promotion candidate', bonus_multiplier: 1.2, promotion_candidate: true, improvement_plan: false });
    expect(row.renormalised).toBe(false);
    expect(row.team_id).toBe('t-east');
    expect(row.components).toEqual([
      { metric: 'net_revenue', label: 'Net revenue', actual: C(1200), target: C(1000), weight: 0.5, effective_weight: 0.5, score: 120, status: 'scored', explanation: '100 × 1200 / 1000 = 120' },
      { metric: 'new_customers', label: 'New customers', actual: 2, target: 3, weight: 0.2, effective_weight: 0.2, score: 66.67, status: 'scored', explanation: '100 × 2 / 3 = 66.67' },
      { metric: 'csat', label: 'CSAT', actual: 4.5, target: null, weight: 0.2, effective_weight: 0.2, score: 130, status: 'scored', explanation: '4.5 is at least 4.5: 130 points' },
      { metric: 'complaints', label: 'Complaints', actual: 0, target: null, weight: 0.1, effective_weight: 0.1, score: 120, status: 'scored', explanation: '0 is at most 0: 120 points' },
    ]);
  });

  it('renormalises when a component has no data or no target', () => {
    // r-ben Q1: net 1000 / 1000 → 100; new 1 / 3 → 33.33; no CSAT → no_data; 1 complaint → 100.
    // (5000 × 10000 + 2000 × 3333 + 1000 × 10000) / 8000 = 66_666_000 / 8000 = 8333.25 → 83.33 → C
    // effective weights 0.5 / 0.8 = 0.625, 0.2 / 0.8 = 0.25, 0.1 / 0.8 = 0.125
    const ben = rowOf(section, '2026-Q1', 'r-ben');
    expect(ben.score).toBe(83.33);
    expect(ben.band).toBe('C');
    expect(ben.renormalised).toBe(true);
    expect(ben.components.map((c) => [c.metric, c.status, c.score, c.effective_weight])).toEqual([
      ['net_revenue', 'scored', 100, 0.625],
      ['new_customers', 'scored', 33.33, 0.25],
      ['csat', 'no_data', null, null],
      ['complaints', 'scored', 100, 0.125],
    ]);
    // r-dee Q1: no revenue target → no_target; new 1 / 3 → 33.33; no CSAT; 0 complaints → 120.
    // (2000 × 3333 + 1000 × 12000) / 3000 = 18_666_000 / 3000 = 6222 → 62.22 → D
    const dee = rowOf(section, '2026-Q1', 'r-dee');
    expect(dee.components.map((c) => c.status)).toEqual(['no_target', 'scored', 'no_data', 'scored']);
    expect(dee.score).toBe(62.22);
    expect(dee.band).toBe('D');
    expect(dee.consequence?.improvement_plan).toBe(true);
  });

  it('puts a rep in the team of the period end (closed) or of as_of (running)', () => {
    // r-cy sold in Q1 while in t-west but was in t-east when Q1 ended.
    expect(rowOf(section, '2026-Q1', 'r-cy').team_id).toBe('t-east');
    // r-dee moves to t-east on 2026-05-20: Q2 and 2026 are running at 2026-05-10 → still t-west.
    expect(rowOf(section, '2026-Q2', 'r-dee').team_id).toBe('t-west');
    expect(rowOf(section, '2026', 'r-dee').team_id).toBe('t-west');
    expect(rowOf(section, '2026-Q1', 'r-dee').team_id).toBe('t-west');
  });

  it('ranks within the team, ties sharing a rank', () => {
    // Q1 t-east: r-ana 111.33 → 1; r-ben and r-cy 83.33 each → both 2. t-west: r-dee → 1.
    expect(periodOf(section, '2026-Q1').rows.map((r) => [r.rep_id, r.team_id, r.score, r.rank_in_team])).toEqual([
      ['r-ana', 't-east', 111.33, 1],
      ['r-ben', 't-east', 83.33, 2],
      ['r-cy', 't-east', 83.33, 2],
      ['r-dee', 't-west', 62.22, 1],
    ]);
  });

  it('scores a running quarter from its figures so far', () => {
    // r-ana Q2: no Q2 target → net revenue not scored; new customers 0 (c1 is not new) → 0;
    // no CSAT; complaints 0 → 120. (2000 × 0 + 1000 × 12000) / 3000 = 4000 → 40 → D
    const ana = rowOf(section, '2026-Q2', 'r-ana');
    expect(ana.components.map((c) => [c.metric, c.status, c.score])).toEqual([
      ['net_revenue', 'no_target', null],
      ['new_customers', 'scored', 0],
      ['csat', 'no_data', null],
      ['complaints', 'scored', 120],
    ]);
    expect(ana.score).toBe(40);
    expect(ana.band).toBe('D');
    // Q2 net revenue is 500 − 200 (the refund of s2 is booked in April).
    expect(ana.components[0]!.actual).toBe(C(300));
  });

  it('scores the year with the year scheme', () => {
    // r-ana 2026: no year target (only Q1 has one) → net revenue not scored; margin undefined
    // (sales without cost) → no_data; new customers 2 / 12 → 16.67; CSAT 4.5 → 130; no win rate.
    // (1500 × 1667 + 1500 × 13000) / 3000 = 22_000_500 / 3000 = 7333.5 → 7334 → 73.34 → C
    const ana = rowOf(section, '2026', 'r-ana');
    expect(ana.components.map((c) => [c.metric, c.status, c.score])).toEqual([
      ['net_revenue', 'no_target', null],
      ['margin', 'no_data', null],
      ['new_customers', 'scored', 16.67],
      ['csat', 'scored', 130],
      ['win_rate', 'no_data', null],
    ]);
    expect(ana.score).toBe(73.34);
    expect(ana.band).toBe('C');
    // r-ben, r-cy, r-dee: new customers 1 / 12 → 8.33 only → 8.33; t-east ties r-ben and r-cy at 2.
    expect(periodOf(section, '2026').rows.map((r) => [r.rep_id, r.team_id, r.score, r.rank_in_team])).toEqual([
      ['r-ana', 't-east', 73.34, 1],
      ['r-ben', 't-east', 8.33, 2],
      ['r-cy', 't-east', 8.33, 2],
      ['r-dee', 't-west', 8.33, 1],
    ]);
  });

  it("writes the quarter's commission statement", () => {
    // r-ana Q1: base 1200 against 1000 → 500 × 2% + 500 × 4% + 200 × 6% = 10 + 20 + 12 = 42
    expect(rowOf(section, '2026-Q1', 'r-ana').commission).toEqual({
      plan: 'std',
      target: C(1000),
      base: C(1200),
      attainment: 1.2,
      earned: C(42),
      clawback: 0n,
      adjustment: 0n,
      payable: C(42),
      tiers: [
        { from_attainment: 0, to_attainment: 0.5, rate: 0.02, base: C(500), amount: C(10) },
        { from_attainment: 0.5, to_attainment: 1, rate: 0.04, base: C(500), amount: C(20) },
        { from_attainment: 1, to_attainment: 1.25, rate: 0.06, base: C(200), amount: C(12) },
        { from_attainment: 1.25, to_attainment: 2, rate: 0.08, base: 0n, amount: 0n },
      ],
      sales: [
        { sale_id: 's1', day: '2026-01-10', amount: C(1000) },
        { sale_id: 's2', day: '2026-02-10', amount: C(200) },
      ],
      refunds: [],
      clawbacks: [],
      adjustments: [],
    });
    // r-ana Q2: base 500, no target → 3% = 15; the April refund of s2 (200) claws back at Q1's
    // effective rate 42 / 1200 = 0.035 → 7. payable 15 − 7 = 8.
    expect(rowOf(section, '2026-Q2', 'r-ana').commission).toEqual({
      plan: 'std',
      target: null,
      base: C(500),
      attainment: null,
      earned: C(15),
      clawback: C(7),
      adjustment: 0n,
      payable: C(8),
      tiers: [{ from_attainment: 0, to_attainment: null, rate: 0.03, base: C(500), amount: C(15) }],
      sales: [{ sale_id: 's6', day: '2026-04-15', amount: C(500) }],
      refunds: [],
      clawbacks: [{ event_id: 'evt-refund-s2', sale_id: 's2', day: '2026-04-20', amount: C(200), sale_period: '2026-Q1', rate: 0.035, clawback: C(7) }],
      adjustments: [],
    });
  });

  it("sums the year's commission from its quarters", () => {
    // r-ana: Q1 (base 1200, earned 42) + Q2 (base 500, earned 15, clawback 7): base 1700,
    // earned 57, clawback 7, payable 50.
    expect(rowOf(section, '2026', 'r-ana').commission).toEqual({
      plan: null,
      target: null,
      base: C(1700),
      attainment: null,
      earned: C(57),
      clawback: C(7),
      adjustment: 0n,
      payable: C(50),
      tiers: [],
      sales: [],
      refunds: [],
      clawbacks: [],
      adjustments: [],
    });
    // r-dee: Q1 3% × 500 = 15, Q2 3% × 300 = 9 → 24 on a base of 800.
    expect(rowOf(section, '2026', 'r-dee').commission).toMatchObject({ base: C(800), earned: C(24), payable: C(24) });
    // r-ben: Q1 only: 30.
    expect(rowOf(section, '2026', 'r-ben').commission).toMatchObject({ base: C(1000), earned: C(30), payable: C(30) });
  });

  it('calibrates the period', () => {
    // Q1 scores 111.33, 83.33, 83.33 (t-east) and 62.22 (t-west).
    // company mean 340.21 / 4 = 85.0525 → 85.05; t-east 277.99 / 3 = 92.663 → 92.66.
    // sd of the 4 = 17.45; allowed for t-east 2 × 17.45 / √3 = 20.15 > |92.66 − 85.05| → not flagged.
    expect(periodOf(section, '2026-Q1').calibration).toEqual([
      { team_id: null, rated: 4, mean_score: 85.05, bands: { S: 0, A: 1, B: 0, C: 2, D: 1 }, flagged: false, reason: null },
      { team_id: 't-east', rated: 3, mean_score: 92.66, bands: { S: 0, A: 1, B: 0, C: 2, D: 0 }, flagged: false, reason: null },
      { team_id: 't-west', rated: 1, mean_score: 62.22, bands: { S: 0, A: 0, B: 0, C: 0, D: 1 }, flagged: false, reason: null },
    ]);
  });

  it('aggregates the anonymous feedback per quarter only (years would overlap quarters and allow subtraction)', () => {
    // t-east "tools": 5, 4, 4, 3, 2 → mean 3.6, favourable 3 / 5 = 0.6; the company row is the same.
    const g = { topic: 'tools', responses: 5, mean_score: 3.6, favourable_rate: 0.6 };
    expect(section.feedback).toEqual({
      min_group: 5,
      groups: [
        { period: '2026-Q1', team_id: null, ...g },
        { period: '2026-Q1', team_id: 't-east', ...g },
      ],
      hidden: [],
    });
  });
});

describe('buildAppraisals: later as_of', () => {
  it('closes a quarter after its end and takes the team at its last instant', () => {
    // As of 2026-07-01, Q2 has ended; r-dee moved to t-east on 2026-05-20, before Q2's end.
    const section = appraise(EVENTS, { asOfMs: Date.parse('2026-07-01T00:00:00Z') });
    expect(section.periods.map((p) => [p.period, p.status])).toEqual([
      ['2026-Q1', 'closed'],
      ['2026-Q2', 'closed'],
      ['2026', 'running'],
    ]);
    expect(rowOf(section, '2026-Q2', 'r-dee').team_id).toBe('t-east');
    expect(rowOf(section, '2026', 'r-dee').team_id).toBe('t-east');
    // Q1 still ended with r-dee in t-west.
    expect(rowOf(section, '2026-Q1', 'r-dee').team_id).toBe('t-west');
  });

  it('takes the period end in the org timezone', () => {
    // r-x moves to t-b at 2026-04-01T03:00Z: still 31 March (23:00) in New York, already April in UTC.
    const raws = [
      team('t-a'),
      team('t-b'),
      rep('r-x', 't-a'),
      rep('r-x', 't-b', '2026-04-01T03:00:00Z'),
      sale('s1', 'r-x', 'c1', '100', '2026-02-10T15:00:00Z'),
    ];
    const asOfMs = Date.parse('2026-06-01T00:00:00Z');
    expect(rowOf(appraise(raws, { asOfMs, timezone: 'America/New_York' }), '2026-Q1', 'r-x').team_id).toBe('t-b');
    expect(rowOf(appraise(raws, { asOfMs, timezone: 'UTC' }), '2026-Q1', 'r-x').team_id).toBe('t-a');
  });

  it('marks a year closed once it has ended', () => {
    const section = appraise(EVENTS, { asOfMs: Date.parse('2027-01-02T00:00:00Z') });
    expect(section.periods.map((p) => [p.period, p.status])).toEqual([
      ['2026-Q1', 'closed'],
      ['2026-Q2', 'closed'],
      ['2026', 'closed'],
    ]);
    // The year ended with r-dee in t-east.
    expect(rowOf(section, '2026', 'r-dee').team_id).toBe('t-east');
  });
});

describe('buildAppraisals: locked periods', () => {
  // Lock Q1 as the Worker does: the period's exact JSON, parsed back with parseJsonExact.
  const before = appraise(EVENTS);
  const frozenQ1 = parseJsonExact(toExactJson(periodOf(before, '2026-Q1'))) as AppraisalPeriod<unknown>;
  const lock: LockedPeriod = { period: '2026-Q1', lockedAt: '2026-04-05T09:00:00Z', frozen: frozenQ1 };
  const audit: LockAuditEntry[] = [{ period: '2026-Q1', action: 'lock', at: '2026-04-05T09:00:00Z', by: 'jane.hr', reason: 'Q1 payroll', snapshot_id: 'snap-1' }];
  // After the lock, a late Q1 sale for r-ben (250, on 2026-03-20) arrives.
  const after = appraise([...EVENTS, sale('s8', 'r-ben', 'c3', '250', '2026-03-20T10:00:00Z')], { locks: [lock], audit });

  it('returns the locked period as frozen, with status locked and its lock time', () => {
    expect(periodOf(after, '2026-Q1')).toEqual({ ...frozenQ1, status: 'locked', locked_at: '2026-04-05T09:00:00Z' });
    expect(after.periods.map((p) => [p.period, p.status])).toEqual([
      ['2026-Q1', 'locked'],
      ['2026-Q2', 'running'],
      ['2026', 'running'],
    ]);
    expect(after.lock_audit).toEqual(audit);
  });

  it('pays the late sale as an adjustment in the next open quarter', () => {
    // Fresh Q1 for r-ben: 1250 against 1000 → 10 + 20 + 250 × 6% = 45; frozen 30 → +15 in Q2.
    // r-ben has nothing else in Q2: base 0, earned 0 (3% of 0), payable 15; no KPI row → no score.
    const ben = rowOf(after, '2026-Q2', 'r-ben');
    expect(ben.commission).toMatchObject({
      plan: 'std',
      base: 0n,
      earned: 0n,
      clawback: 0n,
      adjustment: C(15),
      payable: C(15),
      adjustments: [{ from_period: '2026-Q1', amount: C(15), reason: '2026-Q1 is locked; events since changed its commission' }],
    });
    expect(ben.score).toBeNull();
    expect(ben.band).toBeNull();
    expect(ben.rank_in_team).toBeNull();
    expect(ben.team_id).toBe('t-east');
    expect(ben.components.map((c) => c.status)).toEqual(['no_data', 'no_data', 'no_data', 'no_data']);
  });

  it('claws back at the frozen rate and leaves reps whose locked pay is unchanged alone', () => {
    // r-ana's Q2 clawback uses the frozen Q1 figures (42 on 1200): 200 × 0.035 = 7, as before.
    expect(rowOf(after, '2026-Q2', 'r-ana').commission).toMatchObject({ clawback: C(7), adjustment: 0n, payable: C(8) });
    expect(periodOf(after, '2026-Q2').rows.map((r) => r.rep_id)).toEqual(['r-ana', 'r-ben', 'r-dee']);
  });

  it("sums a year over its frozen and open quarters (the year's commission = sum of its quarters)", () => {
    // r-ben 2026: frozen Q1 (base 1000, earned 30) + Q2 (adjustment 15) → base 1000, earned 30,
    // adjustment 15, payable 45.
    expect(rowOf(after, '2026', 'r-ben').commission).toMatchObject({ base: C(1000), earned: C(30), clawback: 0n, adjustment: C(15), payable: C(45) });
    // r-ana 2026: frozen Q1 42 + Q2 (15 − 7) = 50, unchanged by the lock.
    expect(rowOf(after, '2026', 'r-ana').commission).toMatchObject({ base: C(1700), earned: C(57), clawback: C(7), payable: C(50) });
  });
});

describe('unitsOfJson (frozen statement amounts)', () => {
  it('reads plain, negative and exact JSON numbers into units', () => {
    expect(unitsOfJson(42)).toBe(C(42));
    expect(unitsOfJson(-7)).toBe(-C(7));
    expect(unitsOfJson(0.0001)).toBe(1n);
    expect(unitsOfJson(new ExactNumber('999999999999.0003'))).toBe(9_999_999_999_990_003n);
    expect(unitsOfJson(new ExactNumber('-0.5'))).toBe(-5_000n);
  });

  it('reads a frozen total above the 1e12 limit of a single amount (sums of sales can pass it)', () => {
    // Two sales of 1e12 in a quarter make a base of 2e12 = 20_000_000_000_000_000 units.
    expect(unitsOfJson(2_000_000_000_000)).toBe(20_000_000_000_000_000n);
    expect(unitsOfJson(new ExactNumber('2000000000000.5'))).toBe(20_000_000_000_005_000n);
  });

  it('lets a locked quarter whose base passed 1e12 be recomputed', () => {
    // r-big sells 1e12 twice in Q1 (no target → 3%: earned 6e10); Q1 is locked with that.
    const raws = [team('t-a'), rep('r-big', 't-a'), sale('b1', 'r-big', 'c1', '1000000000000', '2026-01-10T00:00:00Z'), sale('b2', 'r-big', 'c2', '1000000000000', '2026-02-10T00:00:00Z')];
    const first = appraise(raws);
    expect(rowOf(first, '2026-Q1', 'r-big').commission.base).toBe(C(2_000_000_000_000));
    const frozen = parseJsonExact(toExactJson(periodOf(first, '2026-Q1'))) as AppraisalPeriod<unknown>;
    const again = () => appraise(raws, { locks: [{ period: '2026-Q1', lockedAt: '2026-04-02T00:00:00Z', frozen }] });
    expect(again).not.toThrow();
    // Nothing changed since the lock: the year still sums to 3% of 2e12 = 6e10.
    expect(rowOf(again(), '2026', 'r-big').commission).toMatchObject({ earned: C(60_000_000_000), adjustment: 0n });
  });
});

describe('buildAppraisals: statements of reps without sales', () => {
  it('names the plan in force for a rep with a KPI row but no commission activity', () => {
    // r-cy has a Q2 revenue target (1000) and nothing else in Q2: a target-only KPI row, earning 0
    // under the plan in force (std). snapshot.ts: plan is "the plan in force (null: none)".
    const section = appraise([...EVENTS, target('r-cy', '2026-Q2', '1000')]);
    const cy = rowOf(section, '2026-Q2', 'r-cy');
    // net revenue 0 / 1000 → 0; new customers 0 → 0; complaints 0 → 120:
    // (5000 × 0 + 2000 × 0 + 1000 × 12000) / 8000 = 1500 → 15 → D
    expect(cy.score).toBe(15);
    expect(cy.commission).toMatchObject({ target: C(1000), base: 0n, earned: 0n, payable: 0n });
    expect(cy.commission.plan).toBe('std');
  });
});

describe('appraisalSteps: lines asked for a slice at a time', () => {
  const events = typed(EVENTS);
  const { kpis } = buildKpis(events, { timezone: 'UTC', asOfMs: AS_OF });
  const lines = linesFromEvents(events, 'UTC');
  const basis = {
    policy: TEST_POLICY, timezone: 'UTC', asOfMs: AS_OF, kpis, targetEvents: eventsOfType(events, 'target.set'),
    history: new TeamHistory(eventsOfType(events, 'rep.upserted')), feedback: [], locks: [], audit: [],
  };
  /** The requests the steps make when every line is at hand, answering each from memory. */
  function requests(linesPerRead: number): { quarter: string; repIds: string[]; lines: number }[] {
    const { activity, lines: byQuarter } = linesByQuarter(lines.sales, lines.refunds);
    const asked: { quarter: string; repIds: string[]; lines: number }[] = [];
    const steps = appraisalSteps(basis, activity, linesPerRead);
    let reply: Map<string, RepQuarterLines> | undefined;
    for (let step = steps.next(); !step.done; step = steps.next(reply)) {
      reply = undefined;
      if (step.value.kind !== 'lines') continue;
      const { quarter, repIds } = step.value;
      reply = new Map(repIds.map((r) => [r, byQuarter.get(quarter)!.get(r)!]));
      asked.push({ quarter, repIds, lines: repIds.reduce((n, r) => n + activity.get(quarter)!.get(r)!, 0) });
    }
    return asked;
  }

  it('asks for each quarter once when the lines fit, and for one rep at a time when only one does', () => {
    const whole = requests(Number.POSITIVE_INFINITY);
    expect(whole.map((r) => r.quarter)).toEqual(['2026-Q1', '2026-Q2']);
    const single = requests(1);
    expect(single.every((r) => r.repIds.length === 1)).toBe(true);
    // Every rep with lines is asked for exactly once per quarter, whatever the slices.
    const pairs = (asked: typeof whole) => asked.flatMap((r) => r.repIds.map((rep) => `${r.quarter} ${rep}`)).sort();
    expect(pairs(single)).toEqual(pairs(whole));
    expect(single.length).toBe(pairs(whole).length);
    // Slices of 3 lines: several reps where they fit, never over 3 unless one rep alone is.
    for (const r of requests(3)) if (r.repIds.length > 1) expect(r.lines).toBeLessThanOrEqual(3);
  });

  it('gives the same appraisals in slices of one line as all at once, locks and adjustments included', () => {
    expect(appraise(EVENTS, { linesPerRead: 1 })).toEqual(appraise(EVENTS));
    const frozen = parseJsonExact(toExactJson(periodOf(appraise(EVENTS), '2026-Q1'))) as AppraisalPeriod<unknown>;
    const locks = [{ period: '2026-Q1', lockedAt: '2026-04-05T09:00:00Z', frozen }];
    const late = [...EVENTS, sale('s8', 'r-ben', 'c3', '250', '2026-03-20T10:00:00Z')];
    const sliced = appraise(late, { locks, linesPerRead: 1 });
    expect(sliced).toEqual(appraise(late, { locks }));
    expect(rowOf(sliced, '2026-Q2', 'r-ben').commission.adjustment).toBe(C(15));
  });
});
