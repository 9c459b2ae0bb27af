/**
 * A team's weekly performance page (`/teams/<team>/weeks/<YYYY-Www>/`): the week against its
 * target pace, week over week and year over year, the rep leaderboard, wins, customers gained,
 * complaints, and links to the weeks before and after. Pure.
 */
import type { KpiRow, PacingRow, Scope, Snapshot } from '../../shared/snapshot.ts';
import { renderBarTrend, type BarPoint } from '../charts/bar-trend.ts';
import { relabel, sharedChart } from '../charts/shared.ts';
import { comparison, type ExecComparison } from './exec-kpis.ts';
import { dateRangeName, formatCount, formatMoney, formatMoneyCompact, formatPercent, missingText, periodName } from './format.ts';
import type { Reading } from './headline.ts';
import { findRow, seriesRows } from './kpi-rows.ts';
import { repHref } from './links.ts';
import { customersGainedTable } from './customers-gained.ts';
import { openComplaintsTable, winsTable } from './process-tables.ts';
import { beforeHistory, findPacing, repsOfTeam, teamName } from './lookups.ts';
import { periodDayLabels, sameLastYear, shiftPeriod, comparePeriods, periodRange } from './period.ts';
import {
  countCell,
  missingCell,
  moneyCell,
  numberColumn,
  ratioCell,
  table,
  textCell,
  textColumn,
  type TableModel,
} from './table.ts';
import { asOfDay, weekTarget, type WeekTarget } from './week-target.ts';
import { PAGE_MODELS_KEPT, memoPerSnapshot } from './memo.ts';
import { complaintsCard, visitsCard, type SummaryItem } from './summary-cards.ts';
import { windowAround } from './trend-window.ts';

/** Weeks in the weekly trend chart. */
export const TREND_WEEKS = 12;
/** Weeks in its narrow version, for phones: a window of the wide one's weeks. */
export const NARROW_TREND_WEEKS = 6;

export interface WeekComparison extends ExecComparison {
  /** The week compared with; null when there is none (week 53 a year earlier). */
  week: string | null;
}

export interface TeamWeek {
  teamId: string;
  teamName: string;
  week: string;
  /** `Nov 23–29, 2026` */
  dates: string;
  /** The week runs at as_of: figures are to date, and so is the target pace. */
  running: boolean;
  row: KpiRow | undefined;
  target: WeekTarget;
  /** net revenue / target pace; null without a target (or a zero one). */
  paceAttainment: number | null;
  previous: WeekComparison;
  lastYear: WeekComparison;
  /** The team's pacing row for the month running at as_of, when the week is in it. */
  monthPacing: PacingRow | undefined;
  leaderboard: TableModel;
  /** Customers whose first sale was credited to the team in the week. */
  gained: TableModel;
  /** Opportunities the team won in the week. */
  wins: TableModel;
  /** The team's complaints open at the end of the week (as of now while it runs). */
  openComplaints: TableModel;
  /** The weekly trend: the window of TREND_WEEKS the week is in (trendWeeks). */
  trend: BarPoint[];
  /** The trend's numbers as a table (weeklyTable): the chart's data and its CSV. */
  trendTable: TableModel;
  /** The team's weeks with data just before and after this one (their pages), or null. */
  previousPage: string | null;
  nextPage: string | null;
}

/** The weeks a team has data for (its week rows), oldest first. */
export function teamWeeks(snapshot: Snapshot, teamId: string): string[] {
  return seriesRows(snapshot, 'team', teamId, 'week').map((row) => row.period);
}

/**
 * A scope's week against another week: the week before (`previous`) or the same week a year
 * earlier (`last_year`). A week before the snapshot's history is unknown, not 0; a week without
 * a row had no activity (0).
 */
export function weekComparison(
  snapshot: Snapshot,
  scope: Scope,
  id: string | null,
  week: string,
  basis: 'previous' | 'last_year',
): WeekComparison {
  const net = findRow(snapshot, scope, id, 'week', week)?.net_revenue ?? 0;
  const current: Reading = { period: week, value: net, missing: null };
  const other = basis === 'previous' ? shiftPeriod(week, -1) : sameLastYear(week);
  if (other === null) {
    return { basis, week: null, baseline: { period: week, value: null, missing: 'no_activity' }, change: null, relativeChange: null };
  }
  const baseline: Reading = beforeHistory(snapshot, other)
    ? { period: other, value: null, missing: 'before_history' }
    : { period: other, value: findRow(snapshot, scope, id, 'week', other)?.net_revenue ?? 0, missing: null };
  return { ...comparison(basis, 'money', current, baseline), week: other };
}

/**
 * @example buildTeamWeek(snapshot, 'team_east', '2026-W48', '/').target.value // 7700
 */
export function buildTeamWeek(snapshot: Snapshot, teamId: string, week: string, base: string): TeamWeek {
  return buildTeamWeekOnce(snapshot, teamId, week, base);
}

