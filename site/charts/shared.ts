/**
 * Charts that several pages show alike, rendered once per build. A team's weekly trend is the same
 * chart on every week page of its window (data/trend-window.ts), and so is a rep's score trend on
 * their appraisal pages: only the highlighted bar and the label for screen readers differ. Those
 * two are the page's own: the label is set on the shared SVG text, and the bar is picked by a class
 * on the chart's wrapper (`highlightClass`; the rules are in styles/global.css).
 */
import { escapeHtml } from '../data/table-html.ts';

/** Highlight classes exist for the first this many bars of a chart (styles/global.css has a rule for each). */
export const HIGHLIGHT_BARS = 12;

const charts = new WeakMap<object, Map<string, string>>();

/**
 * The chart `render` draws, drawn once per `owner` (the snapshot) and `key` (what the chart shows).
 *
 * @example sharedChart(snapshot, `week-trend ${teamId} ${from} ${to}`, () => renderBarTrend(points, options))
 */
export function sharedChart(owner: object, key: string, render: () => string): string {
  let cache = charts.get(owner);
  if (!cache) {
    cache = new Map();
    charts.set(owner, cache);
  }
  let svg = cache.get(key);
  if (svg === undefined) {
    svg = render();
    cache.set(key, svg);
  }
  return svg;
}

/**
 * `svg` (from renderPlot, whose root carries the chart's only `aria-label`) with `label` as its name.
 *
 * @example relabel('<svg role="img" aria-label="Chart">…</svg>', 'Net revenue, Week 48') // '<svg role="img" aria-label="Net revenue, Week 48">…</svg>'
 */
export function relabel(svg: string, label: string): string {
  if (!label.trim()) throw new Error('invalid label: a chart needs a label for screen readers');
  const head = svg.indexOf('>');
  const at = svg.lastIndexOf(' aria-label="', head);
  const close = at < 0 ? -1 : svg.indexOf('"', at + ' aria-label="'.length);
  if (!svg.startsWith('<svg') || at < 0 || close < 0 || close > head) throw new Error('invalid svg: expected renderPlot’s <svg> with an aria-label on its root');
  return `${svg.slice(0, at)} aria-label="${escapeHtml(label)}"${svg.slice(close + 1)}`;
}

/**
 * The wrapper class that highlights `period`'s bar in a shared chart of `bars` (in drawing order;
 * only bars drawn: a bar chart leaves out unscored periods). Running periods are drawn in a mark of
 * their own (`*-partial`), so a bar is counted among the bars of its kind. Null when `period` has
 * no bar.
 *
 * @example highlightClass([{ period: 'W47', partial: false }, { period: 'W48', partial: true }], 'W48') // 'hl-partial-1'
 */
export function highlightClass(bars: readonly { period: string; partial: boolean }[], period: string): string | null {
  const at = bars.findIndex((bar) => bar.period === period);
  if (at < 0) return null;
  const partial = bars[at]!.partial;
  const n = bars.slice(0, at + 1).filter((bar) => bar.partial === partial).length;
  if (n > HIGHLIGHT_BARS) throw new Error(`invalid chart: bar ${n} cannot be highlighted, styles/global.css has rules for ${HIGHLIGHT_BARS}`);
  return `hl-${partial ? 'partial' : 'bar'}-${n}`;
}
