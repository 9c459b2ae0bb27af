/**
 * The executive headline: a few company numbers for one month, each against the month before.
 * Pure: the snapshot is given; "now" is the snapshot's `as_of` in its timezone.
 *
 * While the month is still running, it is compared like for like: its days so far against the
 * same days of the month before (summed from day rows), and attainment against pace (the share
 * of the month gone by), never a part month against a whole one.
 */
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { companyDaySpan, type DaySpanTotals } from './day-span.ts';
import { companyRows, findCompanyRow, latestRowAtOrBefore } from './kpi-rows.ts';
import { findPacing } from './lookups.ts';
import { subtractMoney } from './money.ts';
import { localDateOf, periodDays, periodOfDate, periodProgress, previousPeriod } from './period.ts';

export type MetricKind = 'money' | 'ratio' | 'count';

/**
 * Why a figure is missing (it is `null`):
 * - `no_target`: no revenue target for the period;
 * - `zero_target`: the target is 0, so attainment is undefined;
 * - `no_net_revenue`: net revenue is 0, so margin is undefined;
 * - `missing_cost`: a sale in the period has no cost, so margin is unknown;
 * - `no_activity`: the snapshot has no row for the period (no activity recorded);
 * - `no_responses`: no survey responses in the period (CSAT, NPS);
 * - `no_market_size`: no market size for the period (market share);
 * - `before_history`: the period starts before the snapshot's first figures (unknown, not 0).
 */
export type MissingReason =
  | 'no_target'
  | 'zero_target'
  | 'no_net_revenue'
  | 'missing_cost'
  | 'no_activity'
  | 'no_responses'
  | 'no_market_size'
  | 'before_history';

/** A figure for one period (or its first days): a value, or null and why. */
export interface Reading {
  period: string;
  /** Set when the figure covers only days 1..through of the month `period`. */
  through?: number;
  value: number | null;
  missing: MissingReason | null;
}

export interface HeadlineMetric {
  key: 'net_revenue' | 'margin' | 'attainment' | 'new_customers';
  kind: MetricKind;
  current: Reading;
  /**
   * What `current` is measured against: `previous`, the month before (whole, or its first days
   * while the month runs); or `pace`, the share of the month gone by (attainment while the month
   * runs: on pace means the same share of the target earned as of the month gone by).
   */
  basis: 'previous' | 'pace';
  /** The figure compared with: the previous month's, or the pace as a fraction. */
  baseline: Reading;
  /**
   * current − baseline, in the metric's own unit (money exact to 4 decimals; ratios as a
   * difference of fractions, so ×100 gives percentage points); null when either side is null.
   */
  change: number | null;
  /** (current − baseline) / |baseline| for money and counts; null for ratios or when baseline is 0 or null. */
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
  /**
   * `month_to_date` when `period` is the current month, still running at `as_of`: figures are
   * compared with days 1..`baseline.through` of the month before, attainment with pace.
   * `full_month` otherwise: the whole month against the whole month before.
   */
  comparison: 'month_to_date' | 'full_month';
  /** Days of `period` gone by at `as_of` (local date, inclusive) and the month's length. */
  elapsed: { day: number; days: number };
  /**
   * Where attainment should be by now, month to date: the snapshot's pacing row for the company
   * month when it has one (`elapsed_days` or `last_year_profile`), else the share of the month
   * gone by (`elapsed_days`); null for a full month.
   */
  pace: { fraction: number; method: 'elapsed_days' | 'last_year_profile' } | null;
  /**
   * The part of the previous month compared with: days 1..through of its `days` days. Month to
   * date, `through` is the same day of the month as `elapsed.day`, capped at the previous
   * month's length (Mar 30 is compared with all of February); for a full month it is `days`.
   */
  baseline: { period: string; through: number; days: number };
  /** The company row of `period`. */
  row: KpiRow;
  metrics: HeadlineMetric[];
}

/**
 * The headline for the current month of a snapshot, or null when it has no company month rows.
 * A missing previous-month row (or day row) counts as no activity (zero revenue and customers,
 * no margin).
 *
 * @example buildHeadline(snapshot)?.metrics.map((m) => m.key)
 * // ['net_revenue', 'margin', 'attainment', 'new_customers']
 */
