/**
 * The dashboard's forecast block: the company's next months with their 80% range (chart and
 * table), and where the running month and quarter end, two ways: at the pace so far and by the
 * forecast made from the complete periods. Pure.
 */
import type { Snapshot } from '../../shared/snapshot.ts';
import type { ForecastChartPoint } from '../charts/forecast-band.ts';
import { formatMoney, formatPercent, missingText, periodName } from './format.ts';
import { methodName, periodProjection, rangeText, scopeForecast, type PeriodProjection, type ScopeForecast } from './forecasts.ts';
import { forecastChartPoints } from './forecasts-page.ts';
import { memoPerSnapshot } from './memo.ts';
import { missingCell, moneyCell, numberColumn, periodCell, ratioCell, table, textColumn, type TableModel } from './table.ts';
import { monthTarget } from './week-target.ts';

/** Months of history before the forecast on the dashboard's chart: wide and narrow. */
export const DASHBOARD_HISTORY = { wide: 12, narrow: 6 } as const;

export interface DashboardForecast {
  f: ScopeForecast;
  wide: ForecastChartPoint[];
  narrow: ForecastChartPoint[];
  label: string;
  /** The forecast months with the target where one is set. */
  table: TableModel;
  /** The running month and quarter. */
  projections: PeriodProjection[];
}

/** @example buildDashboardForecast(snapshot).projections.map((p) => p.period) // ['2026-11', '2026-Q4'] */
export const buildDashboardForecast = memoPerSnapshot(computeDashboardForecast, () => '');

function computeDashboardForecast(snapshot: Snapshot): DashboardForecast {
  const currency = snapshot.currency;
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const f = scopeForecast(snapshot, 'company', null, 'month');
  const points = f.forecast?.points ?? [];
  const first = points[0];
  const label =
    f.forecast && first && f.after
      ? `Line chart of the company's net revenue by month to ${periodName(f.after)}, then the ${f.forecast.method === 'naive' ? 'naive ' : ''}forecast ` +
        `for ${periodName(first.period)} to ${periodName(points.at(-1)!.period)} with its 80% range shaded. ` +
        `${periodName(first.period)}: ${money(first.forecast)} (80% range ${rangeText(first, currency)}).`
      : '';
  return {
    f,
    wide: forecastChartPoints(f, DASHBOARD_HISTORY.wide),
    narrow: forecastChartPoints(f, DASHBOARD_HISTORY.narrow),
    label,
    table: table({
      id: 'forecast',
      caption: `Company net-revenue forecast by month, with the 80% range${f.forecast ? ` (${methodName(f.forecast.method)})` : ''} (${currency})`,
      columns: [
        textColumn('month', 'Month'),
        numberColumn('forecast', 'Forecast'),
        numberColumn('lower', '80% low'),
        numberColumn('upper', '80% high'),
        numberColumn('target', 'Target'),
        numberColumn('forecast_attainment', 'Forecast ÷ target'),
      ],
      rows: points.map((p) => {
        const target = monthTarget(snapshot, 'company', null, p.period);
        return [
          periodCell(p.period, { text: `${periodName(p.period)}${p.period === f.running ? ' (running)' : ''}` }),
          moneyCell(p.forecast, currency),
          moneyCell(p.lower, currency),
          moneyCell(p.upper, currency),
          moneyCell(target, currency, missingText('no_target', p.period)),
          target === null || target === 0
            ? missingCell(target === 0 ? missingText('zero_target', p.period) : missingText('no_target', p.period))
            : ratioCell(p.forecast / target),
        ];
      }),
      rowHeader: 0,
      defaultSort: { key: 'month', dir: 'asc' },
      empty: 'No forecast: too little history.',
    }),
    projections: [periodProjection(snapshot, 'company', null, 'month'), periodProjection(snapshot, 'company', null, 'quarter')],
  };
}

export interface ProjectionView {
  grain: 'month' | 'quarter';
  title: string;
  /** Net revenue so far and the target. */
  toDate: string;
  pace: { value: string; detail: string } | null;
  paceMissing: string | null;
  forecast: { value: string; detail: string } | null;
  forecastMissing: string | null;
}

/**
 * A projection as text: which figure comes from pace and which from the forecast.
 *
 * @example projectionView(p, 'USD').pace?.value // '$49,500 by month end: 90.0% of the $55,000 target'
 */
export function projectionView(p: PeriodProjection, currency: string): ProjectionView {
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const end = p.grain === 'month' ? 'month end' : 'quarter end';
  const of = (share: number | null) => (share === null || p.target === null ? '' : `: ${formatPercent(share)} of the ${money(p.target)} target`);
  const pace = p.pace && p.pace.projected !== null
    ? {
        value: `${money(p.pace.projected)} by ${end}${of(p.pace.attainment)}`,
        detail:
          `${money(p.netRevenueToDate)} so far ÷ the ${formatPercent(p.pace.expectedFraction)} of the target expected by day ${p.pace.elapsedDays} of ${p.pace.totalDays} ` +
          (p.pace.method === 'last_year_profile' ? "(last year's pattern over the same days)." : '(the share of the days gone by).'),
      }
    : null;
  const paceMissing = pace
    ? null
    : p.target === null
      ? `${missingText('no_target', p.period)}, so there is no pace to project from.`
      : 'Nothing is expected by now yet, so there is no pace to project from.';
  const fc = p.forecast;
  const forecast = fc
    ? {
        value:
          `${money(fc.point)} (80% range ${money(fc.lower)}–${money(fc.upper)})` +
          (fc.attainment ? `: ${formatPercent(fc.attainment.point)} of target (${formatPercent(fc.attainment.lower)}–${formatPercent(fc.attainment.upper)})` : ''),
        detail:
          `${methodName(fc.method)} on the complete ${p.grain}s up to ${periodName(fc.after)}; this ${p.grain}'s sales so far are not used.` +
          (p.netRevenueToDate > fc.upper ? ` They are already above its high end: the ${p.grain} is running ahead of the model.` : ''),
      }
    : null;
  return {
    grain: p.grain,
    title: `${periodName(p.period)}, running`,
    toDate: `${money(p.netRevenueToDate)} so far${p.target === null ? ', no target set' : ` of the ${money(p.target)} target`}`,
    pace,
    paceMissing,
    forecast,
    forecastMissing: fc ? null : p.forecastMissing,
  };
}
