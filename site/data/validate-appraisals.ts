/**
 * Checks the snapshot's `appraisals` section (`AppraisalSection` in shared/snapshot.ts) at the
 * door, like the rest of the snapshot: every bad field is reported with its path, e.g.
 * `snapshot.appraisals.periods[1].rows[0].commission.payable: expected number`. Pure.
 *
 * Beyond the types, it checks what the pages print as sums, in exact 1/10000 units: a quarter's
 * statement adds up (base = sales − refunds, earned = Σ tier amounts, clawback and adjustment =
 * Σ their lines) and every statement's payable = earned − clawback + adjustment. A period label
 * and a rep appear once per period (each has one page). The policy, when given, must be a valid
 * `quotient.policy/1` (the site reads band labels and plan names from it).
 */
import { parsePolicy, PolicyError } from '../../shared/policy/schema.ts';
import { formatUnitsText, toUnits } from './money.ts';
import {
  array,
  boolean,
  count,
  dayLabel,
  describe,
  expectedGot,
  finite,
  instant,
  isFiniteNumber,
  isObject,
  nullableFinite,
  nullableString,
  object,
  oneOf,
  periodLabel,
  periodOf,
  string,
  type Fail,
  type Obj,
} from './validate-fields.ts';

const STATUSES = ['running', 'closed', 'locked'] as const;
const COMPONENT_STATUSES = ['scored', 'no_data', 'no_target', 'zero_target'] as const;
const LOCK_ACTIONS = ['lock', 'unlock'] as const;

/** Reports every problem of `value` as the appraisals section at `path` (`snapshot.appraisals`). */
export function checkAppraisals(value: unknown, path: string, fail: Fail): void {
  if (!isObject(value)) return fail(path, expectedGot('object', value));
  const a = value;
  string(a, path, 'policy_version', fail);
  if (a.policy !== null) checkPolicy(a.policy, `${path}.policy`, fail);

  const seen = new Set<string>();
  array(a, path, 'periods', fail)?.forEach((period, i) => {
    const p = `${path}.periods[${i}]`;
    if (!isObject(period)) return fail(p, expectedGot('object', period));
    checkPeriod(period, p, fail);
    if (typeof period.period === 'string') {
      if (seen.has(period.period)) fail(`${p}.period`, `${describe(period.period)} appears twice (one page per period)`);
      seen.add(period.period);
    }
  });

  const feedback = object(a, path, 'feedback', fail);
  if (feedback) {
    const f = `${path}.feedback`;
    if (!(isFiniteNumber(feedback.min_group) && Number.isInteger(feedback.min_group) && feedback.min_group >= 1)) {
      fail(`${f}.min_group`, expectedGot('integer >= 1', feedback.min_group));
    }
    array(feedback, f, 'groups', fail)?.forEach((g, i) => {
      const p = `${f}.groups[${i}]`;
      if (!isObject(g)) return fail(p, expectedGot('object', g));
      periodLabel(g, p, 'period', ['quarter', 'year'], fail);
      nullableString(g, p, 'team_id', fail);
      string(g, p, 'topic', fail);
      count(g, p, 'responses', fail);
      nullableFinite(g, p, 'mean_score', fail);
      nullableFinite(g, p, 'favourable_rate', fail);
    });
    array(feedback, f, 'hidden', fail)?.forEach((h, i) => {
      const p = `${f}.hidden[${i}]`;
      if (!isObject(h)) return fail(p, expectedGot('object', h));
      periodLabel(h, p, 'period', ['quarter', 'year'], fail);
      string(h, p, 'topic', fail);
      count(h, p, 'groups', fail);
    });
  }

  array(a, path, 'lock_audit', fail)?.forEach((entry, i) => {
    const p = `${path}.lock_audit[${i}]`;
    if (!isObject(entry)) return fail(p, expectedGot('object', entry));
    periodLabel(entry, p, 'period', ['quarter', 'year'], fail);
    oneOf(entry, p, 'action', LOCK_ACTIONS, fail);
    instant(entry, p, 'at', fail);
    nullableString(entry, p, 'by', fail);
    nullableString(entry, p, 'reason', fail);
    nullableString(entry, p, 'snapshot_id', fail);
  });
}

