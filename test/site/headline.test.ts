import { describe, expect, it } from 'vitest';
import { buildHeadline, buildTargetProgress } from '../../site/data/headline.ts';
import { headlineNote, progressView } from '../../site/data/headline-view.ts';
import { buildExecKpis } from '../../site/data/exec-kpis.ts';
import { execCards, type ExecCard } from '../../site/data/exec-kpis-view.ts';
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { fixtureSnapshot, makeRow, makeSnapshot } from './make-snapshot.ts';

type Headline = NonNullable<ReturnType<typeof buildHeadline>>;

const metricOf = (headline: Headline | null, key: string) => {
  const metric = headline?.metrics.find((m) => m.key === key);
  if (!metric) throw new Error(`no metric ${key}`);
  return metric;
};

/** A company day row: net revenue = revenue, profit = margin × net, unless overridden. */
const day = (period: string, overrides: Partial<KpiRow> = {}): KpiRow =>
  makeRow({
    grain: 'day',
    period,
    revenue: 1000,
    net_revenue: 1000,
    cost: 600,
    profit: 400,
    margin: 0.4,
    orders: 1,
    average_order_value: 1000,
    active_customers: 1,
    new_customers: 0,
    target_revenue: null,
    attainment: null,
    ...overrides,
  });

/**
 * November 2026 to date at Nov 26 (day 26 of 30), the brief's example: $41,030 of a $55,000
 * target (74.6%), 5 new customers. October has day rows on the 3rd, the 26th (the last day
 * compared) and the 27th (the first day left out):
 *   Oct 3:  net 20,000, profit 8,000,  2 new
 *   Oct 26: net 28,000, profit 12,600, 1 new
 *   Oct 27: net 10,000, margin unknown (a sale without cost), 4 new
 * so Oct 1–26 is net 48,000, profit 20,600 (margin 42.916…%), 3 new customers.
 */
function midNovember(asOf = '2026-11-26T15:00:00Z', timezone = 'UTC') {
  return makeSnapshot({
    as_of: asOf,
    timezone,
    kpis: [
      day('2026-10-03', { net_revenue: 20000, revenue: 20000, cost: 12000, profit: 8000, margin: 0.4, new_customers: 2 }),
      day('2026-10-26', { net_revenue: 28000, revenue: 28000, cost: 15400, profit: 12600, margin: 0.45, new_customers: 1 }),
      day('2026-10-27', { net_revenue: 10000, revenue: 10000, cost: 3000, profit: 7000, margin: null, new_customers: 4 }),
      makeRow({ period: '2026-10', net_revenue: 58000, revenue: 58000, cost: 30400, profit: 27600, margin: null, new_customers: 7, target_revenue: 50000, attainment: 1.16 }),
      makeRow({ period: '2026-11', net_revenue: 41030, revenue: 41030, cost: 22566.5, profit: 18463.5, margin: 0.45, new_customers: 5, target_revenue: 55000, attainment: 41030 / 55000 }),
    ],
  });
}

