/**
 * The forecasts pages (`/forecasts/` for months, `/forecasts/weeks/`, `/forecasts/quarters/`):
 * for the company and each team, the history with the forecast and its 80% range, the method
 * and why, its measured accuracy next to seasonal naive's, and how well its ranges held; every
 * forecast row in one table (the API's rows, with a CSV). Pure.
 */
import type { ForecastGrain } from '../../shared/forecast/forecast.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import type { ForecastChartPoint } from '../charts/forecast-band.ts';
import { formatMoney, periodName } from './format.ts';
import {
  accuracyText,
  coverageText,
  FORECAST_GRAINS,
  FORECAST_HORIZON,
  intervalText,
  methodName,
  methodReason,
  methodWhat,
  rangeText,
  scopeForecast,
  type ScopeForecast,
} from './forecasts.ts';
import { dashboardHref, forecastAnchor, forecastsHref, teamHref } from './links.ts';
import { teamName } from './lookups.ts';
import { memoPerSnapshot } from './memo.ts';
import { teamIds } from './pages.ts';
import { moneyCell, numberColumn, periodCell, table, textCell, textColumn, type TableModel } from './table.ts';

/** Periods of history the chart shows before the forecast: wide and narrow (phones). */
export const HISTORY_SHOWN: Record<ForecastGrain, { wide: number; narrow: number }> = {
  week: { wide: 52, narrow: 13 },
  month: { wide: 24, narrow: 9 },
  quarter: { wide: 12, narrow: 6 },
};

const GRAIN_WORDS: Record<ForecastGrain, { plural: string; title: string }> = {
  week: { plural: 'weeks', title: 'Weeks' },
  month: { plural: 'months', title: 'Months' },
  quarter: { plural: 'quarters', title: 'Quarters' },
};

export interface ForecastFact {
  key: 'history' | 'method' | 'why' | 'accuracy' | 'interval' | 'coverage' | 'next';
  label: string;
  value: string;
}

export interface ForecastSection {
  /** The section's id on the page (`company`, `team-<segment>`). */
  anchor: string;
  name: string;
  /** The page with this scope's figures: the dashboard, or the team's page. */
  href: string;
  f: ScopeForecast;
  /** Chart points, wide and narrow; empty without a forecast. */
  wide: ForecastChartPoint[];
  narrow: ForecastChartPoint[];
  /** The chart's accessible description. */
  label: string;
  facts: ForecastFact[];
  /** The chart's numbers: the history shown, the running period to date, the forecast. */
  table: TableModel;
}

export interface ForecastsPage {
  grain: ForecastGrain;
  horizon: number;
  /** The grain switch: plain links, the current one marked. */
  grains: { grain: ForecastGrain; label: string; href: string; current: boolean }[];
  sections: ForecastSection[];
  /** Every forecast row of the page: scope, period, forecast, 80% range, method. */
  rows: TableModel;
}

/** @example buildForecastsPage(snapshot, 'month', '/').sections[0].f.forecast?.method // 'naive' */
export const buildForecastsPage = memoPerSnapshot(computeForecastsPage, (grain: ForecastGrain, base: string) => `${grain}\u0000${base}`);

function computeForecastsPage(snapshot: Snapshot, grain: ForecastGrain, base: string): ForecastsPage {
  const scopes = [
    { scope: 'company' as const, id: null, name: 'Company', href: `${dashboardHref(base)}#revenue-trend` },
    ...teamIds(snapshot).map((id) => ({ scope: 'team' as const, id, name: teamName(snapshot, id), href: teamHref(base, id) })),
  ];
  // Each section's table is named after its scope (`company`, `team-east`); `forecasts` is the rows table's.
  const used = new Set<string>(['forecasts']);
  const sections = scopes.map(({ scope, id, name, href }) => {
    const f = scopeForecast(snapshot, scope, id, grain);
    return buildSection(snapshot, f, name, href, uniqueSlug(id ?? 'company', used));
  });
  return {
    grain,
    horizon: FORECAST_HORIZON[grain],
    grains: FORECAST_GRAINS.map((g) => ({ grain: g, label: GRAIN_WORDS[g].title, href: forecastsHref(base, g), current: g === grain })),
    sections,
    rows: rowsTable(snapshot, grain, sections, base),
  };
}

/** A table id from a name: lowercase letters, digits and dashes, distinct on the page. */
function uniqueSlug(name: string, used: Set<string>): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'scope';
  let candidate = slug;
  for (let i = 2; used.has(candidate); i++) candidate = `${slug}-${i}`;
  used.add(candidate);
  return candidate;
}

/**
 * The chart's points: the last `shown` periods of history, then the forecast; the running
 * period's figures so far on its forecast point.
 */
export function forecastChartPoints(f: ScopeForecast, shown: number): ForecastChartPoint[] {
  if (!f.forecast) return [];
  const history = f.history.slice(-shown).map(
    (h): ForecastChartPoint => ({ period: h.period, actual: h.value, forecast: null, lower: null, upper: null, toDate: null }),
  );
  const ahead = f.forecast.points.map(
    (p): ForecastChartPoint => ({
      period: p.period,
      actual: null,
      forecast: p.forecast,
      lower: p.lower,
      upper: p.upper,
      toDate: p.period === f.running ? f.runningToDate : null,
    }),
  );
  return [...history, ...ahead];
}

