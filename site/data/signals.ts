/**
 * Growth points and risks: simple rules, each call-out with the numbers behind it and a link
 * to the page that shows them. Pure. The rules (thresholds in RULES):
 *
 * 1. `pace` (company, teams, reps; the month running at as_of, from the snapshot's pacing rows):
 *    attainment to date − expected share by now, beyond ±10 points.
 * 2. `revenue_outlier` (company, teams): the last complete month's net revenue more than 2
 *    sample standard deviations from the mean of the 6 months before it (all 6 inside the
 *    snapshot's history and the scope's).
 * 3. `margin_change` (company, teams): margin of the report month against the month before,
 *    like for like (the same days while the month runs, as on the dashboard), moved more than
 *    3 points.
 * 4. `complaints_up` (company, teams): complaints of the report month at least 5 and more than
 *    50% above the month before (like for like).
 * 5. `csat_low` (company, teams): the report month's CSAT below 4.0.
 * 6. `rep_outlier` (reps with a team as of the snapshot): rule 2 for each rep, control limits
 *    on their own history: the last complete month's net revenue outside the mean ± 2 sample
 *    standard deviations of the 6 months before (all 6 inside the snapshot's and the rep's
 *    history).
 * 7. `segment_outlier` (customer segments, from `customers.segments`): the same control limits
 *    on a segment's monthly net revenue (sales of customers buying as that segment, less
 *    refunds of those sales), the segment's first month no later than the window's.
 * 8. `customers_lapsing` (customers, one call-out): repeat customers (2+ orders) whose time since
 *    the last purchase is more than twice their own mean gap between purchases and more than 45
 *    days (`lapsingCustomers`); the 3 with the most net revenue named, with days since their last
 *    purchase and their usual gap.
 * 9. `complaint_spike` (teams, by week): complaints of the last complete week (the one before
 *    the week holding as_of) at least 3 and above the mean + 2 sample standard deviations of the
 *    12 weeks before (all 12 inside the snapshot's and the team's history).
 * 10. `margin_eroding` (company, teams): margin lower than the month before in each of the last
 *    3 complete months (4 months with a known margin, each below the one before).
 * 11. `forecast_miss` (company, teams with a revenue target for the month running at as_of):
 *    the month's forecast, made from the complete months only (`forecasts.ts`), has its 80%
 *    upper bound below the target: even a good month by the model's measure falls short. Not
 *    when net revenue so far already reaches the target (the month cannot miss it).
 * 12. `complaints_aging` (teams, from `sales_process.complaints`): complaints credited to the
 *    team still open at as_of more than 7 days after they were opened; the 3 oldest named, with
 *    customer, rep and days open, linking to the team's latest week page (which lists them all).
 */
import { lapsingCustomers } from '../../shared/analysis/customer-behaviour.ts';
import type { KpiRow, Scope, Snapshot } from '../../shared/snapshot.ts';
import { daySpan } from './day-span.ts';
import { dateRangeName, daySpanName, formatCount, formatMoney, formatPercent, formatPoints, periodName } from './format.ts';
import { methodName, periodProjection } from './forecasts.ts';
import { reportMonth } from './headline.ts';
import { findRow, seriesRows } from './kpi-rows.ts';
import { customersHref, dashboardHref, forecastAnchor, forecastsHref, repHref, teamHref, teamWeekHref } from './links.ts';
import { beforeHistory, findRep, repName, teamName } from './lookups.ts';
import { repIds, teamIds } from './pages.ts';
import { comparePeriods, currentPeriod, periodDayLabels, periodDays, periodRange, shiftPeriod } from './period.ts';
import { openComplaints } from './process-tables.ts';
import { mean, sampleStandardDeviation } from './stats.ts';
import { asOfDay } from './week-target.ts';

