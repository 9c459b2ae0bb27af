import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  compareCodePoints,
  ExactNumber,
  normalizeDecimal,
  parseJsonExact,
  stringifyExact,
} from '../../shared/json/exact-number.ts';
import { formatUnits, parseMoneyUnits } from '../../shared/money.ts';

describe('parseJsonExact', () => {
  it('keeps a number as a number when its double prints back as the literal (so its text is recoverable)', () => {
    // The nearest double is 999999999999.9998779296875, but it prints as 999999999999.9999: the
    // literal is recoverable from String(value), which is all exact money needs.
    const parsed = parseJsonExact('{"amount":999999999999.9999}') as { amount: unknown };
    expect(typeof parsed.amount).toBe('number');
    expect(String(parsed.amount)).toBe('999999999999.9999');
  });

  it('reads 999999999999.9999 into exact money units', () => {
    const parsed = parseJsonExact('{"amount":999999999999.9999}') as { amount: unknown };
    expect(parseMoneyUnits(parsed.amount)).toBe(9999999999999999n);
  });

  it('keeps a literal whose double prints differently as an ExactNumber', () => {
    // Doubles near 1e12 are 2^-13 apart, so 999999999999.0003 comes back as ...0002 or so.
    const parsed = parseJsonExact('[999999999999.0003]') as unknown[];
    expect(parsed[0]).toBeInstanceOf(ExactNumber);
    expect((parsed[0] as ExactNumber).text).toBe('999999999999.0003');
    expect(parseMoneyUnits(parsed[0])).toBe(9999999999990003n);
  });

  it('normalizes the text of an ExactNumber written with an exponent', () => {
    const parsed = parseJsonExact('9.999999999990003e11');
    expect(parsed).toBeInstanceOf(ExactNumber);
    expect((parsed as ExactNumber).text).toBe('999999999999.0003');
  });

  it('leaves numbers a double holds exactly as plain numbers', () => {
    const parsed = parseJsonExact('{"a":12.5,"b":100,"c":1e2,"d":-3,"e":0}') as Record<string, unknown>;
    expect(parsed).toEqual({ a: 12.5, b: 100, c: 100, d: -3, e: 0 });
    expect(typeof parsed.a).toBe('number');
  });

  it('keeps a big integer past 2^53 exactly', () => {
    const parsed = parseJsonExact('9007199254740993');
    expect(parsed).toBeInstanceOf(ExactNumber);
    expect((parsed as ExactNumber).text).toBe('9007199254740993');
  });

  it('parses strings, booleans, null and nesting like JSON.parse', () => {
    expect(parseJsonExact('{"s":"10","t":true,"n":null,"a":[1,{"x":"y"}]}')).toEqual({
      s: '10',
      t: true,
      n: null,
      a: [1, { x: 'y' }],
    });
  });

  it('throws SyntaxError on invalid JSON', () => {
    expect(() => parseJsonExact('{"a":')).toThrow(SyntaxError);
  });
});

describe('normalizeDecimal', () => {
  it('expands a positive exponent', () => {
    expect(normalizeDecimal('1.50e2')).toBe('150');
    expect(normalizeDecimal('1e+2')).toBe('100');
    expect(normalizeDecimal('1e2')).toBe('100');
  });

  it('expands a negative exponent, uppercase E included', () => {
    expect(normalizeDecimal('1E-2')).toBe('0.01');
    expect(normalizeDecimal('-1.5E-3')).toBe('-0.0015');
  });

  it('drops trailing fractional zeros', () => {
    expect(normalizeDecimal('0.000120')).toBe('0.00012');
    expect(normalizeDecimal('100.0')).toBe('100');
    expect(normalizeDecimal('12.50')).toBe('12.5');
  });

  it('drops leading integer zeros', () => {
    expect(normalizeDecimal('0012')).toBe('12');
    expect(normalizeDecimal('0.5')).toBe('0.5');
  });

  it('writes negative zero as 0', () => {
    expect(normalizeDecimal('-0')).toBe('0');
    expect(normalizeDecimal('-0.0')).toBe('0');
    expect(normalizeDecimal('-0e5')).toBe('0');
  });

  it('keeps the sign of a negative number', () => {
    expect(normalizeDecimal('-12.50')).toBe('-12.5');
  });

  it('returns text that is not a number literal unchanged', () => {
    expect(normalizeDecimal('abc')).toBe('abc');
  });
});

