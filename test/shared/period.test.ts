import { describe, expect, it } from 'vitest';
import {
  grainOfLabel,
  isoWeekLabel,
  isoWeeksInYear,
  isValidTimezone,
  labelsOfDay,
  localDay,
  monthsOfQuarter,
  monthsOfYear,
  periodLabels,
  quartersOfYear,
} from '../../shared/period.ts';

const at = (iso: string) => Date.parse(iso);

describe('isoWeekLabel', () => {
  it('puts 2015-12-31 (a Thursday) in 2015-W53', () => {
    expect(isoWeekLabel(2015, 12, 31)).toBe('2015-W53');
  });

  it('puts 2016-01-03 (a Sunday) in the previous week-year, 2015-W53', () => {
    expect(isoWeekLabel(2016, 1, 3)).toBe('2015-W53');
  });

  it('starts 2016-W01 on Monday 2016-01-04', () => {
    expect(isoWeekLabel(2016, 1, 4)).toBe('2016-W01');
  });

  it('puts 2017-01-01 (a Sunday) in 2016-W52', () => {
    expect(isoWeekLabel(2017, 1, 1)).toBe('2016-W52');
  });

  it('puts 2020-12-31 and 2021-01-03 in 2020-W53', () => {
    expect(isoWeekLabel(2020, 12, 31)).toBe('2020-W53');
    expect(isoWeekLabel(2021, 1, 3)).toBe('2020-W53');
    expect(isoWeekLabel(2021, 1, 4)).toBe('2021-W01');
  });

  it('puts late-December days in week 1 of the next week-year', () => {
    expect(isoWeekLabel(2024, 12, 30)).toBe('2025-W01');
    expect(isoWeekLabel(2024, 12, 29)).toBe('2024-W52');
  });

  it('pads single-digit weeks to two digits', () => {
    expect(isoWeekLabel(2026, 1, 1)).toBe('2026-W01');
    expect(isoWeekLabel(2026, 3, 2)).toBe('2026-W10');
  });

  it('matches the contract example 2026-11-20 -> 2026-W47', () => {
    expect(isoWeekLabel(2026, 11, 20)).toBe('2026-W47');
  });
});

describe('isoWeeksInYear', () => {
  it('counts 53 weeks in long ISO years and 52 in the others', () => {
    expect(isoWeeksInYear(2015)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2016)).toBe(52);
    expect(isoWeeksInYear(2025)).toBe(52);
  });
});

describe('labelsOfDay', () => {
  it('gives every grain of a day label', () => {
    expect(labelsOfDay('2026-11-20')).toEqual({
      day: '2026-11-20',
      week: '2026-W47',
      month: '2026-11',
      quarter: '2026-Q4',
      year: '2026',
    });
  });

  it('maps each month to its quarter', () => {
    const quarters = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map(
      (m) => labelsOfDay(`2026-${m}-15`).quarter,
    );
    expect(quarters).toEqual([
      '2026-Q1', '2026-Q1', '2026-Q1', '2026-Q2', '2026-Q2', '2026-Q2',
      '2026-Q3', '2026-Q3', '2026-Q3', '2026-Q4', '2026-Q4', '2026-Q4',
    ]);
  });
});

