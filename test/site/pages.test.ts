import { describe, expect, it } from 'vitest';
import { repIds, teamIds, teamWeekPages } from '../../site/data/pages.ts';
import { buildDashboard } from '../../site/data/dashboard.ts';
import { linkedCsvFiles, siteTables } from '../../site/data/site-tables.ts';
import { appraisalPeriodHref, appraisalRepHref, csvHref, payrollHref, repHref, teamHref, teamWeekHref } from '../../site/data/links.ts';
import { fixtureSnapshot, makeRow, makeSnapshot } from './make-snapshot.ts';

describe('pages from the snapshot', () => {
  it('has a page per team, per team week with data, and per rep', () => {
    const snapshot = fixtureSnapshot();
    expect(teamIds(snapshot)).toEqual(['team_east', 'team_west']);
    expect(repIds(snapshot)).toEqual(['rep_ana', 'rep_ben', 'rep_cleo']);
    expect(teamWeekPages(snapshot)).toEqual([
      { teamId: 'team_east', week: '2026-W47' },
      { teamId: 'team_east', week: '2026-W48' },
      { teamId: 'team_east', week: '2026-W49' },
      { teamId: 'team_west', week: '2026-W48' },
    ]);
  });

  it('adds teams and reps that have KPI rows but no name', () => {
    const snapshot = makeSnapshot({
      teams: [{ team_id: 't2', name: 'Two' }],
      kpis: [makeRow({ scope: 'team', id: 't1' }), makeRow({ scope: 'rep', id: 'r9' })],
    });
    expect(teamIds(snapshot)).toEqual(['t2', 't1']);
    expect(repIds(snapshot)).toEqual(['r9']);
  });
});

describe('links', () => {
  it('put pages under the base path and CSVs next to their page', () => {
    expect(teamWeekHref('/q/', 'team_east', '2026-W48')).toBe('/q/teams/team_east/weeks/2026-W48/');
    expect(repHref('/', 'rep ana')).toMatch(/^\/reps\/rep-ana-[0-9a-f]{8}\/$/);
    expect(csvHref(teamHref('/', 'team_east'), 'weeks')).toBe('/teams/team_east/weeks.csv');
    expect(() => teamHref('/q', 'x')).toThrow('invalid base');
  });

  it('put appraisals under /appraisals/<period>/ and the payroll file next to its period', () => {
    expect(appraisalPeriodHref('/', '2026-Q3')).toBe('/appraisals/2026-Q3/');
    expect(appraisalRepHref('/q/', '2026', 'rep ana')).toMatch(/^\/q\/appraisals\/2026\/rep-ana-[0-9a-f]{8}\/$/);
    expect(payrollHref('/', '2026-Q4')).toBe('/appraisals/2026-Q4/payroll.csv');
    expect(() => appraisalPeriodHref('/', '2026-11')).toThrow('invalid appraisal period');
  });
});

