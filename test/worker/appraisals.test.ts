/**
 * Appraisals and commissions end to end: signed events → D1 → recompute → GET /v1/appraisals,
 * the lock / unlock admin calls, and the anonymous feedback aggregates, on a small company whose
 * every figure is worked out by hand below from shared/policy/policy.json (UTC):
 *
 * Quarterly scheme `quarterly-sales` (2025-Q1 on): net_revenue 0.5 (linear against the rep's
 * revenue target, floor 0, cap 150), new_customers 0.2 (linear against a fixed 1, cap 150),
 * csat 0.2 (bands: ≥4.5 → 130, ≥4.0 → 100, ≥3.5 → 70, else 30), complaints 0.1 (lower is
 * better: ≤0 → 120, ≤2 → 100, ≤4 → 60, else 20). Bands: S ≥120, A ≥105, B ≥90, C ≥70, D ≥0.
 * The first test checks these numbers, so a change of the policy fails there first, not in a
 * puzzling figure further down.
 * Commission `standard-commission`: marginal tiers 2% from 0, 4% from 0.5, 6% from 1.0, 8% from
 * 1.25 attainment, nothing above 2.0; 3% flat without a target.
 *
 * Teams t_east (rep_a, rep_b) and t_west (rep_c, rep_d). 2025-Q1:
 * - rep_a: target 10000 for 2025-Q1. Sales A1 6000, A2 5000, A3 1000, all to cust_a1 (one new
 *   customer); refund RF1 of A2, 1000, in February (same quarter). CSAT 5, 4, 4; 1 complaint.
 * - rep_b: monthly targets 2000 for 2025-01..03 (February first set to 3000, then revised to
 *   2000), so the quarter's target is 6000. Sales B1 9000 (cust_b1), B2 4000 (cust_b2). No CSAT
 *   response (only an nps10 one, which is not CSAT); a service ticket, which is no complaint.
 * - rep_c: no target. Sale C1 2500 (cust_c1). CSAT 3, 3; 4 complaints.
 * 2025-Q2: rep_a sells A4 3000 (cust_a4) and refunds 2200 of A1 (a Q1 sale): a clawback.
 * Now: rep_d sells in the running quarter (so there is a running period to refuse to lock).
 * Anonymous feedback in 2025-Q1 on two topics (see the feedback tests), one response in Q2.
 * Then 2025-Q1 is locked, a late sale A5 (rep_a, 1500, cust_a5) arrives, and Q1 is unlocked.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { lockPeriod, lockedPeriodTexts, readLocks, unlockPeriod } from '../../worker/db/appraisals.ts';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import type { AppraisalsResponse } from '../../worker/routes/read.ts';
import type { AppraisalRow, CommissionStatement, FeedbackGroup, Snapshot } from '../../shared/snapshot.ts';
import { POLICY } from '../../shared/policy/policy.ts';
import { planFor, schemeFor } from '../../shared/policy/schema.ts';
import { BASE, postEvents, read } from './helpers.ts';

const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });
const sale = (id: string, rep: string, customer: string, amount: number, cost: number, at: string) =>
  ev(`e_${id}`, 'sale.closed', at, { sale_id: id, rep_id: rep, customer_id: customer, amount, cost });
const csat = (id: string, rep: string, customer: string, score: number, at: string) =>
  ev(id, 'survey.responded', at, { customer_id: customer, score, scale: 'csat5', rep_id: rep });
const complaint = (id: string, rep: string, at: string) => ev(id, 'ticket.opened', at, { ticket_id: id, customer_id: 'cust_x', kind: 'complaint', rep_id: rep });
const feedback = (id: string, team: string, topic: string, score: number, extra: Record<string, unknown> = {}) =>
  ev(id, 'feedback.submitted', '2025-02-01T10:00:00Z', { topic, team_id: team, score, ...extra });

const SECRET_COMMENT = 'SECRET-COMMENT: rep_c was rude to me';
const NOW = Date.now();
const RUNNING_QUARTER = `${new Date(NOW).getUTCFullYear()}-Q${Math.floor(new Date(NOW).getUTCMonth() / 3) + 1}`;

const EVENTS = [
  ev('t1', 'team.upserted', '2024-12-01T00:00:00Z', { team_id: 't_east', name: 'East' }),
  ev('t2', 'team.upserted', '2024-12-01T00:00:00Z', { team_id: 't_west', name: 'West' }),
  ev('r_a', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_a', name: 'Ana', team_id: 't_east' }),
  ev('r_b', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_b', name: 'Ben', team_id: 't_east' }),
  ev('r_c', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_c', name: 'Cleo', team_id: 't_west' }),
  ev('r_d', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_d', name: 'Dan', team_id: 't_west' }),
  ev('g_a', 'target.set', '2024-12-01T00:00:00Z', { scope: 'rep', scope_id: 'rep_a', metric: 'revenue', period: '2025-Q1', value: 10000 }),
  ev('g_b1', 'target.set', '2024-12-01T00:00:00Z', { scope: 'rep', scope_id: 'rep_b', metric: 'revenue', period: '2025-01', value: 2000 }),
  ev('g_b2', 'target.set', '2024-12-01T00:00:00Z', { scope: 'rep', scope_id: 'rep_b', metric: 'revenue', period: '2025-02', value: 3000 }),
  ev('g_b2r', 'target.set', '2025-01-15T00:00:00Z', { scope: 'rep', scope_id: 'rep_b', metric: 'revenue', period: '2025-02', value: '2000' }),
  ev('g_b3', 'target.set', '2024-12-01T00:00:00Z', { scope: 'rep', scope_id: 'rep_b', metric: 'revenue', period: '2025-03', value: 2000 }),
  // 2025-Q1 sales and the in-quarter refund.
  sale('A1', 'rep_a', 'cust_a1', 6000, 3000, '2025-01-15T10:00:00Z'),
  sale('A2', 'rep_a', 'cust_a1', 5000, 2500, '2025-02-10T10:00:00Z'),
  sale('A3', 'rep_a', 'cust_a1', 1000, 400, '2025-03-05T10:00:00Z'),
  sale('B1', 'rep_b', 'cust_b1', 9000, 5000, '2025-01-20T10:00:00Z'),
  sale('B2', 'rep_b', 'cust_b2', 4000, 2000, '2025-03-15T10:00:00Z'),
  sale('C1', 'rep_c', 'cust_c1', 2500, 1500, '2025-02-20T10:00:00Z'),
  ev('RF1', 'sale.refunded', '2025-02-25T10:00:00Z', { sale_id: 'A2', amount: 1000, cost: 500 }),
  // 2025-Q2: a new sale and a refund of a Q1 sale.
  sale('A4', 'rep_a', 'cust_a4', 3000, 1000, '2025-04-20T10:00:00Z'),
  ev('RF2', 'sale.refunded', '2025-05-10T10:00:00Z', { sale_id: 'A1', amount: 2200, cost: 1100 }),
  // Surveys and tickets in 2025-Q1.
  csat('q_a1', 'rep_a', 'cust_a1', 5, '2025-01-20T00:00:00Z'),
  csat('q_a2', 'rep_a', 'cust_a1', 4, '2025-02-15T00:00:00Z'),
  csat('q_a3', 'rep_a', 'cust_a1', 4, '2025-03-10T00:00:00Z'),
  ev('q_b1', 'survey.responded', '2025-02-01T00:00:00Z', { customer_id: 'cust_b1', score: 9, scale: 'nps10', rep_id: 'rep_b' }),
  csat('q_c1', 'rep_c', 'cust_c1', 3, '2025-02-21T00:00:00Z'),
  csat('q_c2', 'rep_c', 'cust_c1', 3, '2025-03-01T00:00:00Z'),
  complaint('k_a1', 'rep_a', '2025-02-01T00:00:00Z'),
  ev('k_b1', 'ticket.opened', '2025-02-01T00:00:00Z', { ticket_id: 'k_b1', customer_id: 'cust_b1', kind: 'service', rep_id: 'rep_b' }),
  complaint('k_c1', 'rep_c', '2025-01-10T00:00:00Z'),
  complaint('k_c2', 'rep_c', '2025-02-10T00:00:00Z'),
  complaint('k_c3', 'rep_c', '2025-03-10T00:00:00Z'),
  complaint('k_c4', 'rep_c', '2025-03-11T00:00:00Z'),
  // Anonymous feedback in 2025-Q1. workload: East 5 responses (shown), West 4 (hidden).
  ...[5, 4, 4, 3, 2].map((score, i) => feedback(`fb_we${i}`, 't_east', 'workload', score)),
  ...[5, 5, 5, 5].map((score, i) => feedback(`fb_ww${i}`, 't_west', 'workload', score)),
  // tools: East 5 and West 5 (the last one carries fields that must never be stored).
  ...[5, 5, 5, 4, 1].map((score, i) => feedback(`fb_te${i}`, 't_east', 'tools', score)),
  ...[3, 3, 3, 3].map((score, i) => feedback(`fb_tw${i}`, 't_west', 'tools', score)),
  feedback('fb_tw4', 't_west', 'tools', 4, { rep_id: 'rep_c', email: 'someone@example.com', comment: SECRET_COMMENT }),
  // One East workload response in 2025-Q2: alone in its quarter, so hidden; a 2025 group
  // (6 responses) less the shown Q1 group (5) would give it away, so no year groups exist.
  { ...feedback('fb_we_q2', 't_east', 'workload', 1), occurred_at: '2025-05-02T10:00:00Z' },
  // In the quarter running now.
  sale('D1', 'rep_d', 'cust_d1', 100, 50, new Date(NOW - 60_000).toISOString()),
];

async function appraisals(query: string): Promise<{ body: AppraisalsResponse; text: string }> {
  const response = await read(`/v1/appraisals?${query}`);
  expect(response.status, query).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  return { body: JSON.parse(text) as AppraisalsResponse, text };
}

/** The rows of a GET /v1/appraisals answer exactly as sent (everything from `"rows":` on). */
const rowsText = (text: string) => text.slice(text.indexOf(',"rows":['));

