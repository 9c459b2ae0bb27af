/**
 * The analysis charts: a forecast with its range, the cohort heatmap, the sales-cycle bars and
 * the segment lines, each one accessible image with its marks in CSS-coloured classes.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { categoryBars, renderCategoryBars } from '../../site/charts/category-bars.ts';
import { cohortHeatmap, renderCohortHeatmap, shadeOf } from '../../site/charts/cohort-heatmap.ts';
import { forecastBand, renderForecastBand, type ForecastChartPoint } from '../../site/charts/forecast-band.ts';
import { renderSeriesLines, seriesLines } from '../../site/charts/series-lines.ts';

const dom = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

/** One accessible image: role img with the label, and no aria-label on anything else (axe). */
function image(svg: string, label: string): Document {
  const document = dom(svg);
  const root = document.querySelector('svg')!;
  expect(root.getAttribute('role')).toBe('img');
  expect(root.getAttribute('aria-label')).toBe(label);
  expect([...document.querySelectorAll('[aria-label]')]).toHaveLength(1);
  return document as unknown as Document;
}

const history = (period: string, actual: number): ForecastChartPoint => ({ period, actual, forecast: null, lower: null, upper: null, toDate: null });
const ahead = (period: string, forecast: number, toDate: number | null = null): ForecastChartPoint => ({
  period,
  actual: null,
  forecast,
  lower: forecast - 10,
  upper: forecast + 10,
  toDate,
});

describe('forecastBand', () => {
  const points = [history('2026-09', 40), history('2026-10', 44), ahead('2026-11', 44, 30), ahead('2026-12', 44)];

  it('draws the history, the forecast from the last actual on, its range, and the running period so far', () => {
    const document = image(renderForecastBand(points, { format: String, label: 'Forecast' }), 'Forecast');
    expect(document.querySelectorAll('.fc-band path')).toHaveLength(1);
    expect(document.querySelectorAll('.fc-actual circle')).toHaveLength(2);
    expect(document.querySelectorAll('.fc-forecast circle')).toHaveLength(2);
    expect(document.querySelectorAll('.fc-to-date circle')).toHaveLength(1);
    // The dashed line joins the last actual to the two forecasts: three points, one segment.
    const dashed = document.querySelector('.fc-forecast path')?.getAttribute('d') ?? '';
    expect(dashed.match(/[ML]/g)).toHaveLength(3);
  });

  it('puts every period on the x axis, in order', () => {
    expect(forecastBand(points, { format: String }).x?.domain).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('refuses an empty series', () => {
    expect(() => forecastBand([], { format: String })).toThrow('invalid points');
  });
});

describe('cohortHeatmap', () => {
  const cells = [
    { cohort: '2026-07', k: 1, share: 0.5 },
    { cohort: '2026-07', k: 2, share: 0.8 },
    { cohort: '2026-08', k: 1, share: 0 },
  ];

  it('shades a share in six steps', () => {
    expect([0, 0.05, 0.1, 0.2, 0.5, 0.6, 0.75, 0.9, 1].map(shadeOf)).toEqual([0, 1, 1, 2, 3, 4, 4, 5, 5]);
  });

  it('draws a cell per cohort and month after, each labelled, with strong labels on dark shades', () => {
    const document = image(renderCohortHeatmap(cells, 'Retention'), 'Retention');
    expect(document.querySelectorAll('rect')).toHaveLength(3);
    expect(document.querySelectorAll('.ch-3 rect, .ch-5 rect, .ch-0 rect')).toHaveLength(3);
    expect([...document.querySelectorAll('.ch-label text')].map((t) => t.textContent)).toEqual(['50%', '0%']);
    expect([...document.querySelectorAll('.ch-label-strong text')].map((t) => t.textContent)).toEqual(['80%']);
  });

  it('puts cohorts oldest first and months after them in order', () => {
    const options = cohortHeatmap(cells);
    expect(options.y?.domain).toEqual(['2026-07', '2026-08']);
    expect(options.x?.domain).toEqual([1, 2]);
  });

  it('drops the % sign when the cells are narrow', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ cohort: '2024-04', k: i + 1, share: 0.5 }));
    const document = dom(renderCohortHeatmap(many, 'Retention'));
    expect(document.querySelector('.ch-label text')?.textContent).toBe('50');
  });
});

describe('categoryBars', () => {
  it('draws a bar per category with its count on top', () => {
    const bars = [
      { label: '0–7 days', value: 1 },
      { label: '8–14 days', value: 2 },
    ];
    expect(categoryBars(bars).x?.domain).toEqual(['0–7 days', '8–14 days']);
    const document = image(renderCategoryBars(bars, 'Sales cycle'), 'Sales cycle');
    expect(document.querySelectorAll('.cb-bar rect')).toHaveLength(2);
    expect([...document.querySelectorAll('.cb-label text')].map((t) => t.textContent)).toEqual(['1', '2']);
  });
});

describe('seriesLines', () => {
  it('draws a line per series in its own colour class, named at its end', () => {
    const points = [
      { series: 'smb', period: '2026-09', value: 3 },
      { series: 'smb', period: '2026-10', value: 2 },
      { series: 'enterprise', period: '2026-09', value: 5 },
      { series: 'enterprise', period: '2026-10', value: 6 },
    ];
    expect(seriesLines(points, { format: String }).marks).toHaveLength(6);
    const document = image(renderSeriesLines(points, { format: String, label: 'Segments' }), 'Segments');
    expect(document.querySelectorAll('path.sl-0, .sl-0 path')).toHaveLength(1);
    expect(document.querySelectorAll('.sl-1 circle')).toHaveLength(2);
    expect([...document.querySelectorAll('.sl-label text')].map((t) => t.textContent)).toEqual(['smb', 'enterprise']);
  });
});
