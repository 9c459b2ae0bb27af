import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { attainmentBars, renderAttainmentBars } from '../../site/charts/attainment-bars.ts';
import { bandBars, renderBandBars } from '../../site/charts/band-bars.ts';
import { renderScoreTrend, scoreTrend, type ScorePoint } from '../../site/charts/score-trend.ts';
import { barTrend, renderBarTrend, type BarPoint } from '../../site/charts/bar-trend.ts';
import { lineTrend, renderLineTrend } from '../../site/charts/line-trend.ts';
import { renderSparkline, sparkline } from '../../site/charts/sparkline.ts';
import { periodTick, thinTicks } from '../../site/charts/ticks.ts';

const dom = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

/** One accessible image: role img with the label, and no aria-label on anything else (axe). */
function expectOneImage(svg: string, label: string): Document {
  const document = dom(svg);
  const root = document.querySelector('svg')!;
  expect(root.getAttribute('role')).toBe('img');
  expect(root.getAttribute('aria-label')).toBe(label);
  expect([...document.querySelectorAll('[aria-label]')]).toHaveLength(1);
  expect(svg).not.toMatch(/<g\b[^>]*\baria-(label|description)=/);
  return document as unknown as Document;
}

const bars: BarPoint[] = [
  { period: '2026-W47', value: 6000, target: 7700, partial: false },
  { period: '2026-W48', value: 8000, target: 7700, partial: false },
  { period: '2026-W49', value: 2500, target: null, partial: true },
];

describe('periodTick', () => {
  it('is short, with the year on the first tick and at the start of a year', () => {
    expect(periodTick('2026-07', true)).toBe('Jul\n2026');
    expect(periodTick('2026-08', false)).toBe('Aug');
    expect(periodTick('2027-01', false)).toBe('Jan\n2027');
    expect(periodTick('2026-W48', false)).toBe('W48');
    expect(periodTick('2027-W01', false)).toBe('W01\n2027');
    expect(periodTick('2026-Q3', true)).toBe('Q3\n2026');
    expect(periodTick('2026-11-30', false)).toBe('Nov 30');
  });
});

