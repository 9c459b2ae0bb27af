/**
 * Customer behaviour on the customers page, from the snapshot's customer section: cohort
 * retention, repeat purchase, RFM segments, top customers, segments by month, lifetime value,
 * lapsing customers and the sales cycle. The analysis is `shared/analysis/customer-behaviour.ts`
 * (the same functions the API uses); this module picks its inputs (the as-of day, the last
 * complete month, the company's margin) and shapes tables and chart data. Pure.
 */
import {
  cohortRetention,
  daysBetween,
  lapsingCustomers,
  lifetimeValue,
  rfm,
  rfmSummary,
  RFM_SEGMENTS,
  type CohortRetention,
  type LapsingCustomer,
  type LifetimeValue,
  type RfmSegment,
  type SegmentSummary,
} from '../../shared/analysis/customer-behaviour.ts';
import type { CustomerRow, SalesCycle, Snapshot } from '../../shared/snapshot.ts';
import { formatMoney, formatPercent, periodName } from './format.ts';
import { findCompanyRow } from './kpi-rows.ts';
import { repHref, teamHref } from './links.ts';
import { beforeHistory, findRep, findTeam, repName, teamName } from './lookups.ts';
import { memoPerSnapshot } from './memo.ts';
import { currentPeriod, periodRange, shiftPeriod } from './period.ts';
import {
  countCell,
  decimalCell,
  missingCell,
  moneyCell,
  numberColumn,
  periodCell,
  ratioCell,
  table,
  textCell,
  textColumn,
  type TableCell,
  type TableModel,
} from './table.ts';
import { asOfDay } from './week-target.ts';

/** Rows in the top-customers and lapsing tables. */
export const TOP_CUSTOMERS = 20;
/** Months after the first purchase the retention table shows (the heatmap shows them all). */
export const RETENTION_COLUMNS = [1, 2, 3, 6, 12] as const;
/** Lifetime value is counted over this many months from the first purchase. */
export const LTV_MONTHS = 12;
/** Months of segment history charted. */
export const SEGMENT_MONTHS = 24;
/** Complete quarters summed in the sales-cycle chart. */
export const CYCLE_QUARTERS = 4;

export interface RetentionCell {
  cohort: string;
  /** Months after the first purchase (1 = the month after). */
  k: number;
  share: number;
  customers: number;
}

export interface SegmentPoint {
  segment: string;
  month: string;
  value: number;
}

export interface CycleBar {
  label: string;
  value: number;
}

export interface CustomerAnalysis {
  asOfDay: string;
  /** The last month that ended before as_of. */
  lastCompleteMonth: string;
  customers: number;
  repeat: {
    /** Customers with 2 or more orders. */
    repeatCustomers: number;
    share: number | null;
    /** Their share of all customers' net revenue; null when the total is not positive. */
    netShare: number | null;
    /** Median of each repeat customer's mean days between purchases; null without repeat customers. */
    medianGapDays: number | null;
    ordersPerCustomer: number | null;
  };
  retention: { cohorts: CohortRetention[]; cells: RetentionCell[]; table: TableModel };
  rfm: { summary: SegmentSummary[]; table: TableModel };
  top: TableModel;
  segments: { points: SegmentPoint[]; names: string[]; months: string[]; table: TableModel };
  ltv: {
    value: LifetimeValue | null;
    /** The months the margin was taken over, and why it is unknown when it is. */
    marginMonths: { from: string; to: string; count: number } | null;
    marginMissing: string | null;
    /** The rule in words. */
    rule: string;
  };
  lapsing: { all: LapsingCustomer[]; table: TableModel };
  cycle: {
    /** The complete quarters summed in the chart (oldest first). */
    quarters: string[];
    bars: CycleBar[];
    won: number;
    lost: number;
    /** Won opportunities whose opening was never received (so not in any bin). */
    unbinned: number;
    table: TableModel;
  };
}

/** @example buildCustomerAnalysis(snapshot, '/').repeat.repeatCustomers // 16 */
export const buildCustomerAnalysis = memoPerSnapshot(computeCustomerAnalysis, (base: string) => base);

