/**
 * Charts that several pages show alike, rendered once per build. A team's weekly trend is the same
 * chart on every week page of its window (data/trend-window.ts), and so is a rep's score trend on
 * their appraisal pages: only the highlighted bar and the label for screen readers differ. Those
 * two are the page's own: the label is set on the shared SVG text, and the bar is picked by a class
 * on the chart's wrapper (`highlightClass`; the rules are in styles/global.css).
 */
import { escapeHtml } from '../data/table-html.ts';
import { windowAround } from '../data/trend-window.ts';

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

/** A shared trend chart for one page: its wide and narrow (phone) drawings, and their wrapper classes. */
export interface PageTrendCharts<P> {
  wide: string;
  narrow: string;
  wideClass: string | null;
  narrowClass: string | null;
  /** The narrow version's points: the window of its size that the page's period falls in. */
  narrowPoints: P[];
}

/**
 * A page's trend charts of `points` (a window, in order), its own period `own` highlighted: the
 * narrow version shows the window of `narrowSize` that `own` falls in (the newest when `own` has
 * no point). `draw` renders a version, once per build (sharedChart); `drawn` says which points
 * get a bar (a score chart leaves out unscored periods).
 *
 * @example pageTrendCharts(page.trend, week, 6, (points, compact) => weekTrendSvg(snapshot, teamId, points, label, compact))
 */
export function pageTrendCharts<P extends { period: string; partial: boolean }>(
  points: readonly P[],
  own: string,
  narrowSize: number,
  draw: (points: readonly P[], compact: boolean) => string,
  drawn: (point: P) => boolean = () => true,
): PageTrendCharts<P> {
  const narrowPoints = points.some((p) => p.period === own) ? windowAround(points, (p) => p.period === own, narrowSize) : points.slice(-narrowSize);
  return {
    wide: draw(points, false),
    narrow: draw(narrowPoints, true),
    wideClass: highlightClass(points.filter(drawn), own),
    narrowClass: highlightClass(narrowPoints.filter(drawn), own),
    narrowPoints,
  };
}