async function snapshot(): Promise<{ body: Snapshot; text: string }> {
  const response = await read('/v1/snapshot');
  expect(response.status).toBe(200);
  const text = await response.text();
  return { body: JSON.parse(text) as Snapshot, text };
}

function admin(path: string, body?: unknown, token: string | null = env.ADMIN_TOKEN): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const init: RequestInit = { method: 'POST', headers };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return SELF.fetch(`${BASE}/v1/admin${path}`, init);
}

async function problem(response: Response, status: number, slug: string): Promise<Record<string, any>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Record<string, any>;
  expect(body.type).toBe(`/v1/problems/${slug}`);
  expect(body.status).toBe(status);
  return body;
}

const rowOf = (rows: AppraisalRow[], rep: string) => {
  const row = rows.find((r) => r.rep_id === rep);
  expect(row, rep).toBeDefined();
  return row!;
};
const component = (row: AppraisalRow, metric: string) => row.components.find((c) => c.metric === metric)!;

async function recomputeNow(): Promise<void> {
  expect(await runRecompute(env, { nowMs: NOW })).not.toBeNull();
}

describe('the policy the hand computations assume', () => {
  it('is shared/policy/policy.json with these numbers', () => {
    const scheme = schemeFor(POLICY, '2025-Q1')!;
    expect(scheme.id).toBe('quarterly-sales');
    expect(scheme.components.map((c) => [c.metric, c.weight, c.direction, c.target ?? null, c.rule])).toEqual([
      ['net_revenue', 0.5, 'higher', { from: 'targets' }, { kind: 'linear', floor: 0, cap: 150 }],
      ['new_customers', 0.2, 'higher', { value: 1 }, { kind: 'linear', floor: 0, cap: 150 }],
      ['csat', 0.2, 'higher', null, { kind: 'bands', bands: [{ threshold: 4.5, score: 130 }, { threshold: 4, score: 100 }, { threshold: 3.5, score: 70 }], otherwise: 30 }],
      ['complaints', 0.1, 'lower', null, { kind: 'bands', bands: [{ threshold: 0, score: 120 }, { threshold: 2, score: 100 }, { threshold: 4, score: 60 }], otherwise: 20 }],
    ]);
    expect(scheme.bands.map((b) => [b.band, b.min_score, b.bonus_multiplier])).toEqual([['S', 120, 1.5], ['A', 105, 1.2], ['B', 90, 1], ['C', 70, 0.5], ['D', 0, 0]]);
    expect(planFor(POLICY, '2025-Q1')).toMatchObject({
      id: 'standard-commission',
      tiers: [{ from_attainment: 0, rate: 0.02 }, { from_attainment: 0.5, rate: 0.04 }, { from_attainment: 1, rate: 0.06 }, { from_attainment: 1.25, rate: 0.08 }],
      without_target_rate: 0.03,
      max_attainment: 2,
    });
    expect(planFor(POLICY, '2025-Q2')!.id).toBe('standard-commission');
    expect(POLICY.feedback_min_group).toBe(5);
  });
});

