/** A team week's wins and open complaints: which items each week lists, at its edges. */
import { describe, expect, it } from 'vitest';
import type { ComplaintRow, WonOpportunityRow } from '../../shared/snapshot.ts';
import { openComplaints, openComplaintsDay, weekWins } from '../../site/data/week-process.ts';
import { makeSnapshot } from './make-snapshot.ts';

const complaint = (ticket_id: string, opened_day: string, resolved_day: string | null, team_id: string | null = 'east'): ComplaintRow => ({
  ticket_id,
  customer_id: 'k',
  rep_id: 'ana',
  team_id,
  opened_at: `${opened_day}T12:00:00.000Z`,
  opened_day,
  resolved_at: resolved_day === null ? null : `${resolved_day}T12:00:00.000Z`,
  resolved_day,
  resolution_hours: resolved_day === null ? null : 24,
});

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
    expect(weekWins(snapshot, 'east', '2026-W47').map((w) => w.opportunity_id)).toEqual(['monday', 'sunday']);
    expect(weekWins(snapshot, 'west', '2026-W47').map((w) => w.opportunity_id)).toEqual(['west']);
    expect(weekWins(snapshot, 'east', '2026-W46').map((w) => w.opportunity_id)).toEqual(['sunday-before']);
  });

  it('counts open complaints at the end of a past week, or at the as-of day of the running one', () => {
    expect(openComplaintsDay(snapshot, '2026-W47')).toBe('2026-11-22');
    expect(openComplaintsDay(snapshot, '2026-W48')).toBe('2026-11-25');
  });

  it('lists complaints opened by the end of the day and not resolved by then, with their age in days', () => {
    expect(openComplaints(snapshot, 'east', '2026-11-22').map((o) => [o.complaint.ticket_id, o.ageDays])).toEqual([
      ['old-open', 52],
      ['resolved-after', 2],
      ['opened-last-day', 0],
    ]);
    expect(openComplaints(snapshot, 'east', '2026-11-25').map((o) => o.complaint.ticket_id)).toEqual(['old-open', 'opened-last-day', 'opened-after']);
    expect(openComplaints(snapshot, 'west', '2026-11-22').map((o) => o.complaint.ticket_id)).toEqual(['west']);
  });
});
