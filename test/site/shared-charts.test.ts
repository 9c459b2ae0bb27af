import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderBarTrend, type BarPoint } from '../../site/charts/bar-trend.ts';
import { renderScoreTrend } from '../../site/charts/score-trend.ts';
import { HIGHLIGHT_BARS, highlightClass, pageTrendCharts, relabel, sharedChart } from '../../site/charts/shared.ts';
import { trendWeeks } from '../../site/data/team-week.ts';
import { trendWindow, windowAround } from '../../site/data/trend-window.ts';

describe('trendWindow', () => {
  it('lays windows back from the newest entry, the oldest one shorter', () => {
    const windows = Array.from({ length: 10 }, (_, at) => trendWindow(10, at, 4));
    expect(windows.map(({ start, end }) => `${start}-${end}`)).toEqual([
      '0-2', '0-2', '2-6', '2-6', '2-6', '2-6', '6-10', '6-10', '6-10', '6-10',
    ]);
  });

  it('holds the entry, never more than size, for every length, entry and size', () => {
    for (let length = 1; length <= 30; length++)
      for (let size = 1; size <= 13; size++)
        for (let at = 0; at < length; at++) {
          const { start, end } = trendWindow(length, at, size);
          expect(start <= at && at < end && end - start <= size && start >= 0 && end <= length).toBe(true);
          // Every entry of a window has that same window: one chart serves all of its pages.
          for (let other = start; other < end; other++) expect(trendWindow(length, other, size)).toEqual({ start, end });
        }
  });

  it('names what is wrong', () => {
    expect(() => trendWindow(3, 3, 2)).toThrow('invalid at: 3 is not an entry of a history of 3');
    expect(() => trendWindow(3, 0, 0)).toThrow('invalid size');
    expect(() => windowAround(['a'], (e) => e === 'b', 2)).toThrow('invalid history');
  });
});

describe('trendWeeks', () => {
  const weeks = ['2026-W10', '2026-W20', '2026-W48'];

  it('gives the latest week the 12 weeks up to it', () => {
    expect(trendWeeks(weeks, '2026-W48')).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${37 + i}`));
  });

  it('gives an older week the window of 12 it falls in, counting weeks without data', () => {
    expect(trendWeeks(weeks, '2026-W20')).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${String(13 + i).padStart(2, '0')}`));
    expect(trendWeeks(weeks, '2026-W10')).toEqual(['2026-W10', '2026-W11', '2026-W12']);
  });

  it('crosses years by ISO week', () => {
    expect(trendWeeks(['2025-W50', '2026-W02'], '2026-W02')).toEqual(['2025-W50', '2025-W51', '2025-W52', '2026-W01', '2026-W02']);
  });
});

describe('sharedChart', () => {
  it('renders once per owner and key', () => {
    const owner = {};
    let renders = 0;
    const render = () => `<svg n="${++renders}"></svg>`;
    expect(sharedChart(owner, 'a', render)).toBe('<svg n="1"></svg>');
    expect(sharedChart(owner, 'a', render)).toBe('<svg n="1"></svg>');
    expect(sharedChart(owner, 'b', render)).toBe('<svg n="2"></svg>');
    expect(sharedChart({}, 'a', render)).toBe('<svg n="3"></svg>');
  });
});

describe('relabel', () => {
  const points: BarPoint[] = [
    { period: '2026-W47', value: 6000, target: 7700, partial: false },
    { period: '2026-W48', value: 8000, target: null, partial: false },
  ];
  const svg = renderBarTrend(points, { format: String, label: 'Shared', title: (d) => `${d.period} "quoted"` });

  it('names the chart for one page, escaping the label, and changes nothing else', () => {
    const label = 'East & West: "Week 48" <$8,000>';
    const out = relabel(svg, label);
    const { document } = parseHTML(`<!doctype html><html><body>${out}</body></html>`);
    expect(document.querySelector('svg')!.getAttribute('aria-label')).toBe(label);
    expect(document.querySelectorAll('[aria-label]')).toHaveLength(1);
    expect(out.replace(/ aria-label="[^"]*"/, '')).toBe(svg.replace(/ aria-label="[^"]*"/, ''));
  });

  it('refuses what is not a labelled chart, or an empty label', () => {
    expect(() => relabel('<div aria-label="x"></div>', 'y')).toThrow('invalid svg');
    expect(() => relabel('<svg><g aria-label="x"></g></svg>', 'y')).toThrow('invalid svg');
    expect(() => relabel(svg, ' ')).toThrow('invalid label');
  });
});

