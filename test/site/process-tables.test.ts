/** A team's or a rep's wins and open complaints: which items each week or month lists, at its edges. */
import { describe, expect, it } from 'vitest';
import type { ComplaintRow, WonOpportunityRow } from '../../shared/snapshot.ts';
import { openComplaints, openComplaintsDay, periodWins, winsTable } from '../../site/data/process-tables.ts';
import { makeComplaint, makeSnapshot } from './make-snapshot.ts';

const complaint = (ticket_id: string, opened_day: string, resolved_day: string | null, team_id: string | null = 'east'): ComplaintRow =>
  makeComplaint(ticket_id, opened_day, resolved_day, { rep_id: 'ana', team_id });

const win = (opportunity_id: string, closed_day: string, team_id: string | null = 'east'): WonOpportunityRow => ({
  opportunity_id,
  rep_id: 'ana',
  team_id,
  customer_id: null,
  amount: 10,
  opened_at: null,
  closed_at: `${closed_day}T12:00:00.000Z`,
  closed_day,
  cycle_days: null,
});

const EAST = { scope: 'team', id: 'east' } as const;
const WEST = { scope: 'team', id: 'west' } as const;

// Week 2026-W47 is Mon Nov 16 – Sun Nov 22; as of Nov 25 (UTC), W48 is running.
const snapshot = makeSnapshot({
  as_of: '2026-11-25T12:00:00Z',
  sales_process: {
    wins: [win('sunday-before', '2026-11-15'), win('monday', '2026-11-16'), win('sunday', '2026-11-22'), win('west', '2026-11-18', 'west'), win('no-team', '2026-11-18', null)],
    complaints: [
      complaint('old-open', '2026-10-01', null),
      complaint('resolved-on-last-day', '2026-11-16', '2026-11-22'),
      complaint('resolved-after', '2026-11-20', '2026-11-23'),
      complaint('opened-last-day', '2026-11-22', null),
      complaint('opened-after', '2026-11-23', null),
      complaint('west', '2026-11-17', null, 'west'),
      complaint('no-team', '2026-11-17', null, null),
    ],
  },
});

describe('a team week, item by item', () => {
  it('lists the wins closed Monday to Sunday of the week, the team\'s only', () => {
    expect(periodWins(snapshot, EAST, '2026-W47').map((w) => w.opportunity_id)).toEqual(['monday', 'sunday']);
    expect(periodWins(snapshot, WEST, '2026-W47').map((w) => w.opportunity_id)).toEqual(['west']);
    expect(periodWins(snapshot, EAST, '2026-W46').map((w) => w.opportunity_id)).toEqual(['sunday-before']);
  });

  it('counts open complaints at the end of a past week, or at the as-of day of the running one', () => {
    expect(openComplaintsDay(snapshot, '2026-W47')).toBe('2026-11-22');
    expect(openComplaintsDay(snapshot, '2026-W48')).toBe('2026-11-25');
  });

  it('lists complaints opened by the end of the day and not resolved by then, with their age in days', () => {
    expect(openComplaints(snapshot, EAST, '2026-11-22').map((o) => [o.complaint.ticket_id, o.ageDays])).toEqual([
      ['old-open', 52],
      ['resolved-after', 2],
      ['opened-last-day', 0],
    ]);
    expect(openComplaints(snapshot, EAST, '2026-11-25').map((o) => o.complaint.ticket_id)).toEqual(['old-open', 'opened-last-day', 'opened-after']);
    expect(openComplaints(snapshot, WEST, '2026-11-22').map((o) => o.complaint.ticket_id)).toEqual(['west']);
  });

  it("lists a rep's items whatever team they were credited to, by month; a rep's wins table has no rep column", () => {
    const ana = { scope: 'rep', id: 'ana' } as const;
    expect(periodWins(snapshot, ana, '2026-11').map((w) => w.opportunity_id)).toEqual(['sunday-before', 'monday', 'sunday', 'west', 'no-team']);
    expect(openComplaintsDay(snapshot, '2026-11')).toBe('2026-11-25');
    expect(openComplaints(snapshot, ana, '2026-11-25').map((o) => o.complaint.ticket_id)).toEqual(['old-open', 'opened-last-day', 'opened-after', 'west', 'no-team']);
    expect(winsTable(snapshot, ana, '2026-11', '/').columns.map((c) => c.key)).toEqual(['opportunity', 'closed_day', 'customer', 'amount', 'cycle_days']);
    expect(winsTable(snapshot, EAST, '2026-W47', '/').columns.map((c) => c.key)).toEqual(['opportunity', 'closed_day', 'rep', 'customer', 'amount', 'cycle_days']);
    expect(() => periodWins(snapshot, ana, '2026-Q4')).toThrow('invalid period: "2026-Q4" is not a week or a month');
  });
});