function computeCustomerAnalysis(snapshot: Snapshot, base: string): CustomerAnalysis {
  const currency = snapshot.currency;
  const today = asOfDay(snapshot);
  const lastCompleteMonth = shiftPeriod(currentPeriod(snapshot.as_of, snapshot.timezone, 'month'), -1);
  const rows = snapshot.customers.rows;
  const scored = rfm(rows, today);
  const rfmOf = new Map(scored.map((c) => [c.customer_id, c.segment]));
  const lapsing = lapsingCustomers(rows, today);
  const byId = new Map(rows.map((r) => [r.customer_id, r]));
  return {
    asOfDay: today,
    lastCompleteMonth,
    customers: rows.length,
    repeat: repeatPurchase(rows),
    retention: retention(snapshot, lastCompleteMonth),
    rfm: rfmTables(rfmSummary(scored), currency),
    top: topCustomers(snapshot, rfmOf, base),
    segments: segmentsByMonth(snapshot, lastCompleteMonth),
    ltv: ltv(snapshot, lastCompleteMonth),
    lapsing: { all: lapsing, table: lapsingTable(snapshot, lapsing, byId, base) },
    cycle: cycle(snapshot.customers.sales_cycle, currentPeriod(snapshot.as_of, snapshot.timezone, 'quarter')),
  };
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Repeat purchase over every customer: how many bought more than once and what they bring. */
export function repeatPurchase(rows: readonly CustomerRow[]): CustomerAnalysis['repeat'] {
  const repeat = rows.filter((r) => r.orders >= 2);
  const total = rows.reduce((s, r) => s + r.net_revenue, 0);
  const repeatNet = repeat.reduce((s, r) => s + r.net_revenue, 0);
  const orders = rows.reduce((s, r) => s + r.orders, 0);
  return {
    repeatCustomers: repeat.length,
    share: rows.length ? repeat.length / rows.length : null,
    netShare: total > 0 ? repeatNet / total : null,
    medianGapDays: median(repeat.map((r) => daysBetween(r.first_day, r.last_day) / (r.orders - 1))),
    ordersPerCustomer: rows.length ? orders / rows.length : null,
  };
}

function retention(snapshot: Snapshot, lastCompleteMonth: string): CustomerAnalysis['retention'] {
  const cohorts = cohortRetention(snapshot.customers.cohorts, lastCompleteMonth);
  const cells: RetentionCell[] = cohorts.flatMap((c) =>
    c.retention.slice(1).map((share, i) => ({ cohort: c.cohort, k: i + 1, share, customers: Math.round(share * c.size) })),
  );
  return {
    cohorts,
    cells,
    table: table({
      id: 'retention',
      caption: `Share of each cohort (customers by month of first purchase) buying again k months later, to ${periodName(lastCompleteMonth)}`,
      columns: [
        textColumn('cohort', 'First purchase'),
        numberColumn('customers', 'Customers'),
        ...RETENTION_COLUMNS.map((k) => numberColumn(`month_${k}`, `Month ${k}`)),
      ],
      rows: [...cohorts].reverse().map((c) => [
        periodCell(c.cohort),
        countCell(c.size),
        ...RETENTION_COLUMNS.map((k) => (k < c.retention.length ? ratioCell(c.retention[k]!) : missingCell(`Not ${k} months old by ${periodName(lastCompleteMonth)}`))),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'cohort', dir: 'desc' },
      empty: `No cohort has a complete month yet (to ${periodName(lastCompleteMonth)}).`,
    }),
  };
}

function rfmTables(summary: SegmentSummary[], currency: string): CustomerAnalysis['rfm'] {
  const total = summary.reduce((s, x) => s + x.net_revenue, 0);
  return {
    summary,
    table: table({
      id: 'rfm',
      caption: `Customers by RFM segment (${currency})`,
      columns: [
        textColumn('segment', 'Segment'),
        textColumn('rule', 'Rule'),
        numberColumn('customers', 'Customers'),
        numberColumn('share_of_customers', 'Share of customers'),
        numberColumn('net_revenue', 'Net revenue'),
        numberColumn('share_of_net_revenue', 'Share of net revenue'),
      ],
      rows: summary.map((s) => [
        textCell(s.label, { csv: s.segment }),
        textCell(s.rule),
        countCell(s.customers),
        ratioCell(s.share_of_customers),
        moneyCell(s.net_revenue, currency),
        total > 0 ? ratioCell(s.net_revenue / total) : missingCell('No net revenue'),
      ]),
      rowHeader: 0,
      defaultSort: null,
      empty: 'No customers.',
    }),
  };
}

const RFM_LABELS = new Map<RfmSegment, string>(RFM_SEGMENTS.map((s) => [s.segment, s.label]));

function teamCell(snapshot: Snapshot, teamId: string | null, base: string): TableCell {
  if (teamId === null) return textCell('No team', { csv: '' });
  return textCell(teamName(snapshot, teamId), { ...(findTeam(snapshot, teamId) ? { href: teamHref(base, teamId) } : {}), csv: teamId });
}

function repCell(snapshot: Snapshot, repId: string, base: string): TableCell {
  return textCell(repName(snapshot, repId), { ...(findRep(snapshot, repId) ? { href: repHref(base, repId) } : {}), csv: repId });
}

function topCustomers(snapshot: Snapshot, rfmOf: Map<string, RfmSegment>, base: string): TableModel {
  const currency = snapshot.currency;
  const top = [...snapshot.customers.rows]
    .sort((a, b) => b.net_revenue - a.net_revenue || (a.customer_id < b.customer_id ? -1 : 1))
    .slice(0, TOP_CUSTOMERS);
  return table({
    id: 'top-customers',
    caption: `The ${TOP_CUSTOMERS} customers with the most net revenue, all time (${currency}); segment, region, team and rep of their latest sale`,
    columns: [
      textColumn('customer', 'Customer', { nowrap: true }),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('orders', 'Orders'),
      textColumn('first_purchase', 'First purchase', { nowrap: true }),
      textColumn('last_purchase', 'Last purchase', { nowrap: true }),
      textColumn('rfm_segment', 'RFM segment'),
      textColumn('segment', 'Segment'),
      textColumn('region', 'Region'),
      textColumn('team', 'Team', { nowrap: true }),
      textColumn('rep', 'Rep', { nowrap: true }),
    ],
    rows: top.map((c) => {
      const segment = rfmOf.get(c.customer_id);
      return [
        textCell(c.customer_id),
        moneyCell(c.net_revenue, currency),
        countCell(c.orders),
        periodCell(c.first_day),
        periodCell(c.last_day),
        segment ? textCell(RFM_LABELS.get(segment)!, { csv: segment }) : missingCell('Not scored'),
        c.segment === null ? missingCell('The latest sale named no segment') : textCell(c.segment),
        c.region === null ? missingCell('The latest sale named no region') : textCell(c.region),
        teamCell(snapshot, c.team_id, base),
        repCell(snapshot, c.rep_id, base),
      ];
    }),
    rowHeader: 0,
    defaultSort: { key: 'net_revenue', dir: 'desc' },
    empty: 'No customers in this snapshot yet.',
  });
}

const segmentName = (segment: string | null): string => segment ?? 'No segment';

function segmentsByMonth(snapshot: Snapshot, lastCompleteMonth: string): CustomerAnalysis['segments'] {
  const currency = snapshot.currency;
  const rows = snapshot.customers.segments.filter((r) => r.month <= lastCompleteMonth);
  const first = rows.reduce<string | null>((min, r) => (min === null || r.month < min ? r.month : min), null);
  const from = first === null ? null : first > shiftPeriod(lastCompleteMonth, -(SEGMENT_MONTHS - 1)) ? first : shiftPeriod(lastCompleteMonth, -(SEGMENT_MONTHS - 1));
  const months = from === null ? [] : periodRange(from, lastCompleteMonth);
  // Segments by their net revenue over the months shown, largest first (the legend's order).
  const totals = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const r of rows) {
    if (from === null || r.month < from) continue;
    const name = segmentName(r.segment);
    totals.set(name, (totals.get(name) ?? 0) + r.net_revenue);
    byKey.set(`${name}\u0000${r.month}`, r.net_revenue);
  }
  const names = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b, 'en'));
  const points = names.flatMap((segment) => months.map((month) => ({ segment, month, value: byKey.get(`${segment}\u0000${month}`) ?? 0 })));
  return {
    points,
    names,
    months,
    table: table({
      id: 'segments',
      caption: `Net revenue, orders and customers by customer segment and month, newest first (${currency})`,
      columns: [
        textColumn('month', 'Month'),
        textColumn('segment', 'Segment'),
        numberColumn('customers', 'Customers'),
        numberColumn('orders', 'Orders'),
        numberColumn('net_revenue', 'Net revenue'),
      ],
      rows: [...snapshot.customers.segments]
        .sort((a, b) => (a.month === b.month ? segmentName(a.segment).localeCompare(segmentName(b.segment), 'en') : a.month < b.month ? 1 : -1))
        .map((r) => [
          periodCell(r.month, { text: `${periodName(r.month)}${r.month > lastCompleteMonth ? ' (to date)' : ''}` }),
          textCell(segmentName(r.segment), { csv: r.segment ?? '' }),
          countCell(r.customers),
          countCell(r.orders),
          moneyCell(r.net_revenue, currency),
        ]),
      rowHeader: 0,
      defaultSort: { key: 'month', dir: 'desc' },
      empty: 'No sales with a customer segment yet.',
    }),
  };
}

