/**
 * Customer behaviour from the snapshot's customer facts, at the snapshot's as-of day: RFM
 * segments, cohort retention, repeat purchase, lapsing customers and an estimate of customer
 * lifetime value. Pure, and every figure comes with the rule that made it (see each function).
 */
import type { CohortCell, CustomerRow } from '../snapshot.ts';
import { labelRange } from '../period.ts';

const DAY_MS = 86_400_000;
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
/** Whole days from one local day to another. */
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

export type RfmSegment = 'champions' | 'loyal' | 'new' | 'promising' | 'at_risk' | 'hibernating' | 'needs_attention';

export const RFM_SEGMENTS: readonly { segment: RfmSegment; label: string; rule: string }[] = [
  { segment: 'champions', label: 'Champions', rule: 'bought recently (R 4–5) and often (F 4–5)' },
  { segment: 'loyal', label: 'Loyal', rule: 'buy often (F 4–5), not in the last while (R 3)' },
  { segment: 'new', label: 'New', rule: 'first purchase recently (R 4–5, one order)' },
  { segment: 'promising', label: 'Promising', rule: 'bought recently (R 4–5), a few times (F 2–3)' },
  { segment: 'at_risk', label: 'At risk', rule: 'used to buy often (F 3–5), not lately (R 1–2)' },
  { segment: 'hibernating', label: 'Hibernating', rule: 'few orders (F 1–2), long ago (R 1–2)' },
  { segment: 'needs_attention', label: 'Needs attention', rule: 'everyone else (middling recency and frequency)' },
];

export interface RfmCustomer {
  customer_id: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/**
 * Scores 1–5 by rank: the customers are ordered by the measure and split into five groups of
 * (nearly) equal size; equal values always get the same score (the score of their first rank).
 */
function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => (higherIsBetter ? a.v - b.v : b.v - a.v));
  const scores = new Array<number>(values.length);
  let rankOfValue = 0;
  order.forEach(({ v, i }, rank) => {
    if (rank === 0 || v !== order[rank - 1]!.v) rankOfValue = rank;
    scores[i] = Math.min(5, Math.floor((rankOfValue * 5) / values.length) + 1);
  });
  return scores;
}

function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 4 && f >= 4) return 'champions';
  if (r >= 4 && f === 1) return 'new';
  if (r >= 4) return 'promising';
  if (r === 3 && f >= 4) return 'loyal';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r <= 2) return 'hibernating';
  return 'needs_attention';
}

/**
 * RFM: recency (days since the last purchase, fewer is better), frequency (orders) and
 * monetary (net revenue) scored 1–5 by quintile over the customers; the segment is read from R
 * and F (M is reported, not segmented on). The `new` segment is exactly one order, so F is the
 * customer's order count there, not its quintile.
 */
export function rfm(customers: readonly CustomerRow[], asOfDay: string): RfmCustomer[] {
  const recency = customers.map((c) => daysBetween(c.last_day, asOfDay));
  const r = quintileScores(recency, false);
  const f = quintileScores(customers.map((c) => c.orders), true);
  const m = quintileScores(customers.map((c) => Number(c.net_revenue)), true);
  return customers.map((c, i) => {
    const fScore = c.orders === 1 ? 1 : Math.max(2, f[i]!);
    return {
      customer_id: c.customer_id,
      recency_days: recency[i]!,
      frequency: c.orders,
      monetary: Number(c.net_revenue),
      r: r[i]!,
      f: fScore,
      m: m[i]!,
      segment: segmentOf(r[i]!, fScore),
    };
  });
}

export interface SegmentSummary {
  segment: RfmSegment;
  label: string;
  rule: string;
  customers: number;
  net_revenue: number;
  share_of_customers: number;
}

export function rfmSummary(scored: readonly RfmCustomer[]): SegmentSummary[] {
  return RFM_SEGMENTS.map(({ segment, label, rule }) => {
    const members = scored.filter((c) => c.segment === segment);
    return {
      segment,
      label,
      rule,
      customers: members.length,
      net_revenue: Math.round(members.reduce((s, c) => s + c.monetary, 0) * 10_000) / 10_000,
      share_of_customers: scored.length ? members.length / scored.length : 0,
    };
  });
}

