import { describe, expect, it } from 'vitest';
import { buildKpis, type KpiResult } from '../../shared/kpi/build-kpis.ts';
import { pace, paceDays, paceFromSums, type PacingInput, type PacingRowUnits } from '../../shared/kpi/pacing.ts';
import { daysOfPeriod, sameLastYear } from '../../shared/period.ts';
import type { Scope } from '../../shared/snapshot.ts';
import { typed } from '../support/typed-events.ts';

type Raw = Record<string, unknown>;

function build(raws: readonly Raw[], asOf: string, timezone = 'UTC'): KpiResult {
  return buildKpis(typed(raws), { timezone, asOfMs: Date.parse(asOf) });
}

function makeSale({ at, sale_id, rep_id = 'r-ana', amount }: { at: string; sale_id: string; rep_id?: string; amount: unknown }): Raw {
  return { id: `evt-sale-${sale_id}`, type: 'sale.closed', occurred_at: at, data: { sale_id, rep_id, customer_id: `cust-${sale_id}`, amount } };
}

function makeRep({ rep_id, team_id }: { rep_id: string; team_id: string }): Raw {
  return { id: `evt-rep-${rep_id}`, type: 'rep.upserted', occurred_at: '2024-12-01T00:00:00Z', data: { rep_id, name: rep_id, team_id } };
}

function makeTarget({ scope = 'company', scope_id, metric = 'revenue', period, value }: { scope?: Scope; scope_id?: string; metric?: string; period: string; value: unknown }): Raw {
  return {
    id: `evt-target-${scope}-${scope_id ?? ''}-${metric}-${period}`,
    type: 'target.set',
    occurred_at: '2024-12-01T00:00:00Z',
    data: { scope, scope_id, metric, period, value },
  };
}

/** netOnDay from a table of day -> units; 0 for any other day. */
function daily(table: Record<string, bigint>): (day: string) => bigint {
  return (day) => table[day] ?? 0n;
}

function input(period: string, grain: PacingInput['grain'], targetUnits: bigint): PacingInput {
  return { scope: 'company', id: null, grain, period, targetUnits };
}