/**
 * The company's margin over the last 12 complete months with figures (profit ÷ net revenue,
 * summed); null, and why (`a sale in October 2026 has no cost`), when a month's margin is
 * unknown or there is no net revenue.
 */
export function trailingMargin(snapshot: Snapshot, lastCompleteMonth: string, months = 12): {
  margin: number | null;
  months: { from: string; to: string; count: number } | null;
  missing: string | null;
} {
  const span = periodRange(shiftPeriod(lastCompleteMonth, -(months - 1)), lastCompleteMonth).filter((m) => !beforeHistory(snapshot, m));
  if (span.length === 0) return { margin: null, months: null, missing: 'no complete month with figures yet' };
  let profit = 0;
  let net = 0;
  for (const month of span) {
    const row = findCompanyRow(snapshot, 'month', month);
    if (!row) continue;
    if (row.margin === null && row.net_revenue !== 0) {
      return { margin: null, months: { from: span[0]!, to: span.at(-1)!, count: span.length }, missing: `a sale in ${periodName(month)} has no cost` };
    }
    profit += row.profit;
    net += row.net_revenue;
  }
  const range = { from: span[0]!, to: span.at(-1)!, count: span.length };
  if (net <= 0) return { margin: null, months: range, missing: 'no net revenue over those months' };
  return { margin: profit / net, months: range, missing: null };
}