describe('buildHeadline: the current month, still running, like for like', () => {
  it('compares Nov 1–26 with Oct 1–26 and says so', () => {
    const headline = buildHeadline(midNovember())!;
    expect(headline).toMatchObject({
      period: '2026-11',
      currentPeriod: '2026-11',
      isFallback: false,
      comparison: 'month_to_date',
      elapsed: { day: 26, days: 30 },
      baseline: { period: '2026-10', through: 26, days: 31 },
    });
  });

  it('sums October day net revenue through the 26th, exactly: 41,030 vs 48,000', () => {
    const net = metricOf(buildHeadline(midNovember()), 'net_revenue');
    expect(net.basis).toBe('previous');
    expect(net.current).toEqual({ period: '2026-11', value: 41030, missing: null });
    expect(net.baseline).toEqual({ period: '2026-10', through: 26, value: 48000, missing: null });
    expect(net.change).toBe(-6970);
    expect(net.relativeChange).toBeCloseTo(-6970 / 48000, 12);
  });

  it('takes the margin of Oct 1–26 as its profit over its net revenue, not the full month (unknown)', () => {
    const margin = metricOf(buildHeadline(midNovember()), 'margin');
    expect(margin.baseline.value).toBeCloseTo(20600 / 48000, 15);
    expect(margin.change).toBeCloseTo(0.45 - 20600 / 48000, 12);
    expect(margin.relativeChange).toBeNull();
  });

  it('sums October new customers through the 26th: 5 vs 3', () => {
    const customers = metricOf(buildHeadline(midNovember()), 'new_customers');
    expect([customers.current.value, customers.baseline.value, customers.change]).toEqual([5, 3, 2]);
    expect(customers.relativeChange).toBeCloseTo(2 / 3, 12);
  });

  it('compares attainment with pace: 74.6% of target with 26/30 of the month gone', () => {
    const attainment = metricOf(buildHeadline(midNovember()), 'attainment');
    expect(attainment.basis).toBe('pace');
    expect(attainment.current.value).toBeCloseTo(0.746, 12);
    expect(attainment.baseline).toEqual({ period: '2026-11', through: 26, value: 26 / 30, missing: null });
    expect(attainment.change).toBeCloseTo(0.746 - 26 / 30, 12);
    expect(attainment.relativeChange).toBeNull();
  });

  it('takes the day in the snapshot timezone: 03:30 UTC on Nov 27 is still Nov 26 in New York', () => {
    const headline = buildHeadline(midNovember('2026-11-27T03:30:00Z', 'America/New_York'))!;
    expect(headline.elapsed).toEqual({ day: 26, days: 30 });
    expect(metricOf(headline, 'net_revenue').baseline.value).toBe(48000);
    const inUtc = buildHeadline(midNovember('2026-11-27T03:30:00Z', 'UTC'))!;
    expect(inUtc.elapsed.day).toBe(27);
    expect(metricOf(inUtc, 'net_revenue').baseline.value).toBe(58000); // Oct 1–27
  });

  it('says why the margin is unknown when a day in the span has a sale without cost', () => {
    const margin = metricOf(buildHeadline(midNovember('2026-11-27T12:00:00Z')), 'margin');
    expect(margin.baseline).toEqual({ period: '2026-10', through: 27, value: null, missing: 'missing_cost' });
    expect(margin.change).toBeNull();
  });

  it('caps the span at the previous month: Mar 30 is compared with all 28 days of February', () => {
    const snapshot = makeSnapshot({
      as_of: '2026-03-30T12:00:00Z',
      kpis: [
        day('2026-02-28', { net_revenue: 3000, revenue: 3000, cost: 1500, profit: 1500, margin: 0.5, new_customers: 1 }),
        day('2026-03-01', { net_revenue: 99999 }), // the current month's own days are not the baseline
        makeRow({ period: '2026-03', net_revenue: 4500, revenue: 4500, new_customers: 2, target_revenue: 6000, attainment: 0.75 }),
      ],
    });
    const headline = buildHeadline(snapshot)!;
    expect(headline.elapsed).toEqual({ day: 30, days: 31 });
    expect(headline.baseline).toEqual({ period: '2026-02', through: 28, days: 28 });
    expect(metricOf(headline, 'net_revenue').baseline.value).toBe(3000);
    expect(metricOf(headline, 'margin').baseline.value).toBe(0.5);
    expect(metricOf(headline, 'attainment').change).toBeCloseTo(0.75 - 30 / 31, 12);
  });

  it('counts a previous month with no day rows in the span as no activity', () => {
    const snapshot = makeSnapshot({ kpis: [day('2026-10-21'), makeRow({ period: '2026-11' })] }); // as_of Nov 20
    const headline = buildHeadline(snapshot);
    const net = metricOf(headline, 'net_revenue');
    expect(net.baseline).toEqual({ period: '2026-10', through: 20, value: 0, missing: null });
    expect(net.relativeChange).toBeNull();
    expect(metricOf(headline, 'margin').baseline.missing).toBe('no_activity');
    expect(metricOf(headline, 'new_customers').baseline.value).toBe(0);
  });

  it('gives no margin when the span nets to zero, and ignores a zero-net day whose margin is null', () => {
    const snapshot = makeSnapshot({
      kpis: [
        day('2026-10-05', { net_revenue: 500, revenue: 500, cost: 300, profit: 200, margin: 0.4 }),
        // a refund-only day: net -500, refunded cost 300, so profit -200 and margin 0.4
        day('2026-10-09', { revenue: 0, refunds: 500, net_revenue: -500, cost: -300, profit: -200, margin: 0.4, orders: 0 }),
        // a sale refunded the same day: net 0, so margin null without saying a cost is missing
        day('2026-10-12', { revenue: 800, refunds: 800, net_revenue: 0, cost: 0, profit: 0, margin: null }),
        makeRow({ period: '2026-11' }),
      ],
    });
    expect(metricOf(buildHeadline(snapshot), 'margin').baseline.missing).toBe('no_net_revenue');
  });

});