// Built once per (snapshot, page) while the page renders (memo.ts: kept only for the pages in flight). Shared, not to be changed.
const buildTeamWeekOnce = memoPerSnapshot(computeTeamWeek, (teamId, week, base) => `${teamId}\u0000${week}\u0000${base}`, { limit: PAGE_MODELS_KEPT });

function computeTeamWeek(snapshot: Snapshot, teamId: string, week: string, base: string): TeamWeek {
  const row = findRow(snapshot, 'team', teamId, 'week', week);
  const target = weekTarget(snapshot, 'team', teamId, week);
  const net = row?.net_revenue ?? 0;
  const weeks = teamWeeks(snapshot, teamId);
  const index = weeks.indexOf(week);
  const days = periodDayLabels(week);
  const today = asOfDay(snapshot);
  const month = today.slice(0, 7);
  const inRunningMonth = target.running || days.some((day) => day.startsWith(month));
  const { trend, table: trendTable } = windowTrend(snapshot, teamId, trendWeeks(weeks, week));
  return {
    teamId,
    teamName: teamName(snapshot, teamId),
    week,
    dates: dateRangeName(days[0]!, days.at(-1)!),
    running: target.running,
    row,
    target,
    paceAttainment: target.value === null || target.value === 0 ? null : net / target.value,
    previous: weekComparison(snapshot, 'team', teamId, week, 'previous'),
    lastYear: weekComparison(snapshot, 'team', teamId, week, 'last_year'),
    monthPacing: inRunningMonth ? findPacing(snapshot, 'team', teamId, 'month', month) : undefined,
    leaderboard: leaderboard(snapshot, teamId, week, base),
    gained: customersGainedTable(snapshot, teamId, week, base),
    wins: winsTable(snapshot, { scope: 'team', id: teamId }, week, base),
    openComplaints: openComplaintsTable(snapshot, { scope: 'team', id: teamId }, week, base),
    trend,
    trendTable,
    previousPage: index > 0 ? weeks[index - 1]! : null,
    nextPage: index >= 0 && index < weeks.length - 1 ? weeks[index + 1]! : null,
  };
}

// A window's trend and its table are the same on each of its (up to TREND_WEEKS) week pages:
// built once per (snapshot, team, window), kept for the few windows of the pages in flight.
const windowTrend = memoPerSnapshot(
  (snapshot: Snapshot, teamId: string, window: readonly string[]) => {
    const trend = weekTrend(snapshot, 'team', teamId, window);
    return { trend, table: weeklyTable(trend, snapshot.currency) };
  },
  (teamId, window) => `${teamId}\u0000${window[0]}\u0000${window.at(-1)}`,
  { limit: PAGE_MODELS_KEPT },
);

/**
 * The weeks of the weekly trend on `week`'s page: its window of TREND_WEEKS among the weeks from
 * the first with data to the last (trend-window.ts), so the latest week's page shows the 12 weeks
 * up to it and older pages the 12 weeks around them.
 *
 * @example trendWeeks(['2026-W30', '2026-W48'], '2026-W40') // ['2026-W37', ..., '2026-W48']
 */
export function trendWeeks(weeks: readonly string[], week: string): string[] {
  const first = weeks[0] !== undefined && comparePeriods(weeks[0], week) < 0 ? weeks[0] : week;
  const last = weeks.at(-1) !== undefined && comparePeriods(weeks.at(-1)!, week) > 0 ? weeks.at(-1)! : week;
  // Every week page of a team asks for the same range (about a hundred weeks, each a date
  // computation): kept per (first, last).
  const key = `${first} ${last}`;
  let range = weekRanges.get(key);
  if (range === undefined) {
    range = periodRange(first, last);
    if (weekRanges.size >= 1_000) weekRanges.clear();
    weekRanges.set(key, range);
  }
  return windowAround(range, (label) => label === week, TREND_WEEKS);
}

const weekRanges = new Map<string, readonly string[]>();

/**
 * A team's weekly trend chart of `points` (a window: trendWeeks, weekTrend), named `label` for
 * screen readers; `compact` for phones. Drawn once per build for every page that shows the
 * window: its week pages and, for the latest, the team page (charts/shared.ts). The page
 * highlights its own week with highlightClass on the chart's wrapper.
 */
export function weekTrendSvg(snapshot: Snapshot, teamId: string, points: readonly BarPoint[], label: string, compact: boolean): string {
  const currency = snapshot.currency;
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const svg = sharedChart(snapshot, `team-week-trend ${teamId} ${points[0]?.period} ${points.length} ${compact}`, () =>
    renderBarTrend(points, {
      format: (n) => formatMoneyCompact(n, currency),
      title: (d) => `${periodName(d.period)}\nNet revenue: ${money(d.value)}${d.target === null ? '' : `\nTarget pace: ${money(d.target)}`}`,
      label,
      compact,
    }),
  );
  return relabel(svg, label);
}

