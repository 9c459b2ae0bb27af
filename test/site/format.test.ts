import { describe, expect, it } from 'vitest';
import {
  dateRangeName,
  daySpanName,
  formatInstant,
  formatMoney,
  formatPercent,
  formatPoints,
  missingText,
  periodName,
} from '../../site/data/format.ts';
import { subtractMoney, toUnits } from '../../site/data/money.ts';

describe('formatMoney', () => {
  it('uses the currency and its minor digits', () => {
    expect(formatMoney(49500.25, 'USD')).toBe('$49,500.25');
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(1234, 'JPY')).toBe('¥1,234');
  });

  it('rounds to whole units and signs changes on request', () => {
    expect(formatMoney(49500.25, 'USD', { whole: true })).toBe('$49,500');
    expect(formatMoney(5500.25, 'USD', { whole: true, signed: true })).toBe('+$5,500');
    expect(formatMoney(-120, 'USD', { whole: true, signed: true })).toBe('-$120');
  });
});

describe('formatPercent and formatPoints', () => {
  it('shows fractions as percentages with one decimal', () => {
    expect(formatPercent(0.45)).toBe('45.0%');
    expect(formatPercent(1.0285714285714285)).toBe('102.9%');
  });

  it('shows a difference of fractions in signed percentage points', () => {
    expect(formatPoints(0.9 - 0.9777777777777777)).toBe('-7.8 pts');
    expect(formatPoints(0.05)).toBe('+5.0 pts');
  });

  it('leaves the sign off a gap on request', () => {
    expect(formatPoints(0.12066666666666667, { signed: false })).toBe('12.1 pts');
    expect(formatPoints(0.0004, { signed: false })).toBe('0.0 pts');
  });
});

describe('formatInstant', () => {
  it('shows the instant in the org timezone with its name', () => {
    expect(formatInstant('2026-12-01T03:30:00Z', 'America/New_York')).toBe('Nov 30, 2026, 10:30 PM EST');
    expect(formatInstant('2026-12-01T03:30:00Z', 'UTC')).toBe('Dec 1, 2026, 3:30 AM UTC');
  });
});

describe('periodName', () => {
  it('names each grain for people', () => {
    expect(periodName('2026-11')).toBe('November 2026');
    expect(periodName('2026-11', 'short')).toBe('Nov 2026');
    expect(periodName('2026-Q4')).toBe('Q4 2026');
    expect(periodName('2026')).toBe('2026');
    expect(periodName('2026-W09')).toBe('Week 9, 2026');
    expect(periodName('2026-11-05')).toBe('Nov 5, 2026');
  });
});

describe('subtractMoney', () => {
  it('is exact to 4 decimals where binary floats are not', () => {
    expect(0.3 - 0.1).not.toBe(0.2);
    expect(subtractMoney(0.3, 0.1)).toBe(0.2);
    expect(subtractMoney(49500.25, 44000)).toBe(5500.25);
    expect(toUnits(2513.9167)).toBe(25139167);
  });
});

describe('daySpanName and missingText', () => {
  it('names the first days of a month, with the year on request', () => {
    expect(daySpanName('2026-10', 26)).toBe('Oct 1–26');
    expect(daySpanName('2026-10', 1)).toBe('Oct 1');
    expect(daySpanName('2026-12', 15, { year: true })).toBe('Dec 1–15, 2026');
    expect(() => daySpanName('2026-10', 0)).toThrow('invalid day: 0');
  });

  it('says why a figure is missing for a period or a named span of it', () => {
    expect(missingText('missing_cost', '2026-10')).toBe('Margin unknown: a sale in October 2026 has no cost');
    expect(missingText('missing_cost', '2026-10', 'Oct 1–26')).toBe('Margin unknown: a sale in Oct 1–26 has no cost');
    expect(missingText('no_activity', '2026-10', 'Oct 1–26')).toBe('No activity recorded in Oct 1–26');
  });
});

describe('dateRangeName', () => {
  it('names a span of days in one month, across months, across years, and one day', () => {
    expect(dateRangeName('2026-11-23', '2026-11-29')).toBe('Nov 23–29, 2026');
    expect(dateRangeName('2026-11-30', '2026-12-06')).toBe('Nov 30 – Dec 6, 2026');
    expect(dateRangeName('2026-12-28', '2027-01-03')).toBe('Dec 28, 2026 – Jan 3, 2027');
    expect(dateRangeName('2026-11-30', '2026-11-30')).toBe('Nov 30, 2026');
  });
});
