/**
 * Every table of every page, with the path its CSV file has when it is one (siteTables): the
 * catalogue the tests check every table against. The build does not use it: each page links its
 * own tables' CSVs as it renders (csv-files.ts). The CSVs linked from elsewhere than their table
 * are always files (linkedCsvFiles: the CSV endpoint writes them). Pure.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import { buildCustomerAnalysis } from './customer-analysis.ts';
import { buildCustomersPage } from './customers.ts';
import { buildDashboard } from './dashboard.ts';
import { buildDataQuality } from './data-quality.ts';
import { repsIndex } from './directory.ts';
import { FORECAST_GRAINS } from './forecasts.ts';
import { forecastsPageTables } from './forecasts-page.ts';
import { buildTeamForecast } from './team-forecast.ts';
import { csvHref, customersHref, dashboardHref, dataQualityHref, repHref, repsHref, teamHref, teamsHref, teamWeekHref } from './links.ts';
import { repIds, teamIds, teamWeekPages } from './pages.ts';
import { buildRepPage } from './rep-page.ts';
import type { TableModel } from './table.ts';
import { buildTeamAttainment } from './team-attainment.ts';
import { buildTeamPage } from './team-page.ts';
import { buildTeamWeek, weeklyTable } from './team-week.ts';
import { monthsTable } from './rep-page.ts';
import { seriesRows } from './kpi-rows.ts';
import { appraisalPeriods, appraisalRepPages } from './appraisals.ts';
import { appraisalIndexTable, buildAppraisalPeriodPage, payrollTable } from './appraisal-period.ts';
import { buildAppraisalRepPage } from './appraisal-rep.ts';
import { appraisalPeriodHref, appraisalRepHref, appraisalsHref, forecastsHref } from './links.ts';

export interface SiteTable {
  /** Path of its CSV file from the site root, without a leading slash: `teams/team_east/weeks/2026-W48/leaderboard.csv`. */
  path: string;
  table: TableModel;
  /** Linked by its path from more than its table (signals from the dashboard's list, payroll from the appraisal pages), so always a file (linkedCsvFiles). */
  linked: boolean;
}

/**
 * The team page's tables: weeks, reps, its months (the monthly chart's numbers), the weekly
 * chart's numbers and the next weeks' forecast.
 */
export function teamPageTables(snapshot: Snapshot, teamId: string, base: string): TableModel[] {
  const page = buildTeamPage(snapshot, teamId, base);
  return [
    page.weeks,
    page.reps,
    monthsTable(seriesRows(snapshot, 'team', teamId, 'month'), snapshot.currency),
    weeklyTable(page.weekly, snapshot.currency),
    buildTeamForecast(snapshot, teamId).table,
    page.wins,
    page.openComplaints,
  ];
}

/** The tables of a rep's appraisal page (a year has its quarters instead of lines of its own). */
export function appraisalRepTables(snapshot: Snapshot, period: string, repId: string, base: string): TableModel[] {
  const page = buildAppraisalRepPage(snapshot, period, repId, base);
  const c = page.commission;
  // Clawbacks and adjustments are shown (and written) only when there are some: the page says "none" otherwise.
  const lines = [c.clawbacks, c.adjustments].filter((t) => t.rows.length > 0);
  return [page.scorecard, ...(c.quarters ? [c.quarters] : [c.tiers, c.lines, ...lines]), page.trend.table];
}

/**
 * @example siteTables(snapshot).map((f) => f.path) // ['forecast.csv', 'teams.csv', 'margin.csv', 'signals.csv', 'teams/teams.csv', ...]
 * @example siteTables(snapshot, { appraisals: false }) // the same without appraisals/...
 */
