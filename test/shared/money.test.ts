import { describe, expect, it } from 'vitest';
import { ExactNumber } from '../../shared/json/exact-number.ts';
import { divideRoundHalfAway, formatUnits, MAX_MONEY_UNITS, parseMoneyUnits, ratio } from '../../shared/money.ts';

describe('parseMoneyUnits', () => {
  it('reads a JSON number into 1/10000 units', () => {
    expect(parseMoneyUnits(12.5)).toBe(125000n);
    expect(parseMoneyUnits(1234.5678)).toBe(12345678n);
    expect(parseMoneyUnits(7)).toBe(70000n);
  });

  it('reads a decimal string into 1/10000 units', () => {
    expect(parseMoneyUnits('12.5')).toBe(125000n);
    expect(parseMoneyUnits('1234.50')).toBe(12345000n);
    expect(parseMoneyUnits('0.0001')).toBe(1n);
    expect(parseMoneyUnits('42')).toBe(420000n);
  });

  it('reads an ExactNumber from its text without going through a double', () => {
    expect(parseMoneyUnits(new ExactNumber('999999999999.9999'))).toBe(9999999999999999n);
    expect(parseMoneyUnits(new ExactNumber('999999999999.0003'))).toBe(9999999999990003n);
  });

  it('accepts 0 in every spelling', () => {
    expect(parseMoneyUnits(0)).toBe(0n);
    expect(parseMoneyUnits(-0)).toBe(0n);
    expect(parseMoneyUnits('0')).toBe(0n);
    expect(parseMoneyUnits('0.0000')).toBe(0n);
    expect(parseMoneyUnits(new ExactNumber('0'))).toBe(0n);
  });

  it('accepts 4 decimal places and rejects a fifth', () => {
    expect(parseMoneyUnits('0.1234')).toBe(1234n);
    expect(parseMoneyUnits('0.12345')).toBe('must have at most 4 decimal places');
    expect(parseMoneyUnits(0.00001)).toBe('must have at most 4 decimal places');
    expect(parseMoneyUnits(new ExactNumber('1.00001'))).toBe('must have at most 4 decimal places');
  });

  it('rejects a binary float artefact instead of rounding it', () => {
    // 0.1 + 0.2 is the double 0.30000000000000004.
    expect(parseMoneyUnits(0.1 + 0.2)).toBe('must have at most 4 decimal places');
  });

  it('rejects negative amounts', () => {
    expect(parseMoneyUnits(-1)).toBe('must be >= 0');
    expect(parseMoneyUnits(-0.5)).toBe('must be >= 0');
    expect(parseMoneyUnits(new ExactNumber('-5'))).toBe('must be >= 0');
    expect(typeof parseMoneyUnits('-1')).toBe('string');
  });

  it('accepts exactly 1e12', () => {
    expect(parseMoneyUnits(1e12)).toBe(10000000000000000n);
    expect(parseMoneyUnits('1000000000000')).toBe(10000000000000000n);
    expect(parseMoneyUnits('1000000000000.0000')).toBe(10000000000000000n);
    expect(MAX_MONEY_UNITS).toBe(10000000000000000n);
  });

  it('rejects anything above 1e12, even by one unit', () => {
    expect(parseMoneyUnits('1000000000000.0001')).toBe('must be <= 1000000000000');
    expect(parseMoneyUnits(new ExactNumber('1000000000000.0001'))).toBe('must be <= 1000000000000');
    expect(parseMoneyUnits(1000000000001)).toBe('must be <= 1000000000000');
    expect(parseMoneyUnits(1e21)).toBe('must be <= 1000000000000');
  });

  it('rejects exponent notation in a string but reads it in a number', () => {
    expect(parseMoneyUnits('1e2')).toBe('must be a decimal number such as "1234.50"');
    expect(parseMoneyUnits(1e2)).toBe(1000000n);
  });

  it('rejects strings that are not plain decimals', () => {
    for (const text of ['', ' 1', '1 ', '.5', '1.', '+1', '1,5', 'abc', '0x10']) {
      expect(typeof parseMoneyUnits(text), JSON.stringify(text)).toBe('string');
    }
  });

  it('rejects values that are neither numbers nor strings', () => {
    expect(parseMoneyUnits(null)).toBe('must be a number or a decimal string');
    expect(parseMoneyUnits(undefined)).toBe('must be a number or a decimal string');
    expect(parseMoneyUnits(true)).toBe('must be a number or a decimal string');
    expect(parseMoneyUnits({ amount: 1 })).toBe('must be a number or a decimal string');
    expect(parseMoneyUnits(5n)).toBe('must be a number or a decimal string');
  });

  it('rejects non-finite numbers', () => {
    expect(parseMoneyUnits(Number.NaN)).toBe('must be a finite number');
    expect(parseMoneyUnits(Number.POSITIVE_INFINITY)).toBe('must be a finite number');
  });
});

