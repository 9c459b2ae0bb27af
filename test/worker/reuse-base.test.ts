/**
 * An incremental recompute takes unchanged appraisal periods and customer rows over from the
 * snapshot before it (worker/db/reuse-base.ts) and builds the rest; whatever it takes over, the
 * snapshot is the very one a full rebuild of the same facts gives (same id: same content, same
 * as_of).
 *
 * The small company of reuse-fixture.ts. Build steps: 2025-Q1, 2025-Q2, 2025-Q3, then the year 2025.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRecompute, type RecomputeResult } from '../../worker/recompute/run-recompute.ts';
import type { AppraisalRow, CommissionStatement, Snapshot } from '../../shared/snapshot.ts';
import { BASE, postEvents, read } from './helpers.ts';
import { EVENTS, ev, sale, target } from './reuse-fixture.ts';

/** Recomputes incrementally, then fully: both must give the same snapshot. Returns the incremental run. */
async function recomputeAgreeingWithFull(): Promise<RecomputeResult> {
  const incremental = (await runRecompute(env))!;
  expect(incremental.created).toBe(true);
  const full = (await runRecompute(env, { full: true }))!;
  expect(full.salesMode).toBe('full');
  expect(full.appraisalSteps.reused).toBe(0);
  expect(full.snapshot_id).toBe(incremental.snapshot_id);
  expect(full.created).toBe(false);
  return incremental;
}

async function commission(period: string, rep: string): Promise<CommissionStatement> {
  const snapshot = (await (await read('/v1/snapshot')).json()) as Snapshot;
  const row = snapshot.appraisals.periods.find((p) => p.period === period)!.rows.find((r) => r.rep_id === rep) as AppraisalRow;
  return row.commission;
}

function admin(path: string, body: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
}