export interface CohortRetention {
  cohort: string;
  /** Customers whose first purchase was in the cohort month. */
  size: number;
  /** Share of the cohort buying in month k after the first (k = 0 is always 1), up to the last month. */
  retention: number[];
}

/** Retention by first-purchase month, from the cohort table; months up to `lastMonth`. */
export function cohortRetention(cells: readonly CohortCell[], lastMonth: string): CohortRetention[] {
  const byCohort = new Map<string, Map<string, number>>();
  for (const c of cells) {
    const m = byCohort.get(c.cohort) ?? new Map<string, number>();
    m.set(c.month, c.customers);
    byCohort.set(c.cohort, m);
  }
  return [...byCohort.keys()].sort().flatMap((cohort) => {
    if (cohort > lastMonth) return [];
    const months = byCohort.get(cohort)!;
    const size = months.get(cohort) ?? 0;
    if (size === 0) return [];
    return [{ cohort, size, retention: labelRange(cohort, lastMonth).map((month) => (months.get(month) ?? 0) / size) }];
  });
}

export interface LapsingCustomer {
  customer_id: string;
  orders: number;
  last_day: string;
  days_since: number;
  /** Mean days between their purchases. */
  usual_gap_days: number;
  net_revenue: number;
}

/**
 * Lapsing: a repeat customer (2+ orders) whose time since the last purchase is more than twice
 * their own mean gap between purchases and more than `minDays`, but not more than `maxDays`
 * (gone that long, a customer has lapsed already: RFM calls them hibernating); biggest first.
 */
export function lapsingCustomers(customers: readonly CustomerRow[], asOfDay: string, minDays = 45, maxDays = 365): LapsingCustomer[] {
  const out: LapsingCustomer[] = [];
  for (const c of customers) {
    if (c.orders < 2) continue;
    const usual = daysBetween(c.first_day, c.last_day) / (c.orders - 1);
    const since = daysBetween(c.last_day, asOfDay);
    if (since > minDays && since <= maxDays && since > 2 * usual) {
      out.push({ customer_id: c.customer_id, orders: c.orders, last_day: c.last_day, days_since: since, usual_gap_days: Math.round(usual * 10) / 10, net_revenue: Number(c.net_revenue) });
    }
  }
  return out.sort((a, b) => b.net_revenue - a.net_revenue || (a.customer_id < b.customer_id ? -1 : 1));
}

export interface LifetimeValue {
  /** Months after the first purchase the value is counted over. */
  months: number;
  /** Cohorts old enough to have been watched that long, and their customers. */
  cohorts: number;
  customers: number;
  /** Mean net revenue per customer over their first `months` months. */
  net_revenue_per_customer: number;
  /** The margin applied (null: unknown); profit_per_customer is then null. */
  margin: number | null;
  profit_per_customer: number | null;
  rule: string;
}

/**
 * Customer lifetime value, measured rather than modelled: over every cohort (first-purchase
 * month) whose first `months` months have all ended by `lastCompleteMonth`, the net revenue its
 * customers brought in those months (sales less refunds), per customer; times the margin for
 * profit. Null until a cohort is that old.
 */
export function lifetimeValue(cells: readonly CohortCell[], lastCompleteMonth: string, months: number, margin: number | null): LifetimeValue | null {
  const sizes = new Map<string, number>();
  for (const c of cells) if (c.cohort === c.month) sizes.set(c.cohort, c.customers);
  const eligible = [...sizes.keys()].filter((cohort) => labelRange(cohort, lastCompleteMonth).length >= months);
  if (eligible.length === 0) return null;
  const windowEnd = new Map(eligible.map((cohort) => [cohort, labelRange(cohort, lastCompleteMonth)[months - 1]!]));
  let net = 0;
  for (const c of cells) {
    const end = windowEnd.get(c.cohort);
    if (end !== undefined && c.month <= end) net += Number(c.net_revenue);
  }
  const customers = eligible.reduce((s, c) => s + sizes.get(c)!, 0);
  const perCustomer = net / customers;
  return {
    months,
    cohorts: eligible.length,
    customers,
    net_revenue_per_customer: Math.round(perCustomer * 100) / 100,
    margin,
    profit_per_customer: margin === null ? null : Math.round(perCustomer * margin * 100) / 100,
    rule: `net revenue of each customer's first ${months} months, averaged over the ${eligible.length} cohort(s) that old`,
  };
}
