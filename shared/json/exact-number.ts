/**
 * JSON numbers kept exact.
 *
 * `JSON.parse` turns `999999999999.0003` into the nearest double, which prints as
 * `999999999999.0002`. Money must be exact, so the webhook parser reads each number from its
 * literal text (the reviver's `context.source`) and, where the double does not print back as the
 * literal, keeps the literal as an {@link ExactNumber}. A number that stays a number is therefore
 * one whose `String(value)` is the literal's decimal value: exact to read, though not always
 * exact to do arithmetic on (money is converted to integer units before any sum). Writing goes the other way through `JSON.rawJSON`, so exact decimals
 * leave the system as JSON numbers with every digit.
 */

declare global {
  interface JSON {
    rawJSON(text: string): unknown;
    isRawJSON(value: unknown): boolean;
  }
}

/** A JSON number whose literal a double does not print back; `text` is its normalized decimal form. */
export class ExactNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const NUMBER_LITERAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * The canonical plain-decimal spelling of a JSON number literal: no exponent, no leading zeros,
 * no trailing fractional zeros, no `-0`.
 *
 * @example normalizeDecimal('1.50e2') // '150'
 * @example normalizeDecimal('0.000120') // '0.00012'
 */
export function normalizeDecimal(literal: string): string {
  const m = NUMBER_LITERAL.exec(literal);
  if (!m) return literal;
  const [, sign, intPart = '', fracPart = '', expPart] = m;
  const exponent = expPart ? Number(expPart) : 0;
  // Literals like 1e400 are far outside any field's range; keep them as written.
  if (Math.abs(exponent) > 1000) return literal.toLowerCase();
  let digits = intPart + fracPart;
  let point = intPart.length + exponent; // position of the decimal point within `digits`
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  const whole = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const text = frac ? `${whole}.${frac}` : whole;
  return sign && text !== '0' ? `-${text}` : text;
}

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepExactNumbers: Reviver = (_key, value, context) => {
  if (typeof value !== 'number' || context?.source === undefined) return value;
  const literal = normalizeDecimal(context.source);
  return literal === normalizeDecimal(String(value)) ? value : new ExactNumber(literal);
};

/**
 * `JSON.parse` that loses no digits: numbers whose double prints back as the literal stay
 * numbers, the others become {@link ExactNumber}. Throws `SyntaxError` like `JSON.parse`.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, keepExactNumbers as (this: unknown, key: string, value: unknown) => unknown);
}

/**
 * The canonical text of a JSON value: object keys sorted by code point, numbers in one
 * spelling. Two values are "equal as JSON values" (api.md: duplicates vs conflicts) exactly when
 * their canonical texts are equal.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof ExactNumber) return value.text;
  if (typeof value === 'number') return Number.isFinite(value) ? normalizeDecimal(String(value)) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort(compareCodePoints);
  const record = value as Record<string, unknown>;
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/**
 * JSON text in which `bigint` values (money in 1/10000 units, by this codebase's convention)
 * and {@link ExactNumber}s are written as exact decimal numbers.
 */
export function stringifyExact(value: unknown, formatBigint: (units: bigint) => string): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return JSON.rawJSON(formatBigint(v));
    if (v instanceof ExactNumber) return JSON.rawJSON(v.text);
    return v;
  });
}

/**
 * Orders strings by Unicode code point (not UTF-16 code unit, which is what `<` compares):
 * the order kpis.md uses to break ties between ids.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
