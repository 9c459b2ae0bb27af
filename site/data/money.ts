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