describe('formatUnits', () => {
  it('writes whole amounts without a decimal point', () => {
    expect(formatUnits(0n)).toBe('0');
    expect(formatUnits(10000n)).toBe('1');
    expect(formatUnits(12340000n)).toBe('1234');
    expect(formatUnits(10000000000000000n)).toBe('1000000000000');
  });

  it('drops trailing fractional zeros', () => {
    expect(formatUnits(125000n)).toBe('12.5');
    expect(formatUnits(123450n)).toBe('12.345');
    expect(formatUnits(100n)).toBe('0.01');
  });

  it('keeps leading fractional zeros', () => {
    expect(formatUnits(1n)).toBe('0.0001');
    expect(formatUnits(10001n)).toBe('1.0001');
  });

  it('writes all 4 decimals when they are significant', () => {
    expect(formatUnits(12345678n)).toBe('1234.5678');
    expect(formatUnits(9999999999999999n)).toBe('999999999999.9999');
  });

  it('writes negatives with a leading minus', () => {
    expect(formatUnits(-5n)).toBe('-0.0005');
    expect(formatUnits(-10000n)).toBe('-1');
    expect(formatUnits(-123450n)).toBe('-12.345');
  });
});

describe('divideRoundHalfAway', () => {
  it('rounds positive halves up', () => {
    expect(divideRoundHalfAway(5n, 2n)).toBe(3n);
    expect(divideRoundHalfAway(1n, 2n)).toBe(1n);
    expect(divideRoundHalfAway(3n, 2n)).toBe(2n);
  });

  it('rounds negative halves down (away from zero)', () => {
    expect(divideRoundHalfAway(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfAway(5n, -2n)).toBe(-3n);
    expect(divideRoundHalfAway(-1n, 2n)).toBe(-1n);
  });

  it('treats two negatives as a positive quotient', () => {
    expect(divideRoundHalfAway(-5n, -2n)).toBe(3n);
  });

  it('rounds non-halves to the nearest integer', () => {
    expect(divideRoundHalfAway(4n, 3n)).toBe(1n);
    expect(divideRoundHalfAway(5n, 3n)).toBe(2n);
    expect(divideRoundHalfAway(-4n, 3n)).toBe(-1n);
    expect(divideRoundHalfAway(-5n, 3n)).toBe(-2n);
    expect(divideRoundHalfAway(1000000n, 3n)).toBe(333333n);
    expect(divideRoundHalfAway(2000000n, 3n)).toBe(666667n);
  });

  it('returns exact quotients unchanged', () => {
    expect(divideRoundHalfAway(0n, 7n)).toBe(0n);
    expect(divideRoundHalfAway(12n, 4n)).toBe(3n);
    expect(divideRoundHalfAway(-12n, 4n)).toBe(-3n);
  });

  it('stays exact beyond 2^53', () => {
    // (2^60 + 1) / 2 = 576460752303423488.5 -> 576460752303423489
    expect(divideRoundHalfAway(1152921504606846977n, 2n)).toBe(576460752303423489n);
  });

  it('throws on division by zero', () => {
    expect(() => divideRoundHalfAway(1n, 0n)).toThrow(RangeError);
  });
});

describe('ratio', () => {
  it('divides exact units into a fraction', () => {
    expect(ratio(1n, 4n)).toBe(0.25);
    expect(ratio(-3n, 8n)).toBe(-0.375);
  });
});
