import { describe, expect, it } from 'vitest';
import { median } from '../../shared/kpi/median.ts';

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('takes the mean of the two middle values of an even count', () => {
    // sorted 1, 2, 3, 4 -> (2 + 3) / 2
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('averages two fractional middle values exactly', () => {
    // sorted 0.5, 10, 120, 300 -> (10 + 120) / 2
    expect(median([120, 0.5, 300, 10])).toBe(65);
  });

  it('returns the only value of a one-element list', () => {
    expect(median([18.5])).toBe(18.5);
  });

  it('sorts numerically, not as strings', () => {
    // As strings the order would be "10", "2", "9" and the middle "2".
    expect(median([10, 9, 2])).toBe(9);
  });

  it('handles negative values', () => {
    expect(median([-24, 6, -3])).toBe(-3);
  });

  it('does not modify unsorted input', () => {
    const values = [5, 1, 4, 2];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 4, 2]);
  });

  it('accepts a frozen array', () => {
    const values = Object.freeze([9, 7, 8]);
    expect(median(values)).toBe(8);
  });

  it('is null for an empty list', () => {
    expect(median([])).toBeNull();
  });
});