describe('buildHeadline: a finished month, whole against whole', () => {
  // The fixture two days later: December has no data yet, so November is shown, and it is over.
  const december = () => ({ ...fixtureSnapshot(), as_of: '2026-12-03T15:00:00.000Z' });

  it('falls back to November and compares it with the whole of October', () => {
    const headline = buildHeadline(december())!;
    expect(headline).toMatchObject({
      period: '2026-11',
      currentPeriod: '2026-12',
      isFallback: true,
      previousPeriod: '2026-10',
      comparison: 'full_month',
      elapsed: { day: 30, days: 30 },
      baseline: { period: '2026-10', through: 31, days: 31 },
    });
  });

  it('computes the net revenue change exactly, to the cent', () => {
    const net = metricOf(buildHeadline(december()), 'net_revenue');
    expect(net.current.value).toBe(49500.25);
    expect(net.baseline).toEqual({ period: '2026-10', value: 44000, missing: null });
    expect(net.change).toBe(5500.25);
    expect(net.relativeChange).toBeCloseTo(5500.25 / 44000, 12);
  });

  it('gives no margin change when the previous margin is unknown, and says why', () => {
    const margin = metricOf(buildHeadline(december()), 'margin');
    expect(margin.current.value).toBeCloseTo(22275.25 / 49500.25, 12);
    expect(margin.baseline).toEqual({ period: '2026-10', value: null, missing: 'missing_cost' });
    expect(margin.change).toBeNull();
  });

  it('compares attainment with last month in fraction units and no relative change', () => {
    const attainment = metricOf(buildHeadline(december()), 'attainment');
    expect(attainment.basis).toBe('previous');
    expect(attainment.change).toBeCloseTo(49500.25 / 55000 - 44000 / 45000, 12);
    expect(attainment.relativeChange).toBeNull();
  });

  it('counts new customers against the month before', () => {
    const customers = metricOf(buildHeadline(december()), 'new_customers');
    expect([customers.current.value, customers.baseline.value, customers.change, customers.relativeChange]).toEqual([7, 4, 3, 0.75]);
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
    const snapshot = makeSnapshot({ as_of: '2026-12-15T12:00:00Z', kpis: [makeRow({ period: '2026-11', net_revenue: 1000 })] });
    const headline = buildHeadline(snapshot);
    const net = metricOf(headline, 'net_revenue');
    expect(net.baseline.value).toBe(0);
    expect(net.change).toBe(1000);
    expect(net.relativeChange).toBeNull();
    expect(metricOf(headline, 'margin').baseline.missing).toBe('no_activity');
    expect(metricOf(headline, 'attainment').baseline.missing).toBe('no_activity');
  });
});

