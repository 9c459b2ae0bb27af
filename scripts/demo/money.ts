/**
 * Demo money: every amount is computed in integer units of 1/10000 (as the Worker stores it) and
 * only turned into text at the end, so the generator never produces a value the contract rejects
 * (at most 4 decimals) or one that a binary float would have rounded.
 */

/** Units of 1/10000 per currency unit. */
export const UNITS = 10_000;

/** Whole currency amount to units. */
export function unitsOf(amount: number): number {
  return Math.round(amount * UNITS);
}

/**
 * Units as a decimal string with 2 decimals when the cents are exact, else 3 or 4.
 *
 * @example
 * moneyString(12_345_000); // "1234.50"
 * moneyString(12_345_675); // "1234.5675"
 * moneyString(12_345_670); // "1234.567"
 */
export function moneyString(units: number): string {
  if (!Number.isSafeInteger(units) || units < 0) throw new Error(`moneyString: invalid units ${units}`);
  const whole = Math.floor(units / UNITS);
  let fraction = String(units % UNITS).padStart(4, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${whole}.${fraction}`;
}

/**
 * Units as a JSON number, which some senders use instead of strings. Only used for whole cents:
 * `JSON.stringify` prints the shortest text that round-trips, so 1234.5 is sent as `1234.5`,
 * exactly the decimal the sender meant.
 *
 * @example
 * moneyNumber(12_345_000); // 1234.5
 */
export function moneyNumber(units: number): number {
  if (units % 100 !== 0) throw new Error(`moneyNumber: ${units} units is not a whole number of cents`);
  return Number(moneyString(units));
}

/** Round units to a multiple of `step` units (half away from zero, amounts are non-negative). */
export function roundUnits(units: number, step: number): number {
  return Math.round(units / step) * step;
}