describe('thinTicks', () => {
  it('keeps at most n ticks, evenly spaced, always the last', () => {
    expect(thinTicks(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a', 'c', 'e']);
    expect(thinTicks(['a', 'b'], 3)).toEqual(['a', 'b']);
    expect(thinTicks(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'd']);
  });
});

describe('barTrend', () => {
  it('puts the periods on a band axis and draws the target only where set', () => {
    const options = barTrend(bars, { format: String });
    expect(options.x?.domain).toEqual(['2026-W47', '2026-W48', '2026-W49']);
    const document = expectOneImage(renderBarTrend(bars, { format: String, label: 'Weekly net revenue' }), 'Weekly net revenue');
    // Whole periods in one mark, in order (a page highlights its own by position: charts/shared.ts).
    expect(document.querySelectorAll('.bt-bar rect')).toHaveLength(2);
    expect(document.querySelectorAll('.bt-bar-partial rect')).toHaveLength(1);
    expect(document.querySelectorAll('circle')).toHaveLength(2);
  });

  it("ends the target line at the last whole period and marks a running period's pace to date apart", () => {
    const running: BarPoint[] = [
      { period: '2026-W46', value: 7000, target: 7700, partial: false },
      { period: '2026-W47', value: 6000, target: 7700, partial: false },
      { period: '2026-W48', value: 900, target: 1100, partial: true },
    ];
    const document = expectOneImage(renderBarTrend(running, { format: String, label: 'Weekly net revenue' }), 'Weekly net revenue');
    // One segment, through the two whole weeks only: no drop to the running week's 1/7 pace.
    const line = document.querySelector('path.bt-target, .bt-target path')?.getAttribute('d') ?? '';
    expect(line.match(/[ML]/g)).toHaveLength(2);
    expect(document.querySelectorAll('.bt-target-partial circle')).toHaveLength(1);
    expect(document.querySelector('.bt-target-label text')?.textContent).toBe('to date');
  });

  it('refuses an empty series', () => {
    expect(() => barTrend([], { format: String })).toThrow('invalid points');
  });
});

describe('lineTrend', () => {
  it('draws a dot per known value and leaves a gap for a missing one', () => {
    const points = [
      { period: '2026-08', value: 0.39, partial: false },
      { period: '2026-09', value: null, partial: false },
      { period: '2026-10', value: 0.41, partial: true },
    ];
    expect(lineTrend(points, { format: String, reference: 4 }).marks).toHaveLength(3);
    const document = expectOneImage(renderLineTrend(points, { format: String, label: 'Margin' }), 'Margin');
    expect(document.querySelectorAll('.lt-dot circle')).toHaveLength(2);
    expect(document.querySelector('.lt-line path')?.getAttribute('d')).toMatch(/^M[^M]+M/); // two pieces
  });
});

describe('sparkline', () => {
  it('is a small axis-free line with the last point marked', () => {
    const points = [
      { period: '2026-10', value: 1, partial: false },
      { period: '2026-11', value: 2, partial: true },
    ];
    expect(sparkline(points)).toMatchObject({ width: 120, height: 36 });
    const document = expectOneImage(renderSparkline(points, 'Trend'), 'Trend');
    expect(document.querySelectorAll('.spark-dot-partial circle')).toHaveLength(1);
    expect(document.querySelectorAll('text')).toHaveLength(0);
  });
});

describe('attainmentBars', () => {
  it('draws a bar per team with a target, a pace tick where known and the 100% rule', () => {
    const rows = [
      { name: 'East', attainment: 0.9, pace: 1 },
      { name: 'West', attainment: null, pace: null },
    ];
    expect(attainmentBars(rows).y?.domain).toEqual(['East', 'West']);
    const document = expectOneImage(renderAttainmentBars(rows, 'Attainment'), 'Attainment');
    expect(document.querySelectorAll('.ab-bar rect')).toHaveLength(1);
    expect(document.querySelectorAll('.ab-pace line')).toHaveLength(1);
    expect([...document.querySelectorAll('.ab-label text')].map((t) => t.textContent)).toEqual(['90%']);
  });
});

describe('bandBars', () => {
  const bands = [
    { band: 'S', label: 'Outstanding', reps: 0 },
    { band: 'A', label: 'Exceeds', reps: 2 },
    { band: 'C', label: null, reps: 1 },
  ];

  it('draws a bar per band in the given order, with its count on top and whole-number ticks', () => {
    const options = bandBars(bands);
    expect(options.x?.domain).toEqual(['S', 'A', 'C']);
    const tickFormat = options.y?.tickFormat as (n: number) => string;
    expect([tickFormat(1), tickFormat(0.5)]).toEqual(['1', '']);
    const document = expectOneImage(renderBandBars(bands, 'Bands'), 'Bands');
    expect(document.querySelectorAll('.bb-bar rect')).toHaveLength(3);
    expect([...document.querySelectorAll('.bb-label text')].map((t) => t.textContent)).toEqual(['0', '2', '1']);
  });

  it("names the band under its letter when it is wide, the letter alone when compact", () => {
    const wide = bandBars(bands).x?.tickFormat as (band: string) => string;
    const compact = bandBars(bands, { compact: true }).x?.tickFormat as (band: string) => string;
    expect([wide('A'), wide('C'), compact('A')]).toEqual(['A\nExceeds', 'C', 'A']);
  });

  it('refuses no bands', () => {
    expect(() => bandBars([])).toThrow('invalid bars');
  });
});

describe('scoreTrend', () => {
  const points: ScorePoint[] = [
    { period: '2026-Q2', score: null, band: null, partial: false },
    { period: '2026-Q3', score: 71.25, band: 'C', partial: false },
    { period: '2026-Q4', score: 85.3, band: 'C', partial: true },
  ];

  it('draws a bar per scored period (a running one lighter), its band and the 100 line', () => {
    expect(scoreTrend(points).x?.domain).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    const document = expectOneImage(renderScoreTrend(points, 'Scores'), 'Scores');
    expect(document.querySelectorAll('.st-bar rect')).toHaveLength(1);
    expect(document.querySelectorAll('.st-bar-partial rect')).toHaveLength(1);
    expect(document.querySelectorAll('.st-target line')).toHaveLength(1);
    expect([...document.querySelectorAll('.st-label text')].map((t) => t.textContent)).toEqual(['C', 'C']);
  });

  it('keeps 150 (the usual cap) in view, and more when a score is higher', () => {
    expect(scoreTrend(points).y?.domain).toEqual([0, 165]);
    expect((scoreTrend([{ ...points[1]!, score: 200 }]).y?.domain as number[])[1]).toBeCloseTo(220, 9);
  });
});