function buildSection(snapshot: Snapshot, f: ScopeForecast, name: string, href: string, slug: string): ForecastSection {
  const currency = snapshot.currency;
  const money = (n: number) => formatMoney(n, currency, { whole: true });
  const words = GRAIN_WORDS[f.grain];
  const shown = HISTORY_SHOWN[f.grain];
  const wide = forecastChartPoints(f, shown.wide);
  const narrow = forecastChartPoints(f, shown.narrow);
  const s = f.forecast;
  const facts: ForecastFact[] = [];
  let label = '';
  if (s && f.after) {
    const first = s.points[0]!;
    const last = s.points.at(-1)!;
    const historyFrom = wide.find((p) => p.actual !== null)?.period ?? f.after;
    label =
      `Line chart of ${name === 'Company' ? 'the company' : name}'s net revenue by ${f.grain}, ${periodName(historyFrom)} to ${periodName(f.after)}, ` +
      `then the forecast for ${periodName(first.period)} to ${periodName(last.period)} as a dashed line with its 80% range shaded. ` +
      `${periodName(first.period)}: ${money(first.forecast)} (80% range ${rangeText(first, currency)}).`;
    facts.push(
      { key: 'history', label: 'Made from', value: `The ${s.observations} complete ${s.observations === 1 ? f.grain : words.plural} up to ${periodName(f.after)}` },
      { key: 'method', label: 'Method', value: `${methodName(s.method)}: ${methodWhat(s.method)}` },
      { key: 'why', label: 'Why this method', value: methodReason(f) },
      { key: 'accuracy', label: 'Backtest error', value: accuracyText(f) },
      { key: 'interval', label: '80% range', value: intervalText(f) },
      { key: 'coverage', label: 'Did the ranges hold?', value: coverageText(f) },
      {
        key: 'next',
        label: `Next ${f.grain}`,
        value:
          `${periodName(first.period)}${first.period === f.running ? ` (running; ${money(f.runningToDate)} so far)` : ''}: ` +
          `${money(first.forecast)}, 80% range ${rangeText(first, currency)}`,
      },
    );
  }
  const runningRow = f.forecast?.points.some((p) => p.period === f.running) ?? false;
  return {
    anchor: forecastAnchor(f.id),
    name,
    href,
    f,
    wide,
    narrow,
    label,
    facts,
    table: table({
      id: slug,
      caption: `${name}: net revenue and forecast by ${f.grain} (${currency})`,
      columns: [
        textColumn('period', words.title.replace(/s$/, '')),
        numberColumn('net_revenue', 'Net revenue'),
        numberColumn('forecast', 'Forecast'),
        numberColumn('lower_80', '80% low'),
        numberColumn('upper_80', '80% high'),
      ],
      rows: wide.map((p) => [
        periodCell(p.period, { text: `${periodName(p.period)}${p.period === f.running && runningRow ? ' (to date)' : ''}` }),
        p.actual !== null
          ? moneyCell(p.actual, currency)
          : p.toDate !== null
            ? moneyCell(p.toDate, currency)
            : moneyCell(null, currency, 'Not over yet'),
        moneyCell(p.forecast, currency, 'History: no forecast'),
        moneyCell(p.lower, currency, 'History: no forecast'),
        moneyCell(p.upper, currency, 'History: no forecast'),
      ]),
      rowHeader: 0,
      defaultSort: { key: 'period', dir: 'asc' },
      empty: 'No forecast.',
    }),
  };
}

/** Every forecast row on the page, as `GET /v1/forecasts` gives them, with the method. */
function rowsTable(snapshot: Snapshot, grain: ForecastGrain, sections: readonly ForecastSection[], base: string): TableModel {
  const currency = snapshot.currency;
  return table({
    id: 'forecasts',
    caption: `Net-revenue forecasts by ${grain}, with the 80% range (${currency})`,
    columns: [
      textColumn('scope', 'Company or team', { nowrap: true }),
      textColumn('period', GRAIN_WORDS[grain].title.replace(/s$/, '')),
      numberColumn('forecast', 'Forecast'),
      numberColumn('lower', '80% low'),
      numberColumn('upper', '80% high'),
      textColumn('method', 'Method'),
    ],
    rows: sections.flatMap((section) =>
      (section.f.forecast?.points ?? []).map((p) => [
        textCell(section.name, { href: `${forecastsHref(base, grain)}#${section.anchor}`, csv: section.f.id ?? 'company' }),
        periodCell(p.period),
        moneyCell(p.forecast, currency),
        moneyCell(p.lower, currency),
        moneyCell(p.upper, currency),
        textCell(methodName(section.f.forecast!.method), { csv: section.f.forecast!.method }),
      ]),
    ),
    rowHeader: 0,
    defaultSort: null,
    empty: 'No scope has enough history for a forecast yet.',
  });
}

/** The CSV files of a forecasts page: each section's numbers and the forecast rows. */
export function forecastsPageTables(snapshot: Snapshot, grain: ForecastGrain, base: string): TableModel[] {
  const page = buildForecastsPage(snapshot, grain, base);
  return [...page.sections.filter((s) => s.f.forecast).map((s) => s.table), page.rows];
}
