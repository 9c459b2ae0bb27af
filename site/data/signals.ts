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
 */
import type { KpiRow, Scope, Snapshot } from '../../shared/snapshot.ts';
import { daySpan } from './day-span.ts';
import { daySpanName, formatCount, formatMoney, formatPercent, formatPoints, periodName } from './format.ts';
import { reportMonth } from './headline.ts';
import { findRow, seriesRows } from './kpi-rows.ts';
import { dashboardHref, repHref, teamHref } from './links.ts';
import { beforeHistory, repName, teamName } from './lookups.ts';
import { teamIds } from './pages.ts';
import { comparePeriods, periodDays, shiftPeriod } from './period.ts';
import { mean, sampleStandardDeviation } from './stats.ts';

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
} as const;

export type SignalRule = 'pace' | 'revenue_outlier' | 'margin_change' | 'complaints_up' | 'csat_low';

export interface Signal {
  kind: 'risk' | 'growth';
  rule: SignalRule;
  scope: Scope;
  id: string | null;
  /** `Company`, the team's or the rep's name. */
  name: string;
  /** The month the call-out is about. */
  period: string;
  /** One sentence: `Cleo Park is 11.4 pts behind pace in November 2026`. */
  title: string;
  /** The numbers behind it, one per line. */
  facts: string[];
  /** The page that shows these numbers. */
  href: string;
  /** How far past the threshold (for ordering within a rule): |gap| in the rule's unit. */
  size: number;
}

const RULE_ORDER: readonly SignalRule[] = ['pace', 'revenue_outlier', 'margin_change', 'complaints_up', 'csat_low'];
const SCOPE_ORDER: readonly Scope[] = ['company', 'team', 'rep'];

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
  }
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

/** Rule 2: the last complete month against the mean and spread of the 6 before it. */
export function revenueOutlier(snapshot: Snapshot, subject: Subject, report: Report): Signal | null {
  const last = report.running ? shiftPeriod(report.month, -1) : report.month;
  const first = shiftPeriod(last, -RULES.outlierWindow);
  const rows = seriesRows(snapshot, subject.scope, subject.id, 'month');
  if (rows.length === 0 || comparePeriods(rows[0]!.period, first) > 0 || beforeHistory(snapshot, first)) return null;
  const window: number[] = [];
  for (let i = RULES.outlierWindow; i >= 1; i--) window.push(netOf(snapshot, subject, shiftPeriod(last, -i)));
  const x = netOf(snapshot, subject, last);
  const mu = mean(window)!;
  const sd = sampleStandardDeviation(window)!;
  if (sd === 0) return null;
  const z = (x - mu) / sd;
  if (Math.abs(z) <= RULES.outlierSigmas) return null;
  const money = (n: number) => formatMoney(n, snapshot.currency, { whole: true });
  const windowName = `${periodName(first, 'short')}–${periodName(shiftPeriod(last, -1), 'short')}`;
  return {
    kind: z > 0 ? 'growth' : 'risk',
    rule: 'revenue_outlier',
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
