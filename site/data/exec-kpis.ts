/**
 * The executive dashboard's core KPIs: net revenue, margin, attainment (with pacing), CSAT, NPS,
 * market share and new customers, each with its change against the previous period and the same
 * period last year, its target, and a short trend. Pure: numbers only (words in exec-kpis-view.ts).
 *
 * Like for like: while the headline month runs, money, margin, counts and attainment are the
 * month to date against the same days of the month before and of the same month last year
 * (summed from day rows, as the headline does). CSAT is a mean, so the month to date is compared
 * with whole months; NPS is read by quarter (surveys are often quarterly); market share is the
 * latest month with a market size (a running month has none, and to-date revenue over a whole
 * month's market would understate it).
 */
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { daySpan } from './day-span.ts';
import {
  attainmentReading,
  buildHeadline,
  marginReading,
  spanMarginReading,
  type Headline,
  type MissingReason,
  type Reading,
} from './headline.ts';
import { companyRows, findCompanyRow } from './kpi-rows.ts';
import { beforeHistory, currentTarget, findPacing } from './lookups.ts';
import { subtractMoney } from './money.ts';
import { comparePeriods, periodDays, periodOfDate, localDateOf, periodRange, sameLastYear, shiftPeriod } from './period.ts';

export type ExecKey = 'net_revenue' | 'margin' | 'attainment' | 'new_customers' | 'csat' | 'nps' | 'market_share';
/** money: currency; ratio: fraction (changes in points); count; score: CSAT 1–5; nps: −100..100. */
export type ExecKind = 'money' | 'ratio' | 'count' | 'score' | 'nps';

export interface ExecComparison {
  /** `pace`: where attainment should be by now; `previous`: the period before; `last_year`: the same period a year earlier. */
  basis: 'pace' | 'previous' | 'last_year';
  baseline: Reading;
  /** current − baseline in the metric's unit (money exact); null when either is missing. */
  change: number | null;
  /** change / |baseline| for money and counts; null otherwise or when the baseline is 0. */
  relativeChange: number | null;
}

export interface ExecTrendPoint {
  period: string;
  value: number | null;
  /** The period is still running at as_of. */
  partial: boolean;
}

export interface ExecKpi {
  key: ExecKey;
  kind: ExecKind;
  current: Reading;
  /** The current reading covers a period still running at as_of (to date). */
  partial: boolean;
  /**
   * `same_days`: each comparison covers the same days of its period; `whole_periods`: whole
   * periods on both sides; `to_date_vs_whole`: a running period against whole earlier ones
   * (a mean, which does not grow with days).
   */
  comparedAs: 'same_days' | 'whole_periods' | 'to_date_vs_whole';
  /** Pace first for attainment while the month runs, then previous, then last year. */
  comparisons: ExecComparison[];
  /** The target the figure is measured against, when one is set. */
  target: { metric: 'revenue' | 'profit' | 'new_customers'; period: string; value: number } | null;
  /** Attainment only, while the month runs: the month's end at the current pace (from `pacing`). */
  projection: { netRevenue: number; attainment: number | null } | null;
  trend: ExecTrendPoint[];
}

export interface ExecKpis {
  headline: Headline;
  kpis: ExecKpi[];
}

/** Months in a KPI's trend; quarters for NPS. */
export const TREND_PERIODS = { month: 12, quarter: 6 } as const;

/**
 * @example buildExecKpis(snapshot)?.kpis.map((k) => k.key)
 * // ['net_revenue', 'margin', 'attainment', 'new_customers', 'csat', 'nps', 'market_share']
 */
