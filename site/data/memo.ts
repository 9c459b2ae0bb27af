/**
 * Per-snapshot memoisation for the page builders. A page asks for its model more than once while
 * it renders (the page, and helpers such as teamPageTables), and some models serve many pages (a
 * team's forecast), so each is built once per (snapshot, key). The models are shared: callers must
 * not change them.
 */
import type { Snapshot } from '../../shared/snapshot.ts';

export interface MemoOptions {
  /**
   * Keep only the values of this many keys, the most recently built (first in, first out). For a
   * model of one page: it is asked for while its page renders (a few pages render at once), then
   * never again, and keeping every page's model alive to the end of a build made the garbage
   * collector's work grow with the site (npm run bench:site). Default: keep all.
   */
  limit?: number;
}

/**
 * `fn` memoised per snapshot on the key `keyOf` gives for its other arguments.
 *
 * @example const build = memoPerSnapshot(buildX, (id, base) => `${id} ${base}`);
 * @example const buildPage = memoPerSnapshot(buildX, (id) => id, { limit: 16 }); // a page's model: kept while it renders
 */
export function memoPerSnapshot<A extends unknown[], T>(
  fn: (snapshot: Snapshot, ...args: A) => T,
  keyOf: (...args: A) => string,
  options: MemoOptions = {},
): (snapshot: Snapshot, ...args: A) => T {
  const limit = options.limit ?? Infinity;
  if (!(limit >= 1)) throw new Error(`invalid limit: a memo keeps at least one value, got ${limit}`);
  const caches = new WeakMap<Snapshot, Map<string, T>>();
  return (snapshot, ...args) => {
    let cache = caches.get(snapshot);
    if (!cache) {
      cache = new Map();
      caches.set(snapshot, cache);
    }
    const key = keyOf(...args);
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = fn(snapshot, ...args);
      cache.set(key, value);
      // A Map iterates in insertion order: the first key is the oldest.
      if (cache.size > limit) cache.delete(cache.keys().next().value!);
    }
    return value as T;
  };
}

/**
 * How many page models a per-page builder keeps: Astro renders a few pages at once
 * (astro.config.mjs `build.concurrency`), and a page asks for its model only while it renders.
 */
export const PAGE_MODELS_KEPT = 16;
