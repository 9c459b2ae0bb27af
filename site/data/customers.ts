/**
 * The customers page (`/customers/`): active and new customers and the repeat rate by month,
 * customers by team in the report month, and market shares by region and segment. Pure. The
 * behaviour read from the per-customer rows (cohorts, RFM, top customers, lifetime value, ...) is
 * `customer-analysis.ts`.
 */
import type { MarketShareRow, Snapshot } from '../../shared/snapshot.ts';
import type { BarPoint } from '../charts/bar-trend.ts';
import type { LinePoint } from '../charts/line-trend.ts';
import { missingText, periodName } from './format.ts';
import { reportMonth } from './headline.ts';
import { companyRows, findRow } from './kpi-rows.ts';
import { teamHref } from './links.ts';
import { teamName } from './lookups.ts';
import { teamIds } from './pages.ts';
import { comparePeriods } from './period.ts';
import { countCell, missingCell, moneyCell, numberColumn, periodCell, ratioCell, table, textCell, textColumn, type TableModel } from './table.ts';
import { chartMonths } from './team-page.ts';

export const CUSTOMER_TREND_MONTHS = 12;

export interface CustomersPage {
  report: ReturnType<typeof reportMonth>;
  /** The report month's company row figures. */
  current: { active: number; new: number; repeatRate: number | null };
  active: BarPoint[];
  newCustomers: BarPoint[];
  repeatRate: LinePoint[];
  months: TableModel;
  teams: TableModel;
  /** The latest period with market figures and its rows (shares by region and segment). */
  latestMarkets: { period: string; rows: MarketShareRow[] } | null;
  markets: TableModel;
}

/** @example buildCustomersPage(snapshot, '/').current // { active: 17, new: 7, repeatRate: 0.588… } */
export function buildCustomersPage(snapshot: Snapshot, base: string): CustomersPage {
  const report = reportMonth(snapshot);
  const currency = snapshot.currency;
  const rows = companyRows(snapshot, 'month');
  const months = chartMonths(rows, report.month, CUSTOMER_TREND_MONTHS);
  const byMonth = new Map(rows.map((r) => [r.period, r]));
  const partial = (m: string) => report.running && m === report.month;
  const bar = (m: string, value: number): BarPoint => ({ period: m, value, target: null, partial: partial(m) });
  const current = byMonth.get(report.month);
  const monthName = `${periodName(report.month)}${report.running ? ' to date' : ''}`;

  const markets = [...snapshot.markets].sort(
    (a, b) =>
      -comparePeriods(a.period, b.period) ||
      ['year', 'quarter', 'month'].indexOf(a.grain) - ['year', 'quarter', 'month'].indexOf(b.grain) ||
      (a.segment ?? '').localeCompare(b.segment ?? '') ||
      (a.region ?? '').localeCompare(b.region ?? ''),
  );
  // The latest period by its end: a month ends before its quarter does; prefer the longer period on a tie of labels.
  const latest = latestMarketPeriod(snapshot.markets);

  return {
    report,
    current: { active: current?.active_customers ?? 0, new: current?.new_customers ?? 0, repeatRate: current?.repeat_customer_rate ?? null },
    active: months.map((m) => bar(m, byMonth.get(m)?.active_customers ?? 0)),
    newCustomers: months.map((m) => bar(m, byMonth.get(m)?.new_customers ?? 0)),
    repeatRate: months.map((m) => ({ period: m, value: byMonth.get(m)?.repeat_customer_rate ?? null, partial: partial(m) })),
    months: table({
      id: 'months',
      caption: `Company customers by month, newest first (${currency})`,
      columns: [
        textColumn('month', 'Month'),
        numberColumn('active_customers', 'Active customers'),
        numberColumn('new_customers', 'New customers'),
        numberColumn('repeat_customer_rate', 'Repeat rate'),
        numberColumn('orders', 'Orders'),
        numberColumn('average_order_value', 'Average order'),
      ],
      rows: [...rows].reverse().map((r) => [
        periodCell(r.period, { text: `${periodName(r.period)}${partial(r.period) ? ' (to date)' : ''}` }),
        countCell(r.active_customers),
        countCell(r.new_customers),
        ratioCell(r.repeat_customer_rate, 'No active customers'),
        countCell(r.orders),
        moneyCell(r.average_order_value, currency, 'No orders'),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'month', dir: 'desc' },
      empty: 'No months with data.',
    }),
    teams: table({
      id: 'teams',
      caption: `Customers by team, ${monthName}`,
      columns: [
        textColumn('team', 'Team'),
        numberColumn('active_customers', 'Active customers'),
        numberColumn('new_customers', 'New customers'),
        numberColumn('repeat_customer_rate', 'Repeat rate'),
      ],
      rows: teamIds(snapshot)
        .map((id) => ({ id, name: teamName(snapshot, id), row: findRow(snapshot, 'team', id, 'month', report.month) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en'))
        .map(({ id, name, row }) => [
          textCell(name, { href: teamHref(base, id) }),
          countCell(row?.active_customers ?? 0),
          countCell(row?.new_customers ?? 0),
          ratioCell(row?.repeat_customer_rate ?? null, missingText('no_activity', report.month)),
        ]),
      rowHeader: 0,
      defaultSort: { key: 'team', dir: 'asc' },
      empty: 'No teams in this snapshot.',
    }),
    latestMarkets: latest ? { period: latest, rows: markets.filter((m) => m.period === latest) } : null,
    markets: table({
      id: 'markets',
      caption: `Market share by region and segment, newest first (${currency})`,
      columns: [
        textColumn('period', 'Period'),
        textColumn('region', 'Region'),
        textColumn('segment', 'Segment'),
        numberColumn('market_size', 'Market size'),
        numberColumn('net_revenue', 'Our net revenue'),
        numberColumn('share', 'Share'),
      ],
      rows: markets.map((m) => [
        periodCell(m.period),
        textCell(m.region ?? 'All regions', { csv: m.region ?? '' }),
        textCell(m.segment ?? 'All segments', { csv: m.segment ?? '' }),
        moneyCell(m.market_size, currency),
        moneyCell(m.net_revenue, currency),
        m.share === null ? missingCell('The market size is zero') : ratioCell(m.share),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'period', dir: 'desc' },
      empty: 'No region or segment market sizes in this snapshot.',
    }),
  };
}

/** The market period that ends last (a tie between a month and its quarter goes to the quarter). */
function latestMarketPeriod(rows: readonly MarketShareRow[]): string | null {
  let best: { period: string; end: string; rank: number } | null = null;
  for (const row of rows) {
    const end = periodEnd(row.period, row.grain);
    const rank = ['month', 'quarter', 'year'].indexOf(row.grain);
    if (!best || end > best.end || (end === best.end && rank > best.rank)) best = { period: row.period, end, rank };
  }
  return best?.period ?? null;
}

function periodEnd(period: string, grain: MarketShareRow['grain']): string {
  const year = period.slice(0, 4);
  if (grain === 'year') return `${year}-12`;
  if (grain === 'quarter') return `${year}-${String(Number(period.slice(6)) * 3).padStart(2, '0')}`;
  return period;
}
