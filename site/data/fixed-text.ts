/**
 * Number text at the speed a site build needs: money, counts and percentages, whose digits after
 * the decimal mark are fixed. A large site formats about a million numbers, and
 * `Intl.NumberFormat#format` costs about 1.2 µs each (a second of every build). Snapshot money is
 * exact to 1/10000 and counts are whole, so their text can be written from integer units; a
 * percentage from the ratio's decimal digits. Each formatter learns, once, how Intl lays a number
 * out (sign, currency symbol, grouping, decimal mark, percent sign) and writes the same text in a
 * fifth of the time. It proves itself against Intl on probe numbers when created, and hands
 * anything it does not cover (amounts not exact to 1/10000, numbers that round to zero, -0, huge
 * values, exponents, unusual layouts) to Intl itself. Pure.
 */

/** 1 = 10000 units (money's units, money.ts). */
const UNITS = 10_000;

interface Layout {
  /** Text before the digits of a positive and of a negative amount, e.g. `$` / `-$`, `+$` when signed. */
  positive: string;
  negative: string;
  /** Text after the digits (a suffixed currency symbol), or ''. */
  suffix: string;
  group: string;
  decimal: string;
  /** Digits after the decimal mark (0 to 4). */
  digits: number;
}

/** The largest amount written here (see `fast`). */
const LIMIT = 1e11;

/** Amounts the layout is proven on: every size of integer part, both signs, rounding up and down at every digit count. */
const PROBES = [
  1, 12.5, 123.45, 1234.5678, 12345.0049, 123456.995, 1234567.125, 98765432.1, 1000, 999.9999, 0.5, 0.05, 10.015, 7.0051,
  99999999999.995, 1234567890.4321,
];

/**
 * Formats amounts exactly as `format` (an `Intl.NumberFormat` with as many minimum as maximum
 * fraction digits: a currency, or whole numbers) does.
 *
 * @example fixedDigitsText(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }))(-1234.5) // '-$1,234.50'
 */
export function fixedDigitsText(format: Intl.NumberFormat): (amount: number) => string {
  const layout = learnLayout(format);
  const intl = (amount: number) => format.format(amount);
  if (layout === null) return intl;
  const zero = intl(0);
  const fast = (amount: number): string => {
    // Below 1e11 a double holds every 1/10000 apart (its step is under 1.6e-5), so an amount that
    // is exactly a number of units has that decimal text, which is what Intl rounds (half away
    // from zero). Others (averages, ratios of money, NaN, huge amounts) go to Intl.
    if (!(amount < LIMIT && amount > -LIMIT)) return intl(amount);
    const units = amount < 0 ? -Math.round(-amount * UNITS) : Math.round(amount * UNITS);
    // Zero is common (no complaints, no new customers); its text is Intl's, kept. -0 goes to Intl.
    if (units === 0) return amount === 0 && 1 / amount > 0 ? zero : intl(amount);
    if (units / UNITS !== amount) return intl(amount);
    const abs = units < 0 ? -units : units;
    const scale = 10 ** (4 - layout.digits);
    let rounded = Math.floor(abs / scale);
    if (2 * (abs % scale) >= scale) rounded++;
    // Rounded to zero: Intl's sign for it depends on the options; let Intl say it.
    if (rounded === 0) return intl(amount);
    const minor = 10 ** layout.digits;
    const whole = Math.floor(rounded / minor);
    let text = grouped(whole, layout.group);
    if (layout.digits > 0) text += layout.decimal + String(rounded % minor).padStart(layout.digits, '0');
    return (units < 0 ? layout.negative : layout.positive) + text + layout.suffix;
  };
  for (const probe of PROBES) {
    for (const amount of [probe, -probe]) if (fast(amount) !== intl(amount)) return intl;
  }
  return fast;
}

/** Ratios a percent layout is proven on: halves at the rounding digit, long binary fractions, tiny and large ones. */
const RATIO_PROBES = [0.5, 0.1234, 0.00005, 1.0714285637755103, 0.0285, 0.99995, 12.3456789, 1 / 3, 2 / 3, 0.045, 0.055, 100.5, 0.000449, 1234.5678];