function ltv(snapshot: Snapshot, lastCompleteMonth: string): CustomerAnalysis['ltv'] {
  const m = trailingMargin(snapshot, lastCompleteMonth);
  const value = lifetimeValue(snapshot.customers.cohorts, lastCompleteMonth, LTV_MONTHS, m.margin);
  const span = m.months ? `${periodName(m.months.from)} to ${periodName(m.months.to)}` : '';
  const marginWords =
    m.margin !== null
      ? `times the company's margin over ${span} (${formatPercent(m.margin)}, profit ÷ net revenue over those ${m.months!.count} months) for the profit`
      : `for the profit, times the company's margin${span ? ` over ${span}` : ''}, which is unknown: ${m.missing}`;
  const rule = value
    ? `Measured, not modelled: the net revenue (sales less refunds) each customer brought in their first ${LTV_MONTHS} months, counting the month of the first purchase, averaged over the ${value.customers} customers of the ${value.cohorts} ${value.cohorts === 1 ? 'cohort' : 'cohorts'} (months of first purchase) old enough to have been watched that long by ${periodName(lastCompleteMonth)}; ${marginWords}.`
    : `Measured, not modelled: it needs a cohort (month of first purchase) whose first ${LTV_MONTHS} months have all ended; none has by ${periodName(lastCompleteMonth)}.`;
  return { value, marginMonths: m.months, marginMissing: m.missing, rule };
}

