import { describe, expect, it } from 'vitest';
import { buildExecKpis, comparison, previousSpan } from '../../site/data/exec-kpis.ts';
import { changeText, execCards, formatKpi } from '../../site/data/exec-kpis-view.ts';
import type { KpiRow } from '../../shared/snapshot.ts';
import { fixtureSnapshot, makePacing, makeRow, makeSnapshot } from './make-snapshot.ts';

const kpi = (key: string, snapshot = fixtureSnapshot()) => {
  const found = buildExecKpis(snapshot)?.kpis.find((k) => k.key === key);
  if (!found) throw new Error(`no kpi ${key}`);
  return found;
};
const card = (key: string, snapshot = fixtureSnapshot()) => execCards(buildExecKpis(snapshot)!, snapshot.currency).find((c) => c.key === key)!;

/** A company day row; net = revenue, profit given. */
const day = (period: string, net: number, profit: number, overrides: Partial<KpiRow> = {}): KpiRow =>
  makeRow({ grain: 'day', period, revenue: net, net_revenue: net, cost: net - profit, profit, margin: profit / net, target_revenue: null, attainment: null, new_customers: 1, ...overrides });

describe('buildExecKpis: the fixture (November 2026, day 30 of 30, New York)', () => {
  it('gives the seven KPIs in order', () => {
    expect(buildExecKpis(fixtureSnapshot())?.kpis.map((k) => k.key)).toEqual([
      'net_revenue', 'margin', 'attainment', 'new_customers', 'csat', 'nps', 'market_share',
    ]);
  });

  it('compares net revenue with Oct 1–30 (40,000) and knows Nov 2025 is before the history', () => {
    const net = kpi('net_revenue');
    expect(net.comparisons.map((c) => [c.basis, c.baseline.value, c.change])).toEqual([
      ['previous', 40000, 9500.25],
      ['last_year', null, null],
    ]);
    expect(net.comparisons[1]!.baseline).toEqual({ period: '2025-11', through: 30, value: null, missing: 'before_history' });
    expect(net.target).toEqual({ metric: 'revenue', period: '2026-11', value: 55000 });
  });

  it('compares attainment with pace from the pacing row, and with Oct 1–30 against October’s target (40,000 / 45,000)', () => {
    const attainment = kpi('attainment');
    expect(attainment.comparisons.map((c) => c.basis)).toEqual(['pace', 'previous', 'last_year']);
    expect(attainment.comparisons[0]!.baseline.value).toBe(1);
    expect(attainment.comparisons[1]!.baseline.value).toBeCloseTo(40000 / 45000, 12);
    expect(attainment.projection).toEqual({ netRevenue: 49500.25, attainment: 0.9000045454545454 });
  });

  it('measures margin against the profit target and new customers against theirs', () => {
    expect(kpi('margin').target).toEqual({ metric: 'profit', period: '2026-11', value: 24000 });
    expect(kpi('new_customers').target).toEqual({ metric: 'new_customers', period: '2026-11', value: 8 });
  });

  it('reads CSAT by month (to date against whole months), NPS by quarter', () => {
    const csat = kpi('csat');
    expect([csat.current.value, csat.comparedAs, csat.comparisons[0]!.baseline.value]).toEqual([4.2, 'to_date_vs_whole', 4.1]);
    const nps = kpi('nps');
    expect([nps.current.period, nps.current.value, nps.partial]).toEqual(['2026-Q4', 40, true]);
    expect(nps.comparisons.map((c) => [c.baseline.period, c.baseline.value, c.baseline.missing])).toEqual([
      ['2026-Q3', 30, null],
      ['2025-Q4', null, 'before_history'],
    ]);
  });

  it('reads market share from the latest month with a market size (October: 8%)', () => {
    const share = kpi('market_share');
    expect([share.current.period, share.current.value, share.partial]).toEqual(['2026-10', 0.08, false]);
    expect(share.comparisons[0]).toMatchObject({ baseline: { period: '2026-09', value: 0.08 }, change: 0 });
  });

  it('gives a trend per KPI: every month from the first with data', () => {
    expect(kpi('net_revenue').trend).toEqual([
      { period: '2026-07', value: 30000, partial: false },
      { period: '2026-08', value: 36000, partial: false },
      { period: '2026-09', value: 40000, partial: false },
      { period: '2026-10', value: 44000, partial: false },
      { period: '2026-11', value: 49500.25, partial: true },
    ]);
    expect(kpi('margin').trend.map((p) => p.value)).toEqual([0.4, 0.3888888888888889, 0.4, null, 0.45000277776374864]);
    expect(kpi('nps').trend.map((p) => [p.period, p.value])).toEqual([['2026-Q3', 30], ['2026-Q4', 40]]);
  });
});