export const RULES = {
  /** Points of attainment ahead of or behind pace. */
  paceGap: 0.1,
  /** Standard deviations from the trailing mean. */
  outlierSigmas: 2,
  /** Months in the trailing window. */
  outlierWindow: 6,
  /** Points of margin. */
  marginChange: 0.03,
  /** Complaints: at least this many... */
  complaintsMin: 5,
  /** ...and more than this much above the month before (0.5 = +50%). */
  complaintsRise: 0.5,
  /** CSAT (1–5) below this. */
  csatFloor: 4,
  /** Lapsing customers named in the call-out (the biggest by net revenue). */
  lapsingShown: 3,
  /** Complaints in a week: at least this many... */
  complaintSpikeMin: 3,
  /** ...and more than this many standard deviations above the mean of... */
  complaintSpikeSigmas: 2,
  /** ...this many weeks before. */
  complaintSpikeWindow: 12,
  /** Complete months in a row with a lower margin than the month before. */
  marginErodingMonths: 3,
  /** Complaints still open more than this many days after they were opened. */
  complaintAgeDays: 7,
  /** Aged complaints named in the call-out (the oldest). */
  agedComplaintsShown: 3,
} as const;

export type SignalRule =
  | 'pace'
  | 'revenue_outlier'
  | 'margin_change'
  | 'complaints_up'
  | 'csat_low'
  | 'rep_outlier'
  | 'segment_outlier'
  | 'customers_lapsing'
  | 'complaint_spike'
  | 'margin_eroding'
  | 'forecast_miss'
  | 'complaints_aging';

export interface Signal {
  kind: 'risk' | 'growth';
  rule: SignalRule;
  /** Who: the company, a team, a rep, a customer segment, or customers (lapsing). */
  scope: Scope | 'segment' | 'customers';
  /** The team, rep or segment id; null for the company, customers, or sales without a segment. */
  id: string | null;
  /** `Company`, the team's or the rep's name, the segment. */
  name: string;
  /** The month the call-out is about. */
  period: string;
  /** One sentence: `Cleo Park is 11.4 pts behind pace in November 2026`. */
  title: string;
  /** The numbers behind it, one per line. */
  facts: string[];
  /** The page that shows these numbers. */
  href: string;
  /** The link's words when the scope's usual ones do not fit (`See the forecast`). */
  linkText?: string;
  /** How far past the threshold (for ordering within a rule): |gap| in the rule's unit. */
  size: number;
}

// The forecast's verdict on the month's target first: it is about the company and teams only, and
// would otherwise sink below a long list of reps off pace.
const RULE_ORDER: readonly SignalRule[] = [
  'forecast_miss',
  'pace',
  'revenue_outlier',
  'rep_outlier',
  'segment_outlier',
  'margin_change',
  'margin_eroding',
  'complaints_up',
  'complaint_spike',
  'complaints_aging',
  'csat_low',
  'customers_lapsing',
];
const SCOPE_ORDER: readonly Signal['scope'][] = ['company', 'team', 'rep', 'segment', 'customers'];

interface Subject {
  scope: Scope;
  id: string | null;
  name: string;
  href: string;
}

/**
 * Every growth point and risk of a snapshot: risks first, then growth points; within each, by
 * rule, then company before teams before reps, then the biggest first.
 *
 * @example buildSignals(snapshot, '/').map((s) => s.title)
 * // ['Cleo Park is 11.4 pts behind pace in November 2026', ...]
 */
