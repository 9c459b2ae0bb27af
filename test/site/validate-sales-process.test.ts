/**
 * The snapshot's sales-process lists checked at the door: each bad field named by its path.
 */
import { describe, expect, it } from 'vitest';
import { snapshotErrorOf as errorOf } from './snapshot-error.ts';
import { fixtureSnapshot, makeSnapshot } from './make-snapshot.ts';

/** The fixture with `change` applied to its sales-process section, and the message it is refused with. */
const refuse = (change: (p: Record<string, any>) => void): string | null => {
  const snapshot = fixtureSnapshot();
  change(snapshot.sales_process as unknown as Record<string, any>);
  return errorOf(snapshot);
};

describe('parseSnapshot: the sales_process section', () => {
  it('accepts the fixture (wins with and without an opening, open and resolved complaints) and empty lists', () => {
    expect(errorOf(fixtureSnapshot())).toBeNull();
    expect(errorOf(makeSnapshot())).toBeNull();
  });

  it('requires the section and both lists: an older snapshot is refused by path', () => {
    const { sales_process: _p, ...rest } = fixtureSnapshot();
    expect(errorOf(rest)).toContain('snapshot.sales_process: expected object (missing)');
    expect(refuse((p) => delete p.complaints)).toContain('snapshot.sales_process.complaints: expected array (missing)');
  });

  it("names a win's bad ids, amount, instants, day and cycle by index", () => {
    const message = refuse((p) => {
      p.wins[1].opportunity_id = '';
      p.wins[1].amount = '18000';
      p.wins[1].closed_at = 'yesterday';
      p.wins[2].closed_day = '2026-11-31';
      p.wins[2].cycle_days = -1;
      p.wins[0].cycle_days = 3; // no opening, so no cycle
    });
    expect(message).toContain('snapshot.sales_process.wins[1].opportunity_id: expected non-empty string');
    expect(message).toContain('snapshot.sales_process.wins[1].amount: expected number or null, got "18000"');
    expect(message).toContain('snapshot.sales_process.wins[1].closed_at: expected ISO 8601 instant, got "yesterday"');
    expect(message).toContain('snapshot.sales_process.wins[2].closed_day: expected a day label (YYYY-MM-DD), got "2026-11-31"');
    expect(message).toContain('snapshot.sales_process.wins[2].cycle_days: expected null or a number >= 0, got -1');
    expect(message).toContain('snapshot.sales_process.wins[0].cycle_days: expected null (no opening), got 3');
  });

  it('names a complaint whose resolution fields disagree, and its bad ids', () => {
    const message = refuse((p) => {
      p.complaints[0].resolved_day = '2026-11-20'; // tkt_e01 is open
      p.complaints[1].resolution_hours = null; // tkt_w01 is resolved
      p.complaints[2].customer_id = 7;
    });
    expect(message).toContain('snapshot.sales_process.complaints[0].resolved_day: expected null (the complaint is open), got "2026-11-20"');
    expect(message).toContain('snapshot.sales_process.complaints[1].resolution_hours: expected a value (the complaint is resolved), got null');
    expect(message).toContain('snapshot.sales_process.complaints[2].customer_id: expected string');
  });
});
