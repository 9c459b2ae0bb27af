/**
 * Cohort retention as a heatmap: one row per cohort (month of first purchase), one column per
 * month after it, each cell shaded by the share of the cohort buying that month and labelled
 * with it in percent (without the % sign when cells are narrow). Shares fall in six steps (`SHADES`), each a CSS class (`ch-0` … `ch-5`) with its own
 * colour in light and dark mode; labels on the two darkest steps use the surface colour
 * (`ch-label-strong`), the others the text colour (`ch-label`), so they keep their contrast.
 */
import * as Plot from '@observablehq/plot';
import { formatPercent, periodName } from '../data/format.ts';
import { renderPlot } from './render.ts';

export interface HeatCell {
  cohort: string;
  /** Months after the first purchase (1 = the month after). */
  k: number;
  share: number;
}

export interface CohortHeatmapOptions {
  width?: number;
  compact?: boolean;
  /** Label every cell with its share (default: when cells are wide enough). */
  labels?: boolean;
}

/** The upper bound of each shade (inclusive): none, up to 10%, 25%, 50%, 75%, and above. */
export const SHADES = [0, 0.1, 0.25, 0.5, 0.75, 1] as const;
/** Shades from this one on get labels in the surface colour. */
const STRONG_SHADE = 4;

/** @example shadeOf(0.3) // 3 */
export function shadeOf(share: number): number {
  const i = SHADES.findIndex((bound) => share <= bound);
  return i === -1 ? SHADES.length - 1 : i;
}

/**
 * @example cohortHeatmap([{ cohort: '2026-07', k: 1, share: 0.5 }])
 */
export function cohortHeatmap(cells: readonly HeatCell[], options: CohortHeatmapOptions = {}): Plot.PlotOptions {
  if (cells.length === 0) throw new Error('invalid cells: a retention heatmap needs at least one cell');
  const compact = options.compact ?? false;
  const cohorts = [...new Set(cells.map((c) => c.cohort))].sort();
  const maxK = Math.max(...cells.map((c) => c.k));
  const ks = Array.from({ length: maxK }, (_, i) => i + 1);
  const width = options.width ?? (compact ? 360 : 960);
  const marginLeft = compact ? 64 : 76;
  const cellWidth = (width - marginLeft - 8) / ks.length;
  const labels = options.labels ?? cellWidth >= 22;
  const rowHeight = compact ? 22 : 20;
  // Narrow cells get the number without its % sign (the chart's note says the cells are percentages).
  const label = (d: HeatCell) => (cellWidth >= 40 ? formatPercent(d.share, { digits: 0 }) : String(Math.round(d.share * 100)));
  const title = (d: HeatCell) => `${periodName(d.cohort)} cohort, month ${d.k}\n${formatPercent(d.share)} bought`;
  return {
    width,
    height: 48 + cohorts.length * rowHeight,
    marginLeft,
    marginRight: 8,
    marginTop: 32,
    marginBottom: 8,
    style: { fontSize: compact ? '12px' : '11px' },
    x: {
      type: 'band',
      domain: ks,
      axis: 'top',
      label: null,
      tickSize: 0,
      padding: 0.05,
      ticks: ks.filter((k) => ks.length <= 12 || k === 1 || k % 3 === 0),
      tickFormat: (k: number) => (k === 1 ? 'Month 1' : String(k)),
    },
    y: { type: 'band', domain: cohorts, label: null, tickSize: 0, padding: 0.05, tickFormat: (c: string) => periodName(c, 'short') },
    marks: [
      ...SHADES.map((_, shade) =>
        Plot.cell(cells, { filter: (d: HeatCell) => shadeOf(d.share) === shade, x: 'k', y: 'cohort', className: `ch-${shade}`, fill: 'currentColor', title }),
      ),
      ...(labels
        ? [
            Plot.text(cells, { filter: (d: HeatCell) => shadeOf(d.share) < STRONG_SHADE, x: 'k', y: 'cohort', text: label, className: 'ch-label' }),
            Plot.text(cells, { filter: (d: HeatCell) => shadeOf(d.share) >= STRONG_SHADE, x: 'k', y: 'cohort', text: label, className: 'ch-label-strong' }),
          ]
        : []),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderCohortHeatmap(cells: readonly HeatCell[], label: string, options: CohortHeatmapOptions = {}): string {
  return renderPlot(cohortHeatmap(cells, options), { label, className: `cohort-heatmap${options.compact ? ' compact' : ''}` });
}