describe('pace', () => {
  describe('elapsed_days, without last-year data', () => {
    // Nov 2026: 30 days; as-of day 10 (counted). 400 on 11-01 and 600 on 11-10 count; the
    // 31 October and 11 November figures do not.
    const november = daily({
      '2026-10-31': 7770000n,
      '2026-11-01': 4000000n,
      '2026-11-10': 6000000n,
      '2026-11-11': 99990000n,
    });
    const row = pace(input('2026-11', 'month', 30000000n), '2026-11-10', november);

    it('counts the days gone, today included, and sums net revenue up to today', () => {
      expect(row).toMatchObject({
        scope: 'company',
        id: null,
        grain: 'month',
        period: '2026-11',
        method: 'elapsed_days',
        elapsed_days: 10,
        total_days: 30,
        target_revenue: 30000000n,
        net_revenue_to_date: 10000000n,
      });
    });

    it('expects target x elapsed / total by today and projects to_date / fraction', () => {
      // 3000 / 3 = 1000 expected; 1000 / (1/3) = 3000 projected, attainment 1
      expect(row).toMatchObject({ expected_to_date: 10000000n, projected_net_revenue: 30000000n, projected_attainment: 1 });
    });

    it('reports expected_fraction as elapsed_days / total_days', () => {
      expect(row.expected_fraction).toBe(10 / 30);
    });

    it('keeps expected and projected money exact for large amounts', () => {
      // target 1,000,000 -> expected 1,000,000 / 3 = 333,333.3333|33 -> 3333333333 units;
      // to date 2,000,000 -> projected 2,000,000 x 3 = 6,000,000; attainment 6
      const big = pace(input('2026-11', 'month', 10000000000n), '2026-11-10', daily({ '2026-11-05': 20000000000n }));
      expect(big).toMatchObject({
        expected_to_date: 3333333333n,
        projected_net_revenue: 60000000000n,
        projected_attainment: 6,
      });
    });

    it('uses elapsed days when last year’s net revenue for the period is not positive', () => {
      // 2025-11: a sale of 100 and its refund of 100 -> 0; as-of day 15 of 30 -> 0.5
      const row15 = pace(
        input('2026-11', 'month', 20000000n),
        '2026-11-15',
        daily({ '2025-11-05': 1000000n, '2025-11-20': -1000000n, '2026-11-03': 3000000n }),
      );
      expect(row15).toMatchObject({
        method: 'elapsed_days',
        elapsed_days: 15,
        expected_fraction: 0.5,
        expected_to_date: 10000000n,
        net_revenue_to_date: 3000000n,
        projected_net_revenue: 6000000n,
        projected_attainment: 0.3,
      });
    });

    it('uses elapsed days when last year’s net revenue for the period is negative', () => {
      // 2025-11: a sale of 100 on day 5 and refunds of 200 on day 6 -> -100
      const row15 = pace(input('2026-11', 'month', 20000000n), '2026-11-15', daily({ '2025-11-05': 1000000n, '2025-11-06': -2000000n }));
      expect(row15).toMatchObject({ method: 'elapsed_days', expected_fraction: 0.5, expected_to_date: 10000000n });
    });

    it('has elapsed 1 on the first day and the full period on the last', () => {
      expect(pace(input('2026-11', 'month', 30000000n), '2026-11-01', daily({})).elapsed_days).toBe(1);
      expect(pace(input('2026-11', 'month', 30000000n), '2026-11-30', daily({ '2026-11-30': 5000000n }))).toMatchObject({
        elapsed_days: 30,
        expected_fraction: 1,
        expected_to_date: 30000000n,
        projected_net_revenue: 5000000n,
      });
    });
  });

  describe('last_year_profile', () => {
    // Last year (2025-11): 50 on day 1, 50 on day 10, 100 on day 11, 200 on day 30 -> total 400,
    // 100 by day 10 -> fraction 0.25. Days outside 2025-11 do not count.
    const table = {
      '2025-10-31': 9990000n,
      '2025-11-01': 500000n,
      '2025-11-10': 500000n,
      '2025-11-11': 1000000n,
      '2025-11-30': 2000000n,
      '2025-12-01': 9990000n,
      '2026-11-02': 1500000n,
    };
    const row = pace(input('2026-11', 'month', 20000000n), '2026-11-10', daily(table));

    it('uses the share of last year’s period earned by the same day', () => {
      expect(row).toEqual({
        scope: 'company',
        id: null,
        grain: 'month',
        period: '2026-11',
        target_revenue: 20000000n,
        net_revenue_to_date: 1500000n,
        elapsed_days: 10,
        total_days: 30,
        method: 'last_year_profile',
        expected_fraction: 0.25,
        // 2000 x 0.25 = 500; 150 / 0.25 = 600; 600 / 2000 = 0.3
        expected_to_date: 5000000n,
        projected_net_revenue: 6000000n,
        projected_attainment: 0.3,
      });
    });

    it('expects nothing and projects nothing when last year earned nothing by that day', () => {
      const none = pace(input('2026-11', 'month', 20000000n), '2026-11-10', daily({ '2025-11-20': 4000000n, '2026-11-02': 1500000n }));
      expect(none).toMatchObject({
        method: 'last_year_profile',
        expected_fraction: 0,
        expected_to_date: 0n,
        net_revenue_to_date: 1500000n,
        projected_net_revenue: null,
        projected_attainment: null,
      });
    });

    it('caps the expected fraction at 1 when later refunds shrink last year’s total', () => {
      // 2025-11: 500 on day 1, -100 (refunds) on day 20 -> total 400, 500 by day 10 -> 1.25 -> 1
      const capped = pace(input('2026-11', 'month', 20000000n), '2026-11-10', daily({ '2025-11-01': 5000000n, '2025-11-20': -1000000n, '2026-11-02': 1500000n }));
      expect(capped).toMatchObject({
        method: 'last_year_profile',
        expected_fraction: 1,
        expected_to_date: 20000000n,
        projected_net_revenue: 1500000n,
        projected_attainment: 0.075,
      });
    });

    it('profiles a quarter by last year’s same quarter', () => {
      // 2025-Q4: 300 by 2025-10-23 (day 23), 900 later -> 0.25; this year 600 by day 23
      const quarter = pace(
        input('2026-Q4', 'quarter', 80000000n),
        '2026-10-23',
        daily({ '2025-10-23': 3000000n, '2025-12-31': 9000000n, '2026-10-02': 6000000n }),
      );
      expect(quarter).toMatchObject({
        method: 'last_year_profile',
        elapsed_days: 23,
        total_days: 92,
        expected_fraction: 0.25,
        expected_to_date: 20000000n,
        projected_net_revenue: 24000000n,
        projected_attainment: 0.3,
      });
    });
  });

  describe('quarters and years', () => {
    it('paces 2026-Q4 over its 92 days', () => {
      // as-of 2026-10-23: 23 of 92 days -> 0.25; target 9200 -> 2300 expected;
      // to date 100 + 200 = 300 -> projected 1200
      const row = pace(
        input('2026-Q4', 'quarter', 92000000n),
        '2026-10-23',
        daily({ '2026-09-30': 5000000n, '2026-10-01': 1000000n, '2026-10-23': 2000000n, '2026-10-24': 7000000n }),
      );
      expect(row).toEqual({
        scope: 'company',
        id: null,
        grain: 'quarter',
        period: '2026-Q4',
        target_revenue: 92000000n,
        net_revenue_to_date: 3000000n,
        elapsed_days: 23,
        total_days: 92,
        method: 'elapsed_days',
        expected_fraction: 0.25,
        expected_to_date: 23000000n,
        projected_net_revenue: 12000000n,
        projected_attainment: 12000000 / 92000000,
      });
    });

    it('counts quarter days across month ends', () => {
      // 31 October days + 22 November days
      expect(pace(input('2026-Q4', 'quarter', 1n), '2026-11-22', daily({})).elapsed_days).toBe(53);
      expect(pace(input('2026-Q4', 'quarter', 1n), '2026-12-31', daily({}))).toMatchObject({ elapsed_days: 92, expected_fraction: 1 });
    });

    it('paces the leap year 2024 over its 366 days', () => {
      // as-of 2024-07-01: 31+29+31+30+31+30+1 = 183 of 366 -> 0.5; to date 250 (on 29 February)
      const row = pace(input('2024', 'year', 10000000n), '2024-07-01', daily({ '2024-02-29': 2500000n, '2024-07-02': 1000000n }));
      expect(row).toMatchObject({
        grain: 'year',
        period: '2024',
        method: 'elapsed_days',
        elapsed_days: 183,
        total_days: 366,
        expected_fraction: 0.5,
        net_revenue_to_date: 2500000n,
        expected_to_date: 5000000n,
        projected_net_revenue: 5000000n,
        projected_attainment: 0.5,
      });
    });

    it('paces 2026 over 365 days', () => {
      expect(pace(input('2026', 'year', 1n), '2026-12-31', daily({}))).toMatchObject({ elapsed_days: 365, total_days: 365 });
    });
  });

  it('gives projected_attainment null when the target is 0, still projecting', () => {
    // as-of day 15 of 30 -> 0.5; to date 100 -> projected 200
    const row = pace(input('2026-11', 'month', 0n), '2026-11-15', daily({ '2026-11-01': 1000000n }));
    expect(row).toMatchObject({
      target_revenue: 0n,
      expected_to_date: 0n,
      projected_net_revenue: 2000000n,
      projected_attainment: null,
    });
  });

  it('throws for an as-of day outside the period', () => {
    expect(() => pace(input('2026-11', 'month', 1n), '2026-12-01', daily({}))).toThrow(RangeError);
    expect(() => pace(input('2026-11', 'month', 1n), '2026-10-31', daily({}))).toThrow('2026-10-31 is not in 2026-11');
  });
});

