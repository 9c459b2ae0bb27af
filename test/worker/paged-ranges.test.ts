import { describe, expect, it } from 'vitest';
import { rangesBySize } from '../../worker/db/paged-read.ts';

describe('rangesBySize', () => {
  const sized = (sizes: number[]) => sizes.map((size, i) => ({ key: i, size }));

  it('fills each range up to the budget, in order, covering every key once', () => {
    expect(rangesBySize(sized([5, 5, 5]), 10)).toEqual([
      { first: 0, last: 1 },
      { first: 2, last: 2 },
    ]);
    expect(rangesBySize(sized([3, 3, 3, 3]), 10)).toEqual([
      { first: 0, last: 2 },
      { first: 3, last: 3 },
    ]);
    expect(rangesBySize(sized([10, 10]), 10)).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 1 },
    ]);
  });

  it('gives a value over the budget a range of its own, and none for no keys', () => {
    expect(rangesBySize(sized([2, 25, 2, 2]), 10)).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 1 },
      { first: 2, last: 3 },
    ]);
    expect(rangesBySize([], 10)).toEqual([]);
  });

  it('never exceeds the budget unless one value does, for random sizes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const sizes = Array.from({ length: seed % 37 }, (_, i) => ((seed * 7919 + i * 104729) % 23) + 1);
      const budget = (seed % 30) + 1;
      const ranges = rangesBySize(sized(sizes), budget);
      const covered = ranges.flatMap(({ first, last }) => Array.from({ length: last - first + 1 }, (_, i) => first + i));
      expect(covered).toEqual(sizes.map((_, i) => i));
      for (const { first, last } of ranges) {
        const total = sizes.slice(first, last + 1).reduce((a, b) => a + b, 0);
        if (last > first) expect(total).toBeLessThanOrEqual(budget);
        // Greedy: the next key would not have fitted.
        if (last + 1 < sizes.length) expect(total + sizes[last + 1]!).toBeGreaterThan(budget);
      }
    }
  });
});