export function buildSignals(snapshot: Snapshot, base: string): Signal[] {
  const report = reportMonth(snapshot);
  const company: Subject = { scope: 'company', id: null, name: 'Company', href: `${dashboardHref(base)}#revenue-trend` };
  const teams: Subject[] = teamIds(snapshot).map((id) => ({ scope: 'team', id, name: teamName(snapshot, id), href: teamHref(base, id) }));
  const subjects = [company, ...teams];

  const signals: Signal[] = [];
  signals.push(...paceSignals(snapshot, report, base));
  for (const subject of subjects) {
    const outlier = revenueOutlier(snapshot, subject, report);
    if (outlier) signals.push(outlier);
    const margin = marginChange(snapshot, subject, report);
    if (margin) signals.push(margin);
    const complaints = complaintsUp(snapshot, subject, report);
    if (complaints) signals.push(complaints);
    const csat = csatLow(snapshot, subject, report);
    if (csat) signals.push(csat);
    const eroding = marginEroding(snapshot, subject, report, base);
    if (eroding) signals.push(eroding);
    const miss = forecastMiss(snapshot, subject, base);
    if (miss) signals.push(miss);
  }
  for (const team of teams) {
    const spike = complaintSpike(snapshot, team, base);
    if (spike) signals.push(spike);
    const aging = complaintsAging(snapshot, team, report, base);
    if (aging) signals.push(aging);
  }
  for (const repId of repIds(snapshot)) {
    // Reps without a team as of the snapshot have left or not started: their zeros are not news.
    if (!findRep(snapshot, repId)?.team_id) continue;
    const rep: Subject = { scope: 'rep', id: repId, name: repName(snapshot, repId), href: repHref(base, repId) };
    const outlier = revenueOutlier(snapshot, rep, report, 'rep_outlier');
    if (outlier) signals.push(outlier);
  }
  signals.push(...segmentOutliers(snapshot, report, base));
  const lapsing = customersLapsing(snapshot, report, base);
  if (lapsing) signals.push(lapsing);
  return signals.sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'risk' ? -1 : 1) ||
      RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
      SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope) ||
      b.size - a.size ||
      a.name.localeCompare(b.name, 'en'),
  );
}

type Report = ReturnType<typeof reportMonth>;

/** Rule 1: attainment to date against the expected share, from the pacing rows of the running month. */
export function paceSignals(snapshot: Snapshot, report: Report, base: string): Signal[] {
  if (!report.running) return [];
  const currency = snapshot.currency;
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const out: Signal[] = [];
  for (const p of snapshot.pacing) {
    if (p.grain !== 'month' || p.period !== report.month || p.target_revenue <= 0) continue;
    const attainment = p.net_revenue_to_date / p.target_revenue;
    const gap = attainment - p.expected_fraction;
    if (Math.abs(gap) <= RULES.paceGap) continue;
    const subject = subjectOf(snapshot, p.scope, p.id, base);
    const facts = [
      `${money(p.net_revenue_to_date)} of the ${money(p.target_revenue)} target: ${formatPercent(attainment)}`,
      p.method === 'elapsed_days'
        ? `Expected by now: ${formatPercent(p.expected_fraction)} (${money(p.expected_to_date)}), day ${p.elapsed_days} of ${p.total_days}`
        : `Expected by now: ${formatPercent(p.expected_fraction)} (${money(p.expected_to_date)}), from last year's pattern by day ${p.elapsed_days} of ${p.total_days}`,
    ];
    if (p.projected_net_revenue !== null && p.projected_attainment !== null) {
      facts.push(`At this pace: ${money(p.projected_net_revenue)} by month end (${formatPercent(p.projected_attainment)})`);
    }
    out.push({
      kind: gap < 0 ? 'risk' : 'growth',
      rule: 'pace',
      ...subject,
      period: p.period,
      title: `${subject.name} is ${formatPoints(Math.abs(gap), { signed: false })} ${gap < 0 ? 'behind' : 'ahead of'} pace in ${periodName(p.period)}`,
      facts,
      size: Math.abs(gap),
    });
  }
  return out;
}

function subjectOf(snapshot: Snapshot, scope: Scope, id: string | null, base: string): Subject {
  if (scope === 'company') return { scope, id: null, name: 'The company', href: `${dashboardHref(base)}#kpi-attainment` };
  if (scope === 'team') return { scope, id, name: teamName(snapshot, id!), href: teamHref(base, id!) };
  return { scope, id, name: repName(snapshot, id!), href: repHref(base, id!) };
}

