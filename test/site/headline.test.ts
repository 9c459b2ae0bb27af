import { describe, expect, it } from 'vitest';
import { buildHeadline, buildTargetProgress } from '../../site/data/headline.ts';
import { headlineCards, progressView } from '../../site/data/headline-view.ts';
import { fixtureSnapshot, makeRow, makeSnapshot } from './make-snapshot.ts';

const metricOf = (headline: ReturnType<typeof buildHeadline>, key: string) => {
  const metric = headline?.metrics.find((m) => m.key === key);
  if (!metric) throw new Error(`no metric ${key}`);
  return metric;
};

describe('buildHeadline', () => {
  it('picks the month of as_of in the snapshot timezone (Nov 30 in New York, Dec 1 in UTC)', () => {
    const headline = buildHeadline(fixtureSnapshot());
    expect(headline?.period).toBe('2026-11');
    expect(headline?.currentPeriod).toBe('2026-11');
    expect(headline?.isFallback).toBe(false);
    expect(headline?.previousPeriod).toBe('2026-10');
  });

  it('computes the net revenue change exactly, to the cent', () => {
    const net = metricOf(buildHeadline(fixtureSnapshot()), 'net_revenue');
    expect(net.current.value).toBe(49500.25);
    expect(net.previous.value).toBe(44000);
    expect(net.change).toBe(5500.25);
    expect(net.relativeChange).toBeCloseTo(5500.25 / 44000, 12);
  });

  it('gives no margin change when the previous margin is unknown, and says why', () => {
    const margin = metricOf(buildHeadline(fixtureSnapshot()), 'margin');
    expect(margin.current.value).toBeCloseTo(22275.25 / 49500.25, 12);
    expect(margin.previous).toEqual({ period: '2026-10', value: null, missing: 'missing_cost' });
    expect(margin.change).toBeNull();
  });

  it('gives the attainment change in fraction units and no relative change', () => {
    const attainment = metricOf(buildHeadline(fixtureSnapshot()), 'attainment');
    expect(attainment.change).toBeCloseTo(49500.25 / 55000 - 44000 / 45000, 12);
    expect(attainment.relativeChange).toBeNull();
  });

  it('counts new customers against the month before', () => {
    const customers = metricOf(buildHeadline(fixtureSnapshot()), 'new_customers');
    expect([customers.current.value, customers.previous.value, customers.change, customers.relativeChange]).toEqual([7, 4, 3, 0.75]);
  });

  it('falls back to the latest month with data when the current month has none', () => {
    const snapshot = makeSnapshot({
      as_of: '2026-12-15T12:00:00Z',
      kpis: [makeRow({ period: '2026-10' }), makeRow({ period: '2026-11' }), makeRow({ period: '2027-01' })],
    });
    const headline = buildHeadline(snapshot);
    expect(headline).toMatchObject({ period: '2026-11', currentPeriod: '2026-12', isFallback: true, previousPeriod: '2026-10' });
  });

  it('treats a missing previous month as no activity', () => {
    const headline = buildHeadline(makeSnapshot({ kpis: [makeRow({ period: '2026-11', net_revenue: 1000 })] }));
    const net = metricOf(headline, 'net_revenue');
    expect(net.previous.value).toBe(0);
    expect(net.change).toBe(1000);
    expect(net.relativeChange).toBeNull();
    expect(metricOf(headline, 'margin').previous.missing).toBe('no_activity');
    expect(metricOf(headline, 'attainment').previous.missing).toBe('no_activity');
  });

  it('explains a null attainment: no target, or a zero target', () => {
    const noTarget = buildHeadline(makeSnapshot({ kpis: [makeRow({ target_revenue: null, attainment: null })] }));
    expect(metricOf(noTarget, 'attainment').current.missing).toBe('no_target');
    const zeroTarget = buildHeadline(makeSnapshot({ kpis: [makeRow({ target_revenue: 0, attainment: null })] }));
    expect(metricOf(zeroTarget, 'attainment').current.missing).toBe('zero_target');
  });

  it('explains a null margin with zero net revenue', () => {
    const headline = buildHeadline(makeSnapshot({ kpis: [makeRow({ revenue: 0, net_revenue: 0, margin: null })] }));
    expect(metricOf(headline, 'margin').current.missing).toBe('no_net_revenue');
  });

  it('ignores team and rep rows and other grains', () => {
    const snapshot = makeSnapshot({
      kpis: [makeRow({ scope: 'team', id: 't1' }), makeRow({ grain: 'quarter', period: '2026-Q4' })],
    });
    expect(buildHeadline(snapshot)).toBeNull();
  });
});

describe('headlineCards', () => {
  it('formats the fixture headline as the dashboard shows it', () => {
    const snapshot = fixtureSnapshot();
    const cards = headlineCards(buildHeadline(snapshot)!, snapshot.currency);
    expect(cards.map((c) => [c.label, c.value, c.change?.text ?? null, c.previous])).toEqual([
      ['Net revenue', '$49,500', '+$5,500 (+12.5%)', '$44,000'],
      ['Profit margin', '45.0%', null, null],
      ['Target attainment', '90.0%', '-7.8 pts', '97.8%'],
      ['New customers', '7', '+3 (+75.0%)', '4'],
    ]);
    expect(cards[1]?.previousMissing).toBe('Margin unknown: a sale in October 2026 has no cost');
    expect(cards[2]?.detail).toBe('of $55,000 target');
    expect(cards[2]?.change?.direction).toBe('down');
  });

  it('shows a missing attainment as null with the reason', () => {
    const headline = buildHeadline(makeSnapshot({ kpis: [makeRow({ target_revenue: null, attainment: null })] }))!;
    const card = headlineCards(headline, 'EUR').find((c) => c.key === 'attainment')!;
    expect(card.value).toBeNull();
    expect(card.missing).toBe('No target set for November 2026');
  });
});

describe('buildTargetProgress', () => {
  it('gives the current quarter against its target and how much of it has gone by', () => {
    const snapshot = fixtureSnapshot();
    const quarter = buildTargetProgress(snapshot, 'quarter');
    expect(quarter).toMatchObject({ period: '2026-Q4', netRevenue: 93500.25, target: 150000, elapsed: { day: 61, days: 92 } });
    const view = progressView(quarter, snapshot.currency);
    expect([view.netRevenue, view.target, view.attainment, view.elapsedText]).toEqual([
      '$93,500',
      '$150,000',
      '62.3%',
      '66% of the quarter gone by (day 61 of 92)',
    ]);
  });
});
