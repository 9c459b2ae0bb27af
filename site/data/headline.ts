/**
 * The executive headline: a few company numbers for one month, each against the month before.
 * Pure: the snapshot is given; "now" is the snapshot's `as_of` in its timezone.
 */
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { companyRows, findCompanyRow, latestRowAtOrBefore } from './kpi-rows.ts';
import { subtractMoney } from './money.ts';
import { currentPeriod, localDateOf, periodOfDate, periodProgress, previousPeriod } from './period.ts';

export type MetricKind = 'money' | 'ratio' | 'count';

/**
 * Why a figure is missing (it is `null`):
 * - `no_target`: no revenue target for the period;
 * - `zero_target`: the target is 0, so attainment is undefined;
 * - `no_net_revenue`: net revenue is 0, so margin is undefined;
 * - `missing_cost`: a sale in the period has no cost, so margin is unknown;
 * - `no_activity`: the snapshot has no row for the period (no activity recorded).
 */
export type MissingReason = 'no_target' | 'zero_target' | 'no_net_revenue' | 'missing_cost' | 'no_activity';

/** A figure for one period: a value, or null and why. */
export interface Reading {
  period: string;
  value: number | null;
  missing: MissingReason | null;
}

export interface HeadlineMetric {
  key: 'net_revenue' | 'margin' | 'attainment' | 'new_customers';
  kind: MetricKind;
  current: Reading;
  previous: Reading;
  /**
   * current − previous, in the metric's own unit (money exact to 4 decimals; ratios as a
   * difference of fractions, so ×100 gives percentage points); null when either side is null.
   */
  change: number | null;
  /** (current − previous) / |previous| for money and counts; null for ratios or when previous is 0 or null. */
  relativeChange: number | null;
}

export interface Headline {
  /** The month shown: the current month, or the latest month with data when it has none. */
  period: string;
  /** The month holding `as_of` in the snapshot's timezone. */
  currentPeriod: string;
  /** True when `period` is not `currentPeriod` (the current month has no data yet). */
  isFallback: boolean;
  previousPeriod: string;
  /** The company row of `period`. */
  row: KpiRow;
  metrics: HeadlineMetric[];
}

/**
 * The headline for the current month of a snapshot, or null when it has no company month rows.
 * A missing previous-month row counts as no activity (zero revenue and customers, no margin).
 *
 * @example buildHeadline(snapshot)?.metrics.map((m) => m.key)
 * // ['net_revenue', 'margin', 'attainment', 'new_customers']
 */
export function buildHeadline(snapshot: Snapshot): Headline | null {
  const current = currentPeriod(snapshot.as_of, snapshot.timezone, 'month');
  const months = companyRows(snapshot, 'month');
  const row = findCompanyRow(snapshot, 'month', current) ?? latestRowAtOrBefore(months, current) ?? months.at(-1);
  if (!row) return null;
  const previousLabel = previousPeriod(row.period);
  const previousRow = findCompanyRow(snapshot, 'month', previousLabel);

  const metric = (
    key: HeadlineMetric['key'],
    kind: MetricKind,
    read: (row: KpiRow | undefined, period: string) => Reading,
  ): HeadlineMetric => {
    const now = read(row, row.period);
    const before = read(previousRow, previousLabel);
    return { key, kind, current: now, previous: before, ...compare(kind, now.value, before.value) };
  };

  return {
    period: row.period,
    currentPeriod: current,
    isFallback: row.period !== current,
    previousPeriod: previousLabel,
    row,
    metrics: [
      metric('net_revenue', 'money', (r, period) => reading(period, r ? r.net_revenue : 0)),
      metric('margin', 'ratio', marginReading),
      metric('attainment', 'ratio', attainmentReading),
      metric('new_customers', 'count', (r, period) => reading(period, r ? r.new_customers : 0)),
    ],
  };
}

/** The margin of a row and, when it is null, why. */
export function marginReading(row: KpiRow | undefined, period: string): Reading {
  if (!row) return { period, value: null, missing: 'no_activity' };
  if (row.margin !== null) return reading(period, row.margin);
  return { period, value: null, missing: row.net_revenue === 0 ? 'no_net_revenue' : 'missing_cost' };
}

/** The attainment of a row and, when it is null, why. */
export function attainmentReading(row: KpiRow | undefined, period: string): Reading {
  if (!row) return { period, value: null, missing: 'no_activity' };
  if (row.attainment !== null) return reading(period, row.attainment);
  if (row.target_revenue === null) return { period, value: null, missing: 'no_target' };
  return { period, value: null, missing: row.target_revenue === 0 ? 'zero_target' : 'no_target' };
}

function reading(period: string, value: number): Reading {
  return { period, value, missing: null };
}

/**
 * change = current − previous (exact for money); relativeChange = change / |previous| for money
 * and counts, null for ratios (their change is read in percentage points) or when previous is 0.
 */
function compare(
  kind: MetricKind,
  current: number | null,
  previous: number | null,
): Pick<HeadlineMetric, 'change' | 'relativeChange'> {
  if (current === null || previous === null) return { change: null, relativeChange: null };
  const change = kind === 'money' ? subtractMoney(current, previous) : current - previous;
  const relativeChange = kind === 'ratio' || previous === 0 ? null : change / Math.abs(previous);
  return { change, relativeChange };
}

/** Net revenue against target for the current quarter or year, with how much of it has gone by. */
export interface TargetProgress {
  grain: 'quarter' | 'year';
  period: string;
  /** 0 when the snapshot has no row for the period (no activity). */
  netRevenue: number;
  target: number | null;
  attainment: Reading;
  /** Days of the period gone by at `as_of` (local date inclusive) and its length in days. */
  elapsed: { day: number; days: number };
}

/**
 * The current quarter or year (from `as_of` in the snapshot's timezone) against its target.
 *
 * @example buildTargetProgress(snapshot, 'quarter') // { period: '2026-Q4', netRevenue: 93500.25, target: 150000, ... }
 */
export function buildTargetProgress(snapshot: Snapshot, grain: 'quarter' | 'year'): TargetProgress {
  const today = localDateOf(snapshot.as_of, snapshot.timezone);
  const period = periodOfDate(today, grain);
  const row = findCompanyRow(snapshot, grain, period);
  return {
    grain,
    period,
    netRevenue: row?.net_revenue ?? 0,
    target: row?.target_revenue ?? null,
    attainment: attainmentReading(row, period),
    elapsed: periodProgress(today, period),
  };
}
