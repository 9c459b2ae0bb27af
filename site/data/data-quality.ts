/**
 * The data-quality page (`/data-quality/`): what was stored (by type, by day of receipt and
 * source), what was refused (rejected requests, conflicts), what arrived late, and what was
 * left out of the figures (orphan refunds, sales credited to no team). Pure.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import type { BarPoint } from '../charts/bar-trend.ts';
import { formatInstant } from './format.ts';
import { countCell, decimalCell, moneyCell, numberColumn, periodCell, table, textCell, textColumn, type TableModel } from './table.ts';
import { periodRange } from './period.ts';

export interface DataQualityPage {
  storedEvents: number;
  rejectedRequests: number;
  conflicts: number;
  lateEvents: number;
  orphanRefunds: number;
  unattributedSales: number;
  /** Events stored per day of receipt, every day from the first to the last (0 on quiet days). */
  arrivals: BarPoint[];
  types: TableModel;
  arrivalsTable: TableModel;
  rejected: TableModel;
  conflictsTable: TableModel;
  late: TableModel;
  orphans: TableModel;
  unattributed: TableModel;
}

/** @example buildDataQuality(snapshot).storedEvents // 282 */
export function buildDataQuality(snapshot: Snapshot): DataQualityPage {
  const dq = snapshot.data_quality;
  const currency = snapshot.currency;
  const tz = snapshot.timezone;
  const types = Object.entries(dq.events_by_type).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const perDay = new Map<string, number>();
  for (const d of dq.events_by_day) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.events);
  const days = [...perDay.keys()].sort();
  const arrivals: BarPoint[] =
    days.length === 0
      ? []
      : periodRange(days[0]!, days.at(-1)!).map((day) => ({ period: day, value: perDay.get(day) ?? 0, target: null, partial: false }));
  const byDay = [...dq.events_by_day].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0) || (a.type < b.type ? -1 : 1) || (a.source < b.source ? -1 : 1));
  return {
    storedEvents: types.reduce((sum, [, n]) => sum + n, 0),
    rejectedRequests: dq.rejected_requests.reduce((sum, r) => sum + r.requests, 0),
    conflicts: dq.conflicts.count,
    lateEvents: dq.late_arrivals.by_type_source.reduce((sum, l) => sum + l.events, 0),
    orphanRefunds: dq.orphan_refunds.length,
    unattributedSales: dq.unattributed_sales.length,
    arrivals,
    types: table({
      id: 'events-by-type',
      caption: 'Stored events by type',
      columns: [textColumn('type', 'Event type'), numberColumn('events', 'Events')],
      rows: types.map(([type, n]) => [textCell(type), countCell(n)]),
      rowHeader: 0,
      defaultSort: { key: 'events', dir: 'desc' },
      empty: 'No events stored yet.',
    }),
    arrivalsTable: table({
      id: 'arrivals',
      caption: 'Stored events by day of receipt (UTC), type and source, newest first',
      columns: [textColumn('day', 'Day received'), textColumn('type', 'Event type'), textColumn('source', 'Source'), numberColumn('events', 'Events')],
      rows: byDay.map((d) => [periodCell(d.day), textCell(d.type), textCell(d.source || '(unsigned)', { csv: d.source }), countCell(d.events)]),
      rowHeader: 0,
      defaultSort: { key: 'day', dir: 'desc' },
      empty: 'No events stored yet.',
    }),
    rejected: table({
      id: 'rejected-requests',
      caption: 'Rejected webhook requests by day (UTC), source and reason, newest first',
      columns: [
        textColumn('day', 'Day'),
        textColumn('source', 'Source'),
        textColumn('reason', 'Reason'),
        numberColumn('requests', 'Requests'),
        numberColumn('events', 'Events in them'),
      ],
      rows: [...dq.rejected_requests]
        .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0) || b.requests - a.requests)
        .map((r) => [periodCell(r.day), textCell(r.source || '(unsigned)', { csv: r.source }), textCell(r.reason), countCell(r.requests), countCell(r.events)]),
      rowHeader: 0,
      defaultSort: { key: 'day', dir: 'desc' },
      empty: 'No requests were rejected.',
    }),
    conflictsTable: table({
      id: 'conflicts',
      caption: 'Most recent conflicts: an event id already stored with other content (the stored event was kept)',
      columns: [textColumn('event_id', 'Event id'), textColumn('received_at', 'Received'), textColumn('source', 'Source'), textColumn('webhook_id', 'Webhook id')],
      rows: dq.conflicts.recent.map((c) => [
        textCell(c.event_id),
        { text: formatInstant(c.received_at, tz), sort: c.received_at, csv: c.received_at },
        textCell(c.source),
        textCell(c.webhook_id),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'received_at', dir: 'desc' },
      empty: 'No conflicts.',
    }),
    late: table({
      id: 'late-arrivals',
      caption: `Events received more than ${dq.late_arrivals.threshold_hours} hours after they occurred, by type and source`,
      columns: [textColumn('type', 'Event type'), textColumn('source', 'Source'), numberColumn('events', 'Events'), numberColumn('max_delay_hours', 'Longest delay (hours)')],
      rows: [...dq.late_arrivals.by_type_source]
        .sort((a, b) => b.events - a.events || (a.type < b.type ? -1 : 1))
        .map((l) => [textCell(l.type), textCell(l.source), countCell(l.events), decimalCell(l.max_delay_hours, 1)]),
      rowHeader: 0,
      defaultSort: { key: 'events', dir: 'desc' },
      empty: 'No late arrivals.',
    }),
    orphans: table({
      id: 'orphan-refunds',
      caption: `Refunds whose sale is unknown, left out of every figure (${currency})`,
      columns: [textColumn('event_id', 'Event id'), textColumn('sale_id', 'Sale id'), numberColumn('amount', 'Amount'), textColumn('occurred_at', 'Occurred')],
      rows: dq.orphan_refunds.map((o) => [
        textCell(o.event_id),
        textCell(o.sale_id),
        moneyCell(o.amount, currency, 'Not available', { cents: true }),
        { text: formatInstant(o.occurred_at, tz), sort: o.occurred_at, csv: o.occurred_at },
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: 'No orphan refunds.',
    }),
    unattributed: table({
      id: 'unattributed-sales',
      caption: 'Sales credited to no team (no team_id, and the rep had no team at the time)',
      columns: [textColumn('sale_id', 'Sale id'), textColumn('rep_id', 'Rep id'), textColumn('occurred_at', 'Occurred')],
      rows: dq.unattributed_sales.map((u) => [
        textCell(u.sale_id),
        textCell(u.rep_id),
        { text: formatInstant(u.occurred_at, tz), sort: u.occurred_at, csv: u.occurred_at },
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: 'Every sale was credited to a team.',
    }),
  };
}