describe('canonicalJson', () => {
  it('ignores key order', () => {
    const a = canonicalJson(parseJsonExact('{"b":1,"a":2}'));
    const b = canonicalJson(parseJsonExact('{"a":2,"b":1}'));
    expect(a).toBe('{"a":2,"b":1}');
    expect(b).toBe(a);
  });

  it('ignores number spelling: 1e2, 100 and 100.0 are the same', () => {
    const spellings = ['{"x":1e2}', '{"x":100}', '{"x":100.0}', '{"x":1.00E+2}'];
    for (const text of spellings) expect(canonicalJson(parseJsonExact(text)), text).toBe('{"x":100}');
  });

  it('tells the string "10" from the number 10', () => {
    expect(canonicalJson(parseJsonExact('{"x":"10"}'))).toBe('{"x":"10"}');
    expect(canonicalJson(parseJsonExact('{"x":10}'))).toBe('{"x":10}');
    expect(canonicalJson(parseJsonExact('{"x":"10"}'))).not.toBe(canonicalJson(parseJsonExact('{"x":10}')));
  });

  it('sorts keys inside nested objects and arrays, keeping array order', () => {
    const text = '{"z":[{"b":[1,{"d":1,"c":2}],"a":null}],"y":{"q":true,"p":"s"}}';
    expect(canonicalJson(parseJsonExact(text))).toBe('{"y":{"p":"s","q":true},"z":[{"a":null,"b":[1,{"c":2,"d":1}]}]}');
  });

  it('treats arrays in a different order as different', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('writes an ExactNumber and the same value spelled differently the same way', () => {
    const plain = canonicalJson(parseJsonExact('{"a":999999999999.0003}'));
    const exponent = canonicalJson(parseJsonExact('{"a":9.999999999990003e11}'));
    expect(plain).toBe('{"a":999999999999.0003}');
    expect(exponent).toBe(plain);
  });

  it('sorts keys by code point, not UTF-16 code unit', () => {
    // U+FFFF < U+1F600 by code point; as UTF-16 the surrogate 0xD83D sorts before 0xFFFF.
    expect(canonicalJson({ '\u{1F600}': 2, '\uFFFF': 1 })).toBe('{"\uFFFF":1,"\u{1F600}":2}');
  });

  it('writes non-finite numbers as null, like JSON', () => {
    expect(canonicalJson([Number.NaN])).toBe('[null]');
  });
});

describe('compareCodePoints', () => {
  it('orders U+FFFF before U+1F600 (which UTF-16 comparison would not)', () => {
    expect(compareCodePoints('\uFFFF', '\u{1F600}')).toBeLessThan(0);
    expect(compareCodePoints('\u{1F600}', '\uFFFF')).toBeGreaterThan(0);
    // The built-in comparison disagrees, which is why the function exists.
    expect('\u{1F600}' < '\uFFFF').toBe(true);
  });

  it('sorts a list by code point', () => {
    expect(['\u{1F600}', 'b', '\uFFFF', 'a'].sort(compareCodePoints)).toEqual(['a', 'b', '\uFFFF', '\u{1F600}']);
  });

  it('returns 0 for equal strings', () => {
    expect(compareCodePoints('evt-1', 'evt-1')).toBe(0);
    expect(compareCodePoints('\u{1F600}x', '\u{1F600}x')).toBe(0);
  });

  it('orders a prefix first', () => {
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('\u{1F600}a', '\u{1F600}')).toBeGreaterThan(0);
  });

  it('compares characters after an astral character', () => {
    expect(compareCodePoints('x\u{1F600}a', 'x\u{1F600}b')).toBeLessThan(0);
    expect(compareCodePoints('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
  });

  it('orders digits as characters, not numbers', () => {
    expect(compareCodePoints('evt-9', 'evt-10')).toBeGreaterThan(0);
  });
});

describe('stringifyExact', () => {
  it('writes bigint units as an exact JSON number via formatUnits', () => {
    expect(stringifyExact({ amount: 10000000000009999n }, formatUnits)).toBe('{"amount":1000000000000.9999}');
  });

  it('writes negative and whole units as numbers', () => {
    expect(stringifyExact([-5n, 10000n, 0n], formatUnits)).toBe('[-0.0005,1,0]');
  });

  it('writes an ExactNumber with every digit', () => {
    expect(stringifyExact({ a: new ExactNumber('999999999999.0003') }, formatUnits)).toBe('{"a":999999999999.0003}');
  });

  it('uses the given formatter for bigints', () => {
    expect(stringifyExact({ n: 7n }, (u) => `${u}00`)).toBe('{"n":700}');
  });

  it('leaves other values as JSON.stringify writes them', () => {
    expect(stringifyExact({ s: '10', n: 12.5, x: null, nested: [{ k: true }] }, formatUnits)).toBe(
      '{"s":"10","n":12.5,"x":null,"nested":[{"k":true}]}',
    );
  });

  it('round-trips through parseJsonExact without losing a digit', () => {
    const text = stringifyExact({ amount: 9999999999990003n }, formatUnits);
    const parsed = parseJsonExact(text) as { amount: unknown };
    expect(parseMoneyUnits(parsed.amount)).toBe(9999999999990003n);
  });
});
