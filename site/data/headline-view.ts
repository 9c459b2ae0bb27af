/**
 * The headline as text for the dashboard cards. Pure: numbers come from `buildHeadline`, words
 * and formats from `format.ts`.
 */
import type { Headline, HeadlineMetric, TargetProgress } from './headline.ts';
import { formatCount, formatMoney, formatPercent, formatPoints, missingText, periodName } from './format.ts';

export interface CardChange {
  /** `+$5,500 (+12.5%)`, `-7.8 pts`, `+3 (+75.0%)` */
  text: string;
  direction: 'up' | 'down' | 'flat';
}

export interface HeadlineCard {
  key: HeadlineMetric['key'];
  label: string;
  /** The formatted figure, or null with `missing` saying why. */
  value: string | null;
  missing: string | null;
  /** A line of context under the figure, e.g. `of $55,000 target`. */
  detail: string | null;
  /** The previous period, e.g. `October 2026`. */
  previousName: string;
  /** The previous figure, or null with `previousMissing` saying why. */
  previous: string | null;
  previousMissing: string | null;
  /** null when either figure is missing. */
  change: CardChange | null;
}

const LABELS: Record<HeadlineMetric['key'], string> = {
  net_revenue: 'Net revenue',
  margin: 'Profit margin',
  attainment: 'Target attainment',
  new_customers: 'New customers',
};

/**
 * @example headlineCards(headline, 'USD')[0] // { label: 'Net revenue', value: '$49,500', change: { text: '+$5,500 (+12.5%)', direction: 'up' }, ... }
 */
export function headlineCards(headline: Headline, currency: string): HeadlineCard[] {
  const value = (metric: HeadlineMetric, n: number): string => {
    switch (metric.kind) {
      case 'money':
        return formatMoney(n, currency, { whole: true });
      case 'ratio':
        return formatPercent(n);
      case 'count':
        return formatCount(n);
    }
  };
  const row = headline.row;
  return headline.metrics.map((metric) => {
    const { current, previous } = metric;
    let detail: string | null = null;
    if (metric.key === 'net_revenue' && row.refunds !== 0) {
      detail = `after ${formatMoney(row.refunds, currency, { whole: true })} refunds`;
    } else if (metric.key === 'margin' && current.value !== null) {
      detail = `${formatMoney(row.profit, currency, { whole: true })} profit`;
    } else if (metric.key === 'attainment' && row.target_revenue !== null) {
      detail = `of ${formatMoney(row.target_revenue, currency, { whole: true })} target`;
    } else if (metric.key === 'new_customers') {
      detail = `${formatCount(row.active_customers)} active customers`;
    }
    return {
      key: metric.key,
      label: LABELS[metric.key],
      value: current.value === null ? null : value(metric, current.value),
      missing: current.missing === null ? null : missingText(current.missing, current.period),
      detail,
      previousName: periodName(previous.period),
      previous: previous.value === null ? null : value(metric, previous.value),
      previousMissing: previous.missing === null ? null : missingText(previous.missing, previous.period),
      change: metric.change === null ? null : changeOf(metric, metric.change, currency),
    };
  });
}

function changeOf(metric: HeadlineMetric, change: number, currency: string): CardChange {
  const relative = metric.relativeChange === null ? '' : ` (${formatPercent(metric.relativeChange, { signed: true })})`;
  let text: string;
  switch (metric.kind) {
    case 'money':
      text = formatMoney(change, currency, { whole: true, signed: true }) + relative;
      break;
    case 'ratio':
      text = formatPoints(change);
      break;
    case 'count':
      text = formatCount(change, { signed: true }) + relative;
      break;
  }
  return { text, direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat' };
}

export interface ProgressView {
  title: string;
  netRevenue: string;
  target: string | null;
  attainment: string | null;
  missing: string | null;
  /** Attainment as a bar length, 0..1 (capped). */
  fill: number;
  /** Share of the period gone by, 0..1. */
  elapsed: number;
  /** `66% of the quarter gone by (day 61 of 92)` */
  elapsedText: string;
}

/**
 * @example progressView(buildTargetProgress(snapshot, 'quarter'), 'USD').title // 'Q4 2026 to date'
 */
export function progressView(progress: TargetProgress, currency: string): ProgressView {
  const { attainment, elapsed } = progress;
  const share = elapsed.days === 0 ? 0 : elapsed.day / elapsed.days;
  return {
    title: `${periodName(progress.period)} to date`,
    netRevenue: formatMoney(progress.netRevenue, currency, { whole: true }),
    target: progress.target === null ? null : formatMoney(progress.target, currency, { whole: true }),
    attainment: attainment.value === null ? null : formatPercent(attainment.value),
    missing: attainment.missing === null ? null : missingText(attainment.missing, attainment.period),
    fill: attainment.value === null ? 0 : Math.min(1, Math.max(0, attainment.value)),
    elapsed: share,
    elapsedText: `${formatPercent(share, { digits: 0 })} of the ${progress.grain} gone by (day ${elapsed.day} of ${elapsed.days})`,
  };
}