/**
 * Formats ratios exactly as `format` (an `Intl.NumberFormat` with style `percent` and as many
 * minimum as maximum fraction digits) does. Intl rounds a ratio's shortest decimal text (what
 * `String(ratio)` writes) times 100, half away from zero; so does this, moving the decimal mark
 * of that text two places. Ratios written with an exponent, or that round to zero, go to Intl.
 *
 * @example percentDigitsText(new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }))(1.0714285637755103) // '107.1%'
 */
export function percentDigitsText(format: Intl.NumberFormat): (ratio: number) => string {
  const layout = format.resolvedOptions().style === 'percent' ? learnLayout(format) : null;
  const intl = (ratio: number) => format.format(ratio);
  if (layout === null) return intl;
  const scale = 10 ** layout.digits;
  const zero = intl(0);
  const fast = (ratio: number): string => {
    if (ratio === 0 && 1 / ratio > 0) return zero;
    if (!(ratio < 1e6 && ratio > -1e6)) return intl(ratio);
    const text = String(ratio);
    if (text.includes('e')) return intl(ratio);
    const negative = text[0] === '-';
    const digits = negative ? text.slice(1) : text;
    const dot = digits.indexOf('.');
    const fraction = `${dot < 0 ? '' : digits.slice(dot + 1)}00`;
    // × 100: the first two fraction digits join the integer part.
    const whole = `${dot < 0 ? digits : digits.slice(0, dot)}${fraction.slice(0, 2)}`;
    const rest = fraction.slice(2);
    let n = Number(whole + rest.slice(0, layout.digits).padEnd(layout.digits, '0'));
    if ((rest[layout.digits] ?? '0') >= '5') n++;
    if (n === 0) return intl(ratio);
    let out = grouped(Math.floor(n / scale), layout.group);
    if (layout.digits > 0) out += layout.decimal + String(n % scale).padStart(layout.digits, '0');
    return (negative ? layout.negative : layout.positive) + out + layout.suffix;
  };
  for (const probe of RATIO_PROBES) {
    for (const ratio of [probe, -probe]) if (fast(ratio) !== intl(ratio)) return intl;
  }
  return fast;
}

/** `1234567` with `,` -> `1,234,567` (groups of three: the layouts that group otherwise fail the probes). */
function grouped(n: number, separator: string): string {
  const digits = String(n);
  if (digits.length <= 3) return digits;
  let text = digits.slice(0, digits.length % 3 || 3);
  for (let i = text.length; i < digits.length; i += 3) text += separator + digits.slice(i, i + 3);
  return text;
}

/** The layout of `format`'s amounts, read from its parts for 1234567.8 and -1234567.8; null when it is not one this file can write. */
function learnLayout(format: Intl.NumberFormat): Layout | null {
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  if (digits !== (format.resolvedOptions().minimumFractionDigits ?? 0) || digits > 4) return null;
  const positive = around(format.formatToParts(1234567.8));
  const negative = around(format.formatToParts(-1234567.8));
  if (positive === null || negative === null || positive.suffix !== negative.suffix) return null;
  return { positive: positive.prefix, negative: negative.prefix, suffix: positive.suffix, group: positive.group, decimal: positive.decimal, digits };
}

/** The text around the number's digits, and its group and decimal marks. */
function around(parts: Intl.NumberFormatPart[]): { prefix: string; suffix: string; group: string; decimal: string } | null {
  const number = new Set(['integer', 'group', 'decimal', 'fraction']);
  const first = parts.findIndex((p) => number.has(p.type));
  let last = -1;
  parts.forEach((p, i) => {
    if (number.has(p.type)) last = i;
  });
  if (first < 0) return null;
  const join = (ps: Intl.NumberFormatPart[]) => ps.map((p) => p.value).join('');
  return {
    prefix: join(parts.slice(0, first)),
    suffix: join(parts.slice(last + 1)),
    group: parts.find((p) => p.type === 'group')?.value ?? '',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}