const displayName = (subject: Subject): string => (subject.scope === 'company' ? 'The company' : subject.name);

/**
 * Control limits: how far `x` lies from the mean of `window`, in sample standard deviations;
 * null when the window has no spread (every value the same) or fewer than 2 values.
 *
 * @example controlLimits([100, 110, 90, 100, 105, 95], 120) // { mean: 100, sd: 7.07…, z: 2.83…, low: 85.9…, high: 114.1… }
 */
export function controlLimits(window: readonly number[], x: number, sigmas: number = RULES.outlierSigmas) {
  const mu = mean(window);
  const sd = sampleStandardDeviation(window);
  if (mu === null || sd === null || sd === 0) return null;
  return { mean: mu, sd, z: (x - mu) / sd, low: mu - sigmas * sd, high: mu + sigmas * sd };
}

/**
 * Rule 2 (company, teams) and rule 6 (reps): the last complete month against the mean and spread
 * of the 6 before it.
 */
export function revenueOutlier(snapshot: Snapshot, subject: Subject, report: Report, rule: 'revenue_outlier' | 'rep_outlier' = 'revenue_outlier'): Signal | null {
  const last = report.running ? shiftPeriod(report.month, -1) : report.month;
  const first = shiftPeriod(last, -RULES.outlierWindow);
  const rows = seriesRows(snapshot, subject.scope, subject.id, 'month');
  if (rows.length === 0 || comparePeriods(rows[0]!.period, first) > 0 || beforeHistory(snapshot, first)) return null;
  const window: number[] = [];
  for (let i = RULES.outlierWindow; i >= 1; i--) window.push(netOf(snapshot, subject, shiftPeriod(last, -i)));
  const x = netOf(snapshot, subject, last);
  const limits = controlLimits(window, x);
  if (!limits || Math.abs(limits.z) <= RULES.outlierSigmas) return null;
  const { z, mean: mu, sd } = limits;
  const money = (n: number) => formatMoney(n, snapshot.currency, { whole: true });
  const windowName = `${periodName(first, 'short')}–${periodName(shiftPeriod(last, -1), 'short')}`;
  if (rule === 'rep_outlier') {
    return {
      kind: z > 0 ? 'growth' : 'risk',
      rule,
      ...subject,
      period: last,
      title: `${subject.name}: net revenue in ${periodName(last)} ${z > 0 ? 'above' : 'below'} their usual range`,
      facts: [
        `${periodName(last)}: ${money(x)}`,
        `Usual range, the average of ${windowName} ± ${RULES.outlierSigmas} standard deviations: ${money(limits.low)} to ${money(limits.high)} (average ${money(mu)}, standard deviation ${money(sd)})`,
        `${Math.abs(z).toFixed(1)} standard deviations ${z > 0 ? 'above' : 'below'} the average`,
      ],
      size: Math.abs(z),
    };
  }
  return {
    kind: z > 0 ? 'growth' : 'risk',
    rule,
    ...subject,
    period: last,
    title: `${displayName(subject)}: net revenue in ${periodName(last)} ${z > 0 ? 'far above' : 'far below'} its 6-month average`,
    facts: [
      `${periodName(last)}: ${money(x)}`,
      `Average of ${windowName}: ${money(mu)}, standard deviation ${money(sd)}`,
      `${Math.abs(z).toFixed(1)} standard deviations ${z > 0 ? 'above' : 'below'} (the rule: more than ${RULES.outlierSigmas})`,
    ],
    size: Math.abs(z),
  };
}

function netOf(snapshot: Snapshot, subject: Subject, month: string): number {
  return findRow(snapshot, subject.scope, subject.id, 'month', month)?.net_revenue ?? 0;
}

