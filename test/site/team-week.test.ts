import { describe, expect, it } from 'vitest';
import {
  buildTeamWeek,
  targetPaceText,
  teamWeeks,
  weekComparison,
  weekComparisonView,
  weekStory,
  weekSummary,
  weeklyTable,
} from '../../site/data/team-week.ts';
import { tableCsv } from '../../site/data/table.ts';
import { fixtureSnapshot, makeRow, makeSnapshot } from './make-snapshot.ts';

// The fixture's East weeks: W47 net 6,000; W48 net 8,000 (Ana 5,000, Ben 3,000); W49 net 2,500
// (Ana). East's November target 33,000; Ana's 20,000; Ben none. History starts Jul 1, 2026.
const east48 = () => buildTeamWeek(fixtureSnapshot(), 'team_east', '2026-W48', '/');

describe('teamWeeks', () => {
  it("lists a team's weeks with data, oldest first", () => {
    expect(teamWeeks(fixtureSnapshot(), 'team_east')).toEqual(['2026-W47', '2026-W48', '2026-W49']);
    expect(teamWeeks(fixtureSnapshot(), 'team_west')).toEqual(['2026-W48']);
  });
});

describe('buildTeamWeek', () => {
  it('gives the week against its target pace: 8,000 of 7,700 is 103.9%', () => {
    const page = east48();
    expect(page).toMatchObject({ teamName: 'East', dates: 'Nov 23–29, 2026', running: false });
    expect(page.target.value).toBe(7700);
    expect(page.paceAttainment).toBeCloseTo(8000 / 7700, 12);
  });

  it('compares with the week before (+2,000, +33.3%) and knows last year is before the history', () => {
    const page = east48();
    expect(page.previous).toMatchObject({ week: '2026-W47', change: 2000 });
    expect(page.previous.relativeChange).toBeCloseTo(2000 / 6000, 12);
    expect(page.lastYear).toMatchObject({ week: '2025-W48', change: null, baseline: { missing: 'before_history' } });
  });

  it('links to the weeks with data before and after', () => {
    expect([east48().previousPage, east48().nextPage]).toEqual(['2026-W47', '2026-W49']);
    const west = buildTeamWeek(fixtureSnapshot(), 'team_west', '2026-W48', '/');
    expect([west.previousPage, west.nextPage]).toEqual([null, null]);
  });

  it("has the team's pacing row when the week is in the running month", () => {
    expect(east48().monthPacing).toMatchObject({ scope: 'team', id: 'team_east', period: '2026-11', expected_fraction: 1 });
  });

  it('ranks the reps by net revenue with their own target pace: Ana 5,000 of 4,666.67, Ben without a target', () => {
    const board = east48().leaderboard;
    expect(board.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['Ana Lima', '$5,000', '$4,667', '107.1%', '1', '4', '0', '2', '100.0%'],
      ['Ben Okafor', '$3,000', '—', '—', '1', '2', '1', '1', '0.0%'],
    ]);
    expect(board.rows[0]![0]!.href).toBe('/reps/rep_ana/');
    expect(board.rows[1]![2]!.missing).toBe('No target set for November 2026');
    expect(tableCsv(board).split('\r\n')[0]).toBe('rep,net_revenue,target_pace,attainment,new_customers,visits,complaints,orders,win_rate');
  });

  it('counts a running week to date: Week 49 on Nov 30 against 1,100 (one day of November)', () => {
    const page = buildTeamWeek(fixtureSnapshot(), 'team_east', '2026-W49', '/');
    expect(page).toMatchObject({ running: true, dates: 'Nov 30 – Dec 6, 2026', nextPage: null });
    expect(page.paceAttainment).toBeCloseTo(2500 / 1100, 12);
    expect(page.previous.change).toBe(-5500);
  });

  it('charts the window of weeks it is in, from the first with data to the latest', () => {
    expect(east48().trend).toEqual([
      { period: '2026-W47', value: 6000, target: 7700, partial: false },
      { period: '2026-W48', value: 8000, target: 7700, partial: false },
      { period: '2026-W49', value: 2500, target: 1100, partial: true },
    ]);
  });

  it("shares one trend and trend table among a window's week pages (built once), and each team has its own", () => {
    const snapshot = fixtureSnapshot();
    const w47 = buildTeamWeek(snapshot, 'team_east', '2026-W47', '/');
    const w49 = buildTeamWeek(snapshot, 'team_east', '2026-W49', '/');
    expect(w49.trend).toBe(w47.trend);
    expect(w49.trendTable).toBe(w47.trendTable);
    expect(w47.trendTable).toEqual(weeklyTable(w47.trend, 'USD'));
    const west = buildTeamWeek(snapshot, 'team_west', '2026-W48', '/');
    expect(west.trend).not.toBe(w47.trend);
    expect(west.trend.map((p) => p.period)).toEqual(['2026-W48']);
  });
});