/** Net revenue and target pace of each of `labels` (weeks). */
export function weekTrend(snapshot: Snapshot, scope: Scope, id: string | null, labels: readonly string[]): BarPoint[] {
  return labels.map((label) => {
    const target = weekTarget(snapshot, scope, id, label);
    return {
      period: label,
      value: findRow(snapshot, scope, id, 'week', label)?.net_revenue ?? 0,
      target: target.value,
      partial: target.running,
    };
  });
}

/**
 * The team's reps (by current team) in the week: net revenue, target pace and its attainment,
 * new customers, visits, complaints, orders and win rate; highest net revenue first.
 */
function leaderboard(snapshot: Snapshot, teamId: string, week: string, base: string): TableModel {
  const currency = snapshot.currency;
  const rows = repsOfTeam(snapshot, teamId).map((rep) => {
    const row = findRow(snapshot, 'rep', rep.rep_id, 'week', week);
    const target = weekTarget(snapshot, 'rep', rep.rep_id, week);
    const net = row?.net_revenue ?? 0;
    return { rep, row, target, net };
  });
  rows.sort((a, b) => b.net - a.net || a.rep.name.localeCompare(b.rep.name, 'en'));
  const noTarget = (t: WeekTarget) =>
    missingText('no_target', t.parts.find((p) => p.monthTarget === null)?.month ?? week);
  return table({
    id: 'leaderboard',
    caption: `Rep leaderboard, ${periodName(week)} (${currency})`,
    columns: [
      textColumn('rep', 'Rep'),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('target_pace', 'Target pace'),
      numberColumn('attainment', 'Of pace'),
      numberColumn('new_customers', 'New customers'),
      numberColumn('visits', 'Visits'),
      numberColumn('complaints', 'Complaints'),
      numberColumn('orders', 'Orders'),
      numberColumn('win_rate', 'Win rate'),
    ],
    rows: rows.map(({ rep, row, target, net }) => [
      textCell(rep.name, { href: repHref(base, rep.rep_id) }),
      moneyCell(net, currency),
      target.value === null ? missingCell(noTarget(target)) : moneyCell(target.value, currency),
      target.value === null
        ? missingCell(noTarget(target))
        : target.value === 0
          ? missingCell('The target is zero')
          : ratioCell(net / target.value),
      countCell(row?.new_customers ?? 0),
      countCell(row?.visits ?? 0),
      countCell(row?.complaints ?? 0),
      countCell(row?.orders ?? 0),
      ratioCell(row?.win_rate ?? null, 'No opportunities closed'),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'net_revenue', dir: 'desc' },
    empty: 'No reps are in this team as of the snapshot.',
  });
}

/**
 * The week's figures as text for the summary cards.
 *
 * @example weekSummary(buildTeamWeek(snapshot, 'team_east', '2026-W48', '/'), 'USD')[0]
 * // { key: 'net_revenue', label: 'Net revenue', value: '$8,000', detail: '103.9% of the $7,700 target pace' }
 */
export function weekSummary(page: Pick<TeamWeek, 'row' | 'target' | 'paceAttainment'>, currency: string): SummaryItem[] {
  const row = page.row;
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const target = page.target.value;
  const missingMonth = page.target.parts.find((p) => p.monthTarget === null)?.month;
  return [
    {
      key: 'net_revenue',
      label: 'Net revenue',
      value: money(row?.net_revenue ?? 0),
      detail:
        target === null
          ? `${missingText('no_target', missingMonth ?? page.target.week)}, so no target pace`
          : page.paceAttainment === null
            ? `Target pace ${money(target)}`
            : `${formatPercent(page.paceAttainment)} of the ${money(target)} target pace`,
    },
    {
      key: 'orders',
      label: 'Wins',
      value: `${formatCount(row?.orders ?? 0)} ${row?.orders === 1 ? 'sale' : 'sales'}`,
      detail: row?.win_rate == null ? 'No opportunities closed' : `${formatPercent(row.win_rate)} of opportunities closed were won`,
    },
    {
      key: 'new_customers',
      label: 'Customers gained',
      value: formatCount(row?.new_customers ?? 0),
      detail: `${formatCount(row?.active_customers ?? 0)} customers bought`,
    },
    visitsCard(row),
    complaintsCard(row, 'None resolved this week'),
    {
      key: 'margin',
      label: 'Profit margin',
      value: row?.margin == null ? '—' : formatPercent(row.margin),
      detail: row?.margin == null ? (row && row.net_revenue !== 0 ? 'Unknown: a sale has no cost' : 'No net revenue') : `${money(row.profit)} profit`,
    },
  ];
}

/** The weekly trend's numbers as a table (the chart's data, and its CSV). */
export function weeklyTable(points: readonly BarPoint[], currency: string): TableModel {
  return table({
    id: 'weekly',
    caption: `Net revenue and target pace by week (${currency})`,
    columns: [textColumn('week', 'Week'), numberColumn('net_revenue', 'Net revenue'), numberColumn('target_pace', 'Target pace'), numberColumn('attainment', 'Of pace')],
    rows: points.map((p) => [
      { ...textCell(`${periodName(p.period)}${p.partial ? ' (to date)' : ''}`, { csv: p.period }), sort: p.period },
      moneyCell(p.value, currency),
      moneyCell(p.target, currency, missingText('no_target', p.period)),
      p.target === null || p.target === 0 ? missingCell(p.target === 0 ? 'The target is zero' : missingText('no_target', p.period)) : ratioCell(p.value / p.target),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'week', dir: 'asc' },
    empty: 'No weeks with data.',
  });
}

/**
 * How the week's target pace was found, in words.
 *
 * @example targetPaceText(weekTarget(snapshot, 'team', 'team_east', '2026-W48'), 'USD')
 * // "Weeks have no targets of their own: the target pace is November 2026's target of $33,000 × 7/30 days = $7,700."
 */
export function targetPaceText(target: WeekTarget, currency: string): string {
  const money = (n: number) => formatMoney(n, currency, { whole: n === Math.round(n) });
  const missing = target.parts.find((p) => p.monthTarget === null);
  if (missing || target.value === null) {
    return `No target pace: ${periodName(missing?.month ?? target.week)} has no revenue target.`;
  }
  const terms = target.parts.map((p) => `${periodName(p.month)}'s target of ${money(p.monthTarget!)} × ${p.days}/${p.monthDays} days`);
  const last = target.days.at(-1)!;
  const toDate = target.running && target.days.length < 7 ? ` (the days up to ${dateRangeName(last, last).replace(/, \d{4}$/, '')}, as the week is still running)` : '';
  return `Weeks have no targets of their own: the target pace${toDate} is ${terms.join(' + ')} = ${money(target.value)}.`;
}

export interface WeekComparisonView {
  basis: 'previous' | 'last_year';
  /** `Week 47, 2026` */
  name: string;
  change: { text: string; direction: 'up' | 'down' | 'flat'; spoken: string } | null;
  compare: string | null;
  missing: string | null;
}

/**
 * A week comparison as text.
 *
 * @example weekComparisonView(buildTeamWeek(snapshot, 'team_east', '2026-W48', '/').previous, 'USD')
 * // { name: 'Week 47, 2026', change: { text: '+$2,000 (+33.3%)', ... }, compare: 'vs $6,000 in Week 47, 2026', missing: null }
 */
export function weekComparisonView(c: WeekComparison, currency: string): WeekComparisonView {
  const basis = c.basis === 'last_year' ? 'last_year' : 'previous';
  if (c.week === null) {
    return { basis, name: 'the same week last year', change: null, compare: null, missing: `${periodName(c.baseline.period).replace(/, \d{4}$/, '')} has no counterpart a year earlier` };
  }
  const name = periodName(c.week);
  if (c.baseline.value === null || c.change === null) {
    return { basis, name, change: null, compare: null, missing: missingText(c.baseline.missing ?? 'no_activity', c.week, name) };
  }
  const direction = c.change > 0 ? 'up' : c.change < 0 ? 'down' : 'flat';
  const relative = c.relativeChange === null ? '' : ` (${formatPercent(c.relativeChange, { signed: true })})`;
  return {
    basis,
    name,
    change: {
      text: `${formatMoney(c.change, currency, { whole: true, signed: true })}${relative}`,
      direction,
      spoken: { up: 'Up', down: 'Down', flat: 'No change' }[direction],
    },
    compare: `vs ${formatMoney(c.baseline.value, currency, { whole: true })} in ${name}`,
    missing: null,
  };
}

/**
 * The week's wins, customers gained and complaints in one paragraph.
 *
 * @example weekStory(row) // '3 sales closed; 50.0% of the opportunities closed were won. 2 new customers bought for the first time. 1 complaint was opened.'
 */
export function weekStory(row: KpiRow | undefined): string {
  const orders = row?.orders ?? 0;
  const customers = row?.new_customers ?? 0;
  const complaints = row?.complaints ?? 0;
  const wins = row?.win_rate == null ? '' : `; ${formatPercent(row.win_rate)} of the opportunities closed were won`;
  return (
    `${formatCount(orders)} ${orders === 1 ? 'sale' : 'sales'} closed${wins}. ` +
    `${formatCount(customers)} new ${customers === 1 ? 'customer' : 'customers'} bought for the first time. ` +
    `${formatCount(complaints)} ${complaints === 1 ? 'complaint was' : 'complaints were'} opened.`
  );
}