function lapsingTable(snapshot: Snapshot, lapsing: readonly LapsingCustomer[], byId: Map<string, CustomerRow>, base: string): TableModel {
  const currency = snapshot.currency;
  return table({
    id: 'lapsing',
    caption: `Lapsing customers, the ${Math.min(TOP_CUSTOMERS, lapsing.length)} with the most net revenue of ${lapsing.length} (${currency})`,
    columns: [
      textColumn('customer', 'Customer', { nowrap: true }),
      numberColumn('net_revenue', 'Net revenue'),
      numberColumn('orders', 'Orders'),
      textColumn('last_purchase', 'Last purchase', { nowrap: true }),
      numberColumn('days_since', 'Days since'),
      numberColumn('usual_gap_days', 'Usual gap (days)'),
      textColumn('team', 'Team', { nowrap: true }),
      textColumn('rep', 'Rep', { nowrap: true }),
    ],
    rows: lapsing.slice(0, TOP_CUSTOMERS).map((c) => {
      const row = byId.get(c.customer_id)!;
      return [
        textCell(c.customer_id),
        moneyCell(c.net_revenue, currency),
        countCell(c.orders),
        periodCell(c.last_day),
        countCell(c.days_since),
        decimalCell(c.usual_gap_days, 1),
        teamCell(snapshot, row.team_id, base),
        repCell(snapshot, row.rep_id, base),
      ];
    }),
    rowHeader: 0,
    defaultSort: { key: 'net_revenue', dir: 'desc' },
    empty: 'No repeat customer has gone quiet for more than twice their usual gap.',
  });
}

/** A day bin in words: `0–7 days`, `181+ days`. */
export function binLabel(bin: { from_days: number; to_days: number | null }): string {
  return bin.to_days === null ? `${bin.from_days}+ days` : `${bin.from_days}–${bin.to_days - 1} days`;
}

const binKey = (bin: { from_days: number; to_days: number | null }): string =>
  bin.to_days === null ? `days_${bin.from_days}_plus` : `days_${bin.from_days}_${bin.to_days - 1}`;

function cycle(data: SalesCycle, runningQuarter: string): CustomerAnalysis['cycle'] {
  const complete = data.quarters.filter((q) => q.period < runningQuarter).slice(-CYCLE_QUARTERS);
  const bars = data.bins.map((bin, i) => ({ label: binLabel(bin), value: complete.reduce((s, q) => s + (q.counts[i] ?? 0), 0) }));
  const won = complete.reduce((s, q) => s + q.won, 0);
  const lost = complete.reduce((s, q) => s + q.lost, 0);
  const binned = bars.reduce((s, b) => s + b.value, 0);
  return {
    quarters: complete.map((q) => q.period),
    bars,
    won,
    lost,
    unbinned: won - binned,
    table: table({
      id: 'sales-cycle',
      caption: 'Opportunities closed by quarter: won and lost, and the won ones by days from opened to won, newest first',
      columns: [
        textColumn('quarter', 'Quarter'),
        numberColumn('won', 'Won'),
        numberColumn('lost', 'Lost'),
        numberColumn('win_rate', 'Win rate'),
        ...data.bins.map((bin) => numberColumn(binKey(bin), binLabel(bin))),
      ],
      rows: [...data.quarters].reverse().map((q) => [
        periodCell(q.period, { text: `${periodName(q.period)}${q.period >= runningQuarter ? ' (to date)' : ''}` }),
        countCell(q.won),
        countCell(q.lost),
        q.won + q.lost === 0 ? missingCell('No opportunities closed') : ratioCell(q.won / (q.won + q.lost)),
        ...data.bins.map((_, i) => countCell(q.counts[i] ?? 0)),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'quarter', dir: 'desc' },
      empty: 'No opportunities closed yet.',
    }),
  };
}

/** @example ltvFigure(12345.67, 'USD') // '$12,346' */
export const ltvFigure = (n: number, currency: string): string => formatMoney(n, currency, { whole: true });
