/**
 * The snapshot's customer section checked at the door: each bad field named by its path.
 */
import { describe, expect, it } from 'vitest';
import { snapshotErrorOf as errorOf } from './snapshot-error.ts';
import { fixtureSnapshot, makeSnapshot } from './make-snapshot.ts';

/** The fixture with `change` applied to its customer section, and the message it is refused with. */
const refuse = (change: (c: Record<string, any>) => void): string | null => {
  const snapshot = fixtureSnapshot();
  change(snapshot.customers as unknown as Record<string, any>);
  return errorOf(snapshot);
};

describe('parseSnapshot: the customers section', () => {
  it('accepts the fixture and an empty section', () => {
    expect(errorOf(fixtureSnapshot())).toBeNull();
    expect(errorOf(makeSnapshot())).toBeNull();
  });

  it('requires the section and its four parts', () => {
    const { customers: _c, ...rest } = fixtureSnapshot();
    expect(errorOf(rest)).toContain('snapshot.customers: expected object (missing)');
    expect(refuse((c) => delete c.segments)).toContain('snapshot.customers.segments: expected array (missing)');
    expect(refuse((c) => delete c.sales_cycle)).toContain('snapshot.customers.sales_cycle: expected object (missing)');
  });

  it("names a customer row's bad day, order count, money and ids by index", () => {
    const message = refuse((c) => {
      c.rows[2].last_day = '2026-13-01';
      c.rows[3].orders = 0;
      c.rows[4].net_revenue = '100';
      c.rows[5].rep_id = '';
      c.rows[6].segment = 7;
    });
    expect(message).toContain('snapshot.customers.rows[2].last_day: expected a day label (YYYY-MM-DD), got "2026-13-01"');
    expect(message).toContain('snapshot.customers.rows[3].orders: expected integer >= 1, got 0');
    expect(message).toContain('snapshot.customers.rows[4].net_revenue: expected number, got "100"');
    expect(message).toContain('snapshot.customers.rows[5].rep_id: expected non-empty string');
    expect(message).toContain('snapshot.customers.rows[6].segment: expected string or null, got 7');
  });

  it('names a bad first sale: its id, rep, team and amount (an older snapshot without them is refused, not misread)', () => {
    const message = refuse((c) => {
      delete c.rows[0].first_sale_id;
      c.rows[1].first_rep_id = '';
      c.rows[2].first_team_id = 3;
      c.rows[3].first_amount = null;
    });
    expect(message).toContain('snapshot.customers.rows[0].first_sale_id: expected string (missing)');
    expect(message).toContain('snapshot.customers.rows[1].first_rep_id: expected non-empty string');
    expect(message).toContain('snapshot.customers.rows[2].first_team_id: expected string or null, got 3');
    expect(message).toContain('snapshot.customers.rows[3].first_amount: expected number, got null');
  });

  it('refuses a last purchase before the first', () => {
    expect(refuse((c) => (c.rows[0].last_day = '2026-01-01'))).toContain(
      'snapshot.customers.rows[0].last_day: expected a day on or after first_day (2026-07-06), got "2026-01-01"',
    );
  });

  it('checks cohort cells: month labels, a month not before its cohort, counts', () => {
    const message = refuse((c) => {
      c.cohorts[0].cohort = '2025-Q4';
      c.cohorts[1].month = '2025-10';
      c.cohorts[2].customers = -1;
    });
    expect(message).toContain('snapshot.customers.cohorts[0].cohort: expected a month label, got "2025-Q4"');
    expect(message).toContain("snapshot.customers.cohorts[1].month: expected the cohort's month (2025-11) or later, got \"2025-10\"");
    expect(message).toContain('snapshot.customers.cohorts[2].customers: expected non-negative integer, got -1');
  });

  it('checks segment months', () => {
    const message = refuse((c) => {
      c.segments[0].month = '2026-W40';
      c.segments[1].orders = 1.5;
    });
    expect(message).toContain('snapshot.customers.segments[0].month: expected a month label, got "2026-W40"');
    expect(message).toContain('snapshot.customers.segments[1].orders: expected non-negative integer, got 1.5');
  });

  it('checks the sales cycle: bins in order with an open last one, a count per bin, no more binned than won', () => {
    const message = refuse((c) => {
      c.sales_cycle.bins[1].to_days = 8;
      c.sales_cycle.bins[6].to_days = 365;
      c.sales_cycle.quarters[0].counts.pop();
      c.sales_cycle.quarters[1].counts = [9, 0, 0, 0, 0, 0, 0];
      c.sales_cycle.quarters[1].period = '2026-11';
    });
    expect(message).toContain('snapshot.customers.sales_cycle.bins[1].to_days: expected an integer above from_days, got 8');
    expect(message).toContain('snapshot.customers.sales_cycle.bins[6].to_days: expected null (the last bin has no end), got 365');
    expect(message).toContain('snapshot.customers.sales_cycle.quarters[0].counts: expected 7 counts (one per bin), got 6');
    expect(message).toContain('snapshot.customers.sales_cycle.quarters[1].counts: expected at most won (7) in all, got 9');
    expect(message).toContain('snapshot.customers.sales_cycle.quarters[1].period: expected a quarter label, got "2026-11"');
  });
});