/** The month before the report month as compared: its first days while the report month runs, else whole. */
function baselineOf(snapshot: Snapshot, subject: Subject, report: Report) {
  const previous = shiftPeriod(report.month, -1);
  if (beforeHistory(snapshot, previous)) return null;
  if (report.running) {
    const through = Math.min(report.day, periodDays(previous));
    const span = daySpan(snapshot, subject.scope, subject.id, previous, through);
    return {
      name: daySpanName(previous, span.through, { year: previous.slice(0, 4) !== report.month.slice(0, 4) }),
      margin: span.margin,
      netRevenue: span.netRevenue,
      profit: span.profit,
      complaints: span.complaints,
    };
  }
  const row = findRow(snapshot, subject.scope, subject.id, 'month', previous);
  return {
    name: periodName(previous),
    margin: row?.margin ?? null,
    netRevenue: row?.net_revenue ?? 0,
    profit: row?.profit ?? 0,
    complaints: row?.complaints ?? 0,
  };
}

const reportName = (report: Report): string => `${periodName(report.month)}${report.running ? ' to date' : ''}`;

/** Rule 3: margin moved more than 3 points against the month before, like for like. */
export function marginChange(snapshot: Snapshot, subject: Subject, report: Report): Signal | null {
  const row: KpiRow | undefined = findRow(snapshot, subject.scope, subject.id, 'month', report.month);
  const before = baselineOf(snapshot, subject, report);
  if (!row || row.margin === null || !before || before.margin === null) return null;
  const change = row.margin - before.margin;
  if (Math.abs(change) <= RULES.marginChange) return null;
  const money = (n: number) => formatMoney(n, snapshot.currency, { whole: true });
  return {
    kind: change > 0 ? 'growth' : 'risk',
    rule: 'margin_change',
    ...subject,
    period: report.month,
    title: `${displayName(subject)}: margin ${change > 0 ? 'up' : 'down'} ${formatPoints(Math.abs(change), { signed: false })} against ${before.name}`,
    facts: [
      `${reportName(report)}: ${formatPercent(row.margin)} (${money(row.profit)} profit on ${money(row.net_revenue)})`,
      `${before.name}: ${formatPercent(before.margin)} (${money(before.profit)} profit on ${money(before.netRevenue)})`,
    ],
    size: Math.abs(change),
  };
}

/** Rule 4: at least 5 complaints and more than 50% above the month before, like for like. */
export function complaintsUp(snapshot: Snapshot, subject: Subject, report: Report): Signal | null {
  const row = findRow(snapshot, subject.scope, subject.id, 'month', report.month);
  const before = baselineOf(snapshot, subject, report);
  if (!row || !before) return null;
  const now = row.complaints;
  if (now < RULES.complaintsMin || now <= before.complaints * (1 + RULES.complaintsRise)) return null;
  const rise = before.complaints === 0 ? null : (now - before.complaints) / before.complaints;
  return {
    kind: 'risk',
    rule: 'complaints_up',
    ...subject,
    period: report.month,
    title: `${displayName(subject)}: complaints up ${rise === null ? `from none to ${now}` : formatPercent(rise, { digits: 0 })} against ${before.name}`,
    facts: [
      `${reportName(report)}: ${formatCount(now)} complaints opened`,
      `${before.name}: ${formatCount(before.complaints)}`,
      ...(row.complaint_resolution_hours_median === null
        ? []
        : [`Median time to resolve: ${formatCount(Math.round(row.complaint_resolution_hours_median))} hours`]),
    ],
    size: rise ?? now,
  };
}

/** Rule 5: CSAT below 4.0 in the report month. */
export function csatLow(snapshot: Snapshot, subject: Subject, report: Report): Signal | null {
  const row = findRow(snapshot, subject.scope, subject.id, 'month', report.month);
  if (!row || row.csat === null || row.csat >= RULES.csatFloor) return null;
  return {
    kind: 'risk',
    rule: 'csat_low',
    ...subject,
    period: report.month,
    title: `${displayName(subject)}: CSAT ${row.csat.toFixed(2)} in ${reportName(report)}, below ${RULES.csatFloor.toFixed(1)}`,
    facts: [
      `Mean CSAT ${row.csat.toFixed(2)} of 5${row.csat_satisfied_rate === null ? '' : `; ${formatPercent(row.csat_satisfied_rate)} of responses scored 4 or 5`}`,
    ],
    size: RULES.csatFloor - row.csat,
  };
}

