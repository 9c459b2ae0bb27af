/**
 * Checks a parsed JSON value against the snapshot schema (`shared/snapshot.ts`) at the door, so
 * the pages can trust every field. Pure: no I/O. Errors name the field, e.g.
 * `snapshot.kpis[3].period: expected string`.
 */
import {
  GRAINS,
  SCOPES,
  SNAPSHOT_SCHEMA,
  type Grain,
  type Scope,
  type Snapshot,
} from '../../shared/snapshot.ts';
import { isValidTimezone } from '../../shared/period.ts';
import { grainOf } from './period.ts';
import { checkAppraisals } from './validate-appraisals.ts';
import { checkCustomers } from './validate-customers.ts';
import { checkSalesProcess } from './validate-sales-process.ts';
import {
  array,
  dayLabel,
  describe,
  expectedGot,
  finite,
  isCount,
  isObject,
  nullableFinite,
  nullableString,
  oneOf,
  periodOf,
  string,
  type Fail,
  type Obj,
} from './validate-fields.ts';

/** Thrown when a snapshot does not follow the schema; `issues` lists every problem found. */
export class SnapshotError extends Error {
  readonly issues: string[];
  constructor(issues: string[], source?: string) {
    const where = source ? ` (${source})` : '';
    const shown = issues.slice(0, MAX_SHOWN);
    const more = issues.length > MAX_SHOWN ? `\n  ... and ${issues.length - MAX_SHOWN} more` : '';
    super(`invalid snapshot${where}: ${shown.join('\n  ')}${more}`);
    this.name = 'SnapshotError';
    this.issues = issues;
  }
}

const MAX_SHOWN = 10;

const MONEY_FIELDS = ['revenue', 'refunds', 'net_revenue', 'cost', 'profit'] as const;
const COUNT_FIELDS = ['orders', 'active_customers', 'new_customers', 'visits', 'complaints'] as const;
const NULLABLE_RATIO_FIELDS = [
  'margin',
  'attainment',
  'repeat_customer_rate',
  'csat_satisfied_rate',
  'market_share',
  'win_rate',
] as const;
const NULLABLE_NUMBER_FIELDS = [
  'average_order_value',
  'target_revenue',
  'csat',
  'nps',
  'complaint_resolution_hours_median',
  'sales_cycle_days_median',
] as const;
const MARKET_GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
const TARGET_METRICS = ['revenue', 'profit', 'new_customers', 'orders'] as const;
const PACING_METHODS = ['elapsed_days', 'last_year_profile'] as const;

/**
 * Returns `value` typed as a Snapshot, or throws a SnapshotError naming every bad field.
 *
 * @example parseSnapshot(JSON.parse(text), 'snapshot.json')
 */