describe('buildKpis: pacing', () => {
  // as-of 2026-11-15T12:00Z: day 15 of November (30), day 46 of Q4 (92), day 319 of 2026 (365).
  //   r-ana (t-east): 1000 on 10-15, 500 on 11-03, 500 on 11-15 08:00, 700 on 11-16 (after as-of day)
  //   r-ben (t-west): 200 on 2025-03-01, 100 on 2025-11-05, 300 on 2025-11-20, 100 on 2026-02-01,
  //                   200 on 2026-11-02
  const AS_OF = '2026-11-15T12:00:00Z';
  const EVENTS: Raw[] = [
    makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
    makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
    makeSale({ sale_id: 'a1', at: '2026-10-15T10:00:00Z', amount: 1000 }),
    makeSale({ sale_id: 'a2', at: '2026-11-03T10:00:00Z', amount: 500 }),
    makeSale({ sale_id: 'a3', at: '2026-11-15T08:00:00Z', amount: 500 }),
    makeSale({ sale_id: 'a4', at: '2026-11-16T10:00:00Z', amount: 700 }),
    makeSale({ sale_id: 'b1', at: '2025-03-01T10:00:00Z', rep_id: 'r-ben', amount: 200 }),
    makeSale({ sale_id: 'b2', at: '2025-11-05T10:00:00Z', rep_id: 'r-ben', amount: 100 }),
    makeSale({ sale_id: 'b3', at: '2025-11-20T10:00:00Z', rep_id: 'r-ben', amount: 300 }),
    makeSale({ sale_id: 'b5', at: '2026-02-01T10:00:00Z', rep_id: 'r-ben', amount: 100 }),
    makeSale({ sale_id: 'b4', at: '2026-11-02T10:00:00Z', rep_id: 'r-ben', amount: 200 }),
    makeTarget({ period: '2026-11', value: 2000 }),
    makeTarget({ scope: 'team', scope_id: 't-east', period: '2026-Q4', value: 9200 }),
    makeTarget({ scope: 'rep', scope_id: 'r-ben', period: '2026', value: 4000 }),
    // Not paced: a month that has ended, a month not begun, another metric.
    makeTarget({ scope: 'rep', scope_id: 'r-ana', period: '2026-10', value: 800 }),
    makeTarget({ scope: 'team', scope_id: 't-west', period: '2026-12', value: 100 }),
    makeTarget({ metric: 'orders', period: '2026-Q4', value: 10 }),
  ];
  const result = build(EVENTS, AS_OF);

  function pacingOf(r: KpiResult, scope: Scope, id: string | null, period: string): PacingRowUnits | undefined {
    return r.pacing.find((p) => p.scope === scope && p.id === id && p.period === period);
  }

  it('paces only the running month, quarter and year periods that have a revenue target', () => {
    expect(result.pacing.map((p) => `${p.scope} ${p.id ?? '-'} ${p.grain} ${p.period}`).sort()).toEqual([
      'company - month 2026-11',
      'rep r-ben year 2026',
      'team t-east quarter 2026-Q4',
    ]);
  });

  it('paces the company month by last year’s November profile', () => {
    // 2025-11: 100 by day 15 of 400 -> 0.25; to date 500 + 500 + 200 = 1200 (the 16th left out);
    // expected 2000 x 0.25 = 500; projected 1200 / 0.25 = 4800; 4800 / 2000 = 2.4
    expect(pacingOf(result, 'company', null, '2026-11')).toEqual({
      scope: 'company',
      id: null,
      grain: 'month',
      period: '2026-11',
      target_revenue: 20000000n,
      net_revenue_to_date: 12000000n,
      elapsed_days: 15,
      total_days: 30,
      method: 'last_year_profile',
      expected_fraction: 0.25,
      expected_to_date: 5000000n,
      projected_net_revenue: 48000000n,
      projected_attainment: 2.4,
    });
  });

  it('paces a team quarter by elapsed days when the team sold nothing last year', () => {
    // 46 / 92 = 0.5; to date 1000 + 500 + 500 = 2000; expected 4600; projected 4000
    expect(pacingOf(result, 'team', 't-east', '2026-Q4')).toEqual({
      scope: 'team',
      id: 't-east',
      grain: 'quarter',
      period: '2026-Q4',
      target_revenue: 92000000n,
      net_revenue_to_date: 20000000n,
      elapsed_days: 46,
      total_days: 92,
      method: 'elapsed_days',
      expected_fraction: 0.5,
      expected_to_date: 46000000n,
      projected_net_revenue: 40000000n,
      projected_attainment: 40000000 / 92000000,
    });
  });

  it('paces a rep year by the rep’s own last year', () => {
    // 2025: 200 + 100 + 300 = 600, 300 of it by 2025-11-15 -> 0.5; to date 100 + 200 = 300;
    // expected 2000; projected 600; 600 / 4000 = 0.15
    expect(pacingOf(result, 'rep', 'r-ben', '2026')).toEqual({
      scope: 'rep',
      id: 'r-ben',
      grain: 'year',
      period: '2026',
      target_revenue: 40000000n,
      net_revenue_to_date: 3000000n,
      elapsed_days: 319,
      total_days: 365,
      method: 'last_year_profile',
      expected_fraction: 0.5,
      expected_to_date: 20000000n,
      projected_net_revenue: 6000000n,
      projected_attainment: 0.15,
    });
  });

  it('paces a quarter whose target is the sum of its months when the quarter has activity', () => {
    const r = build(
      [
        makeSale({ sale_id: 'q1', at: '2026-10-05T10:00:00Z', amount: 100 }),
        ...['2026-10', '2026-11', '2026-12'].map((period) => makeTarget({ period, value: 1000 })),
      ],
      AS_OF,
    );
    // 3000 from the months; 46 / 92 -> 0.5; to date 100 -> projected 200
    expect(pacingOf(r, 'company', null, '2026-Q4')).toMatchObject({
      target_revenue: 30000000n,
      net_revenue_to_date: 1000000n,
      expected_to_date: 15000000n,
      projected_net_revenue: 2000000n,
      projected_attainment: 2000000 / 30000000,
    });
  });

  it('paces a quarter whose target is the sum of its months even without activity in it', () => {
    const r = build(
      ['2026-10', '2026-11', '2026-12'].map((period) => makeTarget({ period, value: 1000 })),
      AS_OF,
    );
    expect(pacingOf(r, 'company', null, '2026-11')).toMatchObject({ target_revenue: 10000000n, net_revenue_to_date: 0n, expected_to_date: 5000000n, projected_attainment: 0 });
    expect(pacingOf(r, 'company', null, '2026-Q4')).toEqual({
      scope: 'company',
      id: null,
      grain: 'quarter',
      period: '2026-Q4',
      target_revenue: 30000000n,
      net_revenue_to_date: 0n,
      elapsed_days: 46,
      total_days: 92,
      method: 'elapsed_days',
      expected_fraction: 0.5,
      expected_to_date: 15000000n,
      projected_net_revenue: 0n,
      projected_attainment: 0,
    });
  });

  it('decides the running period and the as-of day in the org timezone', () => {
    // 2026-10-31T20:00Z is 2026-11-01 04:00 in Shanghai.
    const events = [makeTarget({ period: '2026-11', value: 3000 })];
    expect(build(events, '2026-10-31T20:00:00Z', 'UTC').pacing).toEqual([]);
    expect(build(events, '2026-10-31T20:00:00Z', 'Asia/Shanghai').pacing).toMatchObject([
      { scope: 'company', grain: 'month', period: '2026-11', elapsed_days: 1, total_days: 30, method: 'elapsed_days', expected_to_date: 1000000n, net_revenue_to_date: 0n },
    ]);
  });

  it('makes no pacing rows without revenue targets', () => {
    expect(build(EVENTS.filter((e) => e.type !== 'target.set'), AS_OF).pacing).toEqual([]);
  });
});

