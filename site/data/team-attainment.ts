/**
 * Attainment by team for the dashboard and the teams page: each team's report month against its
 * target and pace, with the numbers for the chart and the table. Pure.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import type { AttainmentBar } from '../charts/attainment-bars.ts';
import { missingText, periodName } from './format.ts';
import { reportMonth } from './headline.ts';
import { teamHref, teamWeekHref } from './links.ts';
import { repsOfTeam, teamName } from './lookups.ts';
import { teamIds } from './pages.ts';
import { scopeMonth, type ScopeMonth } from './scope-month.ts';
import { countCell, missingCell, moneyCell, numberColumn, periodCell, ratioCell, table, textCell, textColumn, type TableModel } from './table.ts';
import { teamWeeks } from './team-week.ts';

export interface TeamAttainment {
  report: ReturnType<typeof reportMonth>;
  teams: { id: string; name: string; month: ScopeMonth }[];
  bars: AttainmentBar[];
  table: TableModel;
}

/**
 * Teams by name with their month; bars for teams with a target.
 *
 * @example buildTeamAttainment(snapshot, '/').bars // [{ name: 'East', attainment: 0.909…, pace: 1 }, { name: 'West', attainment: null, pace: null }]
 */
export function buildTeamAttainment(snapshot: Snapshot, base: string, options: { id?: string; withWeeks?: boolean } = {}): TeamAttainment {
  const report = reportMonth(snapshot);
  const currency = snapshot.currency;
  const teams = teamIds(snapshot)
    .map((id) => ({ id, name: teamName(snapshot, id), month: scopeMonth(snapshot, 'team', id, report) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  const monthName = `${periodName(report.month)}${report.running ? ' to date' : ''}`;
  const noTarget = missingText('no_target', report.month);
  const withWeeks = options.withWeeks ?? false;
  return {
    report,
    teams,
    bars: teams.map(({ name, month }) => ({ name, attainment: month.attainment.value, pace: month.pace })),
    table: table({
      id: options.id ?? 'teams',
      caption: `Teams in ${monthName} (${currency})`,
      columns: [
        textColumn('team', 'Team'),
        ...(withWeeks ? [numberColumn('reps', 'Reps'), textColumn('latest_week', 'Latest week')] : []),
        numberColumn('net_revenue', 'Net revenue'),
        numberColumn('target', 'Target'),
        numberColumn('attainment', 'Attainment'),
        ...(report.running ? [numberColumn('expected', 'Expected by now'), numberColumn('projected', 'At this pace')] : []),
        numberColumn('margin', 'Margin'),
        numberColumn('new_customers', 'New customers'),
        numberColumn('complaints', 'Complaints'),
      ],
      rows: teams.map(({ id, name, month }) => {
        const latest = teamWeeks(snapshot, id).at(-1);
        return [
          textCell(name, { href: teamHref(base, id) }),
          ...(withWeeks
            ? [
                countCell(repsOfTeam(snapshot, id).length),
                latest ? periodCell(latest, { href: teamWeekHref(base, id, latest) }) : missingCell('No weeks with data'),
              ]
            : []),
          moneyCell(month.netRevenue, currency),
          moneyCell(month.target, currency, noTarget),
          month.attainment.value === null
            ? missingCell(missingText(month.attainment.missing ?? 'no_target', report.month))
            : ratioCell(month.attainment.value),
          ...(report.running
            ? [ratioCell(month.pace, noTarget), ratioCell(month.projected, month.target === null ? noTarget : 'No pacing figure')]
            : []),
          month.row?.margin == null
            ? missingCell(missingText(month.row && month.row.net_revenue !== 0 ? 'missing_cost' : 'no_net_revenue', report.month))
            : ratioCell(month.row.margin),
          countCell(month.row?.new_customers ?? 0),
          countCell(month.row?.complaints ?? 0),
        ];
      }),
      rowHeader: 0,
      defaultSort: { key: 'team', dir: 'asc' },
      empty: 'No teams in this snapshot.',
    }),
  };
}