describe('weekComparison', () => {
  it('counts a week without a row inside the history as no activity (0)', () => {
    const c = weekComparison(fixtureSnapshot(), 'team', 'team_east', '2026-W47', 'previous');
    expect(c).toMatchObject({ week: '2026-W46', baseline: { value: 0 }, change: 6000, relativeChange: null });
  });

  it('has no counterpart for week 53 a year earlier', () => {
    const snapshot = makeSnapshot({ kpis: [makeRow({ grain: 'week', period: '2026-W53' })] });
    expect(weekComparison(snapshot, 'company', null, '2026-W53', 'last_year')).toMatchObject({ week: null, change: null });
  });
});

describe('weekSummary', () => {
  it('says the week in figures, with context', () => {
    expect(weekSummary(east48(), 'USD').map((s) => [s.label, s.value, s.detail])).toEqual([
      ['Net revenue', '$8,000', '103.9% of the $7,700 target pace'],
      ['Wins', '3 sales', '50.0% of opportunities closed were won'],
      ['Customers gained', '2', '3 customers bought'],
      ['Visits and contacts', '6', null],
      ['Complaints opened', '1', 'Resolved in 12 h (median)'],
      ['Profit margin', '45.0%', '$3,600 profit'],
    ]);
  });

  it('says why there is no target pace', () => {
    const west = buildTeamWeek(fixtureSnapshot(), 'team_west', '2026-W48', '/');
    expect(weekSummary(west, 'USD')[0]?.detail).toBe('No target set for November 2026, so no target pace');
  });
});

describe('targetPaceText', () => {
  it('shows the proration', () => {
    expect(targetPaceText(east48().target, 'USD')).toBe(
      "Weeks have no targets of their own: the target pace is November 2026's target of $33,000 × 7/30 days = $7,700.",
    );
  });

  it('says when only the days so far count', () => {
    const page = buildTeamWeek(fixtureSnapshot(), 'team_east', '2026-W49', '/');
    expect(targetPaceText(page.target, 'USD')).toBe(
      "Weeks have no targets of their own: the target pace (the days up to Nov 30, as the week is still running) is November 2026's target of $33,000 × 1/30 days = $1,100.",
    );
  });
});

describe('weekComparisonView', () => {
  it('gives the change and what it is against, or why there is none', () => {
    expect(weekComparisonView(east48().previous, 'USD')).toEqual({
      basis: 'previous',
      name: 'Week 47, 2026',
      change: { text: '+$2,000 (+33.3%)', direction: 'up', spoken: 'Up' },
      compare: 'vs $6,000 in Week 47, 2026',
      missing: null,
    });
    expect(weekComparisonView(east48().lastYear, 'USD')).toMatchObject({
      basis: 'last_year',
      change: null,
      missing: "Week 48, 2025 is before the snapshot's first figures",
    });
  });
});

describe('weekStory', () => {
  it('tells wins, customers gained and complaints, singular where one', () => {
    expect(weekStory(east48().row)).toBe(
      '3 sales closed; 50.0% of the opportunities closed were won. 2 new customers bought for the first time. 1 complaint was opened.',
    );
    expect(weekStory(undefined)).toBe('0 sales closed. 0 new customers bought for the first time. 0 complaints were opened.');
  });
});

describe('weeklyTable', () => {
  it('gives the chart numbers with week labels in the CSV', () => {
    expect(tableCsv(weeklyTable(east48().trend, 'USD'))).toBe(
      'week,net_revenue,target_pace,attainment\r\n2026-W47,6000,7700,0.7792207792207793\r\n2026-W48,8000,7700,1.0389610389610389\r\n2026-W49,2500,1100,2.272727272727273\r\n',
    );
  });
});
