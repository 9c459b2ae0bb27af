import { describe, expect, it } from 'vitest';
import { buildTeamPage, chartMonths } from '../../site/data/team-page.ts';
import { buildTeamAttainment } from '../../site/data/team-attainment.ts';
import { tableCsv } from '../../site/data/table.ts';
import { fixtureSnapshot, makeRow } from './make-snapshot.ts';

const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('buildTeamPage: East in the fixture', () => {
  const page = () => buildTeamPage(fixtureSnapshot(), 'team_east', '/');

  it('names the team and its reps as of the snapshot, and its latest week', () => {
    expect(page()).toMatchObject({ teamName: 'East', latestWeek: '2026-W49' });
    expect(page().members.map((r) => r.name)).toEqual(['Ana Lima', 'Ben Okafor']);
  });

  it('gives the month against target and pace: 30,000.25 of 33,000, expected 100% by Nov 30', () => {
    expect(page().month).toMatchObject({ month: '2026-11', netRevenue: 30000.25, target: 33000, pace: 1, projected: 0.9090984848484849 });
    expect(page().month.attainment.value).toBe(0.9090984848484849);
  });

  it('lists every week, newest first, with its target pace and the change on the week before', () => {
    expect(texts(page().weeks.rows)).toEqual([
      ['Week 49, 2026 (to date)', 'Nov 30 – Dec 6, 2026', '$2,500', '$1,100', '227.3%', '-$5,500', '0', '2', '0'],
      ['Week 48, 2026', 'Nov 23–29, 2026', '$8,000', '$7,700', '103.9%', '+$2,000', '2', '6', '1'],
      ['Week 47, 2026', 'Nov 16–22, 2026', '$6,000', '$7,700', '77.9%', '+$6,000', '1', '5', '1'],
    ]);
    expect(page().weeks.rows[1]![0]!.href).toBe('/teams/team_east/weeks/2026-W48/');
  });

  it('lists its reps this month, highest net revenue first', () => {
    expect(texts(page().reps.rows)).toEqual([
      ['Ana Lima', '$18,000', '$20,000', '90.0%', '100.0%', '90.0%', '3', '12', '1', '60.0%'],
      ['Ben Okafor', '$12,000', '—', '—', '—', '—', '2', '8', '3', '60.0%'],
    ]);
  });

  it('charts its months (from its first) and its weeks', () => {
    expect(page().monthly.months).toEqual(['2026-10', '2026-11']);
    expect(page().monthly.partialMonth).toBe('2026-11');
    expect(page().weekly.map((p) => [p.period, p.value, p.target, p.partial])).toEqual([
      ['2026-W47', 6000, 7700, false],
      ['2026-W48', 8000, 7700, false],
      ['2026-W49', 2500, 1100, true],
    ]);
  });
});

describe('chartMonths', () => {
  it('gives up to n months ending with the last, not before the first row', () => {
    const rows = [makeRow({ period: '2026-01' }), makeRow({ period: '2026-11' })];
    expect(chartMonths(rows, '2026-11', 3)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(chartMonths(rows, '2026-02', 12)).toEqual(['2026-01', '2026-02']);
    expect(chartMonths([], '2026-11', 12)).toEqual([]);
  });
});

describe('buildTeamAttainment', () => {
  it('gives each team its attainment and pace for the chart (West has no target)', () => {
    expect(buildTeamAttainment(fixtureSnapshot(), '/').bars).toEqual([
      { name: 'East', attainment: 0.9090984848484849, pace: 1 },
      { name: 'West', attainment: null, pace: null },
    ]);
  });

  it('tabulates the month with pace and projection while it runs', () => {
    const { table } = buildTeamAttainment(fixtureSnapshot(), '/');
    expect(texts(table.rows)).toEqual([
      ['East', '$30,000', '$33,000', '90.9%', '100.0%', '90.9%', '45.0%', '5', '4'],
      ['West', '$19,500', '—', '—', '—', '—', '45.0%', '2', '2'],
    ]);
    expect(tableCsv(table).split('\r\n')[2]).toBe('West,19500,,,,,0.45,2,2');
  });

  it('adds reps and the latest week for the teams page', () => {
    const { table } = buildTeamAttainment(fixtureSnapshot(), '/', { withWeeks: true });
    expect(table.columns.slice(0, 3).map((c) => c.key)).toEqual(['team', 'reps', 'latest_week']);
    expect(texts(table.rows).map((row) => row.slice(0, 3))).toEqual([
      ['East', '2', 'Week 49, 2026'],
      ['West', '1', 'Week 48, 2026'],
    ]);
    expect(table.rows[1]![2]!.href).toBe('/teams/team_west/weeks/2026-W48/');
  });
});