describe('before the first recompute', () => {
  it('GET /v1/appraisals answers 404 no-snapshot, and locking answers 409 no-snapshot', async () => {
    await problem(await read('/v1/appraisals?period=2025-Q1'), 404, 'no-snapshot');
    await problem(await admin('/periods/2025-Q1/lock'), 409, 'no-snapshot');
  });
});

describe('appraisals and commissions on hand-computed figures', () => {
  let q1: AppraisalsResponse;
  let q1Text: string;

  beforeAll(async () => {
    const posted = await postEvents({ events: EVENTS });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ accepted: EVENTS.length, duplicates: 0, conflicts: [] });
    await recomputeNow();
    ({ body: q1, text: q1Text } = await appraisals('period=2025-Q1'));
  });

  it('answers the period head: scheme, status closed, not locked, one row per rep with activity', async () => {
    const latest = (await snapshot()).body;
    expect(q1).toMatchObject({ as_of: latest.as_of, snapshot_id: latest.snapshot_id, currency: 'USD', period: '2025-Q1', scheme: 'quarterly-sales', status: 'closed', locked: false });
    expect(q1.rows.map((r) => r.rep_id)).toEqual(['rep_a', 'rep_b', 'rep_c']);
  });

  it('scores rep_a on all four standards: 105.00 exactly, band A', () => {
    const a = rowOf(q1.rows, 'rep_a');
    // net revenue = 12000 sold − 1000 refunded in the quarter = 11000 against 10000: 100 × 1.1 = 110.
    expect(component(a, 'net_revenue')).toMatchObject({ actual: 11000, target: 10000, weight: 0.5, effective_weight: 0.5, score: 110, status: 'scored', explanation: '100 × 11000 / 10000 = 110' });
    // 1 new customer (cust_a1, three sales) against the fixed 1: 100.
    expect(component(a, 'new_customers')).toMatchObject({ actual: 1, target: 1, weight: 0.2, effective_weight: 0.2, score: 100, status: 'scored', explanation: '100 × 1 / 1 = 100' });
    // CSAT (5 + 4 + 4) / 3 = 4.333: at least 4.0 but below 4.5 → 100.
    expect(component(a, 'csat')).toMatchObject({ target: null, weight: 0.2, score: 100, status: 'scored', explanation: '4.3333 is at least 4: 100 points' });
    expect(component(a, 'csat').actual).toBeCloseTo(13 / 3, 12);
    // 1 complaint: not 0, at most 2 → 100.
    expect(component(a, 'complaints')).toMatchObject({ actual: 1, target: null, weight: 0.1, score: 100, status: 'scored' });
    // 0.5 × 110 + 0.2 × 100 + 0.2 × 100 + 0.1 × 100 = 105: exactly A's minimum.
    expect(a).toMatchObject({ team_id: 't_east', score: 105, band: 'A', renormalised: false, rank_in_team: 2 });
    expect(a.consequence).toEqual({ summary: 'Exceeds: bonus × 1.2, promotion candidate', bonus_multiplier: 1.2, promotion_candidate: true, improvement_plan: false });
  });

  it('renormalises rep_b over the scored weights when there is no CSAT response: 146.25, band S', () => {
    const b = rowOf(q1.rows, 'rep_b');
    // Target from the months 2000 + 2000 (the revision of February wins) + 2000 = 6000;
    // 100 × 13000 / 6000 = 216.67 → capped at 150.
    expect(component(b, 'net_revenue')).toMatchObject({ actual: 13000, target: 6000, score: 150, effective_weight: 0.625, status: 'scored', explanation: '100 × 13000 / 6000 = 216.67, capped at 150' });
    // 2 new customers against 1: 200 → capped at 150.
    expect(component(b, 'new_customers')).toMatchObject({ actual: 2, target: 1, score: 150, effective_weight: 0.25, explanation: '100 × 2 / 1 = 200, capped at 150' });
    // Only an nps10 response: CSAT is undefined, not scored.
    expect(component(b, 'csat')).toMatchObject({ actual: null, score: null, effective_weight: null, status: 'no_data', weight: 0.2 });
    // The service ticket is no complaint: 0 → 120.
    expect(component(b, 'complaints')).toMatchObject({ actual: 0, score: 120, effective_weight: 0.125 });
    // (0.5 × 150 + 0.2 × 150 + 0.1 × 120) / 0.8 = (75 + 30 + 12) / 0.8 = 146.25; weights 0.625, 0.25, 0.125.
    expect(b).toMatchObject({ team_id: 't_east', score: 146.25, band: 'S', renormalised: true, rank_in_team: 1 });
    expect(b.consequence).toEqual({ summary: 'Outstanding: bonus × 1.5, promotion candidate', bonus_multiplier: 1.5, promotion_candidate: true, improvement_plan: false });
  });

  it('leaves net revenue unscored without a target (rep_c): 64, band D with an improvement plan', () => {
    const c = rowOf(q1.rows, 'rep_c');
    expect(component(c, 'net_revenue')).toMatchObject({ actual: 2500, target: null, score: null, status: 'no_target', effective_weight: null });
    // 1 new customer: 100; CSAT 3.0 reaches no band: 30; 4 complaints: at most 4 (inclusive) → 60.
    expect(component(c, 'new_customers')).toMatchObject({ actual: 1, score: 100, effective_weight: 0.4 });
    expect(component(c, 'csat')).toMatchObject({ actual: 3, score: 30, effective_weight: 0.4, explanation: '3 reaches no band (best: at least 4.5): 30 points' });
    expect(component(c, 'complaints')).toMatchObject({ actual: 4, score: 60, effective_weight: 0.2, explanation: '4 is at most 4: 60 points' });
    // (0.2 × 100 + 0.2 × 30 + 0.1 × 60) / 0.5 = 32 / 0.5 = 64.
    expect(c).toMatchObject({ team_id: 't_west', score: 64, band: 'D', renormalised: true, rank_in_team: 1 });
    expect(c.consequence).toEqual({ summary: 'Below: bonus × 0, improvement plan', bonus_multiplier: 0, promotion_candidate: false, improvement_plan: true });
  });

  it('pays rep_a by marginal tiers on sales less the in-quarter refund', () => {
    const commission = rowOf(q1.rows, 'rep_a').commission;
    // Base 11000 against 10000: 5000 × 2% + 5000 × 4% + 1000 × 6% = 100 + 200 + 60 = 360.
    expect(commission).toEqual({
      plan: 'standard-commission', target: 10000, base: 11000, attainment: 1.1, earned: 360, clawback: 0, adjustment: 0, payable: 360,
      tiers: [
        { from_attainment: 0, to_attainment: 0.5, rate: 0.02, base: 5000, amount: 100 },
        { from_attainment: 0.5, to_attainment: 1, rate: 0.04, base: 5000, amount: 200 },
        { from_attainment: 1, to_attainment: 1.25, rate: 0.06, base: 1000, amount: 60 },
        { from_attainment: 1.25, to_attainment: 2, rate: 0.08, base: 0, amount: 0 },
      ],
      sales: [
        { sale_id: 'A1', day: '2025-01-15', amount: 6000 },
        { sale_id: 'A2', day: '2025-02-10', amount: 5000 },
        { sale_id: 'A3', day: '2025-03-05', amount: 1000 },
      ],
      refunds: [{ event_id: 'RF1', sale_id: 'A2', day: '2025-02-25', amount: 1000 }],
      clawbacks: [],
      adjustments: [],
    } satisfies CommissionStatement);
  });

  it('stops paying above max attainment (rep_b) and pays the flat rate without a target (rep_c)', () => {
    const b = rowOf(q1.rows, 'rep_b').commission;
    // 13000 against 6000 is capped at 2.0 × 6000 = 12000: 3000 × 2% + 3000 × 4% + 1500 × 6% + 4500 × 8% = 60 + 120 + 90 + 360.
    expect(b.tiers.map((t) => [t.base, t.amount])).toEqual([[3000, 60], [3000, 120], [1500, 90], [4500, 360]]);
    expect(b).toMatchObject({ target: 6000, base: 13000, earned: 630, payable: 630 });
    expect(b.attainment).toBeCloseTo(13000 / 6000, 12);
    const c = rowOf(q1.rows, 'rep_c').commission;
    // 2500 × 3% = 75.
    expect(c).toMatchObject({ target: null, base: 2500, attainment: null, earned: 75, payable: 75 });
    expect(c.tiers).toEqual([{ from_attainment: 0, to_attainment: null, rate: 0.03, base: 2500, amount: 75 }]);
  });

  it('calibrates the period: company first, then each team', async () => {
    const period = (await snapshot()).body.appraisals.periods.find((p) => p.period === '2025-Q1')!;
    expect(period.calibration).toEqual([
      // (105 + 146.25 + 64) / 3 = 105.0833 → 105.08
      { team_id: null, rated: 3, mean_score: 105.08, bands: { S: 1, A: 1, B: 0, C: 0, D: 1 }, flagged: false, reason: null },
      // (105 + 146.25) / 2 = 125.625 → 125.63; fewer than 3 reps: never flagged.
      { team_id: 't_east', rated: 2, mean_score: 125.63, bands: { S: 1, A: 1, B: 0, C: 0, D: 0 }, flagged: false, reason: null },
      { team_id: 't_west', rated: 1, mean_score: 64, bands: { S: 0, A: 0, B: 0, C: 0, D: 1 }, flagged: false, reason: null },
    ]);
  });

  it('claws back a later refund of a Q1 sale in Q2, at Q1’s effective rate, as its own line', async () => {
    const { body } = await appraisals('period=2025-Q2');
    expect(body.rows.map((r) => r.rep_id)).toEqual(['rep_a']);
    const commission = body.rows[0]!.commission;
    // Q2 base: A4 3000, no Q2 target → 3% = 90. RF2 (2200 of A1) claws back 2200 × 360 / 11000 = 72
    // at the rate 360 / 11000 = 0.0327272… (0.032727 to 6 decimals). Payable 90 − 72 = 18.
    expect(commission).toMatchObject({ target: null, base: 3000, earned: 90, clawback: 72, adjustment: 0, payable: 18, refunds: [], adjustments: [] });
    expect(commission.clawbacks).toEqual([{ event_id: 'RF2', sale_id: 'A1', day: '2025-05-10', amount: 2200, sale_period: '2025-Q1', rate: 0.032727, clawback: 72 }]);
    // The KPI side credits the refund to Q2: net revenue 3000 − 2200 = 800 (no target: not scored).
    expect(component(body.rows[0]!, 'net_revenue')).toMatchObject({ actual: 800, target: null, status: 'no_target' });
    // New customer cust_a4: 100; no complaint: 120; no CSAT response in Q2 either:
    // (0.2 × 100 + 0.1 × 120) / 0.3 = 106.666… → 106.67, band A.
    expect(body.rows[0]).toMatchObject({ score: 106.67, band: 'A', renormalised: true });
  });

  it('sums a year’s commission from its quarters', async () => {
    const a = rowOf((await appraisals('period=2025')).body.rows, 'rep_a').commission;
    // earned 360 + 90 = 450, clawback 72, payable 378; the lines stay in the quarters.
    expect(a).toMatchObject({ base: 14000, earned: 450, clawback: 72, adjustment: 0, payable: 378, tiers: [], sales: [], clawbacks: [] });
  });

  it('filters one rep with ?rep=, byte-identical to that rep’s row in the whole period', async () => {
    const { body, text } = await appraisals('period=2025-Q1&rep=rep_b');
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toEqual(rowOf(q1.rows, 'rep_b'));
    expect(q1Text).toContain(text.slice(text.indexOf('"rows":[') + 8, -2));
  });

  it('answers 400 for a missing or malformed period and an empty rep', async () => {
    for (const query of ['', 'period=2025-Q5', 'period=2025-03', 'period=25-Q1']) {
      expect((await problem(await read(`/v1/appraisals?${query}`), 400, 'bad-request')).parameter, query).toBe('period');
    }
    expect((await problem(await read('/v1/appraisals?period=2025-Q1&rep='), 400, 'bad-request')).parameter).toBe('rep');
  });

  it('answers 404 for a period or rep without an appraisal', async () => {
    expect((await problem(await read('/v1/appraisals?period=2019-Q1'), 404, 'not-found')).period).toBe('2019-Q1');
    // rep_d sold only in the running quarter: no 2025-Q1 row.
    expect(await problem(await read('/v1/appraisals?period=2025-Q1&rep=rep_d'), 404, 'not-found')).toMatchObject({ period: '2025-Q1', rep: 'rep_d' });
    await problem(await read('/v1/appraisals?period=2025-Q1&rep=nobody'), 404, 'not-found');
  });

  it('answers 401 without the read token, or with the admin token', async () => {
    await problem(await SELF.fetch(`${BASE}/v1/appraisals?period=2025-Q1`), 401, 'unauthorized');
    await problem(await read('/v1/appraisals?period=2025-Q1', env.ADMIN_TOKEN), 401, 'unauthorized');
  });

  describe('locking and unlocking a quarter', () => {
    let lockedAt: string;
    let frozenFrom: string;
    let q1RowsBeforeLock: string;

    beforeAll(() => {
      q1RowsBeforeLock = rowsText(q1Text);
    });

    it('needs ADMIN_TOKEN', async () => {
      await problem(await admin('/periods/2025-Q1/lock', undefined, null), 401, 'unauthorized');
      await problem(await admin('/periods/2025-Q1/lock', undefined, env.READ_TOKEN), 401, 'unauthorized');
      await problem(await admin('/periods/2025-Q1/unlock', { reason: 'x' }, null), 401, 'unauthorized');
    });

    it('refuses a bad period (400), an unknown one (404), the running quarter (409) and a bad body (422 naming the field)', async () => {
      expect((await problem(await admin('/periods/2025-Q5/lock'), 400, 'bad-request')).parameter).toBe('period');
      expect((await problem(await admin('/periods/2019-Q1/lock'), 404, 'not-found')).period).toBe('2019-Q1');
      expect((await problem(await admin(`/periods/${RUNNING_QUARTER}/lock`), 409, 'period-running')).period).toBe(RUNNING_QUARTER);
      const invalid = await problem(await admin('/periods/2025-Q1/lock', { by: 42 }), 422, 'invalid-body');
      expect(invalid.errors).toEqual([{ path: 'by', message: expect.any(String) }]);
      expect(invalid.detail).toMatch(/^by: /);
      await problem(await admin('/periods/2025-Q1/lock', '{not json'), 400, 'bad-request');
      // Nothing was locked or audited by any of these.
      expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM period_lock_audit').first('n')).toBe(0);
    });

    it('locks a closed quarter: 200, and the snapshot shows it locked with its locked_at', async () => {
      const before = (await snapshot()).body;
      const response = await admin('/periods/2025-Q1/lock', { by: ' cfo ', reason: 'Q1 payroll closed' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { period: string; locked: boolean; locked_at: string; frozen_from: string; snapshot_id: string };
      expect(body).toMatchObject({ period: '2025-Q1', locked: true, frozen_from: before.snapshot_id });
      expect(Date.parse(body.locked_at)).not.toBeNaN();
      lockedAt = body.locked_at;
      frozenFrom = body.frozen_from;
      const after = (await snapshot()).body;
      expect(after.snapshot_id).toBe(body.snapshot_id);
      expect(after.snapshot_id).not.toBe(before.snapshot_id);
      expect(after.appraisals.periods.find((p) => p.period === '2025-Q1')).toMatchObject({ status: 'locked', locked_at: lockedAt });
      const { body: locked, text } = await appraisals('period=2025-Q1');
      expect(locked).toMatchObject({ status: 'locked', locked: true, snapshot_id: body.snapshot_id });
      expect(rowsText(text)).toBe(q1RowsBeforeLock);
    });

    it('refuses to lock it again (409) and to unlock a quarter that is not locked (409)', async () => {
      expect((await problem(await admin('/periods/2025-Q1/lock'), 409, 'period-locked')).period).toBe('2025-Q1');
      await problem(await admin('/periods/2025-Q2/unlock', { reason: 'not locked' }), 409, 'period-not-locked');
    });

    it('keeps the locked quarter byte for byte after a late sale, and pays the difference as an adjustment in the next open quarter', async () => {
      // A5: 1500 sold by rep_a on 2025-03-20, arriving after the lock.
      expect((await postEvents(sale('A5', 'rep_a', 'cust_a5', 1500, 500, '2025-03-20T10:00:00Z'))).status).toBe(200);
      await recomputeNow();
      const { body: locked, text } = await appraisals('period=2025-Q1');
      expect(locked.status).toBe('locked');
      expect(rowsText(text)).toBe(q1RowsBeforeLock);
      // The lock's parts in D1 hold the same rows, one per rep, as the snapshot served them.
      const { results: frozen } = await env.DB.prepare(
        "SELECT p.json FROM period_lock_parts p JOIN period_locks l ON l.period = p.period AND l.locked_at = p.locked_at WHERE p.period = ?1 AND p.rep_id <> '' ORDER BY p.rep_id",
      )
        .bind('2025-Q1')
        .all<{ json: string }>();
      expect(`,"rows":[${frozen.map((r) => r.json).join(',')}]}`).toBe(q1RowsBeforeLock);

      // Q1 afresh for rep_a: base 11000 + 1500 = 12500 against 10000 →
      // 100 + 200 + 2500 × 6% = 450; frozen: 360; difference +90, paid in 2025-Q2.
      const q2 = rowOf((await appraisals('period=2025-Q2')).body.rows, 'rep_a').commission;
      expect(q2.adjustments).toEqual([{ from_period: '2025-Q1', amount: 90, reason: '2025-Q1 is locked; events since changed its commission' }]);
      // The clawback keeps the rate paid on the frozen Q1 (360 / 11000): 72. Payable 90 − 72 + 90 = 108.
      expect(q2).toMatchObject({ earned: 90, clawback: 72, adjustment: 90, payable: 108 });
      expect(q2.clawbacks[0]).toMatchObject({ rate: 0.032727, clawback: 72 });
      // The year: frozen Q1 (360) + Q2 (90 − 72 + 90) = 468.
      expect(rowOf((await appraisals('period=2025')).body.rows, 'rep_a').commission).toMatchObject({ earned: 450, clawback: 72, adjustment: 90, payable: 468 });
    });

    it('refuses to unlock without a reason (422 naming reason)', async () => {
      for (const body of [undefined, {}, { by: 'cfo' }, { reason: '   ' }]) {
        const invalid = await problem(await admin('/periods/2025-Q1/unlock', body), 422, 'invalid-body');
        expect(invalid.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toEqual(['reason']);
      }
      expect((await appraisals('period=2025-Q1')).body.status).toBe('locked');
    });

    it('unlocks with a reason: the quarter is recomputed with the late sale and the adjustment disappears', async () => {
      const response = await admin('/periods/2025-Q1/unlock', { by: 'cfo', reason: 'late sale A5 belongs to Q1' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { period: string; locked: boolean; unlocked_at: string; snapshot_id: string };
      expect(body).toMatchObject({ period: '2025-Q1', locked: false });

      const { body: q1After } = await appraisals('period=2025-Q1');
      expect(q1After).toMatchObject({ status: 'closed', locked: false, snapshot_id: body.snapshot_id });
      const a = rowOf(q1After.rows, 'rep_a');
      // Net revenue 13500 − 1000 = 12500: 125; 2 new customers (cust_a1, cust_a5): 200 → 150;
      // 0.5 × 125 + 0.2 × 150 + 0.2 × 100 + 0.1 × 100 = 122.5: band S now, still second to rep_b's 146.25.
      expect(component(a, 'net_revenue')).toMatchObject({ actual: 12500, score: 125 });
      expect(component(a, 'new_customers')).toMatchObject({ actual: 2, score: 150 });
      expect(a).toMatchObject({ score: 122.5, band: 'S', rank_in_team: 2 });
      expect(a.commission).toMatchObject({ base: 12500, attainment: 1.25, earned: 450, payable: 450 });
      expect(a.commission.tiers.map((t) => t.amount)).toEqual([100, 200, 150, 0]);
      expect(a.commission.sales.map((s) => s.sale_id)).toEqual(['A1', 'A2', 'A3', 'A5']);
      // rep_b and rep_c did not change.
      expect(rowOf(q1After.rows, 'rep_b')).toEqual(rowOf(q1.rows, 'rep_b'));
      expect(rowOf(q1After.rows, 'rep_c')).toEqual(rowOf(q1.rows, 'rep_c'));

      // Q2: no adjustment any more; the clawback now uses Q1's rate 450 / 12500 = 0.036:
      // 2200 × 0.036 = 79.2. Payable 90 − 79.2 = 10.8.
      const q2 = rowOf((await appraisals('period=2025-Q2')).body.rows, 'rep_a').commission;
      expect(q2).toMatchObject({ earned: 90, clawback: 79.2, adjustment: 0, payable: 10.8, adjustments: [] });
      expect(q2.clawbacks[0]).toMatchObject({ rate: 0.036, clawback: 79.2 });
      // The year: 450 + 90 earned, 79.2 clawed back: 460.8.
      expect(rowOf((await appraisals('period=2025')).body.rows, 'rep_a').commission).toMatchObject({ earned: 540, clawback: 79.2, adjustment: 0, payable: 460.8 });

      // The audit lists the lock and the unlock, in order.
      expect((await snapshot()).body.appraisals.lock_audit).toEqual([
        { period: '2025-Q1', action: 'lock', at: lockedAt, by: 'cfo', reason: 'Q1 payroll closed', snapshot_id: frozenFrom },
        { period: '2025-Q1', action: 'unlock', at: body.unlocked_at, by: 'cfo', reason: 'late sale A5 belongs to Q1', snapshot_id: frozenFrom },
      ]);
      expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM period_locks').first('n')).toBe(0);
      await problem(await admin('/periods/2025-Q1/unlock', { reason: 'again' }), 409, 'period-not-locked');
    });
  });

  describe('anonymous feedback', () => {
    const group = (period: string, team_id: string | null, topic: string, responses: number, mean_score: number, favourable_rate: number): FeedbackGroup => ({
      period, team_id, topic, responses, mean_score, favourable_rate,
    });

    it('shows groups of at least 5, hides smaller ones, and hides the company row when the hidden remainder is 1 to 4', async () => {
      const { feedback } = (await snapshot()).body.appraisals;
      expect(feedback.min_group).toBe(5);
      const shown = (period: string) => [
        // tools: 10 responses, none hidden: (20 + 16) / 10 = 3.6, (4 + 1) / 10 favourable.
        group(period, null, 'tools', 10, 3.6, 0.5),
        // East 5, 5, 5, 4, 1: 20 / 5 = 4, 4 / 5 favourable; West 3, 3, 3, 3, 4: 3.2, 1 / 5.
        group(period, 't_east', 'tools', 5, 4, 0.8),
        group(period, 't_west', 'tools', 5, 3.2, 0.2),
        // workload: West's 4 are hidden, so the company row (9) would reveal them by subtraction;
        // East 5, 4, 4, 3, 2: 18 / 5 = 3.6, 3 / 5 favourable.
        group(period, 't_east', 'workload', 5, 3.6, 0.6),
      ];
      // Quarters only: no 2025 group, which less the shown 2025-Q1 group would reveal 2025-Q2's single response.
      expect(feedback.groups).toEqual(shown('2025-Q1'));
      expect(feedback.hidden).toEqual([
        { period: '2025-Q1', topic: 'workload', groups: 2 },
        // East's one response and the company row holding only it.
        { period: '2025-Q2', topic: 'workload', groups: 2 },
      ]);
    });

    it('stores no person’s field with feedback, and publishes no comment', async () => {
      const body = (await env.DB.prepare('SELECT body FROM events WHERE id = ?1').bind('fb_tw4').first<string>('body'))!;
      const stored = JSON.parse(body) as { data: Record<string, unknown> };
      expect(stored.data).toEqual({ topic: 'tools', team_id: 't_west', score: 4, comment: SECRET_COMMENT });
      expect(body).not.toContain('"rep_id"');
      expect(body).not.toContain('someone@example.com');
      const { text } = await snapshot();
      expect(text).not.toContain('SECRET-COMMENT');
      expect(text).not.toContain('someone@example.com');
    });

    it('shows a group once its fifth response arrives, and the company row with it', async () => {
      expect((await postEvents(feedback('fb_ww4', 't_west', 'workload', 1))).status).toBe(200);
      await recomputeNow();
      const { feedback: after } = (await snapshot()).body.appraisals;
      // West 5, 5, 5, 5, 1: 21 / 5 = 4.2, 4 / 5 favourable; company 10: (18 + 21) / 10 = 3.9, (3 + 4) / 10.
      const workload = after.groups.filter((g) => g.period === '2025-Q1' && g.topic === 'workload');
      expect(workload).toEqual([
        group('2025-Q1', null, 'workload', 10, 3.9, 0.7),
        group('2025-Q1', 't_east', 'workload', 5, 3.6, 0.6),
        group('2025-Q1', 't_west', 'workload', 5, 4.2, 0.8),
      ]);
      expect(after.hidden).toEqual([{ period: '2025-Q2', topic: 'workload', groups: 2 }]);
    });
  });
});

describe('lock storage (worker/db/appraisals.ts)', () => {
  it('stores a period larger than a D1 value (2 MB) in parts, reads each rep\'s frozen pay with SQL and the rows back in pages', async () => {
    // 11 reps of 300,000 characters and one of 1,000,000 (its quotes grow it to 1.4 MB escaped):
    // 4.3 MB, written in INSERTs of about 1 MB, the largest row bound on its own.
    const pad = (i: number) => (i === 12 ? 'say \\"x\\" '.repeat(100_000) : 'x'.repeat(300_000));
    const row = (i: number) => ({
      repId: `rep_${String(i).padStart(2, '0')}`,
      json: `{"rep_id":"rep_${String(i).padStart(2, '0')}","pad":"${pad(i)}","commission":{"base":${i}000.25,"earned":${i}0.0001,"clawback":0,"adjustments":[{"from_period":"2025-Q1","amount":-1.5,"reason":"r"}]}}`,
    });
    const frozen = { period: '2025-Q4', headJson: '{"period":"2025-Q4","grain":"quarter","status":"closed","locked_at":null}', rows: Array.from({ length: 12 }, (_, i) => row(i + 1)) };
    const lockedAt = '2026-02-01T00:00:00.000Z';
    expect(await lockPeriod(env.DB, { period: '2025-Q4', lockedAt, snapshotId: 'snap_big', frozen, by: null, reason: null })).toBe(true);
    const texts: string[] = [];
    let pages = 0;
    // Pages of at most 1M characters: three rows each, the largest alone.
    for await (const part of lockedPeriodTexts(env.DB, '2025-Q4', lockedAt, 1_000_000)) {
      if ('head' in part) texts.push(part.head);
      else {
        pages++;
        texts.push(...part.rows);
      }
    }
    expect(texts).toEqual([frozen.headJson, ...frozen.rows.map((r) => r.json)]);
    expect(pages).toBe(5);
    const pay = (await readLocks(env.DB)).find((l) => l.period === '2025-Q4')!.pay;
    expect(pay.size).toBe(12);
    expect(pay.get('rep_07')).toEqual({ base: 70_002_500n, earned: 700_001n, clawback: 0n, adjustments: [{ fromPeriod: '2025-Q1', amount: -15_000n }] });
    expect(await unlockPeriod(env.DB, '2025-Q4', '2026-02-02T00:00:00.000Z', null, 'test')).toBe(true);
    expect((await readLocks(env.DB)).some((l) => l.period === '2025-Q4')).toBe(false);
    // What was frozen stays, like the audit: the parts are append-only.
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM period_lock_parts WHERE period = '2025-Q4'").first('n')).toBe(13);
    await expect(env.DB.prepare("DELETE FROM period_lock_parts WHERE period = '2025-Q4'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE period_lock_parts SET json = '{}' WHERE period = '2025-Q4'").run()).rejects.toThrow(/append-only/);
  });

  it('locks a period once and audits only the lock that took effect, as two racing requests would', async () => {
    const audited = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM period_lock_audit WHERE period = ?1').bind('2025-Q3').first<number>('n'))!;
    const frozen = { period: '2025-Q3', headJson: '{"period":"2025-Q3"}', rows: [{ repId: 'rep_a', json: '{"rep_id":"rep_a","x":1.50}' }] };
    const lock = { period: '2025-Q3', lockedAt: '2026-01-01T00:00:00.000Z', snapshotId: 'snap_x', frozen, by: null, reason: null };
    expect(await lockPeriod(env.DB, lock)).toBe(true);
    const second = { ...frozen, rows: [{ repId: 'rep_b', json: '{"rep_id":"rep_b"}' }] };
    expect(await lockPeriod(env.DB, { ...lock, lockedAt: '2026-01-01T00:00:01.000Z', by: 'second', frozen: second })).toBe(false);
    expect(await audited()).toBe(1);
    // Only the lock that took effect wrote its parts, exactly as given.
    const parts = async () => (await env.DB.prepare("SELECT rep_id, json FROM period_lock_parts WHERE period = '2025-Q3' ORDER BY rep_id").raw<[string, string]>());
    expect(await parts()).toEqual([['', '{"period":"2025-Q3"}'], ['rep_a', '{"rep_id":"rep_a","x":1.50}']]);
    expect(await env.DB.prepare('SELECT locked_at FROM period_locks WHERE period = ?1').bind('2025-Q3').first('locked_at')).toBe(lock.lockedAt);
    expect(await unlockPeriod(env.DB, '2025-Q3', '2026-01-02T00:00:00.000Z', null, 'test')).toBe(true);
    expect(await unlockPeriod(env.DB, '2025-Q3', '2026-01-02T00:00:01.000Z', null, 'again')).toBe(false);
    expect(await audited()).toBe(2);
    // An unlock releases the lock's parts but keeps them, like the audit.
    expect((await parts()).length).toBe(2);
    // The audit is append-only.
    await expect(env.DB.prepare("DELETE FROM period_lock_audit WHERE period = '2025-Q3'").run()).rejects.toThrow(/append-only/);
  });
});