describe('daysOfPeriod', () => {
  it('lists the 29 days of February 2024', () => {
    const days = daysOfPeriod('2024-02');
    expect(days).toHaveLength(29);
    expect(days[0]).toBe('2024-02-01');
    expect(days[28]).toBe('2024-02-29');
  });

  it('lists 28 days for February 2025', () => {
    expect(daysOfPeriod('2025-02')).toHaveLength(28);
  });

  it('lists the 90 days of 2026-Q1 in order', () => {
    const days = daysOfPeriod('2026-Q1');
    expect(days).toHaveLength(90);
    expect(days[0]).toBe('2026-01-01');
    expect(days[31]).toBe('2026-02-01');
    expect(days[89]).toBe('2026-03-31');
    expect(new Set(days).size).toBe(90);
  });

  it('lists the 92 days of 2026-Q4, ending on 31 December', () => {
    const days = daysOfPeriod('2026-Q4');
    expect(days).toHaveLength(92);
    expect(days[0]).toBe('2026-10-01');
    expect(days[91]).toBe('2026-12-31');
  });

  it('lists 366 days for 2024 and 365 for 2026', () => {
    expect(daysOfPeriod('2024')).toHaveLength(366);
    const year = daysOfPeriod('2026');
    expect(year).toHaveLength(365);
    expect(year[0]).toBe('2026-01-01');
    expect(year[364]).toBe('2026-12-31');
  });
});

