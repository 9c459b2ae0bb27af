/**
 * Exact money: amounts are integer units of 1/10000 of the currency, held as `bigint`
 * (1e12 currency units is 1e16 units, past the 2^53 a double counts exactly).
 */
import { ExactNumber, normalizeDecimal } from './json/exact-number.ts';

export const UNITS_PER_CURRENCY = 10_000n;
/** api.md: 0 <= amount <= 1e12. */
export const MAX_MONEY_UNITS = 1_000_000_000_000n * UNITS_PER_CURRENCY;

const DECIMAL_STRING = /^\d+(?:\.\d+)?$/;

/**
 * Reads a money value of the contract (JSON number or decimal string, at most 4 decimal places,
 * 0 <= x <= 1e12) into integer units. Returns an error message instead of throwing, so the
 * validator can attach it to the field's path.
 *
 * @example parseMoneyUnits('12.5') // 125000n
 * @example parseMoneyUnits(-1) // 'must be >= 0'
 */
export function parseMoneyUnits(value: unknown): bigint | string {
  let text: string;
  if (value instanceof ExactNumber) text = value.text;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite number';
    text = normalizeDecimal(String(value));
  } else if (typeof value === 'string') {
    if (!DECIMAL_STRING.test(value)) return 'must be a decimal number such as "1234.50"';
    text = normalizeDecimal(value);
  } else return 'must be a number or a decimal string';
  if (text.startsWith('-')) return 'must be >= 0';
  const [whole = '0', frac = ''] = text.split('.');
  if (frac.length > 4) return 'must have at most 4 decimal places';
  if (!/^\d+$/.test(whole)) return 'must be a plain decimal number';
  const units = BigInt(whole) * UNITS_PER_CURRENCY + BigInt(frac.padEnd(4, '0') || '0');
  if (units > MAX_MONEY_UNITS) return 'must be <= 1000000000000';
  return units;
}

/**
 * Units as the shortest exact decimal text.
 *
 * @example formatUnits(125000n) // '12.5'
 * @example formatUnits(-5n) // '-0.0005'
 */
export function formatUnits(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const whole = abs / UNITS_PER_CURRENCY;
  const frac = (abs % UNITS_PER_CURRENCY).toString().padStart(4, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * a / b rounded to the nearest integer, halves away from zero (kpis.md's rounding rule).
 * Throws on b = 0.
 *
 * @example divideRoundHalfAway(5n, 2n) // 3n
 * @example divideRoundHalfAway(-5n, 2n) // -3n
 */
export function divideRoundHalfAway(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (2n * absA + absB) / (2n * absB);
  return negative ? -q : q;
}

/** a / b as a double, for ratios (margin, attainment): exact operands, rounded only to a double. */
export function ratio(a: bigint, b: bigint): number {
  return Number(a) / Number(b);
}
