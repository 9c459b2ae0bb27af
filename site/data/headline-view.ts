/**
 * The headline as text for the dashboard cards. Pure: numbers come from `buildHeadline`, words
 * and formats from `format.ts`.
 */
import type { Headline, HeadlineMetric, Reading, TargetProgress } from './headline.ts';
import { daySpanName, formatCount, formatMoney, formatPercent, formatPoints, missingText, periodName } from './format.ts';

export interface CardChange {
  /** `+$5,500 (+12.5%)`, `-7.8 pts`, `+3 (+75.0%)`, `12.1 pts behind pace`, `On pace` */
  text: string;
  direction: 'up' | 'down' | 'flat';
  /**
   * Said first to screen readers, for whom the arrow is hidden: `Up`, `Down`, `No change`; null
   * when the text already says it (`12.1 pts behind pace`).
   */
  spoken: string | null;
}

export interface HeadlineCard {
  key: HeadlineMetric['key'];
  label: string;
  /** The formatted figure, or null with `missing` saying why. */
  value: string | null;
  missing: string | null;
  /** A line of context under the figure, e.g. `of $55,000 target`. */
  detail: string | null;
  /** What the figure is compared with: `October 2026`, `Oct 1–26` (month to date), or `pace`. */
  baselineName: string;
  /** The figure compared with, or null with `baselineMissing` saying why. */
  baseline: string | null;
  baselineMissing: string | null;
  /**
   * The comparison in words: `vs $44,000 in October 2026`, `vs $40,000 in Oct 1–30`, or for pace
   * `86.7% of the month gone by (day 26 of 30)`; null when the baseline is missing.
   */
  compare: string | null;
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
 * @example headlineCards(headline, 'USD')[0] // { label: 'Net revenue', value: '$49,500', change: { text: '+$9,500 (+23.8%)', ... }, compare: 'vs $40,000 in Oct 1–30', ... }
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
  const { day, days } = headline.elapsed;
  return headline.metrics.map((metric) => {
    const { current, baseline } = metric;
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
    const baselineValue = baseline.value === null ? null : value(metric, baseline.value);
    const baselineName = metric.basis === 'pace' ? 'pace' : readingName(baseline, headline.period);
    let compare: string | null = null;
    if (baselineValue !== null) {
      compare =
        metric.basis === 'pace'
          ? `${formatPercent(baseline.value!)} of the month gone by (day ${day} of ${days})`
          : `vs ${baselineValue} in ${baselineName}`;
    }
    return {
      key: metric.key,
      label: LABELS[metric.key],
      value: current.value === null ? null : value(metric, current.value),
      missing: current.missing === null ? null : missingText(current.missing, current.period),
      detail,
      baselineName,
      baseline: baselineValue,
      baselineMissing:
        baseline.missing === null ? null : missingText(baseline.missing, baseline.period, readingName(baseline, headline.period)),
      compare,
      change: metric.change === null ? null : changeOf(metric, metric.change, currency),
    };
  });
}

/**
 * One line saying what the cards are compared with (`text`, naming the days compared as `span`),
 * or null for a whole month against the one before (the cards say it).
 *
 * @example headlineNote(headline)?.text // 'Compared with the same days of October 2026 (Oct 1–26); attainment with the share of the month gone by.'
 */
export function headlineNote(headline: Headline): { text: string; span: string } | null {
  if (headline.comparison === 'full_month') return null;
  const { period, through, days } = headline.baseline;
  const span = daySpanName(period, through, { year: period.slice(0, 4) !== headline.period.slice(0, 4) });
  const against =
    through < headline.elapsed.day && through === days
      ? `all of ${periodName(period)} (${span}), a shorter month`
      : `the same days of ${periodName(period)} (${span})`;
  return { text: `Compared with ${against}; attainment with the share of the month gone by.`, span };
}

/** `October 2026` for a whole month; `Oct 1–26` for its first days (with the year when it differs from the headline's). */
function readingName(reading: Reading, headlinePeriod: string): string {
  if (reading.through === undefined) return periodName(reading.period);
  return daySpanName(reading.period, reading.through, { year: reading.period.slice(0, 4) !== headlinePeriod.slice(0, 4) });
}

function changeOf(metric: HeadlineMetric, change: number, currency: string): CardChange {
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  if (metric.basis === 'pace') {
    const gap = formatPoints(Math.abs(change), { signed: false });
    if (gap === formatPoints(0, { signed: false })) return { text: 'On pace', direction: 'flat', spoken: null };
    return { text: `${gap} ${change > 0 ? 'ahead of' : 'behind'} pace`, direction, spoken: null };
  }
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
  return { text, direction, spoken: { up: 'Up', down: 'Down', flat: 'No change' }[direction] };
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