describe('buildHeadline: the fixture (Nov 30, 10:30 PM in New York, the month not yet over)', () => {
  it('picks the month of as_of in the snapshot timezone (Nov 30 in New York, Dec 1 in UTC)', () => {
    const headline = buildHeadline(fixtureSnapshot())!;
    expect(headline).toMatchObject({
      period: '2026-11',
      currentPeriod: '2026-11',
      isFallback: false,
      previousPeriod: '2026-10',
      comparison: 'month_to_date',
      elapsed: { day: 30, days: 30 },
      baseline: { period: '2026-10', through: 30, days: 31 },
    });
  });

  it('compares with Oct 1–30 from the day rows, leaving out Oct 31 (4,000 net, margin unknown, 1 new)', () => {
    const headline = buildHeadline(fixtureSnapshot());
    const net = metricOf(headline, 'net_revenue');
    expect([net.current.value, net.baseline.value, net.change]).toEqual([49500.25, 40000, 9500.25]); // 12000 + 14000 + 14000
    expect(net.relativeChange).toBeCloseTo(9500.25 / 40000, 12);
    const margin = metricOf(headline, 'margin');
    expect(margin.baseline.value).toBe(0.409375); // (4800 + 7000 + 4575) / 40000
    expect(margin.change).toBeCloseTo(22275.25 / 49500.25 - 0.409375, 12);
    const customers = metricOf(headline, 'new_customers');
    expect([customers.current.value, customers.baseline.value, customers.change]).toEqual([7, 3, 4]); // 2 + 1 + 0
    const attainment = metricOf(headline, 'attainment');
    expect(attainment.baseline.value).toBe(1); // day 30 of 30
    expect(attainment.change).toBeCloseTo(49500.25 / 55000 - 1, 12);
  });
});