describe('taking parts over from the snapshot before', () => {
  beforeAll(async () => {
    expect((await postEvents({ events: EVENTS })).status).toBe(200);
    const first = (await runRecompute(env))!;
    expect(first.appraisalSteps).toEqual({ reused: 0, of: 4 });
  });

  it('takes over the quarters before a new sale and builds its quarter and year', async () => {
    expect((await postEvents({ events: [sale('A5', 'rep_a', 'c5', 1_000, '2025-09-01T10:00:00Z')] })).status).toBe(200);
    const run = await recomputeAgreeingWithFull();
    expect(run.salesMode).toBe('incremental');
    expect(run.appraisalSteps).toEqual({ reused: 2, of: 4 });
    expect((await commission('2025-Q3', 'rep_a')).sales.map((s) => s.sale_id)).toEqual(['A4', 'A5']);
  });

  it('claws back at the rate a quarter taken over paid', async () => {
    // A1 was paid in Q1 at rep_a's effective rate there; a refund in Q3 claws back at that rate.
    expect((await postEvents({ events: [ev('rf1', 'sale.refunded', '2025-09-05T10:00:00Z', { sale_id: 'A1', amount: 1_000 })] })).status).toBe(200);
    const run = await recomputeAgreeingWithFull();
    expect(run.appraisalSteps).toEqual({ reused: 2, of: 4 });
    const q1 = await commission('2025-Q1', 'rep_a');
    const [clawback] = (await commission('2025-Q3', 'rep_a')).clawbacks;
    expect(clawback).toMatchObject({ sale_id: 'A1', sale_period: '2025-Q1' });
    expect(clawback!.clawback).toBeCloseTo((1_000 * q1.earned) / q1.base, 4);
    expect(clawback!.clawback).toBeGreaterThan(0);
  });

  it('builds again from a quarter whose sale lines changed though none of its figures did', async () => {
    // A2 moves within Q1 (same rep, customer and amount): Q1's KPI rows stay the same, its statement does not.
    expect((await postEvents({ events: [sale('A2', 'rep_a', 'c2', 4_000, '2025-03-10T10:00:00Z', 'e_A2_moved')] })).status).toBe(200);
    const run = await recomputeAgreeingWithFull();
    expect(run.appraisalSteps).toEqual({ reused: 0, of: 4 });
    expect((await commission('2025-Q1', 'rep_a')).sales.map((s) => [s.sale_id, s.day])).toEqual([
      ['A1', '2025-01-10'],
      ['A2', '2025-03-10'],
    ]);
  });

  it('takes nothing over when what every period shares changed (a target)', async () => {
    expect((await postEvents({ events: [target('rep_b', '2025-Q3', 5_000, '2025-01-01T00:00:00Z')] })).status).toBe(200);
    const run = await recomputeAgreeingWithFull();
    expect(run.appraisalSteps).toEqual({ reused: 0, of: 4 });
  });

  it('takes over the rows of customers whose sales did not change, and drops one whose only sale moved away', async () => {
    const before = (await (await read('/v1/snapshot')).json()) as Snapshot;
    // B1 (c3's only sale) is amended to name c9.
    expect((await postEvents({ events: [sale('B1', 'rep_b', 'c9', 3_000, '2025-01-20T11:00:00Z', 'e_B1_c9')] })).status).toBe(200);
    await recomputeAgreeingWithFull();
    const after = (await (await read('/v1/snapshot')).json()) as Snapshot;
    const ids = (s: Snapshot) => s.customers.rows.map((r) => r.customer_id);
    expect(ids(after)).toEqual([...ids(before).filter((id) => id !== 'c3'), 'c9'].sort());
    const unchanged = (s: Snapshot) => s.customers.rows.filter((r) => !['c3', 'c9'].includes(r.customer_id));
    expect(unchanged(after)).toEqual(unchanged(before));
    expect(after.customers.rows.find((r) => r.customer_id === 'c9')).toMatchObject({ orders: 1, first_sale_id: 'B1', rep_id: 'rep_b' });
  });

  it('takes a locked quarter over as it stands, and builds the periods after a late sale in it', async () => {
    expect((await admin('/periods/2025-Q1/lock', { by: 'test', reason: 'payroll' })).status).toBe(200);
    // A sale in Q3: the locked Q1 and Q2 are taken over.
    expect((await postEvents({ events: [sale('B3', 'rep_b', 'c6', 700, '2025-09-10T10:00:00Z')] })).status).toBe(200);
    expect((await recomputeAgreeingWithFull()).appraisalSteps).toEqual({ reused: 2, of: 4 });
    // A late sale in the locked Q1: its difference goes to Q2 as an adjustment; nothing is taken over.
    expect((await postEvents({ events: [sale('A6', 'rep_a', 'c7', 2_000, '2025-02-20T10:00:00Z')] })).status).toBe(200);
    expect((await recomputeAgreeingWithFull()).appraisalSteps).toEqual({ reused: 0, of: 4 });
    const [adjustment] = (await commission('2025-Q2', 'rep_a')).adjustments;
    expect(adjustment).toMatchObject({ from_period: '2025-Q1' });
    expect(adjustment!.amount).toBeGreaterThan(0);
    // Then a sale in Q3 again: Q1 (locked) and Q2 (carrying the adjustment) are taken over, and
    // the year still adds up the adjustment carried in Q2's totals.
    expect((await postEvents({ events: [sale('B4', 'rep_b', 'c8', 300, '2025-09-20T10:00:00Z')] })).status).toBe(200);
    expect((await recomputeAgreeingWithFull()).appraisalSteps).toEqual({ reused: 2, of: 4 });
    const snapshot = (await (await read('/v1/snapshot')).json()) as Snapshot;
    const year = snapshot.appraisals.periods.find((p) => p.period === '2025')!.rows.find((r) => r.rep_id === 'rep_a')!;
    expect(year.commission.adjustment).toBe(adjustment!.amount);
  });

  it('builds a month block again when only a month target in it changed, and names the blocks nothing changed in', async () => {
    // No sale changes: rep_b's month block of 2025 changes by its target alone.
    expect((await postEvents({ events: [target('rep_b', '2025-02', 2_500, '2025-01-01T00:00:00Z')] })).status).toBe(200);
    expect((await recomputeAgreeingWithFull()).kpiBlocks.unbuilt).toBeGreaterThan(0);
    // A later version of the same target: the same rows exist, one figure differs.
    expect((await postEvents({ events: [target('rep_b', '2025-02', 3_000, '2025-01-02T00:00:00Z')] })).status).toBe(200);
    expect((await recomputeAgreeingWithFull()).kpiBlocks.unbuilt).toBeGreaterThan(0);
    const { rows } = (await (await read('/v1/kpis?scope=rep&grain=month&id=rep_b')).json()) as { rows: { period: string; target_revenue: number | null }[] };
    expect(rows.find((r) => r.period === '2025-02')).toMatchObject({ target_revenue: 3_000 });
  });
});
