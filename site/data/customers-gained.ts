/**
 * The customers a team gained in a week: those whose first sale (the sale `new_customers` counts)
 * was credited to the team in that week, from the snapshot's customer rows, with who gained them
 * and what they have brought since. Pure.
 */
import { labelsOfDay } from '../../shared/period.ts';
import type { CustomerRow, Snapshot } from '../../shared/snapshot.ts';
import { periodName } from './format.ts';
import { repHref } from './links.ts';
import { repName } from './lookups.ts';
import { countCell, moneyCell, numberColumn, periodCell, table, textCell, textColumn, type TableModel } from './table.ts';

// Grouped once per snapshot: a build asks for thousands of team weeks.
const byTeamWeek = new WeakMap<Snapshot, Map<string, CustomerRow[]>>();
const key = (teamId: string, week: string): string => `${teamId}\u0000${week}`;

function gainedIndex(snapshot: Snapshot): Map<string, CustomerRow[]> {
  let index = byTeamWeek.get(snapshot);
  if (index) return index;
  index = new Map();
  for (const row of snapshot.customers.rows) {
    if (row.first_team_id === null) continue;
    const k = key(row.first_team_id, labelsOfDay(row.first_day).week);
    const list = index.get(k);
    if (list) list.push(row);
    else index.set(k, [row]);
  }
  for (const list of index.values()) list.sort((a, b) => (a.first_day < b.first_day ? -1 : a.first_day > b.first_day ? 1 : a.customer_id < b.customer_id ? -1 : 1));
  byTeamWeek.set(snapshot, index);
  return index;
}

/** The customer rows gained by `teamId` in `week`, by first day, then customer id. */
export function gainedCustomers(snapshot: Snapshot, teamId: string, week: string): readonly CustomerRow[] {
  return gainedIndex(snapshot).get(key(teamId, week)) ?? [];
}

/**
 * @example customersGainedTable(snapshot, 'team_east', '2026-W48', '/').rows.map((r) => r[0]!.text) // ['cus_29', 'cus_30']
 */
export function customersGainedTable(snapshot: Snapshot, teamId: string, week: string, base: string): TableModel {
  const currency = snapshot.currency;
  return table({
    id: 'customers-gained',
    caption: `Customers gained, ${periodName(week)} (${currency})`,
    columns: [
      textColumn('customer', 'Customer', { nowrap: true }),
      textColumn('first_day', 'First purchase'),
      textColumn('rep', 'Gained by'),
      numberColumn('first_amount', 'First sale'),
      numberColumn('orders', 'Orders to date'),
      numberColumn('net_revenue', 'Net revenue to date'),
    ],
    rows: gainedCustomers(snapshot, teamId, week).map((c) => [
      textCell(c.customer_id),
      periodCell(c.first_day),
      textCell(repName(snapshot, c.first_rep_id), { href: repHref(base, c.first_rep_id), csv: c.first_rep_id }),
      moneyCell(c.first_amount, currency, 'Not available', { cents: true }),
      countCell(c.orders),
      moneyCell(c.net_revenue, currency, 'Not available', { cents: true }),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'first_day', dir: 'asc' },
    empty: 'No customer bought from the team for the first time this week.',
  });
}