describe('sameLastYear', () => {
  it('moves a quarter, a month and a year back one year', () => {
    expect(sameLastYear('2026-Q4')).toBe('2025-Q4');
    expect(sameLastYear('2026-11')).toBe('2025-11');
    expect(sameLastYear('2026')).toBe('2025');
  });

  it('crosses a century', () => {
    expect(sameLastYear('2000-01')).toBe('1999-01');
  });

  it('keeps four digits for the year', () => {
    expect(sameLastYear('1000-Q1')).toBe('0999-Q1');
  });
});

describe('paceDays and paceFromSums (the sums a caller takes in SQL)', () => {
  it('names the days of each sum: to date, last year whole, last year to the same day', () => {
    expect(paceDays('2026-11', '2026-11-26')).toEqual({
      toDate: ['2026-11-01', '2026-11-26'],
      lastYearTotal: ['2025-11-01', '2025-11-30'],
      lastYearToDate: ['2025-11-01', '2025-11-26'],
    });
    expect(paceDays('2026-Q4', '2026-10-01')).toEqual({
      toDate: ['2026-10-01', '2026-10-01'],
      lastYearTotal: ['2025-10-01', '2025-12-31'],
      lastYearToDate: ['2025-10-01', '2025-10-01'],
    });
    // A leap day has no day of its own last year: last year to date stops at its period's end.
    expect(paceDays('2028-02', '2028-02-29').lastYearToDate).toEqual(['2027-02-01', '2027-02-28']);
    expect(paceDays('2028', '2028-12-31').lastYearToDate).toEqual(['2027-01-01', '2027-12-31']);
    expect(() => paceDays('2026-11', '2026-12-01')).toThrow(RangeError);
  });

  it('gives what pace gives when the sums are of the days it names', () => {
    const net = (day: string) => BigInt(Number(day.slice(8, 10)) * 10_000 + (day < '2026' ? 7 : 3));
    const input: PacingInput = { scope: 'rep', id: 'rep_a', grain: 'month', period: '2026-11', targetUnits: 50_000_000n };
    const days = paceDays('2026-11', '2026-11-26');
    const sum = ([first, last]: [string, string]) => daysOfPeriod(first.slice(0, 7)).filter((d) => d >= first && d <= last).reduce((t, d) => t + net(d), 0n);
    const sums = { toDate: sum(days.toDate), lastYearTotal: sum(days.lastYearTotal), lastYearToDate: sum(days.lastYearToDate) };
    expect(paceFromSums(input, '2026-11-26', sums)).toEqual(pace(input, '2026-11-26', net));
    expect(pace(input, '2026-11-26', net).method).toBe('last_year_profile');
  });
});
