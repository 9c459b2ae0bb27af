/**
 * The headline's words: the comparison note, pace, and quarter/year progress. Pure: numbers come
 * from `buildHeadline`, formats from `format.ts`; the cards' text is in exec-kpis-view.ts.
 */
import type { Headline, TargetProgress } from './headline.ts';
import { daySpanName, formatMoney, formatPercent, missingText, periodName } from './format.ts';

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

/**
 * Where attainment should be by now, in words.
 *
 * @example paceText(26 / 30, 'elapsed_days', 26, 30) // '86.7% of the month gone by (day 26 of 30)'
 * @example paceText(0.935, 'last_year_profile', 26, 30) // '93.5% expected by day 26 of 30 (last year's pattern)'
 */
export function paceText(fraction: number, method: 'elapsed_days' | 'last_year_profile', day: number, days: number, grain = 'month'): string {
  return method === 'elapsed_days'
    ? `${formatPercent(fraction)} of the ${grain} gone by (day ${day} of ${days})`
    : `${formatPercent(fraction)} expected by day ${day} of ${days} (last year's pattern)`;
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
  const pace =
    headline.pace?.method === 'last_year_profile'
      ? "the pace last year's pattern gives for this day"
      : 'the share of the month gone by';
  return { text: `Compared with ${against}; attainment with ${pace}.`, span };
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
