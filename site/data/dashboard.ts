/**
 * Everything the executive dashboard (`/`) shows, derived from the snapshot. Pure.
 */
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import type { LinePoint } from '../charts/line-trend.ts';
import { buildDashboardForecast, type DashboardForecast } from './dashboard-forecast.ts';
import { buildExecKpis, type ExecKpis } from './exec-kpis.ts';
import { missingText, periodName } from './format.ts';
import { buildHeadline, buildTargetProgress, type Headline, type TargetProgress } from './headline.ts';
import { companyRows } from './kpi-rows.ts';
import { memoPerSnapshot } from './memo.ts';
import { comparePeriods, periodRange, shiftPeriod } from './period.ts';
import { buildSignals, type Signal } from './signals.ts';
import { missingCell, moneyCell, numberColumn, periodCell, ratioCell, table, textCell, textColumn, type TableModel } from './table.ts';
import { buildTeamAttainment, type TeamAttainment } from './team-attainment.ts';

/** How many months the revenue trend shows at most. */
export const TREND_MONTHS = 12;

export interface Dashboard {
  headline: Headline | null;
  exec: ExecKpis | null;
  progress: TargetProgress[];
  trend: {
    rows: readonly KpiRow[];
    /** Up to TREND_MONTHS months ending with the headline month, not before the first month with data. */
    months: string[];
    /** The headline month when it is the current (unfinished) month. */
    partialMonth: string | null;
  };
  teams: TeamAttainment;
  /** Company margin for the trend's months (null where unknown). */
  margin: LinePoint[];
  marginTable: TableModel;
  signals: Signal[];
  signalsTable: TableModel;
  /** The company's forecast and where the running month and quarter end. */
  forecast: DashboardForecast;
}

/** @example buildDashboard(snapshot).headline?.period // '2026-11' */
export function buildDashboard(snapshot: Snapshot, base = '/'): Dashboard {
  return buildDashboardOnce(snapshot, base);
}

// Built once per (snapshot, base): the dashboard page and the CSV endpoint (its signals file,
// linkedCsvFiles) both ask for it. Shared, not to be changed.
const buildDashboardOnce = memoPerSnapshot(computeDashboard, (base: string) => base);

function computeDashboard(snapshot: Snapshot, base: string): Dashboard {
  const headline = buildHeadline(snapshot);
  const rows = companyRows(snapshot, 'month');
  let months: string[] = [];
  if (headline && rows.length > 0) {
    const earliest = shiftPeriod(headline.period, -(TREND_MONTHS - 1));
    const first = rows[0]!.period;
    const from = comparePeriods(first, earliest) > 0 ? first : earliest;
    months = comparePeriods(from, headline.period) <= 0 ? periodRange(from, headline.period) : [headline.period];
  }
  const partialMonth = headline && !headline.isFallback ? headline.period : null;
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const margin = months.map((period) => ({ period, value: byPeriod.get(period)?.margin ?? null, partial: period === partialMonth }));
  const signals = buildSignals(snapshot, base);
  return {
    headline,
    exec: buildExecKpis(snapshot),
    progress: [buildTargetProgress(snapshot, 'quarter'), buildTargetProgress(snapshot, 'year')],
    trend: { rows, months, partialMonth },
    teams: buildTeamAttainment(snapshot, base),
    margin,
    marginTable: table({
      id: 'margin',
      caption: `Company profit margin by month (${snapshot.currency})`,
      columns: [textColumn('month', 'Month'), numberColumn('net_revenue', 'Net revenue'), numberColumn('profit', 'Profit'), numberColumn('margin', 'Margin')],
      rows: months.map((period) => {
        const row = byPeriod.get(period);
        return [
          periodCell(period, { text: `${periodName(period)}${period === partialMonth ? ' (to date)' : ''}` }),
          moneyCell(row?.net_revenue ?? 0, snapshot.currency),
          moneyCell(row?.profit ?? 0, snapshot.currency),
          row?.margin == null
            ? missingCell(missingText(!row ? 'no_activity' : row.net_revenue === 0 ? 'no_net_revenue' : 'missing_cost', period))
            : ratioCell(row.margin),
        ];
      }),
      rowHeader: 0,
      defaultSort: { key: 'month', dir: 'asc' },
      empty: 'No months with data.',
    }),
    forecast: buildDashboardForecast(snapshot),
    signals,
    signalsTable: table({
      id: 'signals',
      caption: 'Growth points and risks',
      columns: [
        textColumn('kind', 'Kind'),
        textColumn('rule', 'Rule'),
        textColumn('scope', 'Scope'),
        textColumn('name', 'Who'),
        textColumn('period', 'Period'),
        textColumn('title', 'Call-out'),
        textColumn('numbers', 'Numbers'),
      ],
      rows: signals.map((s) => [
        textCell(s.kind),
        textCell(s.rule),
        textCell(s.scope),
        textCell(s.name),
        textCell(s.period),
        textCell(s.title),
        textCell(s.facts.join('; ')),
      ]),
      rowHeader: 5,
      defaultSort: null,
      empty: 'No growth points or risks found.',
    }),
  };
}
