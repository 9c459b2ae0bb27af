/**
 * Descriptive statistics for the growth-point and risk rules. Pure.
 */

/**
 * The arithmetic mean; null for no values.
 *
 * @example mean([1, 2, 3, 6]) // 3
 */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * The sample standard deviation, sqrt(Σ(x − mean)² / (n − 1)); null for fewer than 2 values.
 *
 * @example sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) // 2.138… (√(32/7))
 */
export function sampleStandardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