export function buildExecKpis(snapshot: Snapshot): ExecKpis | null {
  const headline = buildHeadline(snapshot);
  if (!headline) return null;
  const month = headline.period;
  const running = headline.comparison === 'month_to_date';
  const row = headline.row;
  const day = headline.elapsed.day;

  // The spans compared: the previous month and the same month last year, over the same days
  // while the month runs (capped at their length), else whole.
  const previous = previousSpan(snapshot, shiftPeriod(month, -1), running ? day : null);
  const lastYear = previousSpan(snapshot, sameLastYear(month)!, running ? day : null);
  const monthTrend = trendMonths(snapshot, month);
  const monthValues = (pick: (row: KpiRow | undefined, period: string) => number | null): ExecTrendPoint[] =>
    monthTrend.map((period) => ({
      period,
      value: pick(findCompanyRow(snapshot, 'month', period), period),
      partial: running && period === month,
    }));

  const cards: ExecKpi[] = [];

  // Net revenue.
  cards.push({
    key: 'net_revenue',
    kind: 'money',
    current: value(month, row.net_revenue),
    partial: running,
    comparedAs: running ? 'same_days' : 'whole_periods',
    comparisons: [
      comparison('previous', 'money', value(month, row.net_revenue), previous.netRevenue),
      comparison('last_year', 'money', value(month, row.net_revenue), lastYear.netRevenue),
    ],
    target: row.target_revenue === null ? null : { metric: 'revenue', period: month, value: row.target_revenue },
    projection: null,
    trend: monthValues((r) => r?.net_revenue ?? 0),
  });

  // Margin, against the profit target when one is set.
  const profitTarget = currentTarget(snapshot, 'company', null, 'profit', month);
  const margin = marginReading(row, month);
  cards.push({
    key: 'margin',
    kind: 'ratio',
    current: margin,
    partial: running,
    comparedAs: running ? 'same_days' : 'whole_periods',
    comparisons: [
      comparison('previous', 'ratio', margin, previous.margin),
      comparison('last_year', 'ratio', margin, lastYear.margin),
    ],
    target: profitTarget ? { metric: 'profit', period: month, value: profitTarget.value } : null,
    projection: null,
    trend: monthValues((r) => r?.margin ?? null),
  });

  // Attainment: against pace while the month runs, and against the attainment the previous
  // month and last year's month had reached by the same day.
  const attainment = attainmentReading(row, month);
  const pacing = running ? findPacing(snapshot, 'company', null, 'month', month) : undefined;
  const attainmentComparisons: ExecComparison[] = [];
  if (running && headline.pace) {
    attainmentComparisons.push(
      comparison('pace', 'ratio', attainment, { period: month, through: day, value: headline.pace.fraction, missing: null }),
    );
  }
  attainmentComparisons.push(
    comparison('previous', 'ratio', attainment, previous.attainment),
    comparison('last_year', 'ratio', attainment, lastYear.attainment),
  );
  cards.push({
    key: 'attainment',
    kind: 'ratio',
    current: attainment,
    partial: running,
    comparedAs: running ? 'same_days' : 'whole_periods',
    comparisons: attainmentComparisons,
    target: row.target_revenue === null ? null : { metric: 'revenue', period: month, value: row.target_revenue },
    projection:
      pacing && pacing.projected_net_revenue !== null
        ? { netRevenue: pacing.projected_net_revenue, attainment: pacing.projected_attainment }
        : null,
    trend: monthValues((r) => r?.attainment ?? null),
  });

  // New customers, against the new-customer target when one is set.
  const newTarget = currentTarget(snapshot, 'company', null, 'new_customers', month);
  cards.push({
    key: 'new_customers',
    kind: 'count',
    current: value(month, row.new_customers),
    partial: running,
    comparedAs: running ? 'same_days' : 'whole_periods',
    comparisons: [
      comparison('previous', 'count', value(month, row.new_customers), previous.newCustomers),
      comparison('last_year', 'count', value(month, row.new_customers), lastYear.newCustomers),
    ],
    target: newTarget ? { metric: 'new_customers', period: month, value: newTarget.value } : null,
    projection: null,
    trend: monthValues((r) => r?.new_customers ?? 0),
  });

  // CSAT: the month (to date) against whole months.
  const csat = surveyReading(snapshot, row, month, 'csat');
  cards.push({
    key: 'csat',
    kind: 'score',
    current: csat,
    partial: running,
    comparedAs: running ? 'to_date_vs_whole' : 'whole_periods',
    comparisons: [
      comparison('previous', 'score', csat, surveyReading(snapshot, findCompanyRow(snapshot, 'month', shiftPeriod(month, -1)), shiftPeriod(month, -1), 'csat')),
      comparison('last_year', 'score', csat, surveyReading(snapshot, findCompanyRow(snapshot, 'month', sameLastYear(month)!), sameLastYear(month)!, 'csat')),
    ],
    target: null,
    projection: null,
    trend: monthValues((r) => r?.csat ?? null),
  });

  // NPS by quarter.
  const today = localDateOf(snapshot.as_of, snapshot.timezone);
  const quarter = periodOfDate({ year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)), day: 1 }, 'quarter');
  const quarterRunning = quarter === periodOfDate(today, 'quarter');
  const nps = surveyReading(snapshot, findCompanyRow(snapshot, 'quarter', quarter), quarter, 'nps');
  const quarterOf = (label: string) => surveyReading(snapshot, findCompanyRow(snapshot, 'quarter', label), label, 'nps');
  cards.push({
    key: 'nps',
    kind: 'nps',
    current: nps,
    partial: quarterRunning,
    comparedAs: quarterRunning ? 'to_date_vs_whole' : 'whole_periods',
    comparisons: [
      comparison('previous', 'nps', nps, quarterOf(shiftPeriod(quarter, -1))),
      comparison('last_year', 'nps', nps, quarterOf(sameLastYear(quarter)!)),
    ],
    target: null,
    projection: null,
    trend: trendPeriods(snapshot, 'quarter', quarter).map((period) => ({
      period,
      value: findCompanyRow(snapshot, 'quarter', period)?.nps ?? null,
      partial: quarterRunning && period === quarter,
    })),
  });

  // Market share: the latest month with a market size, up to the headline month.
  const shareRows = companyRows(snapshot, 'month').filter((r) => r.market_share !== null && comparePeriods(r.period, month) <= 0);
  const shareMonth = shareRows.at(-1)?.period ?? month;
  const shareOf = (label: string): Reading => {
    if (beforeHistory(snapshot, label)) return { period: label, value: null, missing: 'before_history' };
    const share = findCompanyRow(snapshot, 'month', label)?.market_share ?? null;
    return share === null ? { period: label, value: null, missing: 'no_market_size' } : value(label, share);
  };
  const share = shareOf(shareMonth);
  cards.push({
    key: 'market_share',
    kind: 'ratio',
    current: share,
    partial: running && shareMonth === month,
    comparedAs: 'whole_periods',
    comparisons: [
      comparison('previous', 'ratio', share, shareOf(shiftPeriod(shareMonth, -1))),
      comparison('last_year', 'ratio', share, shareOf(sameLastYear(shareMonth)!)),
    ],
    target: null,
    projection: null,
    trend: trendMonths(snapshot, shareMonth).map((period) => ({
      period,
      value: findCompanyRow(snapshot, 'month', period)?.market_share ?? null,
      partial: running && period === month,
    })),
  });

  return { headline, kpis: cards };
}