/** Rule 7: each customer segment's last complete month against the mean and spread of the 6 before it. */
export function segmentOutliers(snapshot: Snapshot, report: Report, base: string): Signal[] {
  const last = report.running ? shiftPeriod(report.month, -1) : report.month;
  const first = shiftPeriod(last, -RULES.outlierWindow);
  if (beforeHistory(snapshot, first)) return [];
  const bySegment = new Map<string | null, Map<string, { net: number; customers: number }>>();
  for (const row of snapshot.customers.segments) {
    let months = bySegment.get(row.segment);
    if (!months) bySegment.set(row.segment, (months = new Map()));
    months.set(row.month, { net: row.net_revenue, customers: row.customers });
  }
  const money = (n: number) => formatMoney(n, snapshot.currency, { whole: true });
  const windowName = `${periodName(first, 'short')}–${periodName(shiftPeriod(last, -1), 'short')}`;
  const out: Signal[] = [];
  for (const [segment, months] of bySegment) {
    const earliest = [...months.keys()].sort()[0]!;
    if (comparePeriods(earliest, first) > 0) continue;
    const window = periodRange(first, shiftPeriod(last, -1)).map((m) => months.get(m)?.net ?? 0);
    const x = months.get(last)?.net ?? 0;
    const limits = controlLimits(window, x);
    if (!limits || Math.abs(limits.z) <= RULES.outlierSigmas) continue;
    const name = segment === null ? 'Sales without a segment' : `The ${segment} segment`;
    out.push({
      kind: limits.z > 0 ? 'growth' : 'risk',
      rule: 'segment_outlier',
      scope: 'segment',
      id: segment,
      name: segment ?? 'No segment',
      href: `${customersHref(base)}#segments`,
      linkText: 'See segments by month',
      period: last,
      title: `${name}: net revenue in ${periodName(last)} ${limits.z > 0 ? 'above' : 'below'} its usual range`,
      facts: [
        `${periodName(last)}: ${money(x)} from ${formatCount(months.get(last)?.customers ?? 0)} customers`,
        `Usual range, the average of ${windowName} ± ${RULES.outlierSigmas} standard deviations: ${money(limits.low)} to ${money(limits.high)}`,
        `${Math.abs(limits.z).toFixed(1)} standard deviations ${limits.z > 0 ? 'above' : 'below'} the average of ${money(limits.mean)}`,
      ],
      size: Math.abs(limits.z),
    });
  }
  return out;
}

/** Rule 8: repeat customers gone quiet for more than twice their usual gap; the biggest named. */
export function customersLapsing(snapshot: Snapshot, report: Report, base: string): Signal | null {
  const today = asOfDay(snapshot);
  const lapsing = lapsingCustomers(snapshot.customers.rows, today);
  if (lapsing.length === 0) return null;
  const money = (n: number) => formatMoney(n, snapshot.currency, { whole: true });
  const total = lapsing.reduce((sum, c) => sum + c.net_revenue, 0);
  const n = lapsing.length;
  const shown = lapsing.slice(0, RULES.lapsingShown);
  return {
    kind: 'risk',
    rule: 'customers_lapsing',
    scope: 'customers',
    id: null,
    name: 'Customers',
    href: `${customersHref(base)}#lapsing`,
    linkText: 'See the lapsing customers',
    period: report.month,
    title: `${formatCount(n)} repeat ${n === 1 ? 'customer has' : 'customers have'} gone quiet: ${money(total)} of net revenue to date`,
    facts: [
      ...shown.map(
        (c) =>
          `${c.customer_id}: ${money(c.net_revenue)} over ${formatCount(c.orders)} orders; ${formatCount(c.days_since)} days since the last purchase (${periodName(c.last_day)}), usually every ${c.usual_gap_days.toFixed(1)} days`,
      ),
      ...(n > shown.length ? [`and ${formatCount(n - shown.length)} more on the customers page`] : []),
    ],
    size: n,
  };
}

