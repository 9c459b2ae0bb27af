/**
 * A rep's page (`/reps/<rep>/`): the report month against target and pace, the month's figures,
 * monthly net revenue against target, the month's wins and open complaints, every week and every
 * month with data. Pure.
 */
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { formatCount, formatMoney, formatPercent, missingText } from './format.ts';
import { reportMonth } from './headline.ts';
import { seriesRows } from './kpi-rows.ts';
import { openComplaintsTable, winsTable } from './process-tables.ts';
import { teamWeekHref } from './links.ts';
import { findRep, findTeam, repName } from './lookups.ts';
import { scopeMonth, type ScopeMonth } from './scope-month.ts';
import {
  countCell,
  decimalCell,
  missingCell,
  moneyCell,
  numberColumn,
  periodCell,
  ratioCell,
  table,
  textColumn,
  type TableModel,
} from './table.ts';
import { chartMonths, weeksTable, TEAM_TREND_MONTHS } from './team-page.ts';
import { complaintsCard, visitsCard, type SummaryItem } from './summary-cards.ts';
import { PAGE_MODELS_KEPT, memoPerSnapshot } from './memo.ts';

export interface RepPage {
  repId: string;
  name: string;
  /** The rep's current team (as of the snapshot), when they have one. */
  team: { id: string; name: string } | null;
  report: ReturnType<typeof reportMonth>;
  month: ScopeMonth;
  summary: SummaryItem[];
  monthly: { rows: readonly KpiRow[]; months: string[]; partialMonth: string | null };
  weeks: TableModel;
  months: TableModel;
  /** The rep's wins in the report month. */
  wins: TableModel;
  /** The rep's complaints open at the end of the report month (as of the snapshot while it runs). */
  openComplaints: TableModel;
}

/** @example buildRepPage(snapshot, 'rep_cleo', '/').month.attainment.value // 0.886… */
export function buildRepPage(snapshot: Snapshot, repId: string, base: string): RepPage {
  return buildRepPageOnce(snapshot, repId, base);
}

// Built once per (snapshot, page) while the page renders (memo.ts: kept only for the pages in flight). Shared, not to be changed.
const buildRepPageOnce = memoPerSnapshot(computeRepPage, (repId, base) => `${repId}\u0000${base}`, { limit: PAGE_MODELS_KEPT });

function computeRepPage(snapshot: Snapshot, repId: string, base: string): RepPage {
  const report = reportMonth(snapshot);
  const rep = findRep(snapshot, repId);
  const teamId = rep?.team_id ?? null;
  const team = teamId === null ? null : { id: teamId, name: findTeam(snapshot, teamId)?.name || teamId };
  const rows = seriesRows(snapshot, 'rep', repId, 'month');
  const month = scopeMonth(snapshot, 'rep', repId, report);
  // A week links to the rep's current team's page for it, when that team has one.
  const teamWeeks = new Set(teamId === null ? [] : seriesRows(snapshot, 'team', teamId, 'week').map((r) => r.period));
  const repWeeks = seriesRows(snapshot, 'rep', repId, 'week').map((r) => r.period);
  return {
    repId,
    name: repName(snapshot, repId),
    team,
    report,
    month,
    summary: monthSummary(month, snapshot.currency),
    monthly: { rows, months: chartMonths(rows, report.month, TEAM_TREND_MONTHS), partialMonth: report.running ? report.month : null },
    weeks: weeksTable(snapshot, 'rep', repId, repWeeks, (week) =>
      teamId !== null && teamWeeks.has(week) ? teamWeekHref(base, teamId, week) : null,
    ),
    months: monthsTable(rows, snapshot.currency),
    wins: winsTable(snapshot, { scope: 'rep', id: repId }, report.month, base),
    openComplaints: openComplaintsTable(snapshot, { scope: 'rep', id: repId }, report.month, base),
  };
}

/** The month's figures as text (net revenue against target has its own card): margin, customers, wins, visits, complaints, CSAT. */
export function monthSummary(month: ScopeMonth, currency: string): SummaryItem[] {
  const row = month.row;
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  return [
    {
      key: 'margin',
      label: 'Profit margin',
      value: row?.margin == null ? '—' : formatPercent(row.margin),
      detail: row?.margin == null ? (row && row.net_revenue !== 0 ? 'Unknown: a sale has no cost' : 'No net revenue') : `${money(row.profit)} profit`,
    },
    {
      key: 'new_customers',
      label: 'Customers gained',
      value: formatCount(row?.new_customers ?? 0),
      detail: `${formatCount(row?.active_customers ?? 0)} customers bought`,
    },
    {
      key: 'orders',
      label: 'Wins',
      value: `${formatCount(row?.orders ?? 0)} ${row?.orders === 1 ? 'sale' : 'sales'}`,
      detail: row?.win_rate == null ? 'No opportunities closed' : `Win rate ${formatPercent(row.win_rate)}`,
    },
    visitsCard(row),
    complaintsCard(row, 'None resolved'),
    {
      key: 'csat',
      label: 'CSAT',
      value: row?.csat == null ? '—' : row.csat.toFixed(2),
      detail: row?.csat == null ? 'No survey responses' : row.csat_satisfied_rate === null ? null : `${formatPercent(row.csat_satisfied_rate)} satisfied (4 or 5 of 5)`,
    },
  ];
}

/** Every month with data, newest first. */
export function monthsTable(rows: readonly KpiRow[], currency: string): TableModel {
  return table({
    id: 'months',
    caption: `Every month with data, newest first (${currency})`,
    columns: [
      textColumn('month', 'Month'),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('target', 'Target'),
      numberColumn('attainment', 'Attainment'),
      numberColumn('margin', 'Margin'),
      numberColumn('new_customers', 'New customers'),
      numberColumn('visits', 'Visits'),
      numberColumn('complaints', 'Complaints'),
      numberColumn('win_rate', 'Win rate'),
      numberColumn('csat', 'CSAT'),
    ],
    rows: [...rows].reverse().map((row) => [
      periodCell(row.period),
      moneyCell(row.net_revenue, currency),
      moneyCell(row.target_revenue, currency, missingText('no_target', row.period)),
      row.attainment === null
        ? missingCell(missingText(row.target_revenue === 0 ? 'zero_target' : 'no_target', row.period))
        : ratioCell(row.attainment),
      row.margin === null
        ? missingCell(missingText(row.net_revenue === 0 ? 'no_net_revenue' : 'missing_cost', row.period))
        : ratioCell(row.margin),
      countCell(row.new_customers),
      countCell(row.visits),
      countCell(row.complaints),
      ratioCell(row.win_rate, 'No opportunities closed'),
      decimalCell(row.csat, 2, missingText('no_responses', row.period)),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'month', dir: 'desc' },
    empty: 'No months with data.',
  });
}
