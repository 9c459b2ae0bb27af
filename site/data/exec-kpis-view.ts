/**
 * The executive KPIs as text for the dashboard cards. Pure: numbers come from `buildExecKpis`,
 * words and formats from `format.ts`.
 */
import type { Reading } from './headline.ts';
import type { ExecComparison, ExecKey, ExecKind, ExecKpi, ExecKpis } from './exec-kpis.ts';
import { paceText, type CardChange } from './headline-view.ts';
import { daySpanName, formatCount, formatMoney, formatPercent, formatPoints, missingText, periodName } from './format.ts';
import { subtractMoney } from './money.ts';

export interface ComparisonView {
  basis: ExecComparison['basis'];
  /** What is compared with: `Oct 1–30`, `November 2025`, `Q3 2026`, or `pace`. */
  baselineName: string;
  /** `vs $40,000 in Oct 1–30`, or for pace `86.7% of the month gone by (day 26 of 30)`; null when the baseline is missing. */
  compare: string | null;
  baselineMissing: string | null;
  /** null when either side is missing. */
  change: CardChange | null;
}

export interface ExecCard {
  key: ExecKey;
  label: string;
  value: string | null;
  missing: string | null;
  /** What the figure covers when it is not the headline month: `Q4 2026 to date`, `October 2026, the latest month with a market size`. */
  note: string | null;
  /** A line of context under the figure, e.g. `of $55,000 target`. */
  detail: string | null;
  /** The target line: `Target $55,000 ($5,500 to go)`, `At this pace: 90.0% ($49,500) by month end`; null when there is none. */
  target: string | null;
  comparisons: ComparisonView[];
}

const LABELS: Record<ExecKey, string> = {
  net_revenue: 'Net revenue',
  margin: 'Profit margin',
  attainment: 'Target attainment',
  new_customers: 'New customers',
  csat: 'CSAT',
  nps: 'NPS',
  market_share: 'Market share',
};

/** The KPIs that have no target in the snapshot (targets cover revenue, profit, new customers and orders). */
export const UNTARGETED: readonly ExecKey[] = ['csat', 'nps', 'market_share'];

/**
 * A figure of a KPI kind as text.
 *
 * @example formatKpi(4.2, 'score', 'USD') // '4.20'
 * @example formatKpi(34.09, 'nps', 'USD') // '34'
 */
export function formatKpi(n: number, kind: ExecKind, currency: string): string {
  switch (kind) {
    case 'money':
      return formatMoney(n, currency, { whole: true });
    case 'ratio':
      return formatPercent(n);
    case 'count':
      return formatCount(n);
    case 'score':
      return n.toFixed(2);
    case 'nps':
      return formatCount(Math.round(n));
  }
}

/**
 * @example execCards(buildExecKpis(snapshot)!, 'USD')[0] // { label: 'Net revenue', value: '$49,500', comparisons: [{ compare: 'vs $40,000 in Oct 1–30', ... }, ...] }
 */
export function execCards(exec: ExecKpis, currency: string): ExecCard[] {
  const { headline } = exec;
  return exec.kpis.map((kpi) => {
    const row = headline.row;
    const current = kpi.current;
    let detail: string | null = null;
    if (kpi.key === 'net_revenue' && row.refunds !== 0) {
      detail = `after ${formatMoney(row.refunds, currency, { whole: true })} refunds`;
    } else if (kpi.key === 'margin' && current.value !== null) {
      detail = `${formatMoney(row.profit, currency, { whole: true })} profit`;
    } else if (kpi.key === 'attainment' && row.target_revenue !== null) {
      detail = `of ${formatMoney(row.target_revenue, currency, { whole: true })} target`;
    } else if (kpi.key === 'new_customers') {
      detail = `${formatCount(row.active_customers)} active customers`;
    } else if (kpi.key === 'csat' && row.csat_satisfied_rate !== null && current.value !== null) {
      detail = `${formatPercent(row.csat_satisfied_rate)} satisfied (4 or 5 of 5)`;
    }
    return {
      key: kpi.key,
      label: LABELS[kpi.key],
      value: current.value === null ? null : formatKpi(current.value, kpi.kind, currency),
      missing: current.missing === null ? null : missingText(current.missing, current.period),
      note: noteOf(kpi, headline.period),
      detail,
      target: targetLine(kpi, currency),
      comparisons: kpi.comparisons.map((c) => comparisonView(kpi, c, headline.period, headline.elapsed, headline.pace?.method ?? 'elapsed_days', currency)),
    };
  });
}

