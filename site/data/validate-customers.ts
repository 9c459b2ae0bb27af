/**
 * Checks the snapshot's customer section (`snapshot.customers`) at the door: every customer's
 * purchases, the cohort table, the segment months and the sales cycle, each bad field reported
 * with its path, e.g. `snapshot.customers.rows[3].last_day: expected a day label (YYYY-MM-DD),
 * got "2026-13-01"`. Pure.
 */
import type { Grain } from '../../shared/snapshot.ts';
import { array, count, dayLabel, expectedGot, finite, isCount, isObject, nullableString, periodLabel, string, type Fail } from './validate-fields.ts';

const MONTH: readonly Grain[] = ['month'];
const QUARTER: readonly Grain[] = ['quarter'];

/** Reports every problem of `value` as the customer section at `path` through `fail`. */
export function checkCustomers(value: unknown, path: string, fail: Fail): void {
  if (!isObject(value)) return fail(path, expectedGot('object', value));

  array(value, path, 'rows', fail)?.forEach((row, i) => {
    const p = `${path}.rows[${i}]`;
    if (!isObject(row)) return fail(p, expectedGot('object', row));
    string(row, p, 'customer_id', fail, { nonEmpty: true });
    dayLabel(row, p, 'first_day', fail);
    dayLabel(row, p, 'last_day', fail);
    if (typeof row.first_day === 'string' && typeof row.last_day === 'string' && row.last_day < row.first_day) {
      fail(`${p}.last_day`, `expected a day on or after first_day (${row.first_day}), got ${JSON.stringify(row.last_day)}`);
    }
    if (!(isCount(row.orders) && row.orders >= 1)) fail(`${p}.orders`, expectedGot('integer >= 1', row.orders));
    for (const key of ['revenue', 'refunds', 'net_revenue'] as const) finite(row, p, key, fail);
    nullableString(row, p, 'segment', fail);
    nullableString(row, p, 'region', fail);
    string(row, p, 'rep_id', fail, { nonEmpty: true });
    nullableString(row, p, 'team_id', fail);
    string(row, p, 'first_sale_id', fail, { nonEmpty: true });
    string(row, p, 'first_rep_id', fail, { nonEmpty: true });
    nullableString(row, p, 'first_team_id', fail);
    finite(row, p, 'first_amount', fail);
  });

  array(value, path, 'cohorts', fail)?.forEach((cell, i) => {
    const p = `${path}.cohorts[${i}]`;
    if (!isObject(cell)) return fail(p, expectedGot('object', cell));
    const cohort = periodLabel(cell, p, 'cohort', MONTH, fail);
    const month = periodLabel(cell, p, 'month', MONTH, fail);
    if (cohort && month && (cell.month as string) < (cell.cohort as string)) {
      fail(`${p}.month`, `expected the cohort's month (${cell.cohort as string}) or later, got ${JSON.stringify(cell.month)}`);
    }
    count(cell, p, 'customers', fail);
    finite(cell, p, 'net_revenue', fail);
  });

  array(value, path, 'segments', fail)?.forEach((row, i) => {
    const p = `${path}.segments[${i}]`;
    if (!isObject(row)) return fail(p, expectedGot('object', row));
    nullableString(row, p, 'segment', fail);
    periodLabel(row, p, 'month', MONTH, fail);
    count(row, p, 'orders', fail);
    count(row, p, 'customers', fail);
    finite(row, p, 'net_revenue', fail);
  });

  const cycle = value.sales_cycle;
  const cyclePath = `${path}.sales_cycle`;
  if (!isObject(cycle)) return fail(cyclePath, expectedGot('object', cycle));
  const bins = array(cycle, cyclePath, 'bins', fail);
  bins?.forEach((bin, i) => {
    const p = `${cyclePath}.bins[${i}]`;
    if (!isObject(bin)) return fail(p, expectedGot('object', bin));
    count(bin, p, 'from_days', fail);
    const last = i === bins.length - 1;
    if (last ? bin.to_days !== null : !(isCount(bin.to_days) && bin.to_days > (bin.from_days as number))) {
      fail(`${p}.to_days`, expectedGot(last ? 'null (the last bin has no end)' : 'an integer above from_days', bin.to_days));
    }
  });
  array(cycle, cyclePath, 'quarters', fail)?.forEach((q, i) => {
    const p = `${cyclePath}.quarters[${i}]`;
    if (!isObject(q)) return fail(p, expectedGot('object', q));
    periodLabel(q, p, 'period', QUARTER, fail);
    count(q, p, 'won', fail);
    count(q, p, 'lost', fail);
    const counts = array(q, p, 'counts', fail);
    if (!counts) return;
    if (bins && counts.length !== bins.length) fail(`${p}.counts`, `expected ${bins.length} counts (one per bin), got ${counts.length}`);
    counts.forEach((c, j) => {
      if (!isCount(c)) fail(`${p}.counts[${j}]`, expectedGot('non-negative integer', c));
    });
    const binned = counts.reduce<number>((s, c) => s + (isCount(c) ? c : 0), 0);
    if (isCount(q.won) && binned > q.won) fail(`${p}.counts`, `expected at most won (${q.won}) in all, got ${binned}`);
  });
}