/** Rule 9: a team's complaints in the last complete week against the 12 weeks before it. */
export function complaintSpike(snapshot: Snapshot, subject: Subject, base: string): Signal | null {
  if (subject.scope !== 'team' || subject.id === null) return null;
  const last = shiftPeriod(currentPeriod(snapshot.as_of, snapshot.timezone, 'week'), -1);
  const first = shiftPeriod(last, -RULES.complaintSpikeWindow);
  const rows = seriesRows(snapshot, 'team', subject.id, 'week');
  if (rows.length === 0 || comparePeriods(rows[0]!.period, first) > 0 || beforeHistory(snapshot, first)) return null;
  const complaintsOf = (week: string) => findRow(snapshot, 'team', subject.id, 'week', week)?.complaints ?? 0;
  const window = periodRange(first, shiftPeriod(last, -1)).map(complaintsOf);
  const row = findRow(snapshot, 'team', subject.id, 'week', last);
  const x = row?.complaints ?? 0;
  const mu = mean(window)!;
  const sd = sampleStandardDeviation(window)!;
  const limit = mu + RULES.complaintSpikeSigmas * sd;
  if (x < RULES.complaintSpikeMin || x <= limit) return null;
  const days = periodDayLabels(last);
  const one = (n: number) => n.toFixed(1);
  return {
    kind: 'risk',
    rule: 'complaint_spike',
    ...subject,
    href: row ? teamWeekHref(base, subject.id, last) : subject.href,
    linkText: `See ${subject.name}'s ${periodName(last)}`,
    period: last,
    title: `${subject.name}: ${formatCount(x)} complaints in ${periodName(last)}, above the usual range`,
    facts: [
      `${periodName(last)} (${dateRangeName(days[0]!, days.at(-1)!)}): ${formatCount(x)} complaints opened`,
      `Weeks ${Number(first.slice(6))}–${Number(shiftPeriod(last, -1).slice(6))}: ${one(mu)} a week on average, standard deviation ${one(sd)}; the limit is ${one(limit)}`,
      ...(row?.complaint_resolution_hours_median == null ? [] : [`Median time to resolve: ${formatCount(Math.round(row.complaint_resolution_hours_median))} hours`]),
    ],
    size: x - limit,
  };
}

/** Rule 12: a team's complaints still open more than 7 days after they were opened. */
export function complaintsAging(snapshot: Snapshot, subject: Subject, report: Report, base: string): Signal | null {
  if (subject.scope !== 'team' || subject.id === null) return null;
  const today = asOfDay(snapshot);
  const open = openComplaints(snapshot, { scope: 'team', id: subject.id }, today);
  const aged = open.filter((o) => o.ageDays > RULES.complaintAgeDays).sort((a, b) => b.ageDays - a.ageDays);
  if (aged.length === 0) return null;
  const latestWeek = seriesRows(snapshot, 'team', subject.id, 'week').at(-1)?.period;
  const count = (n: number) => `${formatCount(n)} ${n === 1 ? 'complaint' : 'complaints'}`;
  return {
    kind: 'risk',
    rule: 'complaints_aging',
    ...subject,
    ...(latestWeek ? { href: teamWeekHref(base, subject.id, latestWeek), linkText: `See ${subject.name}'s open complaints` } : {}),
    period: report.month,
    title: `${subject.name}: ${count(aged.length)} open for more than ${RULES.complaintAgeDays} days`,
    facts: [
      ...aged.slice(0, RULES.agedComplaintsShown).map(
        ({ complaint: c, ageDays }) =>
          `${c.ticket_id} (customer ${c.customer_id}${c.rep_id === null ? '' : `, ${repName(snapshot, c.rep_id)}`}): open ${formatCount(ageDays)} days, since ${periodName(c.opened_day)}`,
      ),
      ...(aged.length > RULES.agedComplaintsShown ? [`and ${formatCount(aged.length - RULES.agedComplaintsShown)} more`] : []),
      `${count(open.length)} open in all as of ${periodName(today)}`,
    ],
    size: aged[0]!.ageDays,
  };
}