function checkPolicy(policy: unknown, path: string, fail: Fail): void {
  try {
    parsePolicy(policy);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    for (const e of error.fieldErrors) fail(e.path ? `${path}.${e.path}` : path, e.message);
  }
}

function checkPeriod(period: Obj, path: string, fail: Fail): void {
  periodOf(period, path, ['quarter', 'year'], fail);
  string(period, path, 'scheme', fail, { nonEmpty: true });
  string(period, path, 'scheme_name', fail);
  oneOf(period, path, 'status', STATUSES, fail);
  if (period.status === 'locked') instant(period, path, 'locked_at', fail);
  else if (period.locked_at !== null) fail(`${path}.locked_at`, expectedGot('null unless the period is locked', period.locked_at));
  const quarter = period.grain === 'quarter';
  const reps = new Set<string>();
  array(period, path, 'rows', fail)?.forEach((row, i) => {
    const p = `${path}.rows[${i}]`;
    if (!isObject(row)) return fail(p, expectedGot('object', row));
    if (string(row, p, 'rep_id', fail, { nonEmpty: true })) {
      if (reps.has(row.rep_id as string)) fail(`${p}.rep_id`, `${describe(row.rep_id)} appears twice in the period`);
      reps.add(row.rep_id as string);
    }
    checkRow(row, p, quarter, fail);
  });
  array(period, path, 'calibration', fail)?.forEach((group, i) => {
    const p = `${path}.calibration[${i}]`;
    if (!isObject(group)) return fail(p, expectedGot('object', group));
    nullableString(group, p, 'team_id', fail);
    count(group, p, 'rated', fail);
    nullableFinite(group, p, 'mean_score', fail);
    const bands = object(group, p, 'bands', fail);
    if (bands) for (const band of Object.keys(bands)) count(bands, `${p}.bands`, band, fail);
    boolean(group, p, 'flagged', fail);
    nullableString(group, p, 'reason', fail);
  });
}

function checkRow(row: Obj, path: string, quarter: boolean, fail: Fail): void {
  nullableString(row, path, 'team_id', fail);
  nullableFinite(row, path, 'score', fail);
  nullableString(row, path, 'band', fail);
  if (row.consequence !== null) {
    const c = object(row, path, 'consequence', fail);
    if (c) {
      const p = `${path}.consequence`;
      string(c, p, 'summary', fail);
      finite(c, p, 'bonus_multiplier', fail);
      boolean(c, p, 'promotion_candidate', fail);
      boolean(c, p, 'improvement_plan', fail);
    }
  }
  const rank = row.rank_in_team;
  if (rank !== null && !(isFiniteNumber(rank) && Number.isInteger(rank) && rank >= 1)) {
    fail(`${path}.rank_in_team`, expectedGot('integer >= 1 or null', rank));
  }
  boolean(row, path, 'renormalised', fail);
  array(row, path, 'components', fail)?.forEach((c, i) => {
    const p = `${path}.components[${i}]`;
    if (!isObject(c)) return fail(p, expectedGot('object', c));
    string(c, p, 'metric', fail, { nonEmpty: true });
    string(c, p, 'label', fail);
    nullableFinite(c, p, 'actual', fail);
    nullableFinite(c, p, 'target', fail);
    finite(c, p, 'weight', fail);
    nullableFinite(c, p, 'effective_weight', fail);
    nullableFinite(c, p, 'score', fail);
    oneOf(c, p, 'status', COMPONENT_STATUSES, fail);
    string(c, p, 'explanation', fail);
  });
  const commission = object(row, path, 'commission', fail);
  if (commission) checkStatement(commission, `${path}.commission`, quarter, fail);
}

