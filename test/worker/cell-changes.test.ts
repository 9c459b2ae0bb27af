/**
 * An incremental recompute changes the sales cells (w_cells) by difference: what the rows of the
 * touched sales and refunds take away and bring (worker/recompute/sales-sql.ts,
 * cellChangeStatements). After every round of late, amended and out-of-order facts, the cells
 * it leaves are exactly those a full rebuild aggregates from scratch: every sum and count, and
 * no cell more or less.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { commissionActivity } from '../../worker/recompute/sale-lines.ts';
import { linesFromEvents } from '../../shared/appraisal/build-appraisals.ts';
import { linesByQuarter } from '../../shared/appraisal/commission.ts';
import { typed } from '../support/typed-events.ts';
import { postEvents } from './helpers.ts';
import { ev } from './reuse-fixture.ts';

const sale = (eventId: string, saleId: string, rep: string, customer: string, amount: number, at: string, cost: number | null = amount / 2) =>
  ev(eventId, 'sale.closed', at, { sale_id: saleId, rep_id: rep, customer_id: customer, amount, ...(cost === null ? {} : { cost }) });
const refund = (eventId: string, saleId: string, amount: number, at: string) => ev(eventId, 'sale.refunded', at, { sale_id: saleId, amount });

const BASE_EVENTS = [
  ev('t1', 'team.upserted', '2024-12-01T00:00:00Z', { team_id: 't_one', name: 'One' }),
  ev('t2', 'team.upserted', '2024-12-01T00:00:00Z', { team_id: 't_two', name: 'Two' }),
  ev('r_a', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_a', name: 'Ana', team_id: 't_one' }),
  ev('r_b', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_b', name: 'Ben', team_id: 't_one' }),
  ev('r_c', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_c', name: 'Cai', team_id: 't_two' }),
  sale('e1', 'S1', 'rep_a', 'c1', 800, '2025-01-10T10:00:00Z'),
  sale('e2', 'S2', 'rep_a', 'c1', 400, '2025-01-10T15:00:00Z'),
  sale('e3', 'S3', 'rep_b', 'c2', 300, '2025-01-20T10:00:00Z'),
  sale('e4', 'S4', 'rep_c', 'c2', 600, '2025-02-03T10:00:00Z', null),
  sale('e5', 'S5', 'rep_a', 'c3', 500, '2025-03-30T10:00:00Z'),
  sale('e6', 'S6', 'rep_b', 'c1', 200, '2025-05-10T10:00:00Z'),
  sale('e7', 'S7', 'rep_c', 'c4', 900, '2025-12-31T10:00:00Z'),
  refund('f1', 'S3', 100, '2025-02-01T10:00:00Z'),
  refund('f2', 'S7', 50, '2026-01-02T10:00:00Z'),
];

/** Late, amended and out-of-order facts, a round per recompute. */
const ROUNDS: { name: string; events: object[] }[] = [
  {
    name: 'a new sale, a sale moved to another rep, day and customer, a refund',
    events: [
      sale('e8', 'S8', 'rep_b', 'c2', 250, '2025-01-20T18:00:00Z'),
      // S2 leaves rep_a's and c1's 10 January (S1 stays there) for rep_c in February.
      sale('e2b', 'S2', 'rep_c', 'c5', 450, '2025-02-14T10:00:00Z'),
      refund('f3', 'S1', 80, '2025-03-01T10:00:00Z'),
      // c1 buys from rep_b (S6) and rep_c in May.
      sale('e12', 'S12', 'rep_c', 'c1', 150, '2025-05-20T10:00:00Z'),
      sale('e13', 'S13', 'rep_c', 'c8', 160, '2025-05-25T10:00:00Z'),
    ],
  },
  {
    name: "a customer's new first sale, a refund before its sale, the sale without a cost given one",
    events: [
      // Earlier than S3: c2's first sale changes, so c2 is new in December 2024, repeat afterwards.
      sale('e9', 'S9', 'rep_a', 'c2', 700, '2024-12-20T10:00:00Z'),
      refund('f4', 'S10', 30, '2025-06-02T10:00:00Z'),
      sale('e4b', 'S4', 'rep_c', 'c2', 600, '2025-02-03T10:00:00Z', 250),
      // c1 leaves rep_c's May (S6 keeps c1 in the company's and rep_b's).
      sale('e12b', 'S12', 'rep_c', 'c1', 150, '2025-07-01T10:00:00Z'),
    ],
  },
  {
    name: 'the refunded sale arrives, a sale leaves its only cells, a sale of the last day',
    events: [
      sale('e10', 'S10', 'rep_b', 'c6', 330, '2025-06-01T10:00:00Z', null),
      // S5 was rep_a's only sale of March (and c3's only sale): those cells go.
      sale('e5b', 'S5', 'rep_b', 'c1', 500, '2025-04-02T10:00:00Z'),
      // S7 moves teams (rep_c to rep_a): its refund in 2026 follows it.
      sale('e7b', 'S7', 'rep_a', 'c4', 900, '2025-12-31T10:00:00Z'),
      sale('e11', 'S11', 'rep_c', 'c7', 120, '2026-01-02T23:00:00Z'),
    ],
  },
];