/** Rule 10: margin lower than the month before in each of the last 3 complete months. */
export function marginEroding(snapshot: Snapshot, subject: Subject, report: Report, base: string): Signal | null {
  const last = report.running ? shiftPeriod(report.month, -1) : report.month;
  const first = shiftPeriod(last, -RULES.marginErodingMonths);
  if (beforeHistory(snapshot, first)) return null;
  const months = periodRange(first, last);
  const rows = months.map((m) => findRow(snapshot, subject.scope, subject.id, 'month', m));
  const margins = rows.map((r) => r?.margin ?? null);
  if (margins.some((m) => m === null)) return null;
  for (let i = 1; i < margins.length; i++) if (!(margins[i]! < margins[i - 1]!)) return null;
  const drop = margins[0]! - margins.at(-1)!;
  return {
    kind: 'risk',
    rule: 'margin_eroding',
    ...subject,
    href: subject.scope === 'company' ? `${dashboardHref(base)}#margin-trend` : subject.href,
    period: last,
    title: `${displayName(subject)}: margin down ${RULES.marginErodingMonths} months in a row, ${formatPoints(drop, { signed: false })} since ${periodName(first)}`,
    facts: [
      months.map((m, i) => `${periodName(m, 'short')} ${formatPercent(margins[i]!)}`).join(' → '),
      `${periodName(last)}: ${formatMoney(rows.at(-1)!.profit, snapshot.currency, { whole: true })} profit on ${formatMoney(rows.at(-1)!.net_revenue, snapshot.currency, { whole: true })}`,
    ],
    size: drop,
  };
}

/** Rule 11: the running month's forecast, top of its 80% range below the month's target. */
export function forecastMiss(snapshot: Snapshot, subject: Subject, base: string): Signal | null {
  if (subject.scope === 'rep') return null;
  const p = periodProjection(snapshot, subject.scope, subject.id, 'month');
  if (p.target === null || p.target <= 0 || !p.forecast || p.forecast.upper >= p.target) return null;
  // Net revenue so far already at the target: the month cannot miss it (barring refunds), whatever the model says.
  if (p.netRevenueToDate >= p.target) return null;
  const money = (n: number) => formatMoney(n, snapshot.currency, { whole: true });
  const fc = p.forecast;
  return {
    kind: 'risk',
    rule: 'forecast_miss',
    ...subject,
    href: `${forecastsHref(base)}#${forecastAnchor(subject.id)}`,
    linkText: 'See the forecast',
    period: p.period,
    title: `${displayName(subject)} is likely to miss the ${periodName(p.period)} target: even the forecast's high end falls short`,
    facts: [
      `Forecast: ${money(fc.point)}, 80% range ${money(fc.lower)}–${money(fc.upper)} (${methodName(fc.method)}, from the complete months up to ${periodName(fc.after)})`,
      `Target: ${money(p.target)}; the high end is ${formatPercent(fc.upper / p.target)} of it`,
      ...(p.netRevenueToDate > fc.upper ? [`Sales so far, ${money(p.netRevenueToDate)}, are already above the high end: the month runs ahead of the model`] : []),
      ...(p.pace && p.pace.projected !== null && p.pace.attainment !== null
        ? [`At this pace: ${money(p.pace.projected)} (${formatPercent(p.pace.attainment)}), from ${money(p.netRevenueToDate)} so far`]
        : []),
    ],
    size: (p.target - fc.upper) / p.target,
  };
}
