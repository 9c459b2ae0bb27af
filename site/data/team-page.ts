/**
 * A team's page (`/teams/<team>/`): the report month against target and pace, monthly net
 * revenue against target, every week with data (each linking to its weekly page), and the
 * team's reps this month. Pure.
 */
import type { KpiRow, Snapshot, SnapshotRep } from '../../shared/snapshot.ts';
import type { BarPoint } from '../charts/bar-trend.ts';
import { dateRangeName, formatMoney, missingText, periodName } from './format.ts';
import { reportMonth } from './headline.ts';
import { findRow, seriesRows } from './kpi-rows.ts';
import { openComplaintsTable, winsTable } from './process-tables.ts';
import { repHref, teamWeekHref } from './links.ts';
import { repsOfTeam, teamName } from './lookups.ts';
import { periodDayLabels, periodRange, comparePeriods, shiftPeriod } from './period.ts';
import { scopeMonth, type ScopeMonth } from './scope-month.ts';
import {
  countCell,
  missingCell,
  moneyCell,
  numberColumn,
  periodCell,
  ratioCell,
  table,
  textCell,
  textColumn,
  type TableCell,
  type TableModel,
} from './table.ts';
import { teamWeeks, trendWeeks, weekComparison, weekTrend } from './team-week.ts';
import { weekTarget } from './week-target.ts';
import { PAGE_MODELS_KEPT, memoPerSnapshot } from './memo.ts';

/** Months in the monthly chart. */
export const TEAM_TREND_MONTHS = 12;

export interface TeamPage {
  teamId: string;
  teamName: string;
  members: SnapshotRep[];
  report: ReturnType<typeof reportMonth>;
  month: ScopeMonth;
  /** The team's month rows and the months to chart (up to 12, ending with the report month). */
  monthly: { rows: readonly KpiRow[]; months: string[]; partialMonth: string | null };
  latestWeek: string | null;
  weekly: BarPoint[];
  weeks: TableModel;
  reps: TableModel;
  /** The team's wins in the report month. */
  wins: TableModel;
  /** The team's complaints open at the end of the report month (as of the snapshot while it runs). */
  openComplaints: TableModel;
}

/** @example buildTeamPage(snapshot, 'team_east', '/').latestWeek // '2026-W49' */
export function buildTeamPage(snapshot: Snapshot, teamId: string, base: string): TeamPage {
  return buildTeamPageOnce(snapshot, teamId, base);
}

// Built once per (snapshot, page) while the page renders (memo.ts: kept only for the pages in flight). Shared, not to be changed.
const buildTeamPageOnce = memoPerSnapshot(computeTeamPage, (teamId, base) => `${teamId}\u0000${base}`, { limit: PAGE_MODELS_KEPT });

function computeTeamPage(snapshot: Snapshot, teamId: string, base: string): TeamPage {
  const report = reportMonth(snapshot);
  const rows = seriesRows(snapshot, 'team', teamId, 'month');
  const weeks = teamWeeks(snapshot, teamId);
  const latestWeek = weeks.at(-1) ?? null;
  return {
    teamId,
    teamName: teamName(snapshot, teamId),
    members: repsOfTeam(snapshot, teamId),
    report,
    month: scopeMonth(snapshot, 'team', teamId, report),
    monthly: { rows, months: chartMonths(rows, report.month, TEAM_TREND_MONTHS), partialMonth: report.running ? report.month : null },
    latestWeek,
    weekly: latestWeek ? weekTrend(snapshot, 'team', teamId, trendWeeks(weeks, latestWeek)) : [],
    weeks: weeksTable(snapshot, 'team', teamId, weeks, (week) => teamWeekHref(base, teamId, week)),
    reps: repsTable(snapshot, repsOfTeam(snapshot, teamId), report, base, `Reps of ${teamName(snapshot, teamId)}`),
    wins: winsTable(snapshot, { scope: 'team', id: teamId }, report.month, base),
    openComplaints: openComplaintsTable(snapshot, { scope: 'team', id: teamId }, report.month, base),
  };
}

/** Up to `count` months ending with `last`, from the first row's month; empty without rows. */
export function chartMonths(rows: readonly KpiRow[], last: string, count: number): string[] {
  if (rows.length === 0) return [];
  let from = shiftPeriod(last, -(count - 1));
  if (comparePeriods(rows[0]!.period, from) > 0) from = rows[0]!.period;
  return comparePeriods(from, last) <= 0 ? periodRange(from, last) : [];
}

/**
 * Every week a team or rep has a row for, newest first: net revenue, target pace and its
 * attainment, change on the week before, customers gained, visits, complaints.
 */
