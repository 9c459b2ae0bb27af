/** The sales process item by item (wins, complaints), on hand-made events in scrambled order. */
import { describe, expect, it } from 'vitest';
import { salesProcessLists, salesProcessParts } from '../../shared/analysis/process-lists.ts';
import { TeamHistory } from '../../shared/kpi/attribution.ts';
import { buildKpis, eventsOfType } from '../../shared/kpi/build-kpis.ts';
import { toExactJson } from '../../shared/kpi/series.ts';
import { shuffled } from '../support/seeded.ts';
import { typed } from '../support/typed-events.ts';

const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });

// Ana is in East until Nov 20, 2026 (UTC), then in West. Times in UTC; the zone is New York (UTC-5 in November).
const EVENTS = [
  ev('m1', 'rep.upserted', '2026-01-01T00:00:00Z', { rep_id: 'ana', name: 'Ana', team_id: 'east' }),
  ev('m2', 'rep.upserted', '2026-11-20T00:00:00Z', { rep_id: 'ana', name: 'Ana', team_id: 'west' }),
  // o1: opened by Ana in East, won after she moved: credited to West, 12.5 days; the close's amount wins.
  ev('o1a', 'opportunity.opened', '2026-11-10T00:00:00Z', { opportunity_id: 'o1', rep_id: 'ana', customer_id: 'k1', amount: '500' }),
  ev('o1b', 'opportunity.closed', '2026-11-22T12:00:00Z', { opportunity_id: 'o1', outcome: 'won', amount: '650.25' }),
  // o2: won, then closed again as lost later: the latest close wins, so it is no win.
  ev('o2a', 'opportunity.opened', '2026-11-01T00:00:00Z', { opportunity_id: 'o2', rep_id: 'ana' }),
  ev('o2b', 'opportunity.closed', '2026-11-05T00:00:00Z', { opportunity_id: 'o2', outcome: 'won' }),
  ev('o2c', 'opportunity.closed', '2026-11-06T00:00:00Z', { opportunity_id: 'o2', outcome: 'lost' }),
  // o3: won without its opening received: no rep, team, customer or cycle; the close names no amount either.
  ev('o3b', 'opportunity.closed', '2026-11-02T03:00:00Z', { opportunity_id: 'o3', outcome: 'won' }),
  // o4: won in East, the opening's amount kept (the close names none); closes 04:00 UTC = Nov 7, 23:00 in New York.
  ev('o4a', 'opportunity.opened', '2026-11-03T04:00:00Z', { opportunity_id: 'o4', rep_id: 'ana', amount: '99.9999' }),
  ev('o4b', 'opportunity.closed', '2026-11-08T04:00:00Z', { opportunity_id: 'o4', outcome: 'won' }),
  // t1: opened twice (the earliest counts), resolved before the opening (ignored) and 30 hours after.
  ev('t1a', 'ticket.opened', '2026-11-12T10:00:00Z', { ticket_id: 't1', customer_id: 'k2', kind: 'complaint', rep_id: 'ana' }),
  ev('t1b', 'ticket.opened', '2026-11-13T10:00:00Z', { ticket_id: 't1', customer_id: 'k2', kind: 'complaint', rep_id: 'ana' }),
  ev('t1r0', 'ticket.resolved', '2026-11-11T00:00:00Z', { ticket_id: 't1' }),
  ev('t1r', 'ticket.resolved', '2026-11-13T16:00:00Z', { ticket_id: 't1' }),
  // t2: still open, no rep; t3: a service ticket, not a complaint.
  ev('t2', 'ticket.opened', '2026-11-02T02:00:00Z', { ticket_id: 't2', customer_id: 'k3', kind: 'complaint' }),
  ev('t3', 'ticket.opened', '2026-11-03T00:00:00Z', { ticket_id: 't3', customer_id: 'k3', kind: 'service', rep_id: 'ana' }),
];

const ZONE = 'America/New_York';

function lists(events: readonly unknown[]) {
  const typedEvents = typed(events);
  return salesProcessLists(typedEvents, ZONE, new TeamHistory(eventsOfType(typedEvents, 'rep.upserted')));
}

describe('sales process lists', () => {
  it('lists every won opportunity, credited like win_rate, oldest close first', () => {
    expect(JSON.parse(toExactJson(lists(EVENTS).wins))).toEqual([
      { opportunity_id: 'o3', rep_id: null, team_id: null, customer_id: null, amount: null, opened_at: null, closed_at: '2026-11-02T03:00:00.000Z', closed_day: '2026-11-01', cycle_days: null },
      { opportunity_id: 'o4', rep_id: 'ana', team_id: 'east', customer_id: null, amount: 99.9999, opened_at: '2026-11-03T04:00:00.000Z', closed_at: '2026-11-08T04:00:00.000Z', closed_day: '2026-11-07', cycle_days: 5 },
      { opportunity_id: 'o1', rep_id: 'ana', team_id: 'west', customer_id: 'k1', amount: 650.25, opened_at: '2026-11-10T00:00:00.000Z', closed_at: '2026-11-22T12:00:00.000Z', closed_day: '2026-11-22', cycle_days: 12.5 },
    ]);
  });

  it('lists every complaint with its earliest opening and first valid resolution, credited like complaints', () => {
    expect(lists(EVENTS).complaints).toEqual([
      { ticket_id: 't2', customer_id: 'k3', rep_id: null, team_id: null, opened_at: '2026-11-02T02:00:00.000Z', opened_day: '2026-11-01', resolved_at: null, resolved_day: null, resolution_hours: null },
      { ticket_id: 't1', customer_id: 'k2', rep_id: 'ana', team_id: 'east', opened_at: '2026-11-12T10:00:00.000Z', opened_day: '2026-11-12', resolved_at: '2026-11-13T16:00:00.000Z', resolved_day: '2026-11-13', resolution_hours: 30 },
    ]);
  });

  it('gives the same lists in any arrival order', () => {
    const expected = toExactJson(lists(EVENTS));
    for (let seed = 1; seed <= 20; seed++) expect(toExactJson(lists(shuffled(EVENTS, seed)))).toBe(expected);
  });

  it('adds up to the counts: complaints per team and month, wins against the win rate', () => {
    const typedEvents = typed(EVENTS);
    const { kpis } = buildKpis(typedEvents, { timezone: ZONE, asOfMs: Date.parse('2026-11-30T00:00:00Z') });
    const month = (scope: string, id: string | null) => kpis.find((r) => r.scope === scope && r.id === id && r.grain === 'month' && r.period === '2026-11')!;
    const { wins, complaints } = lists(EVENTS);
    expect(month('company', null).complaints).toBe(complaints.length);
    expect(month('team', 'east').complaints).toBe(complaints.filter((c) => c.team_id === 'east').length);
    // East: o4 won, o2 lost (closed Nov 6, before the move); West: o1 won.
    expect(month('team', 'east').win_rate).toBe(wins.filter((w) => w.team_id === 'east').length / 2);
    expect(month('team', 'west').win_rate).toBe(wins.filter((w) => w.team_id === 'west').length / 1);
  });

  it('stores each list in chunks of JSON arrays, none for an empty list', () => {
    const parts = salesProcessParts(lists(EVENTS));
    expect(parts.winChunks.map((c) => JSON.parse(c).length)).toEqual([3]);
    expect(parts.complaintChunks.map((c) => JSON.parse(c).length)).toEqual([2]);
    expect(salesProcessParts({ wins: [], complaints: [] })).toEqual({ winChunks: [], complaintChunks: [] });
  });
});