describe('siteTables', () => {
  it('has a file for every table of every page', () => {
    expect(siteTables(fixtureSnapshot()).map((f) => f.path)).toEqual([
      'forecast.csv',
      'teams.csv',
      'margin.csv',
      'signals.csv',
      'teams/teams.csv',
      'teams/team_east/weeks.csv',
      'teams/team_east/reps.csv',
      'teams/team_east/months.csv',
      'teams/team_east/weekly.csv',
      'teams/team_east/forecast.csv',
      'teams/team_east/wins.csv',
      'teams/team_east/open-complaints.csv',
      'teams/team_west/weeks.csv',
      'teams/team_west/reps.csv',
      'teams/team_west/months.csv',
      'teams/team_west/weekly.csv',
      'teams/team_west/forecast.csv',
      'teams/team_west/wins.csv',
      'teams/team_west/open-complaints.csv',
      'teams/team_east/weeks/2026-W47/leaderboard.csv',
      'teams/team_east/weeks/2026-W47/wins.csv',
      'teams/team_east/weeks/2026-W47/customers-gained.csv',
      'teams/team_east/weeks/2026-W47/open-complaints.csv',
      'teams/team_east/weeks/2026-W47/weekly.csv',
      'teams/team_east/weeks/2026-W48/leaderboard.csv',
      'teams/team_east/weeks/2026-W48/wins.csv',
      'teams/team_east/weeks/2026-W48/customers-gained.csv',
      'teams/team_east/weeks/2026-W48/open-complaints.csv',
      'teams/team_east/weeks/2026-W48/weekly.csv',
      // A team's latest week also has the forecast of the weeks after it.
      'teams/team_east/weeks/2026-W49/leaderboard.csv',
      'teams/team_east/weeks/2026-W49/wins.csv',
      'teams/team_east/weeks/2026-W49/customers-gained.csv',
      'teams/team_east/weeks/2026-W49/open-complaints.csv',
      'teams/team_east/weeks/2026-W49/weekly.csv',
      'teams/team_east/weeks/2026-W49/forecast.csv',
      'teams/team_west/weeks/2026-W48/leaderboard.csv',
      'teams/team_west/weeks/2026-W48/wins.csv',
      'teams/team_west/weeks/2026-W48/customers-gained.csv',
      'teams/team_west/weeks/2026-W48/open-complaints.csv',
      'teams/team_west/weeks/2026-W48/weekly.csv',
      'teams/team_west/weeks/2026-W48/forecast.csv',
      'reps/reps.csv',
      'reps/rep_ana/wins.csv',
      'reps/rep_ana/open-complaints.csv',
      'reps/rep_ana/weeks.csv',
      'reps/rep_ana/months.csv',
      'reps/rep_ben/wins.csv',
      'reps/rep_ben/open-complaints.csv',
      'reps/rep_ben/weeks.csv',
      'reps/rep_ben/months.csv',
      'reps/rep_cleo/wins.csv',
      'reps/rep_cleo/open-complaints.csv',
      'reps/rep_cleo/weeks.csv',
      'reps/rep_cleo/months.csv',
      ...['retention', 'rfm', 'top-customers', 'segments', 'lapsing', 'sales-cycle'].map((table) => `customers/${table}.csv`),
      'customers/months.csv',
      'customers/teams.csv',
      'customers/markets.csv',
      // The forecasts pages: each scope with a forecast (its chart's numbers), then every forecast row.
      'forecasts/company.csv',
      'forecasts/forecasts.csv',
      'forecasts/weeks/team-east.csv',
      'forecasts/weeks/forecasts.csv',
      'forecasts/quarters/forecasts.csv',
      'data-quality/events-by-type.csv',
      'data-quality/arrivals.csv',
      'data-quality/rejected-requests.csv',
      'data-quality/conflicts.csv',
      'data-quality/late-arrivals.csv',
      'data-quality/orphan-refunds.csv',
      'data-quality/unattributed-sales.csv',
      'appraisals/periods.csv',
      // A year has no feedback of its own (it is aggregated per quarter only).
      ...['bands', 'calibration', 'reps', 'lock-audit', 'payroll'].map((table) => `appraisals/2026/${table}.csv`),
      ...['2026-Q4', '2026-Q3'].flatMap((period) =>
        ['bands', 'calibration', 'reps', 'feedback', 'lock-audit', 'payroll'].map((table) => `appraisals/${period}/${table}.csv`),
      ),
      // A year: its quarters instead of lines of its own.
      ...['rep_ana', 'rep_ben', 'rep_cleo'].flatMap((rep) => ['scorecard', 'quarters', 'trend'].map((table) => `appraisals/2026/${rep}/${table}.csv`)),
      // A quarter: clawbacks and adjustments only where there are some (Ana's clawback, Cleo's adjustment in Q4).
      'appraisals/2026-Q4/rep_ana/scorecard.csv',
      'appraisals/2026-Q4/rep_ana/tiers.csv',
      'appraisals/2026-Q4/rep_ana/base-lines.csv',
      'appraisals/2026-Q4/rep_ana/clawbacks.csv',
      'appraisals/2026-Q4/rep_ana/trend.csv',
      'appraisals/2026-Q4/rep_ben/scorecard.csv',
      'appraisals/2026-Q4/rep_ben/tiers.csv',
      'appraisals/2026-Q4/rep_ben/base-lines.csv',
      'appraisals/2026-Q4/rep_ben/trend.csv',
      'appraisals/2026-Q4/rep_cleo/scorecard.csv',
      'appraisals/2026-Q4/rep_cleo/tiers.csv',
      'appraisals/2026-Q4/rep_cleo/base-lines.csv',
      'appraisals/2026-Q4/rep_cleo/adjustments.csv',
      'appraisals/2026-Q4/rep_cleo/trend.csv',
      ...['rep_ana', 'rep_ben', 'rep_cleo'].flatMap((rep) => ['scorecard', 'tiers', 'base-lines', 'trend'].map((table) => `appraisals/2026-Q3/${rep}/${table}.csv`)),
    ]);
  });

  it('marks as linked the CSVs linked from elsewhere than their table: the dashboard\'s signals and the payrolls (linkedCsvFiles, always files)', () => {
    const tables = siteTables(fixtureSnapshot());
    const linked = ['signals.csv', 'appraisals/2026/payroll.csv', 'appraisals/2026-Q4/payroll.csv', 'appraisals/2026-Q3/payroll.csv'];
    expect(tables.filter((f) => f.linked).map((f) => f.path)).toEqual(linked);
    expect(linkedCsvFiles(fixtureSnapshot()).map((f) => f.path)).toEqual(linked);
    expect(linkedCsvFiles(fixtureSnapshot()).map((f) => f.table.rows.length)).toEqual(tables.filter((f) => f.linked).map((f) => f.table.rows.length));
    expect(linkedCsvFiles(fixtureSnapshot(), { appraisals: false }).map((f) => f.path)).toEqual(['signals.csv']);
  });

  it("writes the signals file from the dashboard's own model, built once per snapshot", () => {
    const snapshot = fixtureSnapshot();
    const dashboard = buildDashboard(snapshot, '/');
    expect(buildDashboard(snapshot, '/')).toBe(dashboard);
    expect(linkedCsvFiles(snapshot)[0]!.table).toBe(dashboard.signalsTable);
    expect(buildDashboard(fixtureSnapshot(), '/')).not.toBe(dashboard);
  });

  it('leaves out every appraisal file when the appraisals are not published', () => {
    const paths = siteTables(fixtureSnapshot(), { appraisals: false }).map((f) => f.path);
    expect(paths.at(-1)).toBe('data-quality/unattributed-sales.csv');
    expect(paths.filter((p) => p.startsWith('appraisals/'))).toEqual([]);
    expect(paths).toHaveLength(siteTables(fixtureSnapshot()).length - 53);
  });
});