describe('highlightClass', () => {
  const bars = [
    { period: 'W1', partial: false },
    { period: 'W2', partial: false },
    { period: 'W3', partial: true },
  ];

  it('counts a bar among the bars of its kind', () => {
    expect(bars.map((b) => highlightClass(bars, b.period))).toEqual(['hl-bar-1', 'hl-bar-2', 'hl-partial-1']);
    expect(highlightClass(bars, 'W9')).toBeNull();
  });

  it('picks, through the stylesheet, the very bar of the page in a drawn chart', () => {
    const points: BarPoint[] = ['W01', 'W02', 'W03'].map((period, i) => ({ period: `2026-${period}`, value: 100 * (i + 1), target: null, partial: i === 2 }));
    const { document } = parseHTML(`<!doctype html><html><body>${renderBarTrend(points, { format: String, label: 'x', title: (d) => d.period })}</body></html>`);
    const pick = (cls: string) => {
      const [, kind, n] = /^hl-(bar|partial)-(\d+)$/.exec(cls)!;
      return document.querySelector(`.bt-bar${kind === 'partial' ? '-partial' : ''} > rect:nth-child(${n})`)?.textContent;
    };
    for (const p of points) expect(pick(highlightClass(points, p.period)!)).toBe(p.period);
    const score = renderScoreTrend(
      [
        { period: '2026-Q1', score: 90, band: 'B', partial: false },
        { period: '2026-Q2', score: 110, band: 'A', partial: false },
      ],
      'x',
    );
    expect(parseHTML(`<html><body>${score}</body></html>`).document.querySelector('.st-bar > rect:nth-child(2) title')?.textContent).toMatch(/^2026-Q2/);
  });

  it('has a rule in the stylesheet for every bar it can name', () => {
    const css = readFileSync(new URL('../../site/styles/global.css', import.meta.url), 'utf8');
    for (let n = 1; n <= HIGHLIGHT_BARS; n++) {
      expect(css).toContain(`.chart.hl-bar-${n} :is(.bt-bar, .st-bar) > rect:nth-child(${n})`);
      expect(css).toContain(`.chart.hl-partial-${n} :is(.bt-bar-partial, .st-bar-partial) > rect:nth-child(${n})`);
    }
    const many = Array.from({ length: HIGHLIGHT_BARS + 1 }, (_, i) => ({ period: `P${i}`, partial: false }));
    expect(() => highlightClass(many, `P${HIGHLIGHT_BARS}`)).toThrow(`bar ${HIGHLIGHT_BARS + 1} cannot be highlighted`);
  });
});

describe('pageTrendCharts', () => {
  const points = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((period, i) => ({ period, partial: i === 3, scored: i !== 1 }));
  const draw = (ps: readonly { period: string }[], compact: boolean) => `${compact ? 'narrow' : 'wide'}:${ps.map((p) => p.period).join(',')}`;

  it('draws the window and the narrow window the page falls in, highlighting its bar among the drawn ones', () => {
    expect(pageTrendCharts(points, '2026-Q3', 2, draw, (p) => p.scored)).toEqual({
      wide: 'wide:2026-Q1,2026-Q2,2026-Q3,2026-Q4',
      narrow: 'narrow:2026-Q3,2026-Q4',
      wideClass: 'hl-bar-2',
      narrowClass: 'hl-bar-1',
      narrowPoints: points.slice(2),
    });
    expect(pageTrendCharts(points, '2026-Q1', 2, draw)).toMatchObject({ narrow: 'narrow:2026-Q1,2026-Q2', wideClass: 'hl-bar-1', narrowClass: 'hl-bar-1' });
  });

  it('gives a page without a point the newest narrow window and no highlight', () => {
    expect(pageTrendCharts(points, '2025-Q4', 3, draw)).toMatchObject({ narrow: 'narrow:2026-Q2,2026-Q3,2026-Q4', wideClass: null, narrowClass: null });
  });
});
