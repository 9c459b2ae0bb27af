/**
 * A team's forecast on its page and its latest week's page: the next weeks after the last
 * complete one, with their 80% range, and where the running month ends (at this pace and by the
 * month forecast). Small on purpose: a table of a few rows, no chart (the forecasts page has the
 * chart). Pure.
 */
import type { ForecastPoint } from '../../shared/forecast/forecast.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import { periodDayLabels } from './period.ts';
import { dateRangeName, periodName } from './format.ts';
import { methodName, periodProjection, scopeForecast, type PeriodProjection, type ScopeForecast } from './forecasts.ts';
import { memoPerSnapshot } from './memo.ts';
import { moneyCell, numberColumn, periodCell, table, textCell, textColumn, type TableModel } from './table.ts';

/** Weeks of the forecast the team pages show. */
export const TEAM_FORECAST_WEEKS = 4;

export interface TeamForecast {
  weeks: ScopeForecast;
  next: ForecastPoint[];
  month: PeriodProjection;
  table: TableModel;
}

/** @example buildTeamForecast(snapshot, 'team_east').next.map((p) => p.period) // ['2026-W49', …] */
export const buildTeamForecast = memoPerSnapshot(computeTeamForecast, (teamId: string) => teamId);

function computeTeamForecast(snapshot: Snapshot, teamId: string): TeamForecast {
  const currency = snapshot.currency;
  const weeks = scopeForecast(snapshot, 'team', teamId, 'week');
  const next = (weeks.forecast?.points ?? []).slice(0, TEAM_FORECAST_WEEKS);
  return {
    weeks,
    next,
    month: periodProjection(snapshot, 'team', teamId, 'month'),
    table: table({
      id: 'forecast',
      caption: `Net-revenue forecast for the next ${TEAM_FORECAST_WEEKS} weeks, with the 80% range${weeks.forecast ? ` (${methodName(weeks.forecast.method)})` : ''} (${currency})`,
      columns: [textColumn('week', 'Week'), textColumn('dates', 'Dates'), numberColumn('forecast', 'Forecast'), numberColumn('lower', '80% low'), numberColumn('upper', '80% high')],
      rows: next.map((p) => {
        const days = periodDayLabels(p.period);
        return [
          periodCell(p.period, { text: `${periodName(p.period)}${p.period === weeks.running ? ' (running)' : ''}` }),
          textCell(dateRangeName(days[0]!, days.at(-1)!), { csv: `${days[0]}/${days.at(-1)}` }),
          moneyCell(p.forecast, currency),
          moneyCell(p.lower, currency),
          moneyCell(p.upper, currency),
        ];
      }),
      rowHeader: 0,
      defaultSort: { key: 'week', dir: 'asc' },
      empty: `No weekly forecast: ${weeks.missing ?? 'too little history'}.`,
    }),
  };
}