describe('buildHeadline: missing figures', () => {
  it('explains a null attainment: no target, or a zero target', () => {
    const noTarget = buildHeadline(makeSnapshot({ kpis: [makeRow({ target_revenue: null, attainment: null })] }));
    expect(metricOf(noTarget, 'attainment').current.missing).toBe('no_target');
    expect(metricOf(noTarget, 'attainment').change).toBeNull();
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

  it('ignores team and rep day rows in the baseline', () => {
    const snapshot = makeSnapshot({
      kpis: [day('2026-10-05', { scope: 'team', id: 't1', net_revenue: 700 }), day('2026-10-06', { net_revenue: 300 }), makeRow()],
    });
    expect(metricOf(buildHeadline(snapshot), 'net_revenue').baseline.value).toBe(300);
  });
});

describe('execCards: the four headline figures, compared with the month before', () => {
  const cards = (snapshot: Snapshot, currency = 'USD') => execCards(buildExecKpis(snapshot)!, currency).slice(0, 4);
  const first = (card: ExecCard) => card.comparisons[0]!;

  it('formats the month to date like for like, attainment against pace (the brief: Nov 26)', () => {
    const shown = cards(midNovember());
    expect(shown.map((c) => [c.label, c.value, first(c).change?.text ?? null, first(c).compare])).toEqual([
      ['Net revenue', '$41,030', '-$6,970 (-14.5%)', 'vs $48,000 in Oct 1–26'],
      ['Profit margin', '45.0%', '+2.1 pts', 'vs 42.9% in Oct 1–26'],
      ['Target attainment', '74.6%', '12.1 pts behind pace', '86.7% of the month gone by (day 26 of 30)'],
      ['New customers', '5', '+2 (+66.7%)', 'vs 3 in Oct 1–26'],
    ]);
    expect(shown.map((c) => first(c).change?.direction)).toEqual(['down', 'up', 'down', 'up']);
    expect(shown.map((c) => first(c).change?.spoken)).toEqual(['Down', 'Up', null, 'Up']);
    expect(shown[2]?.detail).toBe('of $55,000 target');
  });

  it('says ahead of pace, or on pace when the gap rounds to 0.0 points', () => {
    const at = (attainment: number) => first(cards(makeSnapshot({ kpis: [makeRow({ attainment })] }))[2]!).change; // Nov 20: 20/30
    expect(at(0.7)).toEqual({ text: '3.3 pts ahead of pace', direction: 'up', spoken: null });
    expect(at(2 / 3 + 0.0004)).toEqual({ text: 'On pace', direction: 'flat', spoken: null });
  });

  it('names the span and why its margin is unknown', () => {
    const margin = first(cards(midNovember('2026-11-27T12:00:00Z'))[1]!);
    expect(margin.change).toBeNull();
    expect([margin.baselineName, margin.compare]).toEqual(['Oct 1–27', null]);
    expect(margin.baselineMissing).toBe('Margin unknown: a sale in Oct 1–27 has no cost');
  });

  it('adds the year to a span in another year: January against Dec 1–15, 2026', () => {
    const snapshot = makeSnapshot({
      as_of: '2027-01-15T12:00:00Z',
      kpis: [day('2026-12-15', { net_revenue: 800 }), day('2026-12-16'), makeRow({ period: '2027-01' })],
    });
    const headline = buildHeadline(snapshot)!;
    expect(first(cards(snapshot)[0]!).compare).toBe('vs $800 in Dec 1–15, 2026');
    expect(headlineNote(headline)?.text).toBe(
      'Compared with the same days of December 2026 (Dec 1–15, 2026); attainment with the share of the month gone by.',
    );
  });

  it('still shows the pace when attainment is missing, with the reason', () => {
    const card = cards(makeSnapshot({ kpis: [makeRow({ target_revenue: null, attainment: null })] }), 'EUR')[2]!;
    expect(card.value).toBeNull();
    expect(card.missing).toBe('No target set for November 2026');
    expect(first(card).change).toBeNull();
    expect(first(card).compare).toBe('66.7% of the month gone by (day 20 of 30)');
  });

  it('formats a finished month against the whole month before, as before', () => {
    const snapshot = { ...fixtureSnapshot(), as_of: '2026-12-03T15:00:00.000Z' };
    const shown = cards(snapshot, snapshot.currency);
    expect(shown.map((c) => [c.label, c.value, first(c).change?.text ?? null, first(c).compare])).toEqual([
      ['Net revenue', '$49,500', '+$5,500 (+12.5%)', 'vs $44,000 in October 2026'],
      ['Profit margin', '45.0%', null, null],
      ['Target attainment', '90.0%', '-7.8 pts', 'vs 97.8% in October 2026'],
      ['New customers', '7', '+3 (+75.0%)', 'vs 4 in October 2026'],
    ]);
    expect(first(shown[1]!).baselineMissing).toBe('Margin unknown: a sale in October 2026 has no cost');
    expect(first(shown[2]!).change).toEqual({ text: '-7.8 pts', direction: 'down', spoken: 'Down' });
    expect(headlineNote(buildHeadline(snapshot)!)).toBeNull();
  });
});

describe('headlineNote', () => {
  it('says the cards compare the same days of the month before', () => {
    expect(headlineNote(buildHeadline(midNovember())!)?.span).toBe('Oct 1–26');
    expect(headlineNote(buildHeadline(midNovember())!)?.text).toBe(
      'Compared with the same days of October 2026 (Oct 1–26); attainment with the share of the month gone by.',
    );
  });

  it('says when the month before is shorter and compared whole', () => {
    const at = (asOf: string) => headlineNote(buildHeadline(makeSnapshot({ as_of: asOf, kpis: [makeRow({ period: '2026-03' })] }))!)?.text;
    expect(at('2026-03-30T12:00:00Z')).toBe(
      'Compared with all of February 2026 (Feb 1–28), a shorter month; attainment with the share of the month gone by.',
    );
    expect(at('2026-03-28T12:00:00Z')).toBe(
      'Compared with the same days of February 2026 (Feb 1–28); attainment with the share of the month gone by.',
    );
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