export function weeksTable(
  snapshot: Snapshot,
  scope: 'team' | 'rep',
  id: string,
  weeks: readonly string[],
  hrefOf: (week: string) => string | null,
): TableModel {
  const currency = snapshot.currency;
  const rows = [...weeks].reverse().map((week): TableCell[] => {
    const row = findRow(snapshot, scope, id, 'week', week);
    const target = weekTarget(snapshot, scope, id, week);
    const net = row?.net_revenue ?? 0;
    const previous = weekComparison(snapshot, scope, id, week, 'previous');
    const days = periodDayLabels(week);
    const noTarget = missingText('no_target', target.parts.find((p) => p.monthTarget === null)?.month ?? week);
    const href = hrefOf(week);
    return [
      periodCell(week, { ...(href ? { href } : {}), text: `${periodName(week)}${target.running ? ' (to date)' : ''}` }),
      textCell(dateRangeName(days[0]!, days.at(-1)!), { csv: `${days[0]}/${days.at(-1)}` }),
      moneyCell(net, currency),
      target.value === null ? missingCell(noTarget) : moneyCell(target.value, currency),
      target.value === null ? missingCell(noTarget) : target.value === 0 ? missingCell('The target is zero') : ratioCell(net / target.value),
      previous.change === null
        ? missingCell(missingText(previous.baseline.missing ?? 'no_activity', previous.baseline.period))
        : { ...moneyCell(previous.change, currency), text: formatMoney(previous.change, currency, { whole: true, signed: true }) },
      countCell(row?.new_customers ?? 0),
      countCell(row?.visits ?? 0),
      countCell(row?.complaints ?? 0),
    ];
  });
  return table({
    id: 'weeks',
    caption: `Every week with data, newest first (${currency})`,
    columns: [
      textColumn('week', 'Week'),
      textColumn('dates', 'Dates'),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('target_pace', 'Target pace'),
      numberColumn('attainment', 'Of pace'),
      numberColumn('change_on_previous_week', 'Week over week'),
      numberColumn('new_customers', 'New customers'),
      numberColumn('visits', 'Visits'),
      numberColumn('complaints', 'Complaints'),
    ],
    rows,
    rowHeader: 0,
    defaultSort: { key: 'week', dir: 'desc' },
    empty: 'No weeks with data.',
  });
}

/** Reps in the report month: net revenue, target, attainment, pace, projection, customers, visits, complaints, win rate. */
export function repsTable(
  snapshot: Snapshot,
  reps: readonly SnapshotRep[],
  report: ReturnType<typeof reportMonth>,
  base: string,
  title: string,
): TableModel {
  const currency = snapshot.currency;
  const monthName = `${periodName(report.month)}${report.running ? ' to date' : ''}`;
  const rows = reps.map((rep) => ({ rep, month: scopeMonth(snapshot, 'rep', rep.rep_id, report) }));
  rows.sort((a, b) => b.month.netRevenue - a.month.netRevenue || a.rep.name.localeCompare(b.rep.name, 'en'));
  return table({
    id: 'reps',
    caption: `${title}, ${monthName} (${currency})`,
    columns: [
      textColumn('rep', 'Rep'),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('target', 'Target'),
      numberColumn('attainment', 'Attainment'),
      ...(report.running ? [numberColumn('expected', 'Expected by now'), numberColumn('projected', 'At this pace')] : []),
      numberColumn('new_customers', 'New customers'),
      numberColumn('visits', 'Visits'),
      numberColumn('complaints', 'Complaints'),
      numberColumn('win_rate', 'Win rate'),
    ],
    rows: rows.map(({ rep, month }) => [
      textCell(rep.name, { href: repHref(base, rep.rep_id) }),
      moneyCell(month.netRevenue, currency),
      moneyCell(month.target, currency, missingText('no_target', report.month)),
      month.attainment.value === null
        ? missingCell(missingText(month.attainment.missing ?? 'no_target', report.month))
        : ratioCell(month.attainment.value),
      ...(report.running
        ? [
            ratioCell(month.pace, missingText('no_target', report.month)),
            ratioCell(month.projected, month.target === null ? missingText('no_target', report.month) : 'No pacing figure'),
          ]
        : []),
      countCell(month.row?.new_customers ?? 0),
      countCell(month.row?.visits ?? 0),
      countCell(month.row?.complaints ?? 0),
      ratioCell(month.row?.win_rate ?? null, 'No opportunities closed'),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'net_revenue', dir: 'desc' },
    empty: 'No reps are in this team as of the snapshot.',
  });
}
