/** The sales-cycle distribution, on hand-made closed opportunities. */
import { describe, expect, it } from 'vitest';
import { salesCycle } from '../../shared/analysis/sales-cycle.ts';

const DAY = 86_400_000;
const t0 = Date.parse('2026-01-01T00:00:00Z');
const quarterOf = (ms: number) => { const d = new Date(ms); return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`; };
const opp = (id: string, openedDay: number | null, closedDay: number, won: boolean) => ({
  opportunityId: id, repId: 'r', openedMs: openedDay === null ? null : t0 + openedDay * DAY, closedMs: t0 + closedDay * DAY, won, customerId: null, amount: null,
});

describe('sales cycle distribution', () => {
  it('bins won opportunities by days from opened to closed, per quarter of closing', () => {
    const cycle = salesCycle(
      [
        opp('a', 0, 7.9, true), //  7.9 days → [0, 8)
        opp('b', 0, 8, true), //    8 days → [8, 15)
        opp('c', 10, 40, true), //  30 days → [15, 31)
        opp('d', 0, 31, true), //   31 days → [31, 61)
        opp('e', 0, 200, true), // 200 days, closed in Q3 → [181, …)
        opp('f', 0, 50, false), //  lost: counted, not binned
        opp('g', null, 60, true), // won, opening never received: counted, not binned
      ],
      quarterOf,
    );
    expect(cycle.bins.map((b) => [b.from_days, b.to_days])).toEqual([[0, 8], [8, 15], [15, 31], [31, 61], [61, 91], [91, 181], [181, null]]);
    expect(cycle.quarters).toEqual([
      { period: '2026-Q1', won: 5, lost: 1, counts: [1, 1, 1, 1, 0, 0, 0] },
      { period: '2026-Q3', won: 1, lost: 0, counts: [0, 0, 0, 0, 0, 0, 1] },
    ]);
  });
});
