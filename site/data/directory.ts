/**
 * The teams and reps indexes (`/teams/`, `/reps/`). Pure.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import { missingText, periodName } from './format.ts';
import { reportMonth } from './headline.ts';
import { repHref, teamHref } from './links.ts';
import { findRep, repName, teamName } from './lookups.ts';
import { repIds } from './pages.ts';
import { scopeMonth } from './scope-month.ts';
import { countCell, missingCell, moneyCell, numberColumn, ratioCell, table, textCell, textColumn, type TableModel } from './table.ts';

/**
 * Every rep in the report month: team, net revenue, target, attainment, pace, new customers,
 * visits, complaints; by name.
 */
export function repsIndex(snapshot: Snapshot, base: string): TableModel {
  const report = reportMonth(snapshot);
  const currency = snapshot.currency;
  const noTarget = missingText('no_target', report.month);
  const reps = repIds(snapshot)
    .map((id) => ({ id, name: repName(snapshot, id), teamId: findRep(snapshot, id)?.team_id ?? null, month: scopeMonth(snapshot, 'rep', id, report) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  return table({
    id: 'reps',
    caption: `Reps in ${periodName(report.month)}${report.running ? ' to date' : ''} (${currency})`,
    columns: [
      textColumn('rep', 'Rep'),
      textColumn('team', 'Team'),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('target', 'Target'),
      numberColumn('attainment', 'Attainment'),
      ...(report.running ? [numberColumn('expected', 'Expected by now')] : []),
      numberColumn('new_customers', 'New customers'),
      numberColumn('visits', 'Visits'),
      numberColumn('complaints', 'Complaints'),
    ],
    rows: reps.map(({ id, name, teamId, month }) => [
      textCell(name, { href: repHref(base, id) }),
      teamId === null ? missingCell('No team') : textCell(teamName(snapshot, teamId), { href: teamHref(base, teamId) }),
      moneyCell(month.netRevenue, currency),
      moneyCell(month.target, currency, noTarget),
      month.attainment.value === null ? missingCell(missingText(month.attainment.missing ?? 'no_target', report.month)) : ratioCell(month.attainment.value),
      ...(report.running ? [ratioCell(month.pace, noTarget)] : []),
      countCell(month.row?.new_customers ?? 0),
      countCell(month.row?.visits ?? 0),
      countCell(month.row?.complaints ?? 0),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'rep', dir: 'asc' },
    empty: 'No reps in this snapshot.',
  });
}