export function parseSnapshot(value: unknown, source?: string): Snapshot {
  const issues: string[] = [];
  const fail = (path: string, message: string): void => {
    issues.push(`${path}: ${message}`);
  };

  if (!isObject(value)) {
    throw new SnapshotError([`snapshot: expected object, got ${describe(value)}`], source);
  }
  const s = value;

  // Check the schema first: a different schema version makes every other message noise.
  if (s.schema !== SNAPSHOT_SCHEMA) {
    throw new SnapshotError(
      [`snapshot.schema: expected ${JSON.stringify(SNAPSHOT_SCHEMA)}, got ${describe(s.schema)}`],
      source,
    );
  }

  string(s, 'snapshot', 'snapshot_id', fail, { nonEmpty: true });
  if (!(typeof s.version === 'number' && Number.isInteger(s.version) && s.version >= 1)) {
    fail('snapshot.version', `expected integer >= 1, got ${describe(s.version)}`);
  }
  if (string(s, 'snapshot', 'as_of', fail) && Number.isNaN(Date.parse(s.as_of as string))) {
    fail('snapshot.as_of', `expected ISO 8601 instant, got ${describe(s.as_of)}`);
  }
  string(s, 'snapshot', 'content_hash', fail);
  if (string(s, 'snapshot', 'timezone', fail) && !isValidTimezone(s.timezone as string)) {
    fail('snapshot.timezone', `expected IANA timezone, got ${describe(s.timezone)}`);
  }
  if (string(s, 'snapshot', 'currency', fail) && !isCurrency(s.currency as string)) {
    fail('snapshot.currency', `expected ISO 4217 code, got ${describe(s.currency)}`);
  }

  array(s, 'snapshot', 'teams', fail)?.forEach((team, i) => {
    const path = `snapshot.teams[${i}]`;
    if (!isObject(team)) return fail(path, `expected object, got ${describe(team)}`);
    string(team, path, 'team_id', fail, { nonEmpty: true });
    string(team, path, 'name', fail);
  });

  array(s, 'snapshot', 'reps', fail)?.forEach((rep, i) => {
    const path = `snapshot.reps[${i}]`;
    if (!isObject(rep)) return fail(path, `expected object, got ${describe(rep)}`);
    string(rep, path, 'rep_id', fail, { nonEmpty: true });
    string(rep, path, 'name', fail);
    nullableString(rep, path, 'team_id', fail);
  });

  array(s, 'snapshot', 'kpis', fail)?.forEach((row, i) => checkKpiRow(row, `snapshot.kpis[${i}]`, fail));

  array(s, 'snapshot', 'markets', fail)?.forEach((m, i) => {
    const path = `snapshot.markets[${i}]`;
    if (!isObject(m)) return fail(path, expectedGot('object', m));
    periodOf(m, path, MARKET_GRAINS, fail);
    nullableString(m, path, 'region', fail);
    nullableString(m, path, 'segment', fail);
    finite(m, path, 'market_size', fail);
    finite(m, path, 'net_revenue', fail);
    nullableFinite(m, path, 'share', fail);
  });

  array(s, 'snapshot', 'targets', fail)?.forEach((t, i) => {
    const path = `snapshot.targets[${i}]`;
    if (!isObject(t)) return fail(path, expectedGot('object', t));
    string(t, path, 'event_id', fail);
    scopeAndId(t, path, fail);
    oneOf(t, path, 'metric', TARGET_METRICS, fail);
    if (typeof t.period !== 'string') fail(`${path}.period`, expectedGot('string', t.period));
    else if (!MARKET_GRAINS.includes(grainOf(t.period) as Grain)) {
      fail(`${path}.period`, `expected a year, quarter or month label, got ${describe(t.period)}`);
    }
    finite(t, path, 'value', fail);
    string(t, path, 'occurred_at', fail);
    if (typeof t.current !== 'boolean') fail(`${path}.current`, expectedGot('boolean', t.current));
  });

  array(s, 'snapshot', 'pacing', fail)?.forEach((p, i) => {
    const path = `snapshot.pacing[${i}]`;
    if (!isObject(p)) return fail(path, expectedGot('object', p));
    scopeAndId(p, path, fail);
    periodOf(p, path, MARKET_GRAINS, fail);
    for (const key of ['target_revenue', 'net_revenue_to_date', 'expected_fraction', 'expected_to_date'] as const) {
      finite(p, path, key, fail);
    }
    for (const key of ['elapsed_days', 'total_days'] as const) {
      if (!isCount(p[key])) fail(`${path}.${key}`, expectedGot('non-negative integer', p[key]));
    }
    oneOf(p, path, 'method', PACING_METHODS, fail);
    nullableFinite(p, path, 'projected_net_revenue', fail);
    nullableFinite(p, path, 'projected_attainment', fail);
  });

  const dq = s.data_quality;
  if (!isObject(dq)) {
    fail('snapshot.data_quality', expectedGot('object', dq));
  } else {
    const path = 'snapshot.data_quality';
    if (!isObject(dq.events_by_type)) {
      fail(`${path}.events_by_type`, expectedGot('object', dq.events_by_type));
    } else {
      for (const [type, count] of Object.entries(dq.events_by_type)) {
        if (!isCount(count)) fail(`${path}.events_by_type.${type}`, expectedGot('non-negative integer', count));
      }
    }
    array(dq, path, 'events_by_day', fail)?.forEach((d, i) => {
      const p = `${path}.events_by_day[${i}]`;
      if (!isObject(d)) return fail(p, expectedGot('object', d));
      dayLabel(d, p, 'day', fail);
      string(d, p, 'type', fail);
      string(d, p, 'source', fail);
      if (!isCount(d.events)) fail(`${p}.events`, expectedGot('non-negative integer', d.events));
    });
    array(dq, path, 'rejected_requests', fail)?.forEach((r, i) => {
      const p = `${path}.rejected_requests[${i}]`;
      if (!isObject(r)) return fail(p, expectedGot('object', r));
      dayLabel(r, p, 'day', fail);
      string(r, p, 'source', fail);
      string(r, p, 'reason', fail);
      for (const key of ['requests', 'events'] as const) {
        if (!isCount(r[key])) fail(`${p}.${key}`, expectedGot('non-negative integer', r[key]));
      }
    });
    const conflicts = dq.conflicts;
    if (!isObject(conflicts)) {
      fail(`${path}.conflicts`, expectedGot('object', conflicts));
    } else {
      if (!isCount(conflicts.count)) fail(`${path}.conflicts.count`, expectedGot('non-negative integer', conflicts.count));
      array(conflicts, `${path}.conflicts`, 'recent', fail)?.forEach((c, i) => {
        const p = `${path}.conflicts.recent[${i}]`;
        if (!isObject(c)) return fail(p, expectedGot('object', c));
        for (const key of ['event_id', 'received_at', 'source', 'webhook_id'] as const) string(c, p, key, fail);
      });
    }
    const late = dq.late_arrivals;
    if (!isObject(late)) {
      fail(`${path}.late_arrivals`, expectedGot('object', late));
    } else {
      finite(late, `${path}.late_arrivals`, 'threshold_hours', fail);
      array(late, `${path}.late_arrivals`, 'by_type_source', fail)?.forEach((l, i) => {
        const p = `${path}.late_arrivals.by_type_source[${i}]`;
        if (!isObject(l)) return fail(p, expectedGot('object', l));
        string(l, p, 'type', fail);
        string(l, p, 'source', fail);
        if (!isCount(l.events)) fail(`${p}.events`, expectedGot('non-negative integer', l.events));
        finite(l, p, 'max_delay_hours', fail);
      });
    }
    array(dq, path, 'orphan_refunds', fail)?.forEach((o, i) => {
      const p = `${path}.orphan_refunds[${i}]`;
      if (!isObject(o)) return fail(p, expectedGot('object', o));
      string(o, p, 'event_id', fail);
      string(o, p, 'sale_id', fail);
      finite(o, p, 'amount', fail);
      string(o, p, 'occurred_at', fail);
    });
    array(dq, path, 'unattributed_sales', fail)?.forEach((u, i) => {
      const p = `${path}.unattributed_sales[${i}]`;
      if (!isObject(u)) return fail(p, expectedGot('object', u));
      string(u, p, 'sale_id', fail);
      string(u, p, 'rep_id', fail);
      string(u, p, 'occurred_at', fail);
    });
  }

  checkAppraisals(s.appraisals, 'snapshot.appraisals', fail);
  checkCustomers(s.customers, 'snapshot.customers', fail);
  checkSalesProcess(s.sales_process, 'snapshot.sales_process', fail);

  if (issues.length > 0) throw new SnapshotError(issues, source);
  return s as unknown as Snapshot;
}

