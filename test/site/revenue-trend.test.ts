import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderPlot } from '../../site/charts/render.ts';
import { renderRevenueTrend, revenueTrend, revenueTrendPoints } from '../../site/charts/revenue-trend.ts';
import { makeRow } from './make-snapshot.ts';

const rows = [
  makeRow({ period: '2026-08', net_revenue: 36000, target_revenue: 35000 }),
  makeRow({ period: '2026-10', net_revenue: 44000, target_revenue: null }),
  makeRow({ period: '2026-11', net_revenue: 49500.25, target_revenue: 55000 }),
];

describe('revenueTrendPoints', () => {
  it('gives one point per month, a missing month being no activity with no target', () => {
    expect(revenueTrendPoints(rows, { partialMonth: '2026-11' })).toEqual([
      { period: '2026-08', netRevenue: 36000, target: 35000, partial: false },
      { period: '2026-09', netRevenue: 0, target: null, partial: false },
      { period: '2026-10', netRevenue: 44000, target: null, partial: false },
      { period: '2026-11', netRevenue: 49500.25, target: 55000, partial: true },
    ]);
  });

  it('refuses rows that are not months', () => {
    expect(() => revenueTrendPoints([makeRow({ grain: 'week', period: '2026-W47' })])).toThrow('invalid grain: week');
  });
});

describe('revenueTrend', () => {
  it('puts the months on a band x axis in order', () => {
    const options = revenueTrend(rows, { currency: 'USD' });
    expect(options.x?.domain).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(options.marks).toHaveLength(5);
  });
});

describe('renderRevenueTrend', () => {
  const svg = renderRevenueTrend(rows, { currency: 'USD', partialMonth: '2026-11' });
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);

  it('renders one accessible image described in words', () => {
    const root = document.querySelector('svg')!;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe(
      'Bar chart of net revenue by month, August 2026 to November 2026, with the monthly target as a line. ' +
        'Latest, November 2026 (to date): $49,500 against a target of $55,000.',
    );
  });

  it('leaves no aria-label on elements without a role', () => {
    expect(svg).toContain('<g');
    for (const element of document.querySelectorAll('[aria-label]')) {
      expect(element.getAttribute('role')).toBe('img');
    }
    expect(svg).not.toMatch(/<g\b[^>]*\baria-label=/);
  });

  it('draws a bar per complete month and the current month apart', () => {
    expect(document.querySelectorAll('.rt-bar rect')).toHaveLength(3);
    expect(document.querySelectorAll('.rt-bar-partial rect')).toHaveLength(1);
  });

  it('draws the target only where one is set', () => {
    expect(document.querySelectorAll('circle')).toHaveLength(2);
  });
});

describe('renderPlot', () => {
  it('refuses a chart without a label', () => {
    expect(() => renderPlot(revenueTrend(rows, { currency: 'USD' }), { label: ' ' })).toThrow('invalid label');
  });
});
