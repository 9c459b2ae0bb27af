/**
 * The demo's payroll run: the last complete quarter is locked after the first recompute, as a
 * finance team would before paying commissions, and a few sales from that quarter's last days
 * arrive only afterwards (a CRM import that ran late). Their commission then shows up as
 * adjustment lines in the next open quarter, not as a rewrite of the locked one.
 */
import { labelsOfDay, shiftLabel } from '../../shared/period.ts';

export interface PayrollRun<E> {
  /** The quarter locked: the last one complete at `now` (UTC). */
  quarter: string;
  /** Everything but the late sales, posted before the lock. */
  onTime: E[];
  /** sale.closed events of the quarter's last `lateDays` days, posted after the lock. */
  late: E[];
}

/** The last day (UTC) of a quarter label. */
function lastDayOf(quarter: string): string {
  const next = shiftLabel(quarter, 1);
  const month = (Number(next.slice(6)) - 1) * 3 + 1;
  return new Date(Date.UTC(Number(next.slice(0, 4)), month - 1, 1) - 86_400_000).toISOString().slice(0, 10);
}

export function payrollRun<E extends { type: string; occurred_at: string }>(events: readonly E[], now: Date, lateDays = 2): PayrollRun<E> {
  const quarter = shiftLabel(labelsOfDay(now.toISOString().slice(0, 10)).quarter, -1);
  const last = lastDayOf(quarter);
  const from = new Date(Date.parse(`${last}T00:00:00Z`) - (lateDays - 1) * 86_400_000).toISOString().slice(0, 10);
  const isLate = (e: E) => {
    const day = new Date(e.occurred_at).toISOString().slice(0, 10);
    return e.type === 'sale.closed' && day >= from && day <= last;
  };
  return { quarter, onTime: events.filter((e) => !isLate(e)), late: events.filter(isLate) };
}
