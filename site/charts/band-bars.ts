/**
 * Reps per rating band as vertical bars, best band first, each with its count on top: the
 * distribution of a period's ratings. Colours from CSS classes (`bb-bar`, `bb-label`).
 */
import type * as Plot from '@observablehq/plot';
import { countBars } from './count-bars.ts';
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
  const labels = new Map(bars.map((b) => [b.band, b.label]));
  return countBars(
    bars.map((b) => ({ key: b.band, count: b.reps })),
    {
      width: options.width ?? (compact ? 360 : 720),
      height: compact ? 200 : 220,
      marginBottom: compact ? 28 : 40,
      fontSize: compact ? '13px' : '12px',
      padding: 0.3,
      compact,
      tickFormat: (band) => (compact || !labels.get(band) ? band : `${band}\n${labels.get(band)}`),
      classPrefix: 'bb',
    },
  );
}

/** Renders the chart to an accessible SVG string (see renderPlot). */
export function renderBandBars(bars: readonly BandBar[], label: string, options: BandBarsOptions = {}): string {
  return renderPlot(bandBars(bars, options), { label, className: `band-bars${options.compact ? ' compact' : ''}` });
}
