/**
 * The sales process item by item for a team or a rep: the opportunities won in a period (a week
 * or a month) and the complaints open at the end of it (or now, while it runs), from the
 * snapshot's sales-process lists. Credited as the counts are (win_rate: the rep's team at the
 * close; complaints: at the opening), so the lists add up to the period's figures. Pure.
 */
import { daysBetween } from '../../shared/analysis/customer-behaviour.ts';
import { grainOfLabel, labelsOfDay } from '../../shared/period.ts';
import type { ComplaintRow, Snapshot, WonOpportunityRow } from '../../shared/snapshot.ts';
import { periodName } from './format.ts';
import { repHref } from './links.ts';
import { repName } from './lookups.ts';
import { periodDayLabels } from './period.ts';
import { countCell, decimalCell, missingCell, moneyCell, numberColumn, periodCell, table, textCell, textColumn, type TableCell, type TableModel } from './table.ts';
import { asOfDay } from './week-target.ts';

/** Whose items: a team's (as credited at the time) or a rep's. */
export interface ProcessOwner {
  scope: 'team' | 'rep';
  id: string;
}

// Grouped once per snapshot (wins also by week and month): a build asks for thousands of team weeks.
const winsIndex = new WeakMap<Snapshot, Map<string, WonOpportunityRow[]>>();
const complaintsIndex = new WeakMap<Snapshot, Map<string, ComplaintRow[]>>();
const indexKey = (scope: ProcessOwner['scope'], id: string, period = ''): string => `${scope}\u0000${id}\u0000${period}`;

/** Rows under their team's and their rep's keys, once for each of `periodsOf(row)`, in the rows' order. */
function byOwner<T extends { team_id: string | null; rep_id: string | null }>(rows: readonly T[], periodsOf: (row: T) => string[] = () => ['']): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const add = (key: string, row: T) => {
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  };
  for (const row of rows) {
    for (const period of periodsOf(row)) {
      if (row.team_id !== null) add(indexKey('team', row.team_id, period), row);
      if (row.rep_id !== null) add(indexKey('rep', row.rep_id, period), row);
    }
  }
  return index;
}

function ownerComplaints(snapshot: Snapshot, owner: ProcessOwner): readonly ComplaintRow[] {
  let index = complaintsIndex.get(snapshot);
  if (!index) complaintsIndex.set(snapshot, (index = byOwner(snapshot.sales_process.complaints)));
  return index.get(indexKey(owner.scope, owner.id)) ?? [];
}

/** The opportunities the owner won in `period` (a week or a month), oldest close first. */
export function periodWins(snapshot: Snapshot, owner: ProcessOwner, period: string): readonly WonOpportunityRow[] {
  const grain = grainOfLabel(period);
  if (grain !== 'week' && grain !== 'month') throw new Error(`invalid period: ${JSON.stringify(period)} is not a week or a month`);
  let index = winsIndex.get(snapshot);
  if (!index) {
    index = byOwner(snapshot.sales_process.wins, (w) => {
      const labels = labelsOfDay(w.closed_day);
      return [labels.week, labels.month];
    });
    winsIndex.set(snapshot, index);
  }
  return index.get(indexKey(owner.scope, owner.id, period)) ?? [];
}

/** The day a period's open complaints are counted at: its last day, or the as-of day while it runs. */
export function openComplaintsDay(snapshot: Snapshot, period: string): string {
  const last = periodDayLabels(period).at(-1)!;
  const today = asOfDay(snapshot);
  return today < last ? today : last;
}

export interface OpenComplaint {
  complaint: ComplaintRow;
  /** Whole days from the opening day to the day it is counted at. */
  ageDays: number;
}

/**
 * The owner's complaints open at the end of `day`: opened on or before it and not resolved by
 * then (a complaint resolved since is listed with its resolution), oldest first.
 */