/** A money field: a number exact to 4 decimals; its units, or null after reporting. */
function money(o: Obj, path: string, key: string, fail: Fail): number | null {
  if (!finite(o, path, key, fail)) return null;
  try {
    return toUnits(o[key] as number);
  } catch {
    fail(`${path}.${key}`, expectedGot('an amount within ±900 billion', o[key]));
    return null;
  }
}

/** Checks the lines of `key`, each with `check`; returns the sum of `amount` (units) over them, or null when any is bad. */
function lines(o: Obj, path: string, key: string, amount: string, fail: Fail, check: (line: Obj, p: string) => void): number | null {
  let sum: number | null = 0;
  const list = array(o, path, key, fail);
  if (!list) return null;
  list.forEach((line, i) => {
    const p = `${path}.${key}[${i}]`;
    if (!isObject(line)) {
      fail(p, expectedGot('object', line));
      sum = null;
      return;
    }
    check(line, p);
    const units = money(line, p, amount, fail);
    sum = sum === null || units === null ? null : sum + units;
  });
  return sum;
}

function checkStatement(s: Obj, path: string, quarter: boolean, fail: Fail): void {
  nullableString(s, path, 'plan', fail);
  if (s.target !== null) money(s, path, 'target', fail);
  nullableFinite(s, path, 'attainment', fail);
  const base = money(s, path, 'base', fail);
  const earned = money(s, path, 'earned', fail);
  const clawback = money(s, path, 'clawback', fail);
  const adjustment = money(s, path, 'adjustment', fail);
  const payable = money(s, path, 'payable', fail);

  const tiers = lines(s, path, 'tiers', 'amount', fail, (t, p) => {
    finite(t, p, 'from_attainment', fail);
    nullableFinite(t, p, 'to_attainment', fail);
    finite(t, p, 'rate', fail);
    money(t, p, 'base', fail);
  });
  const sales = lines(s, path, 'sales', 'amount', fail, (line, p) => {
    string(line, p, 'sale_id', fail);
    dayLabel(line, p, 'day', fail);
  });
  const refunds = lines(s, path, 'refunds', 'amount', fail, (line, p) => {
    string(line, p, 'event_id', fail);
    string(line, p, 'sale_id', fail);
    dayLabel(line, p, 'day', fail);
  });
  const clawbacks = lines(s, path, 'clawbacks', 'clawback', fail, (line, p) => {
    string(line, p, 'event_id', fail);
    string(line, p, 'sale_id', fail);
    dayLabel(line, p, 'day', fail);
    money(line, p, 'amount', fail);
    periodLabel(line, p, 'sale_period', ['quarter'], fail);
    finite(line, p, 'rate', fail);
  });
  const adjustments = lines(s, path, 'adjustments', 'amount', fail, (line, p) => {
    periodLabel(line, p, 'from_period', ['quarter'], fail);
    string(line, p, 'reason', fail);
  });

  const adds = (key: string, got: number | null, expected: number | null, formula: string) => {
    if (got !== null && expected !== null && got !== expected) {
      fail(`${path}.${key}`, `expected ${formula} = ${formatUnitsText(expected)}, got ${formatUnitsText(got)}`);
    }
  };
  const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  if (earned !== null && clawback !== null && adjustment !== null) adds('payable', payable, earned - clawback + adjustment, 'earned − clawback + adjustment');
  // A year's statement is the sum of its quarters: its lines stay in the quarters.
  if (!quarter) return;
  adds('base', base, minus(sales, refunds), 'Σ sales − Σ refunds');
  if (Array.isArray(s.tiers) && s.tiers.length > 0) adds('earned', earned, tiers, 'Σ tier amounts');
  adds('clawback', clawback, clawbacks, 'Σ clawback lines');
  adds('adjustment', adjustment, adjustments, 'Σ adjustment lines');
}
