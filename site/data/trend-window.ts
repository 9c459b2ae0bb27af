/**
 * Which stretch of a history a trend chart shows. Pure.
 *
 * A history is cut into windows of `size` laid end to end back from its newest entry, and a page
 * shows the window its own period falls in. So the newest page shows the trailing `size` periods,
 * and every page of one window shows the same chart: it is rendered once and each page highlights
 * its own bar (charts/shared.ts). A chart per page, each ending at the page's period, was most of
 * the build time of a large company's weekly and appraisal pages (npm run bench:site).
 */

/**
 * The window (indexes `start` to `end`, end exclusive) of a history of `length` entries that holds
 * entry `at`; the oldest window may be shorter than `size`.
 *
 * @example trendWindow(10, 9, 4) // { start: 6, end: 10 }: the newest four
 * @example trendWindow(10, 5, 4) // { start: 2, end: 6 }
 * @example trendWindow(10, 0, 4) // { start: 0, end: 2 }: what is left at the oldest end
 */
export function trendWindow(length: number, at: number, size: number): { start: number; end: number } {
  if (!Number.isInteger(size) || size < 1) throw new Error(`invalid size: a trend window holds at least one period, got ${size}`);
  if (!Number.isInteger(at) || at < 0 || at >= length) throw new Error(`invalid at: ${at} is not an entry of a history of ${length}`);
  const end = length - Math.floor((length - 1 - at) / size) * size;
  return { start: Math.max(0, end - size), end };
}

/**
 * The entries of `history` in the window around the entry `isOwn` picks (see trendWindow).
 *
 * @example windowAround(['W1', 'W2', 'W3'], (w) => w === 'W1', 2) // ['W1']
 */
export function windowAround<T>(history: readonly T[], isOwn: (entry: T) => boolean, size: number): T[] {
  const at = history.findIndex(isOwn);
  if (at < 0) throw new Error('invalid history: the page’s own period is not in it');
  const { start, end } = trendWindow(history.length, at, size);
  return history.slice(start, end);
}
