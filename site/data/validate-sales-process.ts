/**
 * Checks the snapshot's sales-process lists (`snapshot.sales_process`) at the door: every won
 * opportunity and every complaint, each bad field reported with its path, e.g.
 * `snapshot.sales_process.complaints[2].resolved_day: expected null (the complaint is open), got "2026-11-20"`. Pure.
 */
import { array, dayLabel, expectedGot, instant, isObject, nullableFinite, nullableInstant, nullableNonNegative, nullableString, string, type Fail } from './validate-fields.ts';

/** Reports every problem of `value` as the sales-process section at `path` through `fail`. */
export function checkSalesProcess(value: unknown, path: string, fail: Fail): void {
  if (!isObject(value)) return fail(path, expectedGot('object', value));

  array(value, path, 'wins', fail)?.forEach((row, i) => {
    const p = `${path}.wins[${i}]`;
    if (!isObject(row)) return fail(p, expectedGot('object', row));
    string(row, p, 'opportunity_id', fail, { nonEmpty: true });
    for (const key of ['rep_id', 'team_id', 'customer_id']) nullableString(row, p, key, fail);
    nullableFinite(row, p, 'amount', fail);
    nullableInstant(row, p, 'opened_at', fail);
    instant(row, p, 'closed_at', fail);
    dayLabel(row, p, 'closed_day', fail);
    nullableNonNegative(row, p, 'cycle_days', fail);
    if ((row.opened_at === null) !== (row.cycle_days === null)) {
      fail(`${p}.cycle_days`, `expected ${row.opened_at === null ? 'null (no opening)' : 'a number (the opening is known)'}, got ${JSON.stringify(row.cycle_days)}`);
    }
  });

  array(value, path, 'complaints', fail)?.forEach((row, i) => {
    const p = `${path}.complaints[${i}]`;
    if (!isObject(row)) return fail(p, expectedGot('object', row));
    string(row, p, 'ticket_id', fail, { nonEmpty: true });
    string(row, p, 'customer_id', fail, { nonEmpty: true });
    nullableString(row, p, 'rep_id', fail);
    nullableString(row, p, 'team_id', fail);
    instant(row, p, 'opened_at', fail);
    dayLabel(row, p, 'opened_day', fail);
    nullableInstant(row, p, 'resolved_at', fail);
    if (row.resolved_day !== null) dayLabel(row, p, 'resolved_day', fail);
    nullableNonNegative(row, p, 'resolution_hours', fail);
    // Resolved or open: the three resolution fields agree.
    const open = row.resolved_at === null;
    for (const key of ['resolved_day', 'resolution_hours']) {
      if ((row[key] === null) !== open) fail(`${p}.${key}`, `expected ${open ? 'null (the complaint is open)' : 'a value (the complaint is resolved)'}, got ${JSON.stringify(row[key])}`);
    }
  });
}