describe('periodLabels', () => {
  it('labels 2015-12-31 as 2015-W53 in year 2015', () => {
    expect(periodLabels(at('2015-12-31T12:00:00Z'), 'UTC')).toEqual({
      day: '2015-12-31',
      week: '2015-W53',
      month: '2015-12',
      quarter: '2015-Q4',
      year: '2015',
    });
  });

  it('labels 2017-01-01 as week 2016-W52 but year 2017', () => {
    expect(periodLabels(at('2017-01-01T12:00:00Z'), 'UTC')).toEqual({
      day: '2017-01-01',
      week: '2016-W52',
      month: '2017-01',
      quarter: '2017-Q1',
      year: '2017',
    });
  });

  it('labels 2016-01-03 as 2015-W53 and 2016-01-04 as 2016-W01', () => {
    expect(periodLabels(at('2016-01-03T23:59:59Z'), 'UTC').week).toBe('2015-W53');
    expect(periodLabels(at('2016-01-04T00:00:00Z'), 'UTC').week).toBe('2016-W01');
  });

  it('labels 2020-12-31 and 2021-01-03 as 2020-W53', () => {
    expect(periodLabels(at('2020-12-31T12:00:00Z'), 'UTC').week).toBe('2020-W53');
    expect(periodLabels(at('2021-01-03T12:00:00Z'), 'UTC').week).toBe('2020-W53');
  });

  it('moves an evening UTC instant into the next month and quarter in Asia/Shanghai', () => {
    expect(periodLabels(at('2026-03-31T22:30:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2026-04-01',
      week: '2026-W14',
      month: '2026-04',
      quarter: '2026-Q2',
      year: '2026',
    });
    expect(periodLabels(at('2026-03-31T22:30:00Z'), 'UTC')).toEqual({
      day: '2026-03-31',
      week: '2026-W14',
      month: '2026-03',
      quarter: '2026-Q1',
      year: '2026',
    });
  });

  it('moves 2026-12-31T23:30:00-05:00 into 2027 in UTC while the week stays 2026-W53', () => {
    expect(periodLabels(at('2026-12-31T23:30:00-05:00'), 'UTC')).toEqual({
      day: '2027-01-01',
      week: '2026-W53',
      month: '2027-01',
      quarter: '2027-Q1',
      year: '2027',
    });
  });

  it('keeps 2026-12-31T23:30:00-05:00 in 2026 in America/New_York', () => {
    expect(periodLabels(at('2026-12-31T23:30:00-05:00'), 'America/New_York').year).toBe('2026');
  });
});

describe('localDay', () => {
  it('is the UTC date in UTC', () => {
    expect(localDay(at('2026-03-31T23:59:59.999Z'), 'UTC')).toBe('2026-03-31');
    expect(localDay(at('2026-04-01T00:00:00Z'), 'UTC')).toBe('2026-04-01');
  });

  it('is the next day in Asia/Shanghai once UTC passes 16:00', () => {
    expect(localDay(at('2026-03-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-31');
    expect(localDay(at('2026-03-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-04-01');
  });

  it('uses -08:00 before and -07:00 after the spring DST change in America/Los_Angeles', () => {
    // DST starts 2026-03-08 at 02:00 local (10:00Z).
    expect(localDay(at('2026-03-08T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-03-07'); // 23:30 PST
    expect(localDay(at('2026-03-08T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-08'); // 00:00 PST
    expect(localDay(at('2026-03-09T06:59:59Z'), 'America/Los_Angeles')).toBe('2026-03-08'); // 23:59:59 PDT
    expect(localDay(at('2026-03-09T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-03-09'); // 00:30 PDT
  });

  it('uses -07:00 before and -08:00 after the autumn DST change in America/Los_Angeles', () => {
    // DST ends 2026-11-01 at 02:00 local (09:00Z).
    expect(localDay(at('2026-11-01T06:30:00Z'), 'America/Los_Angeles')).toBe('2026-10-31'); // 23:30 PDT
    expect(localDay(at('2026-11-01T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-01'); // 00:00 PDT
    expect(localDay(at('2026-11-02T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-01'); // 23:30 PST
    expect(localDay(at('2026-11-02T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-02'); // 00:00 PST
  });

  it('handles a +05:45 zone to the second', () => {
    // Asia/Kathmandu midnight is 18:15Z the day before.
    expect(localDay(at('2026-06-30T18:14:59Z'), 'Asia/Kathmandu')).toBe('2026-06-30');
    expect(localDay(at('2026-06-30T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-07-01');
  });

  it('handles a historical offset that is not a multiple of 15 minutes to the second', () => {
    // Africa/Monrovia was UTC-00:44:30 until 1972: local midnight of 1971-06-30 is 00:44:30Z.
    expect(localDay(at('1971-06-30T00:44:29Z'), 'Africa/Monrovia')).toBe('1971-06-29');
    expect(localDay(at('1971-06-30T00:44:40Z'), 'Africa/Monrovia')).toBe('1971-06-30');
  });

  it('keeps zones apart when asked about the same instant', () => {
    const t = at('2026-01-01T02:00:00Z');
    expect(localDay(t, 'UTC')).toBe('2026-01-01');
    expect(localDay(t, 'America/Los_Angeles')).toBe('2025-12-31');
    expect(localDay(t, 'Pacific/Kiritimati')).toBe('2026-01-01');
    expect(localDay(t, 'UTC')).toBe('2026-01-01');
  });

  it('handles instants before 1970', () => {
    expect(localDay(-1, 'UTC')).toBe('1969-12-31');
  });

  it('throws RangeError for an unknown zone', () => {
    expect(() => localDay(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('isValidTimezone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('grainOfLabel', () => {
  it('recognizes a label of each grain', () => {
    expect(grainOfLabel('2026-11-20')).toBe('day');
    expect(grainOfLabel('2026-W47')).toBe('week');
    expect(grainOfLabel('2026-11')).toBe('month');
    expect(grainOfLabel('2026-Q4')).toBe('quarter');
    expect(grainOfLabel('2026')).toBe('year');
  });

  it('rejects days that are not on the calendar', () => {
    expect(grainOfLabel('2026-02-30')).toBeNull();
    expect(grainOfLabel('2026-02-29')).toBeNull();
    expect(grainOfLabel('2026-04-31')).toBeNull();
    expect(grainOfLabel('2026-00-10')).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(grainOfLabel('2024-02-29')).toBe('day');
  });

  it('accepts W53 only in years that have 53 ISO weeks', () => {
    expect(grainOfLabel('2026-W53')).toBe('week');
    expect(grainOfLabel('2020-W53')).toBe('week');
    expect(grainOfLabel('2025-W53')).toBeNull();
  });

  it('rejects week 0 and weeks past 53', () => {
    expect(grainOfLabel('2026-W00')).toBeNull();
    expect(grainOfLabel('2026-W54')).toBeNull();
    expect(grainOfLabel('2026-W1')).toBeNull();
  });

  it('rejects quarter 5 and month 13', () => {
    expect(grainOfLabel('2026-Q5')).toBeNull();
    expect(grainOfLabel('2026-Q0')).toBeNull();
    expect(grainOfLabel('2026-13')).toBeNull();
    expect(grainOfLabel('2026-00')).toBeNull();
  });

  it('rejects text that is no label at all', () => {
    for (const text of ['', '26', '2026-1', '2026-11-20T00:00:00Z', ' 2026', '2026 ', 'W47', '2026-q4']) {
      expect(grainOfLabel(text), JSON.stringify(text)).toBeNull();
    }
  });
});

describe('monthsOfQuarter', () => {
  it('lists the three months of each quarter', () => {
    expect(monthsOfQuarter('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfQuarter('2026-Q2')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});

describe('quartersOfYear', () => {
  it('lists the four quarters of a year', () => {
    expect(quartersOfYear('2026')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });
});

describe('monthsOfYear', () => {
  it('lists the twelve months of a year in order', () => {
    expect(monthsOfYear('2027')).toEqual([
      '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06',
      '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12',
    ]);
  });
});
