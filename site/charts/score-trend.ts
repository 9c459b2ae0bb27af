/**
 * A rep's weighted score per appraisal period as bars, with a rule at 100 (on target) and each
 * bar's band above it; a running period drawn lighter. Colours from CSS classes (`st-bar`,
 * `st-bar-partial`, `st-target`, `st-label`). The page's own period is highlighted by a class on
 * the chart's wrapper (charts/shared.ts highlightClass), so one chart serves every page of its
 * window.
 */
import * as Plot from '@observablehq/plot';
import { periodScale } from './ticks.ts';
import { renderPlot } from './render.ts';

export interface ScorePoint {
  period: string;
  /** null: nothing could be scored (no bar). */
  score: number | null;
  band: string | null;
  /** Still running (provisional). */
  partial: boolean;
}

export interface ScoreTrendOptions {
  width?: number;
  compact?: boolean;
}

/**
 * @example scoreTrend([{ period: '2026-Q3', score: 116, band: 'A', partial: false }])
 */
export function scoreTrend(points: readonly ScorePoint[], options: ScoreTrendOptions = {}): Plot.PlotOptions {
  if (points.length === 0) throw new Error('invalid points: a score trend needs at least one period');
  const compact = options.compact ?? false;
  const scored = points.filter((p) => p.score !== null);
  const top = Math.max(150, ...scored.map((p) => p.score!));
  const bars = (filter: (p: ScorePoint) => boolean, className: string) =>
    Plot.barY(scored, { filter, x: 'period', y: 'score', className, title: (p: ScorePoint) => `${p.period}: ${p.score}${p.band ? ` (${p.band})` : ''}` });
  return {
    width: options.width ?? (compact ? 360 : 640),
    height: compact ? 200 : 220,
    marginLeft: 40,
    marginRight: 12,
    marginTop: 20,
    marginBottom: 36,
    style: { fontSize: compact ? '13px' : '12px' },
    x: periodScale(points.map((p) => p.period), { type: 'band', padding: 0.35 }),
    y: { domain: [0, top * 1.1], grid: true, label: null, tickSize: 0, ticks: compact ? 3 : 4 },
    marks: [
      bars((p) => !p.partial, 'st-bar'),
      bars((p) => p.partial, 'st-bar-partial'),
      Plot.ruleY([0], { className: 'st-zero' }),
      Plot.ruleY([100], { className: 'st-target', strokeDasharray: '4,3', strokeWidth: 1.5 }),
      Plot.text(
        scored.filter((p) => p.band !== null),
        { x: 'period', y: 'score', text: 'band', dy: -8, className: 'st-label' },
      ),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderScoreTrend(points: readonly ScorePoint[], label: string, options: ScoreTrendOptions = {}): string {
  return renderPlot(scoreTrend(points, options), { label, className: `score-trend${options.compact ? ' compact' : ''}` });
}
