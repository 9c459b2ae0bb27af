import { describe, expect, it } from 'vitest';
import { asOfDay, monthTarget, weekTarget } from '../../site/data/week-target.ts';
import { fixtureSnapshot, makeRow, makeSnapshot, makeTarget } from './make-snapshot.ts';

// The fixture: as_of is Nov 30, 2026, 10:30 PM in New York (a Monday, day 1 of 2026-W49).
// East's November target is 33,000; Ana's 20,000; Ben has none; West has none.
describe('asOfDay', () => {
  it('is the local day of as_of in the snapshot timezone', () => {
    expect(asOfDay(fixtureSnapshot())).toBe('2026-11-30');
  });
});

describe('monthTarget', () => {
  it("is the month row's target, else the target version in force", () => {
    const snapshot = makeSnapshot({
      kpis: [makeRow({ scope: 'team', id: 't1', period: '2026-11', target_revenue: 3000 })],
      targets: [makeTarget({ scope: 'team', id: 't1', period: '2026-12', value: 3100 })],
    });
    expect(monthTarget(snapshot, 'team', 't1', '2026-11')).toBe(3000);
    expect(monthTarget(snapshot, 'team', 't1', '2026-12')).toBe(3100);
    expect(monthTarget(snapshot, 'team', 't1', '2027-01')).toBeNull();
  });
});

describe('weekTarget', () => {
  it('prorates the month target by day: East, Week 48 (Nov 23–29) is 33,000 × 7/30 = 7,700', () => {
    const target = weekTarget(fixtureSnapshot(), 'team', 'team_east', '2026-W48');
    expect(target).toMatchObject({ running: false, value: 7700 });
    expect(target.days).toHaveLength(7);
    expect(target.parts).toEqual([{ month: '2026-11', days: 7, monthDays: 30, monthTarget: 33000 }]);
  });

  it('counts only the days up to as_of while the week runs: Week 49 on Nov 30 is 33,000 / 30 = 1,100', () => {
    const target = weekTarget(fixtureSnapshot(), 'team', 'team_east', '2026-W49');
    expect(target).toMatchObject({ running: true, days: ['2026-11-30'], value: 1100 });
  });

  it('takes a week across two months from each: 3,000 × 1/30 + 3,100 × 6/31 = 100 + 600', () => {
    const snapshot = makeSnapshot({
      as_of: '2026-12-20T12:00:00Z',
      targets: [makeTarget({ period: '2026-11', value: 3000 }), makeTarget({ event_id: 'e2', period: '2026-12', value: 3100 })],
    });
    const target = weekTarget(snapshot, 'company', null, '2026-W49'); // Nov 30 – Dec 6
    expect(target.parts).toEqual([
      { month: '2026-11', days: 1, monthDays: 30, monthTarget: 3000 },
      { month: '2026-12', days: 6, monthDays: 31, monthTarget: 3100 },
    ]);
    expect(target.value).toBe(700);
  });

  it('rounds to 1/10000: Ana, Week 48, is 20,000 × 7/30 = 4,666.6667', () => {
    expect(weekTarget(fixtureSnapshot(), 'rep', 'rep_ana', '2026-W48').value).toBe(4666.6667);
  });

  it('has no value when a month counted has no target', () => {
    const target = weekTarget(fixtureSnapshot(), 'rep', 'rep_ben', '2026-W48');
    expect(target.value).toBeNull();
    expect(target.parts[0]?.monthTarget).toBeNull();
  });
});
