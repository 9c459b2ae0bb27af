/**
 * Seeded pseudo-random numbers for the demo company: same seed, same company, on every machine.
 *
 * mulberry32 is a tiny 32-bit generator (period 2^32) that is plenty for demo data. `fork(label)`
 * derives an independent stream per part of the generator, so adding draws to one part (say,
 * surveys) does not reshuffle every other part.
 */

/** A seeded random stream with the few distributions the generator needs. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Standard normal draw (Box-Muller). */
  normal(mean?: number, sd?: number): number;
  /** exp(normal(mu, sigma)): median e^mu, always positive. */
  lognormal(mu: number, sigma: number): number;
  /** Poisson count with mean lambda (Knuth for small lambda, normal approximation above 30). */
  poisson(lambda: number): number;
  /** A new independent stream derived from this stream's seed and a label. */
  fork(label: string): Random;
}

/**
 * mulberry32 step function over a 32-bit state.
 *
 * @example
 * const next = mulberry32(42); next(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: turns (seed, label) into a sub-seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seeded random stream.
 *
 * @example
 * const rng = createRandom(7);
 * rng.int(1, 6); // same value every run
 * const surveys = rng.fork('surveys'); // independent of rng's own sequence
 */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  let spareNormal: number | null = null;

  const rng: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new Error('pick: empty array');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items, weights) {
      if (items.length === 0 || items.length !== weights.length) throw new Error('weighted: bad arguments');
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return items[i] as (typeof items)[number];
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    normal(mean = 0, sd = 1) {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return mean + sd * z;
      }
      // 1 - next() is in (0, 1], so the log is finite.
      const u = 1 - next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return mean + sd * radius * Math.cos(2 * Math.PI * v);
    },
    lognormal: (mu, sigma) => Math.exp(rng.normal(mu, sigma)),
    poisson(lambda) {
      if (lambda <= 0) return 0;
      if (lambda > 30) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    fork: (label) => createRandom(hash32(`${seed}:${label}`)),
  };
  return rng;
}