describe('buildExecKpis: against the same days last year', () => {
  // Nov 2026 to date on Nov 10; Nov 2025 has day rows on the 3rd (net 1,000, profit 400) and the
  // 20th (net 5,000, left out: after the 10th). History starts Nov 3, 2025.
  const snapshot = () =>
    makeSnapshot({
      as_of: '2026-11-10T12:00:00Z',
      kpis: [
        day('2025-11-03', 1000, 400),
        day('2025-11-20', 5000, 1000),
        makeRow({ period: '2025-11', net_revenue: 6000, profit: 1400, target_revenue: 5000, attainment: 1.2, csat: 3.9 }),
        makeRow({ period: '2026-11', net_revenue: 1500, revenue: 1500, profit: 750, margin: 0.5, new_customers: 3, target_revenue: 6000, attainment: 0.25, csat: 4.4 }),
      ],
    });

  it('sums Nov 1–10, 2025 from its day rows: net 1,000, margin 40%, 1 new customer', () => {
    const net = kpi('net_revenue', snapshot());
    expect(net.comparisons[1]).toMatchObject({ basis: 'last_year', baseline: { period: '2025-11', through: 10, value: 1000 }, change: 500, relativeChange: 0.5 });
    expect(kpi('margin', snapshot()).comparisons[1]!.baseline.value).toBe(0.4);
    expect(kpi('new_customers', snapshot()).comparisons[1]).toMatchObject({ baseline: { value: 1 }, change: 2 });
  });

  it("measures last year's attainment by the same day against last year's target: 1,000 / 5,000", () => {
    const lastYear = kpi('attainment', snapshot()).comparisons[2]!;
    expect(lastYear.baseline.value).toBe(0.2);
    expect(lastYear.change).toBeCloseTo(0.25 - 0.2, 12);
  });

  it('compares CSAT with the whole month last year', () => {
    expect(kpi('csat', snapshot()).comparisons[1]!.change).toBeCloseTo(0.5, 12);
  });

  it('words the last-year line with the year', () => {
    const c = card('net_revenue', snapshot()).comparisons[1]!;
    expect([c.change?.text, c.compare]).toEqual(['+$500 (+50.0%)', 'vs $1,000 in Nov 1–10, 2025']);
  });
});

describe('previousSpan', () => {
  it('reads a whole month from its row when no day is given', () => {
    expect(previousSpan(fixtureSnapshot(), '2026-10', null).netRevenue).toEqual({ period: '2026-10', value: 44000, missing: null });
  });
});

describe('comparison', () => {
  it('gives a relative change for money and counts only', () => {
    const r = (value: number) => ({ period: '2026-11', value, missing: null });
    expect(comparison('previous', 'count', r(6), r(4))).toMatchObject({ change: 2, relativeChange: 0.5 });
    expect(comparison('previous', 'score', r(4.5), r(4))).toMatchObject({ change: 0.5, relativeChange: null });
    expect(comparison('previous', 'money', r(1), { period: '2026-10', value: null, missing: 'before_history' })).toMatchObject({ change: null });
  });
});

describe('execCards: the fixture', () => {
  it('words every card, its target and both comparisons', () => {
    const cards = execCards(buildExecKpis(fixtureSnapshot())!, 'USD');
    expect(cards.map((c) => [c.label, c.value, c.target, c.comparisons.map((x) => x.change?.text ?? `(${x.baselineMissing})`)])).toEqual([
      ['Net revenue', '$49,500', 'Target $55,000 ($5,500 to go)', ['+$9,500 (+23.8%)', "(Nov 1–30, 2025 is before the snapshot's first figures)"]],
      ['Profit margin', '45.0%', 'Profit target $24,000', ['+4.1 pts', "(Nov 1–30, 2025 is before the snapshot's first figures)"]],
      ['Target attainment', '90.0%', 'At this pace: 90.0% ($49,500) by month end', ['10.0 pts behind pace', '+1.1 pts', "(Nov 1–30, 2025 is before the snapshot's first figures)"]],
      ['New customers', '7', 'Target 8 (1 to go)', ['+4 (+133.3%)', "(Nov 1–30, 2025 is before the snapshot's first figures)"]],
      ['CSAT', '4.20', null, ['+0.10', "(November 2025 is before the snapshot's first figures)"]],
      ['NPS', '40', null, ['+10', "(Q4 2025 is before the snapshot's first figures)"]],
      ['Market share', '8.0%', null, ['0.0 pts', "(October 2025 is before the snapshot's first figures)"]],
    ]);
  });

  it('says what a card covers when it is not the headline month', () => {
    const cards = execCards(buildExecKpis(fixtureSnapshot())!, 'USD');
    expect(cards.map((c) => c.note)).toEqual([
      null, null, null, null,
      'Month to date, compared with whole months',
      'Q4 2026 to date, compared with whole quarters',
      'October 2026, the latest month with a market size',
    ]);
    expect(cards.find((c) => c.key === 'csat')?.detail).toBe('85.0% satisfied (4 or 5 of 5)');
    expect(cards[2]!.comparisons[1]!.compare).toBe('vs 88.9% in Oct 1–30');
  });

  it("words pace from last year's pattern", () => {
    const snapshot = makeSnapshot({ kpis: [makeRow()], pacing: [makePacing({ method: 'last_year_profile', expected_fraction: 0.8 })] });
    const pace = execCards(buildExecKpis(snapshot)!, 'USD')[2]!.comparisons[0]!;
    expect([pace.change?.text, pace.compare]).toEqual(['30.0 pts behind pace', "80.0% expected by day 20 of 30 (last year's pattern)"]);
  });
});

describe('formatKpi and changeText', () => {
  it('format scores with two decimals and NPS as a whole number', () => {
    expect(formatKpi(4.2, 'score', 'USD')).toBe('4.20');
    expect(formatKpi(34.09, 'nps', 'USD')).toBe('34');
    expect(formatKpi(-12.6, 'nps', 'USD')).toBe('-13');
  });

  it('sign score and NPS changes', () => {
    expect(changeText('score', { basis: 'previous', change: -0.25, relativeChange: null }, 'USD')).toEqual({ text: '-0.25', direction: 'down', spoken: 'Down' });
    expect(changeText('nps', { basis: 'previous', change: 9.6, relativeChange: null }, 'USD').text).toBe('+10');
  });
});
