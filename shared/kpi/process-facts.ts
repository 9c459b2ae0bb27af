/**
 * The sales process behind the non-money KPIs: tickets (opened → resolved) and opportunities
 * (opened → closed), resolved from events that may arrive in any order.
 */
import type { EventOf } from '../events/types.ts';
import { isLater } from './attribution.ts';

export interface Complaint {
  ticketId: string;
  customerId: string;
  repId: string | null;
  openedMs: number;
  /** The earliest resolution at or after opening; null while open. */
  resolvedMs: number | null;
}

export interface ClosedOpportunity {
  opportunityId: string;
  /** From opportunity.opened; null when the opening was never received. */
  repId: string | null;
  openedMs: number | null;
  closedMs: number;
  won: boolean;
  customerId: string | null;
  /** The close's amount, else the opening's; null when neither named one. */
  amount: bigint | null;
}

/** Complaints (ticket kind `complaint`), each with its earliest valid resolution. */
export function resolveComplaints(opened: readonly EventOf<'ticket.opened'>[], resolved: readonly EventOf<'ticket.resolved'>[]): Complaint[] {
  const first = new Map<string, EventOf<'ticket.opened'>>();
  for (const e of opened) {
    const current = first.get(e.data.ticket_id);
    // A ticket opened twice counts once: the earliest opening (ties to the smaller event id).
    if (!current || isLater(current, e)) first.set(e.data.ticket_id, e);
  }
  const resolutions = new Map<string, number[]>();
  for (const e of resolved) {
    const list = resolutions.get(e.data.ticket_id) ?? [];
    list.push(e.occurredMs);
    resolutions.set(e.data.ticket_id, list);
  }
  const complaints: Complaint[] = [];
  for (const [ticketId, e] of first) {
    if (e.data.kind !== 'complaint') continue;
    const times = (resolutions.get(ticketId) ?? []).filter((t) => t >= e.occurredMs);
    complaints.push({ ticketId, customerId: e.data.customer_id, repId: e.data.rep_id ?? null, openedMs: e.occurredMs, resolvedMs: times.length ? Math.min(...times) : null });
  }
  return complaints;
}

/** Closed opportunities: the latest close per opportunity wins, joined to its opening. */
export function resolveOpportunities(opened: readonly EventOf<'opportunity.opened'>[], closed: readonly EventOf<'opportunity.closed'>[]): ClosedOpportunity[] {
  const openings = new Map<string, EventOf<'opportunity.opened'>>();
  for (const e of opened) {
    const current = openings.get(e.data.opportunity_id);
    if (!current || isLater(current, e)) openings.set(e.data.opportunity_id, e);
  }
  const closes = new Map<string, EventOf<'opportunity.closed'>>();
  for (const e of closed) {
    const current = closes.get(e.data.opportunity_id);
    if (!current || isLater(e, current)) closes.set(e.data.opportunity_id, e);
  }
  return [...closes.values()].map((e) => {
    const opening = openings.get(e.data.opportunity_id);
    return {
      opportunityId: e.data.opportunity_id,
      repId: opening?.data.rep_id ?? null,
      openedMs: opening?.occurredMs ?? null,
      closedMs: e.occurredMs,
      won: e.data.outcome === 'won',
      customerId: opening?.data.customer_id ?? null,
      amount: e.data.amount ?? opening?.data.amount ?? null,
    };
  });
}
