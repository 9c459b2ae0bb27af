/**
 * A team's week, item by item: the opportunities it won that week and the complaints it had
 * open at the end of it (or now, for the week running), from the snapshot's sales-process lists.
 * Credited as the counts are (win_rate: the rep's team at the close; complaints: at the
 * opening), so the lists add up to the week's figures. Pure.
 */
import { daysBetween } from '../../shared/analysis/customer-behaviour.ts';
import { labelsOfDay } from '../../shared/period.ts';
import type { ComplaintRow, Snapshot, WonOpportunityRow } from '../../shared/snapshot.ts';
import { periodName } from './format.ts';
import { repHref } from './links.ts';
import { repName } from './lookups.ts';
import { periodDayLabels } from './period.ts';
import { countCell, decimalCell, missingCell, moneyCell, numberColumn, periodCell, table, textCell, textColumn, type TableCell, type TableModel } from './table.ts';
import { asOfDay } from './week-target.ts';

// Grouped once per snapshot: a build asks for thousands of team weeks.
const winsIndex = new WeakMap<Snapshot, Map<string, WonOpportunityRow[]>>();
const complaintsIndex = new WeakMap<Snapshot, Map<string, ComplaintRow[]>>();
const key = (teamId: string, week: string): string => `${teamId}\u0000${week}`;

/** The opportunities `teamId` won in `week`, oldest close first (the list's order). */
export function weekWins(snapshot: Snapshot, teamId: string, week: string): readonly WonOpportunityRow[] {
  let index = winsIndex.get(snapshot);
  if (!index) {
    index = new Map();
    for (const win of snapshot.sales_process.wins) {
      if (win.team_id === null) continue;
      const k = key(win.team_id, labelsOfDay(win.closed_day).week);
      const list = index.get(k);
      if (list) list.push(win);
      else index.set(k, [win]);
    }
    winsIndex.set(snapshot, index);
  }
  return index.get(key(teamId, week)) ?? [];
}

function teamComplaints(snapshot: Snapshot, teamId: string): readonly ComplaintRow[] {
  let index = complaintsIndex.get(snapshot);
  if (!index) {
    index = new Map();
    for (const complaint of snapshot.sales_process.complaints) {
      if (complaint.team_id === null) continue;
      const list = index.get(complaint.team_id);
      if (list) list.push(complaint);
      else index.set(complaint.team_id, [complaint]);
    }
    complaintsIndex.set(snapshot, index);
  }
  return index.get(teamId) ?? [];
}

/** The day the week's open complaints are counted at: its last day, or the as-of day while it runs. */
export function openComplaintsDay(snapshot: Snapshot, week: string): string {
  const last = periodDayLabels(week).at(-1)!;
  const today = asOfDay(snapshot);
  return today < last ? today : last;
}

export interface OpenComplaint {
  complaint: ComplaintRow;
  /** Whole days from the opening day to the day it is counted at. */
  ageDays: number;
}

/**
 * The team's complaints open at the end of `day`: opened on or before it and not resolved by
 * then (a complaint resolved since is listed with its resolution), oldest first.
 */
export function openComplaints(snapshot: Snapshot, teamId: string, day: string): OpenComplaint[] {
  return teamComplaints(snapshot, teamId)
    .filter((c) => c.opened_day <= day && (c.resolved_day === null || c.resolved_day > day))
    .map((complaint) => ({ complaint, ageDays: daysBetween(complaint.opened_day, day) }));
}

const repCell = (snapshot: Snapshot, repId: string | null, base: string): TableCell =>
  repId === null ? missingCell('No rep') : textCell(repName(snapshot, repId), { href: repHref(base, repId), csv: repId });

/**
 * @example weekWinsTable(snapshot, 'team_east', '2026-W48', '/').rows.map((r) => r[0]!.text) // ['opp_e02']
 */
export function weekWinsTable(snapshot: Snapshot, teamId: string, week: string, base: string): TableModel {
  const currency = snapshot.currency;
  return table({
    id: 'wins',
    caption: `Opportunities won, ${periodName(week)} (${currency})`,
    columns: [
      textColumn('opportunity', 'Opportunity', { nowrap: true }),
      textColumn('closed_day', 'Won on'),
      textColumn('rep', 'Rep'),
      textColumn('customer', 'Customer'),
      numberColumn('amount', 'Amount'),
      numberColumn('cycle_days', 'Days to win'),
    ],
    rows: weekWins(snapshot, teamId, week).map((w) => [
      textCell(w.opportunity_id),
      periodCell(w.closed_day),
      repCell(snapshot, w.rep_id, base),
      w.customer_id === null ? missingCell('No customer named') : textCell(w.customer_id),
      moneyCell(w.amount, currency, 'No amount named', { cents: true }),
      decimalCell(w.cycle_days, 1, 'Opening not received'),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'closed_day', dir: 'asc' },
    empty: 'The team won no opportunity this week.',
  });
}

/**
 * @example openComplaintsTable(snapshot, 'team_east', '2026-W48', '/').rows.map((r) => r[0]!.text) // ['tkt_e01']
 */
export function openComplaintsTable(snapshot: Snapshot, teamId: string, week: string, base: string): TableModel {
  const day = openComplaintsDay(snapshot, week);
  const running = day < periodDayLabels(week).at(-1)!;
  return table({
    id: 'open-complaints',
    caption: running ? `Complaints open as of ${periodName(day)}` : `Complaints open at the end of ${periodName(week)}`,
    columns: [
      textColumn('ticket', 'Ticket', { nowrap: true }),
      textColumn('opened_day', 'Opened'),
      numberColumn('age_days', 'Days open'),
      textColumn('rep', 'Rep'),
      textColumn('customer', 'Customer'),
      textColumn('resolved_day', 'Resolved since'),
    ],
    rows: openComplaints(snapshot, teamId, day).map(({ complaint: c, ageDays }) => [
      textCell(c.ticket_id),
      periodCell(c.opened_day),
      countCell(ageDays),
      repCell(snapshot, c.rep_id, base),
      textCell(c.customer_id),
      c.resolved_day === null ? textCell('Still open', { csv: '' }) : periodCell(c.resolved_day),
    ]),
    rowHeader: 0,
    defaultSort: { key: 'opened_day', dir: 'asc' },
    empty: running ? 'No complaint is open.' : 'No complaint was open at the end of the week.',
  });
}