async function cells(): Promise<Record<string, unknown>[]> {
  const { results } = await env.DB.prepare('SELECT * FROM w_cells ORDER BY scope, scope_id, grain, period').all<Record<string, unknown>>();
  return results;
}

describe('incremental cell changes', () => {
  it('leave the cells a full rebuild aggregates, round after round', async () => {
    expect((await postEvents({ events: BASE_EVENTS })).status).toBe(200);
    expect((await runRecompute(env))!.salesMode).toBe('full');
    const before = await cells();
    expect(before.length).toBeGreaterThan(0);
    for (const round of ROUNDS) {
      expect((await postEvents({ events: round.events })).status, round.name).toBe(200);
      expect((await runRecompute(env))!.salesMode, round.name).toBe('incremental');
      const incremental = await cells();
      expect((await runRecompute(env, { full: true }))!.salesMode, round.name).toBe('full');
      expect(incremental, round.name).toEqual(await cells());
    }
  });

  it('count what a difference needs: sales without a cost and refunds', async () => {
    // The same database as the test before (one file, one storage): c2 (S3, S8, S4, S9) and the rest.
    const row = await env.DB.prepare(
      "SELECT missing_cost, refund_count, active_customers, repeat_customers FROM w_cells WHERE scope = 'company' AND grain = 'year' AND period = '2025'",
    ).first<Record<string, number>>();
    // Without a cost in 2025: S10 (S4 was given one). Refunds made in 2025: f1, f3, f4.
    // Customers: c1, c2, c4, c5, c6, c8; repeat (first sale in an earlier year): c2 (December 2024).
    expect(row).toEqual({ missing_cost: 1, refund_count: 3, active_customers: 6, repeat_customers: 1 });
  });

  it('give the commission activity the reference engine counts from the lines', async () => {
    // Read from the rep-month cells and the refunds (with their sale's day) the run left.
    const events = typed([...BASE_EVENTS, ...ROUNDS.flatMap((r) => r.events)]);
    const { sales, refunds } = linesFromEvents(events, 'UTC');
    const expected = linesByQuarter(sales, refunds).activity;
    const sorted = (activity: ReadonlyMap<string, ReadonlyMap<string, number>>) => [...activity].map(([q, reps]) => [q, [...reps].sort()] as const).sort();
    expect(sorted(await commissionActivity(env.DB))).toEqual(sorted(expected));
    // rep_a's only line of 2026-Q1 is a clawback: f2 of S7 (2025-Q4), which moved from rep_c to rep_a.
    expect(expected.get('2026-Q1')?.get('rep_a')).toBe(1);
  });

  it('widen the zone offsets to late facts years outside them', async () => {
    const zoned = { ...env, ORG_TIMEZONE: 'America/Los_Angeles' };
    // A new zone: a full rebuild, its offsets for the facts (2024-2026) padded by a year.
    expect((await runRecompute(zoned))!.salesMode).toBe('full');
    // 07:30 UTC is 00:30 in summer (UTC-7) and 23:30 the day before in winter (UTC-8).
    expect((await postEvents({ events: [sale('e20', 'S20', 'rep_a', 'c9', 100, '2019-07-01T07:30:00Z'), sale('e21', 'S21', 'rep_b', 'c9', 100, '2029-07-01T07:30:00Z')] })).status).toBe(200);
    expect((await runRecompute(zoned))!.salesMode).toBe('incremental');
    const days = await env.DB.prepare("SELECT sale_id, day FROM w_sales WHERE sale_id IN ('S20', 'S21') ORDER BY sale_id").all();
    expect(days.results).toEqual([
      { sale_id: 'S20', day: '2019-07-01' },
      { sale_id: 'S21', day: '2029-07-01' },
    ]);
    const incremental = await cells();
    expect((await runRecompute(zoned, { full: true }))!.salesMode).toBe('full');
    expect(incremental).toEqual(await cells());
  });
});

