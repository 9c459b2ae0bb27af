/**
 * Renders Plot options to an SVG string at build time, so every chart is visible without
 * JavaScript. Plot gets a linkedom document instead of a browser one.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');

export interface RenderOptions {
  /** What the chart shows, for screen readers (the SVG becomes one image with this name). */
  label: string;
  /** Extra class on the <svg>, for styling. */
  className?: string;
}

/**
 * `Plot.plot(options)` rendered to an accessible `<svg>` string.
 *
 * The SVG is one image (`role="img"`, `aria-label`): Plot's own `aria-label` on `<g>` elements
 * (which have no role, and which axe flags as prohibited ARIA) is removed; the numbers are given
 * to screen readers by the data table that accompanies every chart.
 *
 * @example renderPlot(revenueTrend(rows, { currency: 'USD' }), { label: 'Net revenue by month' })
 */
export function renderPlot(options: Plot.PlotOptions, render: RenderOptions): string {
  if (!render.label.trim()) throw new Error('invalid label: a chart needs a label for screen readers');
  // Plot's types want a browser Document; linkedom's is close enough for what Plot uses.
  const node = Plot.plot({ ...options, document: document as unknown as Document }) as unknown as Element;
  if (node.tagName.toLowerCase() !== 'svg') {
    // A figure wraps the svg when Plot adds a title, caption or legend: those belong in the page.
    throw new Error(`invalid plot options: expected a bare <svg>, got <${node.tagName.toLowerCase()}> (drop title, caption and legend)`);
  }
  for (const g of node.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
  for (const g of node.querySelectorAll('[aria-description]')) g.removeAttribute('aria-description');
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', render.label);
  if (render.className) node.setAttribute('class', `${node.getAttribute('class') ?? ''} ${render.className}`.trim());
  return node.outerHTML;
}
