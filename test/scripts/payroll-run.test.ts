/** The demo's payroll run: which quarter is locked and which sales arrive late. */
import { describe, expect, it } from 'vitest';
import { payrollRun } from '../../scripts/demo/payroll-run.ts';

const sale = (id: string, at: string) => ({ id, type: 'sale.closed', occurred_at: at });

describe('payroll run of the demo', () => {
  it('locks the last complete quarter and holds back the sales of its last two days (UTC)', () => {
    const events = [
      sale('a', '2026-09-28T23:59:59Z'), // before the last two days
      sale('b', '2026-09-29T00:00:00Z'), // late
      sale('c', '2026-09-30T23:00:00-05:00'), // Oct 1 04:00 UTC: already Q4
      sale('d', '2026-09-30T12:00:00+02:00'), // late
      { id: 'r', type: 'sale.refunded', occurred_at: '2026-09-30T10:00:00Z' }, // not a sale: on time
    ];
    const run = payrollRun(events, new Date('2026-11-26T12:00:00Z'));
    expect(run.quarter).toBe('2026-Q3');
    expect(run.late.map((e) => e.id)).toEqual(['b', 'd']);
    expect(run.onTime.map((e) => e.id)).toEqual(['a', 'c', 'r']);
  });

  it('crosses a year: in January the locked quarter is the previous Q4', () => {
    const run = payrollRun([sale('x', '2026-12-31T08:00:00Z')], new Date('2027-01-15T00:00:00Z'));
    expect(run.quarter).toBe('2026-Q4');
    expect(run.late.map((e) => e.id)).toEqual(['x']);
  });
});
