import { describe, expect, it } from 'vitest';
import {
  currentPeriod,
  dayOfMonth,
  grainOf,
  localDateOf,
  monthOfDay,
  periodDayLabels,
  periodDays,
  periodProgress,
  periodRange,
  previousPeriod,
  sameLastYear,
  shiftPeriod,
} from '../../site/data/period.ts';

describe('previousPeriod', () => {
  it('goes from January back to December of the year before', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
  });

  it('goes from the first quarter back to the fourth quarter of the year before', () => {
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
  });

  it('steps a year, a mid-year month and a mid-year quarter', () => {
    expect(previousPeriod('2026')).toBe('2025');
    expect(previousPeriod('2026-11')).toBe('2026-10');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
  });

  it('goes from ISO week 1 back to the last ISO week of the previous week-year (52 or 53)', () => {
    expect(previousPeriod('2026-W01')).toBe('2025-W52');
    expect(previousPeriod('2027-W01')).toBe('2026-W53');
  });

  it('goes back across a month end and a leap day', () => {
    expect(previousPeriod('2026-03-01')).toBe('2026-02-28');
    expect(previousPeriod('2028-03-01')).toBe('2028-02-29');
  });

  it('rejects a string that is not a period label, naming it', () => {
    expect(() => previousPeriod('2026-13')).toThrow('invalid period label: "2026-13"');
    expect(() => previousPeriod('2026-W54')).toThrow('invalid period label');
    expect(() => previousPeriod('2025-W53')).toThrow('invalid period label'); // 2025 has 52 ISO weeks
  });
});

describe('shiftPeriod', () => {
  it('moves forward across year ends', () => {
    expect(shiftPeriod('2026-11', 3)).toBe('2027-02');
    expect(shiftPeriod('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftPeriod('2026-W53', 1)).toBe('2027-W01');
  });

  it('moves back eleven months to start a twelve-month window', () => {
    expect(shiftPeriod('2026-11', -11)).toBe('2025-12');
  });
});

describe('currentPeriod', () => {
  it('uses the local date in the snapshot timezone: 03:30 UTC on Dec 1 is still November in New York', () => {
    const asOf = '2026-12-01T03:30:00Z';
    expect(currentPeriod(asOf, 'UTC', 'month')).toBe('2026-12');
    expect(currentPeriod(asOf, 'America/New_York', 'month')).toBe('2026-11');
    expect(currentPeriod(asOf, 'America/New_York', 'day')).toBe('2026-11-30');
  });

  it('moves to the next quarter and year early in a timezone ahead of UTC', () => {
    expect(currentPeriod('2026-12-31T15:30:00Z', 'Asia/Tokyo', 'quarter')).toBe('2027-Q1');
    expect(currentPeriod('2026-12-31T15:30:00Z', 'Asia/Tokyo', 'year')).toBe('2027');
    expect(currentPeriod('2026-12-31T14:30:00Z', 'Asia/Tokyo', 'year')).toBe('2026');
  });

  it('labels a week by its ISO week-year', () => {
    expect(currentPeriod('2027-01-01T12:00:00Z', 'UTC', 'week')).toBe('2026-W53');
    expect(currentPeriod('2026-11-30T12:00:00Z', 'UTC', 'week')).toBe('2026-W49');
  });

  it('rejects an instant that is not a date', () => {
    expect(() => localDateOf('yesterday', 'UTC')).toThrow('invalid instant');
  });
});

describe('grainOf', () => {
  it('recognises every label form and rejects others', () => {
    expect(grainOf('2026')).toBe('year');
    expect(grainOf('2026-Q4')).toBe('quarter');
    expect(grainOf('2026-11')).toBe('month');
    expect(grainOf('2026-W47')).toBe('week');
    expect(grainOf('2026-11-20')).toBe('day');
    expect(grainOf('2026-02-30')).toBeNull();
    expect(grainOf('26-11')).toBeNull();
  });
});

describe('periodRange', () => {
  it('lists every month between two months inclusive', () => {
    expect(periodRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('refuses labels of different grains', () => {
    expect(() => periodRange('2026-11', '2026-Q4')).toThrow('invalid month label');
  });
});

describe('periodProgress', () => {
  it('counts Nov 30 as day 61 of the 92 days of Q4', () => {
    expect(periodProgress({ year: 2026, month: 11, day: 30 }, '2026-Q4')).toEqual({ day: 61, days: 92 });
  });

  it('clamps dates outside the period', () => {
    expect(periodProgress({ year: 2026, month: 9, day: 30 }, '2026-Q4')).toEqual({ day: 0, days: 92 });
    expect(periodProgress({ year: 2027, month: 1, day: 5 }, '2026')).toEqual({ day: 365, days: 365 });
  });
});

describe('periodDays and dayOfMonth', () => {
  it('gives the length of months, leap Februaries, quarters and years', () => {
    expect([periodDays('2026-10'), periodDays('2026-11'), periodDays('2026-02'), periodDays('2028-02')]).toEqual([31, 30, 28, 29]);
    expect([periodDays('2026-Q4'), periodDays('2026'), periodDays('2026-W49'), periodDays('2026-11-30')]).toEqual([92, 365, 7, 1]);
  });

  it('labels a day of a month and refuses days the month does not have', () => {
    expect(dayOfMonth('2026-10', 5)).toBe('2026-10-05');
    expect(dayOfMonth('2028-02', 29)).toBe('2028-02-29');
    expect(() => dayOfMonth('2026-02', 29)).toThrow('invalid day 29 of 2026-02');
    expect(() => dayOfMonth('2026-Q4', 1)).toThrow('invalid month label');
  });
});

describe('periodDayLabels', () => {
  it('lists the days of a week, across a month end', () => {
    expect(periodDayLabels('2026-W49')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('lists the days of a month, a leap February included', () => {
    expect(periodDayLabels('2028-02')).toHaveLength(29);
    expect(periodDayLabels('2026-11-30')).toEqual(['2026-11-30']);
  });
});

describe('sameLastYear', () => {
  it('is the same label a year earlier', () => {
    expect(sameLastYear('2026-11')).toBe('2025-11');
    expect(sameLastYear('2026-Q4')).toBe('2025-Q4');
    expect(sameLastYear('2026-W48')).toBe('2025-W48');
  });

  it('has no week 53 in a year of 52 weeks, nor Feb 29 in a common year', () => {
    expect(sameLastYear('2026-W53')).toBeNull();
    expect(sameLastYear('2028-02-29')).toBeNull();
  });
});

describe('monthOfDay', () => {
  it('is the month label of a day', () => {
    expect(monthOfDay('2026-11-30')).toBe('2026-11');
  });
});
