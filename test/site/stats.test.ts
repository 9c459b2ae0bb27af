import { describe, expect, it } from 'vitest';
import { mean, sampleStandardDeviation } from '../../site/data/stats.ts';

describe('mean', () => {
  it('is the sum over the count', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('is null for no values', () => {
    expect(mean([])).toBeNull();
  });
});

describe('sampleStandardDeviation', () => {
  it('divides the squared deviations by n − 1: [2,4,4,4,5,5,7,9] gives √(32/7)', () => {
    // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('is 0 for equal values and null for fewer than two', () => {
    expect(sampleStandardDeviation([3, 3, 3])).toBe(0);
    expect(sampleStandardDeviation([3])).toBeNull();
  });
});