/** `scope` is company|team|rep; `id` is null for the company and a non-empty string otherwise. */
function scopeAndId(row: Obj, path: string, fail: Fail): void {
  const scope = row.scope;
  if (!SCOPES.includes(scope as Scope)) {
    fail(`${path}.scope`, `expected one of ${SCOPES.join('|')}, got ${describe(scope)}`);
  }
  if (scope === 'company') {
    if (row.id !== null) fail(`${path}.id`, expectedGot('null for the company', row.id));
  } else if (SCOPES.includes(scope as Scope) && !(typeof row.id === 'string' && row.id.length > 0)) {
    fail(`${path}.id`, expectedGot('non-empty string', row.id));
  }
}

function checkKpiRow(row: unknown, path: string, fail: Fail): void {
  if (!isObject(row)) return fail(path, expectedGot('object', row));
  scopeAndId(row, path, fail);
  periodOf(row, path, GRAINS, fail);
  for (const key of MONEY_FIELDS) finite(row, path, key, fail);
  for (const key of COUNT_FIELDS) {
    if (!isCount(row[key])) fail(`${path}.${key}`, expectedGot('non-negative integer', row[key]));
  }
  for (const key of [...NULLABLE_RATIO_FIELDS, ...NULLABLE_NUMBER_FIELDS]) nullableFinite(row, path, key, fail);
}

function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}
