/**
 * Reps per rating band as vertical bars, best band first, each with its count on top: the
 * distribution of a period's ratings. Colours from CSS classes (`bb-bar`, `bb-label`).
 */
import * as Plot from '@observablehq/plot';
import { formatCount } from '../data/format.ts';
import { renderPlot } from './render.ts';

export interface BandBar {
  band: string;
  /** The scheme's word for the band (`Exceeds`), shown under it on wide charts; null when unknown. */
  label: string | null;
  reps: number;
}

export interface BandBarsOptions {
  width?: number;
  compact?: boolean;
}

/**
 * @example bandBars([{ band: 'A', label: 'Exceeds', reps: 2 }, { band: 'B', label: 'Meets', reps: 1 }])
 */
export function bandBars(bars: readonly BandBar[], options: BandBarsOptions = {}): Plot.PlotOptions {
  if (bars.length === 0) throw new Error('invalid bars: a band distribution needs at least one band');
  const compact = options.compact ?? false;
  const most = Math.max(1, ...bars.map((b) => b.reps));
  const labels = new Map(bars.map((b) => [b.band, b.label]));
  return {
    width: options.width ?? (compact ? 360 : 720),
    height: compact ? 200 : 220,
    marginLeft: 40,
    marginRight: 12,
    marginTop: 20,
    marginBottom: compact ? 28 : 40,
    style: { fontSize: compact ? '13px' : '12px' },
    x: {
      type: 'band',
      domain: bars.map((b) => b.band),
      padding: 0.3,
      label: null,
      tickSize: 0,
      tickFormat: (band: string) => (compact || !labels.get(band) ? band : `${band}\n${labels.get(band)}`),
    },
    // Counts are whole: ticks only on integers, and room above the tallest bar for its number.
    y: {
      domain: [0, most * 1.15],
      grid: true,
      label: null,
      tickSize: 0,
      ticks: Math.min(most, compact ? 3 : 5),
      tickFormat: (n: number) => (Number.isInteger(n) ? formatCount(n) : ''),
    },
    marks: [
      Plot.barY(bars, { x: 'band', y: 'reps', className: 'bb-bar' }),
      Plot.ruleY([0], { className: 'bb-zero' }),
      Plot.text(bars, { x: 'band', y: 'reps', text: (d: BandBar) => formatCount(d.reps), dy: -8, className: 'bb-label' }),
    ],
  };
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderBandBars(bars: readonly BandBar[], label: string, options: BandBarsOptions = {}): string {
  return renderPlot(bandBars(bars, options), { label, className: `band-bars${options.compact ? ' compact' : ''}` });
}
