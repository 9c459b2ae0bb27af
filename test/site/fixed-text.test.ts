import { describe, expect, it } from 'vitest';
import { fixedDigitsText, percentDigitsText } from '../../site/data/fixed-text.ts';

// Currencies with 0, 2 and 3 minor digits, a prefixed code with a space (CHF), and options the
// site uses (whole units, signed changes).
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'KWD', 'CHF', 'INR'];
const OPTIONS: Intl.NumberFormatOptions[] = [
  {},
  { maximumFractionDigits: 0, minimumFractionDigits: 0 },
  { signDisplay: 'exceptZero' },
  { maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay: 'exceptZero' },
];

/** `intl` with its `format` calls counted (the fast paths must not make any for the numbers they cover). */
function countingFormat(intl: Intl.NumberFormat): { format: Intl.NumberFormat; calls: () => number } {
  let calls = 0;
  const format = {
    format: (n: number) => (calls++, intl.format(n)),
    formatToParts: (n: number) => intl.formatToParts(n),
    resolvedOptions: () => intl.resolvedOptions(),
  } as Intl.NumberFormat;
  return { format, calls: () => calls };
}

/** A deterministic stream of amounts: exact to 1/10000, every size, both signs, with halves at each rounding digit. */
function* amounts(): Generator<number> {
  let seed = 20261127;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 4000; i++) {
    const size = 10 ** Math.floor(next() * 13);
    const units = Math.round(next() * size * 10_000);
    yield (i % 2 ? -units : units) / 10_000;
  }
  for (const half of [0.5, 0.05, 0.005, 0.0005, 2.675, 1.005, 1234.5, 999.995, 999999.5]) yield* [half, -half];
  // Not exact to 1/10000 (an average), zero and its sign, rounding to zero, and beyond safe units.
  yield* [1 / 3, -2 / 3, 1.00495, 99999999999.9999, -838926911354.065, 1e11, 123456789012.3456, 0, -0, 0.0001, -0.0001, 0.004, -0.004, 1e15, -1e15, 2 ** 60, Number.NaN, Infinity];
}

describe('fixedDigitsText', () => {
  for (const currency of CURRENCIES) {
    for (const options of OPTIONS) {
      it(`writes what Intl writes: ${currency} ${JSON.stringify(options)}`, () => {
        const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency, ...options });
        const text = fixedDigitsText(intl);
        for (const amount of amounts()) expect(text(amount), String(amount)).toBe(intl.format(amount));
      });
    }
  }

  for (const options of [{ maximumFractionDigits: 0 }, { maximumFractionDigits: 0, signDisplay: 'exceptZero' as const }]) {
    it(`writes what Intl writes for whole numbers (counts): ${JSON.stringify(options)}`, () => {
      const intl = new Intl.NumberFormat('en-US', options);
      const text = fixedDigitsText(intl);
      for (const amount of amounts()) expect(text(amount), String(amount)).toBe(intl.format(amount));
      expect(text(1234567)).toBe(options.signDisplay ? '+1,234,567' : '1,234,567');
    });
  }

  it('takes the fast path for en-US dollars (not just Intl again)', () => {
    const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    // The fast path never calls Intl's format for exact amounts.
    const spy = countingFormat(intl);
    const text = fixedDigitsText(spy.format);
    const before = spy.calls();
    expect(text(1234567.891)).toBe('$1,234,567.89');
    expect(text(-0.015)).toBe('-$0.02');
    expect(spy.calls()).toBe(before);
    expect(text(1 / 3)).toBe('$0.33');
    expect(spy.calls()).toBe(before + 1);
  });

  it('falls back to Intl for a layout it cannot prove (Indian grouping)', () => {
    const intl = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
    const text = fixedDigitsText(intl);
    expect(text(12345678.5)).toBe(intl.format(12345678.5));
    expect(text(12345678.5)).toBe('₹1,23,45,678.50');
  });
});

/** Ratios as the site has them: quotients of integers and of money, shares, changes; with halves at each rounding digit. */
function* ratios(): Generator<number> {
  let seed = 11272026;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 3000; i++) {
    const a = Math.floor(next() * 10 ** Math.floor(next() * 7));
    const b = 1 + Math.floor(next() * 10 ** Math.floor(next() * 6));
    yield i % 3 === 0 ? -a / b : a / b;
    yield next() * 10 ** Math.floor(next() * 5 - 2);
  }
  for (const half of [0.0005, 0.00005, 0.000005, 0.0285, 0.1235, 1.0005, 0.99995, 0.994999, 12.34565]) yield* [half, -half];
  yield* [0, -0, 1e-7, -1e-7, 1e21, 1e-21, Number.NaN, Infinity, -Infinity, 5e6, 999999.99999];
}

describe('percentDigitsText', () => {
  for (const digits of [0, 1, 2]) {
    for (const signDisplay of ['auto', 'exceptZero'] as const) {
      it(`writes what Intl writes: ${digits} digits, sign ${signDisplay}`, () => {
        const intl = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay });
        const text = percentDigitsText(intl);
        for (const ratio of ratios()) expect(text(ratio), String(ratio)).toBe(intl.format(ratio));
      });
    }
  }

  it('takes the fast path (not just Intl again), and leaves other styles to Intl', () => {
    const intl = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const spy = countingFormat(intl);
    const text = percentDigitsText(spy.format);
    const before = spy.calls();
    expect(text(1.0714285637755103)).toBe('107.1%');
    expect(text(-0.0285)).toBe('-2.9%');
    expect(text(12345.678)).toBe('1,234,567.8%');
    expect(spy.calls()).toBe(before);
    const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(percentDigitsText(decimal)(0.25)).toBe('0.3');
  });
});
