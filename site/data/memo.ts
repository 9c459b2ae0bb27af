/**
 * Per-snapshot memoisation for the page builders. A build reads one snapshot and asks for the
 * same page model more than once (the page itself, and the CSV list that writes its tables), so
 * each model is built once per (snapshot, key). The models are shared: callers must not change
 * them.
 */
import type { Snapshot } from '../../shared/snapshot.ts';

/**
 * `fn` memoised per snapshot on the key `keyOf` gives for its other arguments.
 *
 * @example const build = memoPerSnapshot(buildX, (id, base) => `${id} ${base}`);
 */
export function memoPerSnapshot<A extends unknown[], T>(
  fn: (snapshot: Snapshot, ...args: A) => T,
  keyOf: (...args: A) => string,
): (snapshot: Snapshot, ...args: A) => T {
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
    }
    return value as T;
  };
}
