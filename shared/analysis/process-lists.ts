/**
 * The sales process item by item: every won opportunity and every complaint, credited exactly
 * as the counts they make up (`win_rate`, `complaints`), so a team's week page can list what its
 * numbers count. Resolved from events in any arrival order, like the counts.
 */
import type { QuotientEvent } from '../events/types.ts';
import { compareCodePoints } from '../json/exact-number.ts';
import type { TeamHistory } from '../kpi/attribution.ts';
import { eventsOfType } from '../kpi/build-kpis.ts';
import { resolveComplaints, resolveOpportunities } from '../kpi/process-facts.ts';
import { toExactJsonChunks } from '../kpi/series.ts';
import { localDay } from '../period.ts';
import type { ComplaintRow, SalesProcessLists, WonOpportunityRow } from '../snapshot.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const iso = (ms: number): string => new Date(ms).toISOString();

export function salesProcessLists(events: readonly QuotientEvent[], timezone: string, history: TeamHistory): SalesProcessLists<bigint> {
  const closed = resolveOpportunities(eventsOfType(events, 'opportunity.opened'), eventsOfType(events, 'opportunity.closed'));
  const wins: WonOpportunityRow<bigint>[] = closed
    .filter((o) => o.won)
    .sort((a, b) => a.closedMs - b.closedMs || compareCodePoints(a.opportunityId, b.opportunityId))
    .map((o) => ({
      opportunity_id: o.opportunityId,
      rep_id: o.repId,
      // Like win_rate: the rep's team when the opportunity closed.
      team_id: o.repId === null ? null : history.teamAt(o.repId, o.closedMs),
      customer_id: o.customerId,
      amount: o.amount,
      opened_at: o.openedMs === null ? null : iso(o.openedMs),
      closed_at: iso(o.closedMs),
      closed_day: localDay(o.closedMs, timezone),
      cycle_days: o.openedMs === null ? null : (o.closedMs - o.openedMs) / DAY_MS,
    }));
  const complaints: ComplaintRow[] = resolveComplaints(eventsOfType(events, 'ticket.opened'), eventsOfType(events, 'ticket.resolved'))
    .sort((a, b) => a.openedMs - b.openedMs || compareCodePoints(a.ticketId, b.ticketId))
    .map((c) => ({
      ticket_id: c.ticketId,
      customer_id: c.customerId,
      rep_id: c.repId,
      // Like complaints: the rep's team when the complaint was opened.
      team_id: c.repId === null ? null : history.teamAt(c.repId, c.openedMs),
      opened_at: iso(c.openedMs),
      opened_day: localDay(c.openedMs, timezone),
      resolved_at: c.resolvedMs === null ? null : iso(c.resolvedMs),
      resolved_day: c.resolvedMs === null ? null : localDay(c.resolvedMs, timezone),
      resolution_hours: c.resolvedMs === null ? null : (c.resolvedMs - c.openedMs) / HOUR_MS,
    }));
  return { wins, complaints };
}

/** Rows per stored chunk of a list: a chunk stays far below D1's 2 MB per value. */
export const LIST_ROWS_PER_CHUNK = 2_000;

/** The lists as stored: JSON arrays of rows in chunks. */
export interface SalesProcessParts {
  winChunks: string[];
  complaintChunks: string[];
}

export function salesProcessParts(lists: SalesProcessLists<bigint>): SalesProcessParts {
  return { winChunks: toExactJsonChunks(lists.wins, LIST_ROWS_PER_CHUNK), complaintChunks: toExactJsonChunks(lists.complaints, LIST_ROWS_PER_CHUNK) };
}