export function buildHeadline(snapshot: Snapshot): Headline | null {
  const today = localDateOf(snapshot.as_of, snapshot.timezone);
  const current = periodOfDate(today, 'month');
  const months = companyRows(snapshot, 'month');
  const row = findCompanyRow(snapshot, 'month', current) ?? latestRowAtOrBefore(months, current) ?? months.at(-1);
  if (!row) return null;
  return headlineOf(snapshot, row, today, current);
}

/**
 * The month every page reports on: the month holding as_of when the company has figures for it,
 * else the latest month with figures (the dashboard's headline month); the current month when
 * the snapshot has none. `running` says whether it is the month holding as_of.
 *
 * @example reportMonth(fixture) // { month: '2026-11', running: true, day: 30, days: 30 }
 */
export function reportMonth(snapshot: Snapshot): { month: string; running: boolean; day: number; days: number } {
  const today = localDateOf(snapshot.as_of, snapshot.timezone);
  const current = periodOfDate(today, 'month');
  const months = companyRows(snapshot, 'month');
  const month = (findCompanyRow(snapshot, 'month', current) ?? latestRowAtOrBefore(months, current) ?? months.at(-1))?.period ?? current;
  const { day, days } = periodProgress(today, month);
  return { month, running: month === current, day, days };
}

function headlineOf(snapshot: Snapshot, row: KpiRow, today: ReturnType<typeof localDateOf>, current: string): Headline {
  const previousLabel = previousPeriod(row.period);
  const previousDays = periodDays(previousLabel);
  const elapsed = periodProgress(today, row.period);
  const comparison = row.period === current ? 'month_to_date' : 'full_month';
  const through = comparison === 'month_to_date' ? Math.min(elapsed.day, previousDays) : previousDays;

  const currentReadings = {
    net_revenue: reading(row.period, row.net_revenue),
    margin: marginReading(row, row.period),
    attainment: attainmentReading(row, row.period),
    new_customers: reading(row.period, row.new_customers),
  };
  let baselines: Record<HeadlineMetric['key'], Reading>;
  let pace: Headline['pace'] = null;
  if (comparison === 'month_to_date') {
    const span = companyDaySpan(snapshot, previousLabel, through);
    const pacing = findPacing(snapshot, 'company', null, 'month', row.period);
    pace = pacing
      ? { fraction: pacing.expected_fraction, method: pacing.method }
      : { fraction: elapsed.day / elapsed.days, method: 'elapsed_days' };
    baselines = {
      net_revenue: { period: previousLabel, through, value: span.netRevenue, missing: null },
      margin: spanMarginReading(span),
      attainment: { period: row.period, through: elapsed.day, value: pace.fraction, missing: null },
      new_customers: { period: previousLabel, through, value: span.newCustomers, missing: null },
    };
  } else {
    const previousRow = findCompanyRow(snapshot, 'month', previousLabel);
    baselines = {
      net_revenue: reading(previousLabel, previousRow ? previousRow.net_revenue : 0),
      margin: marginReading(previousRow, previousLabel),
      attainment: attainmentReading(previousRow, previousLabel),
      new_customers: reading(previousLabel, previousRow ? previousRow.new_customers : 0),
    };
  }

  const metric = (key: HeadlineMetric['key'], kind: MetricKind): HeadlineMetric => {
    const now = currentReadings[key];
    const before = baselines[key];
    const basis = key === 'attainment' && comparison === 'month_to_date' ? 'pace' : 'previous';
    return { key, kind, current: now, basis, baseline: before, ...compare(kind, now.value, before.value) };
  };

  return {
    period: row.period,
    currentPeriod: current,
    isFallback: row.period !== current,
    previousPeriod: previousLabel,
    comparison,
    elapsed,
    pace,
    baseline: { period: previousLabel, through, days: previousDays },
    row,
    metrics: [
      metric('net_revenue', 'money'),
      metric('margin', 'ratio'),
      metric('attainment', 'ratio'),
      metric('new_customers', 'count'),
    ],
  };
}

/** The margin over the first days of a month and, when it is null, why. */
export function spanMarginReading(span: DaySpanTotals): Reading {
  const { month: period, through } = span;
  if (span.marginMissing !== null) return { period, through, value: null, missing: span.marginMissing };
  return { period, through, value: span.margin, missing: null };
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
 * change = current − baseline (exact for money); relativeChange = change / |baseline| for money
 * and counts, null for ratios (their change is read in percentage points) or when baseline is 0.
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
