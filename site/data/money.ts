/**
 * Exact money arithmetic for the site. Snapshot money is a JSON number exact to 4 decimals;
 * sums and differences are done in integer units of 1/10000 so that, e.g., 49500.25 − 44000
 * is exactly 5500.25 and never 5500.250000000004.
 */

/** 1 currency unit = 10000 units. */
export const UNITS_PER_MAJOR = 10_000;

/**
 * The integer number of 1/10000 units in a snapshot amount.
 *
 * @example toUnits(2513.9167) // 25139167 (2513.9167 * 10000 is 25139166.999999996 in binary)
 */
export function toUnits(amount: number): number {
  const units = Math.round(amount * UNITS_PER_MAJOR);
  if (!Number.isSafeInteger(units)) throw new Error(`invalid amount: ${amount}`);
  return units;
}

/** The amount of a number of 1/10000 units. */
export function fromUnits(units: number): number {
  return units / UNITS_PER_MAJOR;
}

/**
 * a − b, exact to 4 decimals.
 *
 * @example subtractMoney(49500.25, 44000) // 5500.25
 */
export function subtractMoney(a: number, b: number): number {
  return fromUnits(toUnits(a) - toUnits(b));
}

/**
 * a + b + ..., exact to 4 decimals.
 *
 * @example sumMoney([0.1, 0.2]) // 0.3 (not 0.30000000000000004)
 */
export function sumMoney(amounts: readonly number[]): number {
  return fromUnits(amounts.reduce((sum, amount) => sum + toUnits(amount), 0));
}

/**
 * Integer 1/10000 units as the shortest exact decimal text, for CSV files and messages: the
 * digits come from the integer, never from a binary float's rendering.
 *
 * @example formatUnitsText(-1234500) // '-123.45'
 */
export function formatUnitsText(units: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`invalid units: ${units}`);
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / UNITS_PER_MAJOR);
  const frac = String(abs % UNITS_PER_MAJOR).padStart(4, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * A snapshot amount as exact decimal text (a CSV money field).
 *
 * @example moneyText(25531.7065) // '25531.7065'
 * @example moneyText(-15) // '-15'
 */
export function moneyText(amount: number): string {
  return formatUnitsText(toUnits(amount));
}