export function siteTables(snapshot: Snapshot, options: { appraisals?: boolean } = {}): SiteTable[] {
  const base = '/';
  const files: SiteTable[] = [];
  const add = (pageHref: string, tables: readonly TableModel[], options: { linked?: boolean } = {}) => {
    for (const t of tables) files.push({ path: csvHref(pageHref, t.id).slice(base.length), table: t, linked: options.linked === true });
  };
  const dashboard = buildDashboard(snapshot, base);
  add(dashboardHref(base), [dashboard.forecast.table, dashboard.teams.table, dashboard.marginTable]);
  add(dashboardHref(base), [dashboard.signalsTable], { linked: true });
  add(teamsHref(base), [buildTeamAttainment(snapshot, base, { withWeeks: true }).table]);
  for (const teamId of teamIds(snapshot)) add(teamHref(base, teamId), teamPageTables(snapshot, teamId, base));
  for (const { teamId, week } of teamWeekPages(snapshot)) {
    const page = buildTeamWeek(snapshot, teamId, week, base);
    // The team's latest week also shows the forecast of the weeks after it.
    const forecast = page.nextPage === null ? [buildTeamForecast(snapshot, teamId).table] : [];
    add(teamWeekHref(base, teamId, week), [page.leaderboard, page.wins, page.gained, page.openComplaints, page.trendTable, ...forecast]);
  }
  add(repsHref(base), [repsIndex(snapshot, base)]);
  for (const repId of repIds(snapshot)) {
    const page = buildRepPage(snapshot, repId, base);
    add(repHref(base, repId), [page.wins, page.openComplaints, page.weeks, page.months]);
  }
  const customers = buildCustomersPage(snapshot, base);
  const analysis = buildCustomerAnalysis(snapshot, base);
  add(customersHref(base), [
    analysis.retention.table,
    analysis.rfm.table,
    analysis.top,
    analysis.segments.table,
    analysis.lapsing.table,
    analysis.cycle.table,
    customers.months,
    customers.teams,
    customers.markets,
  ]);
  for (const grain of FORECAST_GRAINS) add(forecastsHref(base, grain), forecastsPageTables(snapshot, grain, base));
  const dq = buildDataQuality(snapshot);
  add(dataQualityHref(base), [dq.types, dq.arrivalsTable, dq.rejected, dq.conflictsTable, dq.late, dq.orphans, dq.unattributed]);
  // Personal: left out of a public build (PUBLISH_APPRAISALS=false).
  if (options.appraisals !== false) {
    add(appraisalsHref(base), [appraisalIndexTable(snapshot, base)]);
    for (const { period } of appraisalPeriods(snapshot)) {
      const page = buildAppraisalPeriodPage(snapshot, period, base);
      const feedback = page.feedbackQuarters === null ? [page.feedback] : [];
      add(appraisalPeriodHref(base, period), [page.bandsTable, page.calibration, page.reps, ...feedback, page.locks]);
      add(appraisalPeriodHref(base, period), [payrollTable(snapshot, period)], { linked: true });
    }
    for (const { period, repId } of appraisalRepPages(snapshot)) {
      add(appraisalRepHref(base, period, repId), appraisalRepTables(snapshot, period, repId, base));
    }
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`two tables write ${file.path}`);
    seen.add(file.path);
  }
  return files;
}

/**
 * The CSVs linked by their path from more than their table, always files: the dashboard's
 * signals (`signals.csv`) and, unless appraisals are left out, each appraisal period's payroll.
 * What the CSV endpoint writes; the same files siteTables marks `linked`.
 *
 * @example linkedCsvFiles(snapshot).map((f) => f.path) // ['signals.csv', 'appraisals/2026/payroll.csv', ...]
 */
export function linkedCsvFiles(snapshot: Snapshot, options: { appraisals?: boolean } = {}): SiteTable[] {
  const base = '/';
  const file = (href: string, table: TableModel): SiteTable => ({ path: csvHref(href, table.id).slice(base.length), table, linked: true });
  const files = [file(dashboardHref(base), buildDashboard(snapshot, base).signalsTable)];
  if (options.appraisals !== false) {
    for (const { period } of appraisalPeriods(snapshot)) files.push(file(appraisalPeriodHref(base, period), payrollTable(snapshot, period)));
  }
  return files;
}
