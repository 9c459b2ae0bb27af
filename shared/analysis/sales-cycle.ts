/**
 * The sales cycle's distribution: for opportunities won in each quarter (org timezone) whose
 * opening was received, how many took how long from opened to closed, in fixed day bins; and
 * how many were won and lost. The KPI rows carry the median; this is the shape behind it.
 */
import type { ClosedOpportunity } from '../kpi/process-facts.ts';
import type { SalesCycle } from '../snapshot.ts';

const DAY_MS = 86_400_000;
/** Bin lower bounds in days; each bin runs to the next bound (the last is open). */
export const CYCLE_BINS = [0, 8, 15, 31, 61, 91, 181] as const;

export function salesCycle(opportunities: readonly ClosedOpportunity[], quarterOf: (ms: number) => string): SalesCycle {
  const quarters = new Map<string, { won: number; lost: number; counts: number[] }>();
  for (const o of opportunities) {
    const period = quarterOf(o.closedMs);
    let q = quarters.get(period);
    if (!q) quarters.set(period, (q = { won: 0, lost: 0, counts: CYCLE_BINS.map(() => 0) }));
    if (!o.won) {
      q.lost += 1;
      continue;
    }
    q.won += 1;
    if (o.openedMs === null) continue;
    const days = (o.closedMs - o.openedMs) / DAY_MS;
    let bin = 0;
    while (bin + 1 < CYCLE_BINS.length && days >= CYCLE_BINS[bin + 1]!) bin++;
    q.counts[bin]! += 1;
  }
  return {
    bins: CYCLE_BINS.map((from, i) => ({ from_days: from, to_days: i + 1 < CYCLE_BINS.length ? CYCLE_BINS[i + 1]! : null })),
    quarters: [...quarters].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, q]) => ({ period, ...q })),
  };
}