function noteOf(kpi: ExecKpi, headlinePeriod: string): string | null {
  const period = kpi.current.period;
  switch (kpi.key) {
    case 'csat':
      return kpi.partial ? 'Month to date, compared with whole months' : null;
    case 'nps':
      return kpi.partial ? `${periodName(period)} to date, compared with whole quarters` : periodName(period);
    case 'market_share':
      return period === headlinePeriod && kpi.current.value === null
        ? null
        : `${periodName(period)}, the latest month with a market size`;
    default:
      return null;
  }
}

function targetLine(kpi: ExecKpi, currency: string): string | null {
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const current = kpi.current.value;
  if (kpi.key === 'attainment') {
    if (!kpi.projection) return null;
    const { attainment, netRevenue } = kpi.projection;
    return attainment === null
      ? `At this pace: ${money(netRevenue)} by month end`
      : `At this pace: ${formatPercent(attainment)} (${money(netRevenue)}) by month end`;
  }
  const target = kpi.target;
  if (!target) {
    if (kpi.key === 'net_revenue') return `No target set for ${periodName(kpi.current.period)}`;
    return null;
  }
  if (target.metric === 'revenue' && current !== null) {
    const left = subtractMoney(target.value, current);
    return `Target ${money(target.value)} (${left > 0 ? `${money(left)} to go` : 'reached'})`;
  }
  if (target.metric === 'profit') {
    return `Profit target ${money(target.value)}`;
  }
  if (target.metric === 'new_customers' && current !== null) {
    const left = target.value - current;
    return `Target ${formatCount(target.value)} (${left > 0 ? `${formatCount(left)} to go` : 'reached'})`;
  }
  return null;
}

/** `October 2026` for a whole period; `Oct 1–26` for the first days of a month (with the year when it differs). */
export function readingName(reading: Reading, headlinePeriod: string): string {
  if (reading.through === undefined) return periodName(reading.period);
  return daySpanName(reading.period, reading.through, { year: reading.period.slice(0, 4) !== headlinePeriod.slice(0, 4) });
}

function comparisonView(
  kpi: ExecKpi,
  c: ExecComparison,
  headlinePeriod: string,
  elapsed: { day: number; days: number },
  method: 'elapsed_days' | 'last_year_profile',
  currency: string,
): ComparisonView {
  const baseline = c.baseline;
  const isPace = c.basis === 'pace';
  const baselineName = isPace ? 'pace' : readingName(baseline, headlinePeriod);
  let compare: string | null = null;
  if (baseline.value !== null) {
    compare = isPace
      ? paceText(baseline.value, method, elapsed.day, elapsed.days)
      : `vs ${formatKpi(baseline.value, kpi.kind, currency)} in ${baselineName}`;
  }
  return {
    basis: c.basis,
    baselineName,
    compare,
    baselineMissing: baseline.missing === null ? null : missingText(baseline.missing, baseline.period, baselineName),
    change: c.change === null ? null : changeText(kpi.kind, c, currency),
  };
}

/**
 * A change as text with its direction.
 *
 * @example changeText('money', { basis: 'previous', change: 9500.25, relativeChange: 0.2375, ... }, 'USD').text // '+$9,500 (+23.8%)'
 */
export function changeText(kind: ExecKind, c: Pick<ExecComparison, 'basis' | 'change' | 'relativeChange'>, currency: string): CardChange {
  const change = c.change!;
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  if (c.basis === 'pace') {
    const gap = formatPoints(Math.abs(change), { signed: false });
    if (gap === formatPoints(0, { signed: false })) return { text: 'On pace', direction: 'flat', spoken: null };
    return { text: `${gap} ${change > 0 ? 'ahead of' : 'behind'} pace`, direction, spoken: null };
  }
  const relative = c.relativeChange === null ? '' : ` (${formatPercent(c.relativeChange, { signed: true })})`;
  let text: string;
  switch (kind) {
    case 'money':
      text = formatMoney(change, currency, { whole: true, signed: true }) + relative;
      break;
    case 'ratio':
      text = formatPoints(change);
      break;
    case 'count':
      text = formatCount(change, { signed: true }) + relative;
      break;
    case 'score':
      text = `${change > 0 ? '+' : change < 0 ? '-' : ''}${Math.abs(change).toFixed(2)}`;
      break;
    case 'nps':
      text = formatCount(Math.round(change), { signed: true });
      break;
  }
  return { text, direction, spoken: { up: 'Up', down: 'Down', flat: 'No change' }[direction] };
}
