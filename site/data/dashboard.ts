/**
 * Everything the executive dashboard (`/`) shows, derived from the snapshot. Pure.
 */
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { buildHeadline, buildTargetProgress, type Headline, type TargetProgress } from './headline.ts';
import { companyRows } from './kpi-rows.ts';
import { comparePeriods, periodRange, shiftPeriod } from './period.ts';

/** How many months the revenue trend shows at most. */
export const TREND_MONTHS = 12;

export interface Dashboard {
  headline: Headline | null;
  progress: TargetProgress[];
  trend: {
    rows: readonly KpiRow[];
    /** Up to TREND_MONTHS months ending with the headline month, not before the first month with data. */
    months: string[];
    /** The headline month when it is the current (unfinished) month. */
    partialMonth: string | null;
  };
}

/** @example buildDashboard(snapshot).headline?.period // '2026-11' */
export function buildDashboard(snapshot: Snapshot): Dashboard {
  const headline = buildHeadline(snapshot);
  const rows = companyRows(snapshot, 'month');
  let months: string[] = [];
  if (headline && rows.length > 0) {
    const earliest = shiftPeriod(headline.period, -(TREND_MONTHS - 1));
    const first = rows[0]!.period;
    const from = comparePeriods(first, earliest) > 0 ? first : earliest;
    months = comparePeriods(from, headline.period) <= 0 ? periodRange(from, headline.period) : [headline.period];
  }
  return {
    headline,
    progress: [buildTargetProgress(snapshot, 'quarter'), buildTargetProgress(snapshot, 'year')],
    trend: { rows, months, partialMonth: headline && !headline.isFallback ? headline.period : null },
  };
}
