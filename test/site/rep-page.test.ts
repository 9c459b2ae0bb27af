import { describe, expect, it } from 'vitest';
import { buildRepPage } from '../../site/data/rep-page.ts';
import { repsIndex } from '../../site/data/directory.ts';
import { fixtureSnapshot } from './make-snapshot.ts';

const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('buildRepPage: Cleo in the fixture', () => {
  const page = () => buildRepPage(fixtureSnapshot(), 'rep_cleo', '/');

  it('names the rep and their current team', () => {
    expect(page()).toMatchObject({ name: 'Cleo Park', team: { id: 'team_west', name: 'West' } });
  });

  it('gives the month against target and pace: 19,500 of 22,000 is 88.6%, expected 100%', () => {
    expect(page().month).toMatchObject({ netRevenue: 19500, target: 22000, pace: 1 });
    expect(page().month.attainment.value).toBeCloseTo(19500 / 22000, 12);
  });

  it("says the month's figures", () => {
    expect(page().summary.map((s) => [s.label, s.value, s.detail])).toEqual([
      ['Profit margin', '45.0%', '$8,775 profit'],
      ['Customers gained', '2', '6 customers bought'],
      ['Wins', '7 sales', 'Win rate 60.0%'],
      ['Visits and contacts', '12', null],
      ['Complaints opened', '2', 'Resolved in 20 h (median)'],
      ['CSAT', '4.30', '90.0% satisfied (4 or 5 of 5)'],
    ]);
  });

  it("lists their weeks, linking to their team's weekly page: 4,000 of 22,000 × 7/30", () => {
    expect(texts(page().weeks.rows)).toEqual([['Week 48, 2026', 'Nov 23–29, 2026', '$4,000', '$5,133', '77.9%', '+$4,000', '0', '2', '0']]);
    expect(page().weeks.rows[0]![0]!.href).toBe('/teams/team_west/weeks/2026-W48/');
  });

  it('lists their months, newest first', () => {
    expect(texts(page().months.rows)).toEqual([
      ['November 2026', '$19,500', '$22,000', '88.6%', '45.0%', '2', '12', '2', '60.0%', '4.30'],
      ['October 2026', '$18,000', '$20,000', '90.0%', '42.2%', '1', '12', '1', '60.0%', '4.30'],
    ]);
  });

  it("links no week when their team has no page for it (Ana's week 49 is East's)", () => {
    const ana = buildRepPage(fixtureSnapshot(), 'rep_ana', '/');
    expect(ana.weeks.rows.map((row) => row[0]!.href)).toEqual(['/teams/team_east/weeks/2026-W49/', '/teams/team_east/weeks/2026-W48/']);
  });
});

describe('repsIndex', () => {
  it('lists every rep by name with their team and month', () => {
    expect(texts(repsIndex(fixtureSnapshot(), '/').rows)).toEqual([
      ['Ana Lima', 'East', '$18,000', '$20,000', '90.0%', '100.0%', '3', '12', '1'],
      ['Ben Okafor', 'East', '$12,000', '—', '—', '—', '2', '8', '3'],
      ['Cleo Park', 'West', '$19,500', '$22,000', '88.6%', '100.0%', '2', '12', '2'],
    ]);
  });
});