interface SpanReadings {
  netRevenue: Reading;
  margin: Reading;
  attainment: Reading;
  newCustomers: Reading;
}

/**
 * Readings of a month compared with the headline: days 1..through (capped at the month's
 * length) from its day rows, or the whole month from its row when `through` is null. A month
 * before the snapshot's history is unknown rather than zero.
 */
export function previousSpan(snapshot: Snapshot, month: string, through: number | null): SpanReadings {
  if (beforeHistory(snapshot, month)) {
    const cut = through === null ? {} : { through: Math.min(through, periodDays(month)) };
    const unknown: Reading = { period: month, ...cut, value: null, missing: 'before_history' };
    return { netRevenue: unknown, margin: unknown, attainment: unknown, newCustomers: unknown };
  }
  const row = findCompanyRow(snapshot, 'month', month);
  if (through === null) {
    return {
      netRevenue: value(month, row?.net_revenue ?? 0),
      margin: marginReading(row, month),
      attainment: attainmentReading(row, month),
      newCustomers: value(month, row?.new_customers ?? 0),
    };
  }
  const span = daySpan(snapshot, 'company', null, month, through);
  const cut = { period: month, through: span.through };
  let attainment: Reading;
  const target = row?.target_revenue ?? null;
  if (target === null) attainment = { ...cut, value: null, missing: 'no_target' };
  else if (target === 0) attainment = { ...cut, value: null, missing: 'zero_target' };
  else attainment = { ...cut, value: span.netRevenue / target, missing: null };
  return {
    netRevenue: { ...cut, value: span.netRevenue, missing: null },
    margin: spanMarginReading(span),
    attainment,
    newCustomers: { ...cut, value: span.newCustomers, missing: null },
  };
}

/** A CSAT or NPS reading of a row: unknown before history, `no_responses` when null. */
function surveyReading(snapshot: Snapshot, row: KpiRow | undefined, period: string, key: 'csat' | 'nps'): Reading {
  if (beforeHistory(snapshot, period)) return { period, value: null, missing: 'before_history' };
  const v = row?.[key] ?? null;
  const missing: MissingReason = 'no_responses';
  return v === null ? { period, value: null, missing } : value(period, v);
}

/** Up to TREND_PERIODS.month months ending with `last`, from the first company month row. */
function trendMonths(snapshot: Snapshot, last: string): string[] {
  return trendPeriods(snapshot, 'month', last);
}

function trendPeriods(snapshot: Snapshot, grain: 'month' | 'quarter', last: string): string[] {
  const rows = companyRows(snapshot, grain);
  const first = rows[0]?.period;
  let from = shiftPeriod(last, -(TREND_PERIODS[grain] - 1));
  if (first !== undefined && comparePeriods(first, from) > 0) from = first;
  return comparePeriods(from, last) <= 0 ? periodRange(from, last) : [last];
}

function value(period: string, v: number): Reading {
  return { period, value: v, missing: null };
}

/**
 * current − baseline: exact for money; relative change for money and counts only (a change of
 * a ratio, a score or NPS is read in points).
 */
export function comparison(basis: ExecComparison['basis'], kind: ExecKind, current: Reading, baseline: Reading): ExecComparison {
  if (current.value === null || baseline.value === null) return { basis, baseline, change: null, relativeChange: null };
  const change = kind === 'money' ? subtractMoney(current.value, baseline.value) : current.value - baseline.value;
  const relative = (kind === 'money' || kind === 'count') && baseline.value !== 0 ? change / Math.abs(baseline.value) : null;
  return { basis, baseline, change, relativeChange: relative };
}
