/**
 * The forecasts' view models on the fixture, worked out by hand. The fixture's company months
 * July–October are 30,000, 36,000, 40,000, 44,000 (November runs at as_of): 4 months are too few
 * to backtest, so the forecast is naive, 44,000 for every month, with σ² = (6,000² + 4,000² +
 * 4,000²) / 3 = 22,666,667 and an 80% range of 44,000 ± 1.2816 × σ × √h.
 */
import { describe, expect, it } from 'vitest';
import type { SeriesForecast } from '../../shared/forecast/forecast.ts';
import { buildDashboardForecast, projectionView } from '../../site/data/dashboard-forecast.ts';
import {
  accuracyText,
  coverageText,
  intervalText,
  methodReason,
  periodProjection,
  scopeForecast,
  type ScopeForecast,
} from '../../site/data/forecasts.ts';
import { buildForecastsPage, forecastChartPoints } from '../../site/data/forecasts-page.ts';
import { forecastAnchor, forecastsHref } from '../../site/data/links.ts';
import { tableCsv } from '../../site/data/table.ts';
import { buildTeamForecast } from '../../site/data/team-forecast.ts';
import { fixtureSnapshot } from './make-snapshot.ts';

const Z80 = 1.2815515655446004;
const SIGMA = Math.sqrt(68_000_000 / 3);
const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('scopeForecast: the fixture', () => {
  it('forecasts the company by month from the complete months, naively, and says why', () => {
    const f = scopeForecast(fixtureSnapshot(), 'company', null, 'month');
    expect(f).toMatchObject({ running: '2026-11', after: '2026-10', runningToDate: 49500.25, missing: null });
    expect(f.history).toEqual([
      { period: '2026-07', value: 30000 },
      { period: '2026-08', value: 36000 },
      { period: '2026-09', value: 40000 },
      { period: '2026-10', value: 44000 },
    ]);
    expect(f.forecast?.method).toBe('naive');
    expect(f.forecast?.note).toBe('only 4 months of history: too short to backtest, so the last value is carried forward');
    expect(f.forecast?.points.map((p) => p.period)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
    const [nov, dec] = f.forecast!.points;
    expect(nov!.forecast).toBe(44000);
    expect(nov!.lower).toBeCloseTo(44000 - Z80 * SIGMA, 3); // 37,898.59
    expect(nov!.upper).toBeCloseTo(44000 + Z80 * SIGMA, 3); // 50,101.41
    expect(dec!.upper).toBeCloseTo(44000 + Z80 * SIGMA * Math.SQRT2, 3); // a naive forecast's error grows with √h
  });

  it('has none with a single complete period, and says so', () => {
    const quarter = scopeForecast(fixtureSnapshot(), 'company', null, 'quarter');
    expect(quarter).toMatchObject({ running: '2026-Q4', after: '2026-Q3', forecast: null });
    expect(quarter.missing).toBe('only 1 complete quarter of figures: a forecast needs at least 2');
  });

  it('forecasts a team by week from its weeks before the running one (East: 6,000 then 8,000)', () => {
    const f = scopeForecast(fixtureSnapshot(), 'team', 'team_east', 'week');
    expect(f).toMatchObject({ running: '2026-W49', after: '2026-W48', runningToDate: 2500 });
    const [w49] = f.forecast!.points;
    expect(w49).toMatchObject({ period: '2026-W49', forecast: 8000 });
    expect(w49!.lower).toBeCloseTo(8000 - Z80 * 2000, 3);
    expect(f.forecast!.points).toHaveLength(13);
  });

  it('makes each forecast once per snapshot', () => {
    const snapshot = fixtureSnapshot();
    expect(scopeForecast(snapshot, 'company', null, 'month')).toBe(scopeForecast(snapshot, 'company', null, 'month'));
  });
});

/** A scope forecast with a backtest, as the shared code reports one; override what the test is about. */
function made(overrides: Partial<SeriesForecast> = {}): ScopeForecast {
  return {
    scope: 'company',
    id: null,
    grain: 'month',
    running: '2026-11',
    after: '2026-10',
    history: [],
    runningToDate: 0,
    missing: null,
    forecast: {
      method: 'holt_winters',
      parameters: {},
      observations: 31,
      accuracy: { method: 'holt_winters', origins: 5, forecasts: 15, mape: 8.5321, mase: 0.5312 },
      benchmark: { method: 'seasonal_naive', origins: 5, forecasts: 15, mape: 12.1, mase: 0.8712 },
      interval: { z: 1.2816, calibrated: false, coverage: null },
      note: null,
      level: 0.8,
      points: [{ period: '2026-11', forecast: 100, lower: 80, upper: 120 }],
      ...overrides,
    },
  };
}

describe('what the forecast says about itself', () => {
  it('explains the choice by the backtest: how many forecasts, of which periods', () => {
    expect(methodReason(made())).toBe(
      'Lowest mean absolute error of the candidate methods in the backtest: 15 forecasts of June 2026 to October 2026, each made only from the months before it, up to 6 ahead.',
    );
  });

  it('adds the note of a short series, and gives only the note when there was no backtest', () => {
    const note = '10 quarters of history: a seasonal model needs 13 to be fitted and backtested, so it was not a candidate';
    expect(methodReason(made({ note }))).toMatch(/up to 6 ahead\. 10 quarters of history: a seasonal model needs 13 to be fitted and backtested, so it was not a candidate\.$/);
    expect(methodReason(scopeForecast(fixtureSnapshot(), 'company', null, 'month'))).toBe(
      'Only 4 months of history: too short to backtest, so the last value is carried forward.',
    );
  });

  it('gives MAPE and MASE next to seasonal naive’s MASE on the same origins', () => {
    expect(accuracyText(made())).toBe('MAPE 8.5%, MASE 0.53; seasonal naive on the same forecasts: MASE 0.87.');
    const sn = { method: 'seasonal_naive' as const, origins: 5, forecasts: 15, mape: 12.1, mase: 0.8712 };
    expect(accuracyText(made({ method: 'seasonal_naive', accuracy: sn }))).toBe('MAPE 12.1%, MASE 0.87; the chosen method is seasonal naive itself.');
    expect(accuracyText(made({ benchmark: null }))).toBe('MAPE 8.5%, MASE 0.53; seasonal naive could not be run on this history.');
    expect(accuracyText(made({ accuracy: null }))).toBe('Not measured: the history is too short for a backtest.');
  });

  it('says how wide the range is and whether the backtest widened it', () => {
    expect(intervalText(made({ interval: { z: 1.5234, calibrated: true, coverage: 0.8 } }))).toBe(
      "Widened to ±1.52 standard errors (the model's own 80% width is ±1.28): in the backtest, 80% of the errors were within 1.52.",
    );
    expect(intervalText(made())).toBe("The model's own 80% width, ±1.28 standard errors: 15 backtest forecasts are too few to check it (20 are needed).");
    const many = { method: 'holt_winters' as const, origins: 26, forecasts: 260, mape: 15, mase: 0.8 };
    expect(intervalText(made({ accuracy: many }))).toBe("The model's own 80% width, ±1.28 standard errors: the backtest did not show it too narrow.");
  });

  it('reports the out-of-sample coverage against the promised 80%', () => {
    expect(coverageText(made({ interval: { z: 1.2816, calibrated: false, coverage: 0.8681 } }))).toBe(
      '87% of the newer half of the backtest fell inside ranges set on the older half alone (the promise: 80%).',
    );
    expect(coverageText(made())).toBe('Not checked: too few backtest forecasts.');
  });
});

describe('periodProjection: the running month and quarter, two ways', () => {
  it('gives the month at this pace (the pacing row) and by the forecast, each against the target', () => {
    const p = periodProjection(fixtureSnapshot(), 'company', null, 'month');
    expect(p).toMatchObject({ period: '2026-11', target: 55000, netRevenueToDate: 49500.25, forecastMissing: null });
    expect(p.pace).toMatchObject({ method: 'elapsed_days', expectedFraction: 1, elapsedDays: 30, totalDays: 30, projected: 49500.25 });
    expect(p.forecast).toMatchObject({ after: '2026-10', method: 'naive', point: 44000 });
    expect(p.forecast!.attainment!.point).toBeCloseTo(0.8, 12); // 44,000 / 55,000
    expect(p.forecast!.attainment!.upper).toBeCloseTo((44000 + Z80 * SIGMA) / 55000, 6);
  });

  it('says why the quarter has no forecast', () => {
    const p = periodProjection(fixtureSnapshot(), 'company', null, 'quarter');
    expect(p).toMatchObject({ period: '2026-Q4', target: 150000, forecast: null });
    expect(p.pace?.projected).toBe(141016.7705);
    expect(p.forecastMissing).toBe('No forecast: only 1 complete quarter of figures: a forecast needs at least 2.');
  });

  it('reads as text, naming which figure is which', () => {
    const view = projectionView(periodProjection(fixtureSnapshot(), 'company', null, 'month'), 'USD');
    expect(view.title).toBe('November 2026, running');
    expect(view.toDate).toBe('$49,500 so far of the $55,000 target');
    expect(view.pace).toEqual({
      value: '$49,500 by month end: 90.0% of the $55,000 target',
      detail: '$49,500 so far ÷ the 100.0% of the target expected by day 30 of 30 (the share of the days gone by).',
    });
    expect(view.forecast).toEqual({
      value: '$44,000 (80% range $37,899–$50,101): 80.0% of target (68.9%–91.1%)',
      detail: "Naive on the complete months up to October 2026; this month's sales so far are not used.",
    });
  });

  it('has no pace without a target', () => {
    const snapshot = fixtureSnapshot();
    const view = projectionView(periodProjection(snapshot, 'team', 'team_west', 'month'), 'USD');
    expect(view.pace).toBeNull();
    expect(view.paceMissing).toBe('No target set for November 2026, so there is no pace to project from.');
    expect(view.toDate).toBe('$19,500 so far, no target set');
  });
});

describe('buildForecastsPage', () => {
  const page = () => buildForecastsPage(fixtureSnapshot(), 'month', '/');

  it('has the company and each team, each with its anchor, and a grain switch of plain links', () => {
    expect(page().sections.map((s) => [s.name, s.anchor, s.f.forecast?.method ?? s.f.missing])).toEqual([
      ['Company', 'company', 'naive'],
      ['East', 'team-team_east', 'only 1 complete month of figures: a forecast needs at least 2'],
      ['West', 'team-team_west', 'only 1 complete month of figures: a forecast needs at least 2'],
    ]);
    expect(page().grains).toEqual([
      { grain: 'month', label: 'Months', href: '/forecasts/', current: true },
      { grain: 'week', label: 'Weeks', href: '/forecasts/weeks/', current: false },
      { grain: 'quarter', label: 'Quarters', href: '/forecasts/quarters/', current: false },
    ]);
    expect(forecastsHref('/q/', 'quarter')).toBe('/q/forecasts/quarters/');
    expect(forecastAnchor('team_east')).toBe('team-team_east');
  });

  it('states the method, why, its accuracy and the next month', () => {
    const facts = Object.fromEntries(page().sections[0]!.facts.map((f) => [f.key, f.value]));
    expect(facts.history).toBe('The 4 complete months up to October 2026');
    expect(facts.method).toBe('Naive: every period ahead is the last one');
    expect(facts.accuracy).toBe('Not measured: the history is too short for a backtest.');
    expect(facts.next).toBe('November 2026 (running; $49,500 so far): $44,000, 80% range $37,899–$50,101');
  });

  it('lists every forecast row, as the API gives them, with a CSV', () => {
    const rows = page().rows;
    expect(rows.rows).toHaveLength(6);
    expect(texts(rows.rows)[0]).toEqual(['Company', 'November 2026', '$44,000', '$37,899', '$50,101', 'Naive']);
    expect(tableCsv(rows).split('\r\n').slice(0, 2)).toEqual(['scope,period,forecast,lower,upper,method', 'company,2026-11,44000,37898.5941,50101.4059,naive']);
  });

  it('charts the history shown, then the forecast, with the running month so far on its point', () => {
    const points = forecastChartPoints(scopeForecast(fixtureSnapshot(), 'company', null, 'month'), 2);
    expect(points.map((p) => [p.period, p.actual, p.forecast, p.toDate])).toEqual([
      ['2026-09', 40000, null, null],
      ['2026-10', 44000, null, null],
      ['2026-11', null, 44000, 49500.25],
      ['2026-12', null, 44000, null],
      ['2027-01', null, 44000, null],
      ['2027-02', null, 44000, null],
      ['2027-03', null, 44000, null],
      ['2027-04', null, 44000, null],
    ]);
    expect(texts(page().sections[0]!.table.rows).at(4)).toEqual(['November 2026 (to date)', '$49,500', '$44,000', '$37,899', '$50,101']);
  });

  it('by week: East alone has two complete weeks', () => {
    const weeks = buildForecastsPage(fixtureSnapshot(), 'week', '/');
    expect(weeks.sections.map((s) => s.f.forecast?.points.length ?? 0)).toEqual([0, 13, 0]);
    expect(weeks.rows.rows).toHaveLength(13);
  });
});

describe('buildDashboardForecast', () => {
  it('tabulates the next months with the target where one is set', () => {
    const block = buildDashboardForecast(fixtureSnapshot());
    expect(texts(block.table.rows).slice(0, 2)).toEqual([
      ['November 2026 (running)', '$44,000', '$37,899', '$50,101', '$55,000', '80.0%'],
      ['December 2026', '$44,000', '$35,371', '$52,629', '—', '—'],
    ]);
    expect(block.projections.map((p) => p.period)).toEqual(['2026-11', '2026-Q4']);
  });
});

describe('buildTeamForecast', () => {
  it('gives the next 4 weeks after the last complete one, and the month projection', () => {
    const f = buildTeamForecast(fixtureSnapshot(), 'team_east');
    expect(texts(f.table.rows)).toEqual([
      ['Week 49, 2026 (running)', 'Nov 30 – Dec 6, 2026', '$8,000', '$5,437', '$10,563'],
      ['Week 50, 2026', 'Dec 7–13, 2026', '$8,000', '$4,375', '$11,625'],
      ['Week 51, 2026', 'Dec 14–20, 2026', '$8,000', '$3,561', '$12,439'],
      ['Week 52, 2026', 'Dec 21–27, 2026', '$8,000', '$2,874', '$13,126'],
    ]);
    expect(f.month).toMatchObject({ period: '2026-11', target: 33000, forecast: null });
    expect(f.month.pace?.projected).toBe(30000.25);
  });
});
