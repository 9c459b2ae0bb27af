/**
 * Where each page and download lives. Pure: `base` is the site's base path (Astro's
 * `import.meta.env.BASE_URL`), always ending with a slash.
 */
import { APPRAISAL_PERIOD_PATTERN } from '../../shared/period.ts';
import { pathSegment } from './slug.ts';

const check = (base: string): string => {
  if (!base.endsWith('/')) throw new Error(`invalid base: ${JSON.stringify(base)} (must end with /)`);
  return base;
};

/** @example dashboardHref('/') // '/' */
export const dashboardHref = (base: string): string => check(base);
/** @example teamsHref('/') // '/teams/' */
export const teamsHref = (base: string): string => `${check(base)}teams/`;
/** @example teamHref('/', 'team_east') // '/teams/team_east/' */
export const teamHref = (base: string, teamId: string): string => `${check(base)}teams/${pathSegment(teamId)}/`;
/** @example teamWeekHref('/', 'team_east', '2026-W48') // '/teams/team_east/weeks/2026-W48/' */
export const teamWeekHref = (base: string, teamId: string, week: string): string =>
  `${teamHref(base, teamId)}weeks/${week}/`;
/** @example repsHref('/') // '/reps/' */
export const repsHref = (base: string): string => `${check(base)}reps/`;
/** @example repHref('/', 'rep_ana') // '/reps/rep_ana/' */
export const repHref = (base: string, repId: string): string => `${check(base)}reps/${pathSegment(repId)}/`;
/** @example customersHref('/') // '/customers/' */
export const customersHref = (base: string): string => `${check(base)}customers/`;
/** @example dataQualityHref('/') // '/data-quality/' */
export const dataQualityHref = (base: string): string => `${check(base)}data-quality/`;

/**
 * A table's CSV download: next to its page, named after the table.
 *
 * @example csvHref('/teams/team_east/weeks/2026-W48/', 'leaderboard') // '/teams/team_east/weeks/2026-W48/leaderboard.csv'
 */
export function csvHref(pageHref: string, tableId: string): string {
  if (!/^[a-z0-9-]+$/.test(tableId)) throw new Error(`invalid table id: ${JSON.stringify(tableId)}`);
  return `${pageHref}${tableId}.csv`;
}

/** @example appraisalsHref('/') // '/appraisals/' */
export const appraisalsHref = (base: string): string => `${check(base)}appraisals/`;
/** @example appraisalPeriodHref('/', '2026-Q3') // '/appraisals/2026-Q3/' (a quarter or year label) */
export const appraisalPeriodHref = (base: string, period: string): string => {
  if (!APPRAISAL_PERIOD_PATTERN.test(period)) throw new Error(`invalid appraisal period: ${JSON.stringify(period)}`);
  return `${appraisalsHref(base)}${period}/`;
};
/** @example appraisalRepHref('/', '2026-Q3', 'rep_ana') // '/appraisals/2026-Q3/rep_ana/' */
export const appraisalRepHref = (base: string, period: string, repId: string): string =>
  `${appraisalPeriodHref(base, period)}${pathSegment(repId)}/`;
/** @example payrollHref('/', '2026-Q3') // '/appraisals/2026-Q3/payroll.csv' */
export const payrollHref = (base: string, period: string): string => csvHref(appraisalPeriodHref(base, period), 'payroll');

/** The path part of each forecast grain's page under /forecasts/ (months are the page itself). */
const FORECAST_PATHS = { month: '', week: 'weeks/', quarter: 'quarters/' } as const;
/**
 * The forecasts page of a grain: months at `/forecasts/`, weeks and quarters beside it.
 *
 * @example forecastsHref('/') // '/forecasts/'
 * @example forecastsHref('/', 'week') // '/forecasts/weeks/'
 */
export const forecastsHref = (base: string, grain: keyof typeof FORECAST_PATHS = 'month'): string =>
  `${check(base)}forecasts/${FORECAST_PATHS[grain]}`;
/**
 * A scope's forecast on a forecasts page: `#company`, or `#team-<segment>`.
 *
 * @example forecastAnchor(null) // 'company'
 * @example forecastAnchor('team_east') // 'team-team_east'
 */
export const forecastAnchor = (teamId: string | null): string => (teamId === null ? 'company' : `team-${pathSegment(teamId)}`);