export function openComplaints(snapshot: Snapshot, owner: ProcessOwner, day: string): OpenComplaint[] {
  return ownerComplaints(snapshot, owner)
    .filter((c) => c.opened_day <= day && (c.resolved_day === null || c.resolved_day > day))
    .map((complaint) => ({ complaint, ageDays: daysBetween(complaint.opened_day, day) }));
}

const repCell = (snapshot: Snapshot, repId: string | null, base: string): TableCell =>
  repId === null ? missingCell('No rep') : textCell(repName(snapshot, repId), { href: repHref(base, repId), csv: repId });

/**
 * The owner's wins in a week or month; a rep's table has no rep column.
 *
 * @example winsTable(snapshot, { scope: 'team', id: 'team_east' }, '2026-W48', '/').rows.map((r) => r[0]!.text) // ['opp_e02']
 */
export function winsTable(snapshot: Snapshot, owner: ProcessOwner, period: string, base: string): TableModel {
  const currency = snapshot.currency;
  const byTeam = owner.scope === 'team';
  return table({
    id: 'wins',
    caption: `Opportunities won, ${periodName(period)} (${currency})`,
    columns: [
      textColumn('opportunity', 'Opportunity', { nowrap: true }),
      textColumn('closed_day', 'Won on'),
      ...(byTeam ? [textColumn('rep', 'Rep')] : []),
      textColumn('customer', 'Customer'),
      numberColumn('amount', 'Amount'),
      numberColumn('cycle_days', 'Days to win'),
    ],
    rows: periodWins(snapshot, owner, period).map((w) => [
      textCell(w.opportunity_id),
      periodCell(w.closed_day),
      ...(byTeam ? [repCell(snapshot, w.rep_id, base)] : []),
      w.customer_id === null ? missingCell('No customer named') : textCell(w.customer_id),
      moneyCell(w.amount, currency, 'No amount named', { cents: true }),
      decimalCell(w.cycle_days, 1, 'Opening not received'),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'closed_day', dir: 'asc' },
    empty: `${byTeam ? 'The team won no opportunity' : 'No opportunity won'} ${grainOfLabel(period) === 'week' ? 'this week' : 'this month'}.`,
  });
}

/**
 * The owner's complaints open at the end of a week or month (as of the snapshot while it
 * runs); a rep's table has no rep column.
 *
 * @example openComplaintsTable(snapshot, { scope: 'team', id: 'team_east' }, '2026-W48', '/').rows.map((r) => r[0]!.text) // ['tkt_e01']
 */
export function openComplaintsTable(snapshot: Snapshot, owner: ProcessOwner, period: string, base: string): TableModel {
  const day = openComplaintsDay(snapshot, period);
  // A period whose last day is the as-of day has not ended yet either.
  const running = asOfDay(snapshot) <= periodDayLabels(period).at(-1)!;
  const byTeam = owner.scope === 'team';
  return table({
    id: 'open-complaints',
    caption: running ? `Complaints open as of ${periodName(day)}` : `Complaints open at the end of ${periodName(period)}`,
    columns: [
      textColumn('ticket', 'Ticket', { nowrap: true }),
      textColumn('opened_day', 'Opened'),
      numberColumn('age_days', 'Days open'),
      ...(byTeam ? [textColumn('rep', 'Rep')] : []),
      textColumn('customer', 'Customer'),
      textColumn('resolved_day', 'Resolved since'),
    ],
    rows: openComplaints(snapshot, owner, day).map(({ complaint: c, ageDays }) => [
      textCell(c.ticket_id),
      periodCell(c.opened_day),
      countCell(ageDays),
      ...(byTeam ? [repCell(snapshot, c.rep_id, base)] : []),
      textCell(c.customer_id),
      c.resolved_day === null ? textCell('Still open', { csv: '' }) : periodCell(c.resolved_day),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'opened_day', dir: 'asc' },
    empty: running ? 'No complaint is open.' : `No complaint was open at the end of the ${grainOfLabel(period) === 'week' ? 'week' : 'month'}.`,
  });
}
