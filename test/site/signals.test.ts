import { describe, expect, it } from 'vitest';
import { buildSignals, controlLimits, RULES, type SignalRule } from '../../site/data/signals.ts';
import type { ComplaintRow, CustomerRow, KpiRow, SegmentMonth, Snapshot } from '../../shared/snapshot.ts';
import { fixtureSnapshot, makeComplaint, makePacing, makeRow, makeSnapshot } from './make-snapshot.ts';

const titles = (snapshot: Snapshot) => buildSignals(snapshot, '/').map((s) => `${s.kind}: ${s.title}`);
const team = (id: string, overrides: Partial<KpiRow> = {}) => makeRow({ scope: 'team', id, ...overrides });
const dayRow = (period: string, overrides: Partial<KpiRow> = {}) =>
  makeRow({ grain: 'day', period, target_revenue: null, attainment: null, ...overrides });

describe('RULES', () => {
  it('are the thresholds the page explains', () => {
    expect(RULES).toMatchObject({ paceGap: 0.1, outlierSigmas: 2, outlierWindow: 6, marginChange: 0.03, complaintsMin: 5, complaintsRise: 0.5, csatFloor: 4 });
  });
});

describe('buildSignals: the fixture', () => {
  it('finds Cleo behind pace, the company short of its forecast, complaints up, an aged complaint and CSAT low in East, two lapsing customers, and the company margin up', () => {
    expect(titles(fixtureSnapshot())).toEqual([
      // Naive on Jul–Oct (30,000, 36,000, 40,000, 44,000): 44,000 ± 1.2816 × √(68,000,000 / 3) = 50,101 at most, under 55,000.
      "risk: The company is likely to miss the November 2026 target: even the forecast's high end falls short",
      'risk: Cleo Park is 11.4 pts behind pace in November 2026', // 19,500 / 22,000 = 88.6% against 100%
      'risk: The company: complaints up 100% against Oct 1–30', // 6 against 1 + 1 + 1
      'risk: East: 1 complaint open for more than 7 days', // tkt_e01, open since Nov 3
      'risk: East: CSAT 3.80 in November 2026 to date, below 4.0',
      // cus_09 (Jul 3 and 10, then nothing for 143 days) and cus_13 (Aug 12 and Sep 15, then 76 days).
      'risk: 2 repeat customers have gone quiet: $8,000 of net revenue to date',
      'growth: The company: margin up 4.1 pts against Oct 1–30', // 45.0% against 16,375 / 40,000 = 40.9%
    ]);
  });

  it('gives the numbers behind each and a link to them', () => {
    const signals = buildSignals(fixtureSnapshot(), '/');
    const pace = signals.find((s) => s.rule === 'pace');
    const complaints = signals.find((s) => s.rule === 'complaints_up');
    expect(pace).toMatchObject({ rule: 'pace', scope: 'rep', id: 'rep_cleo', href: '/reps/rep_cleo/' });
    expect(pace!.facts).toEqual([
      '$19,500 of the $22,000 target: 88.6%',
      'Expected by now: 100.0% ($22,000), day 30 of 30',
      'At this pace: $19,500 by month end (88.6%)',
    ]);
    expect(complaints!.facts).toEqual(['November 2026 to date: 6 complaints opened', 'Oct 1–30: 3', 'Median time to resolve: 20 hours']);
    expect(complaints!.href).toBe('/#revenue-trend');
  });
});

describe('rule: pace', () => {
  const snapshot = (pacing: Snapshot['pacing'], asOf = '2026-11-20T12:00:00Z') =>
    makeSnapshot({ as_of: asOf, teams: [{ team_id: 't1', name: 'North' }], reps: [{ rep_id: 'r1', name: 'Ana', team_id: 't1' }], kpis: [makeRow()], pacing });

  it('flags more than 10 points behind as a risk and ahead as a growth point', () => {
    const rows = [
      makePacing({ scope: 'team', id: 't1', net_revenue_to_date: 1000 }), // 33.3% against 66.7%
      makePacing({ scope: 'rep', id: 'r1', net_revenue_to_date: 2600 }), // 86.7% against 66.7%
      makePacing({ net_revenue_to_date: 2270 }), // 75.7%: 9.0 points ahead, not flagged
    ];
    expect(titles(snapshot(rows))).toEqual([
      'risk: North is 33.3 pts behind pace in November 2026',
      'growth: Ana is 20.0 pts ahead of pace in November 2026',
    ]);
  });

  it('uses only the running month (a finished month has no pace)', () => {
    const rows = [makePacing({ scope: 'team', id: 't1', net_revenue_to_date: 1000 })];
    expect(titles(snapshot(rows, '2026-12-05T12:00:00Z'))).toEqual([]);
  });
});

describe('rule: revenue outlier', () => {
  // November 2026 complete (as_of in December, which has no figures yet); the six months before:
  // 100, 110, 90, 100, 105, 95 → mean 100, sample sd √(250 / 5) = 7.07.
  const snapshot = (november: number, firstMonth = '2026-05') => {
    const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
    const values = [100, 110, 90, 100, 105, 95];
    return makeSnapshot({
      as_of: '2026-12-05T12:00:00Z',
      kpis: [
        ...months
          .map((period, i) => makeRow({ period, net_revenue: values[i]!, margin: null, target_revenue: null, attainment: null, csat: null }))
          .filter((row) => row.period >= firstMonth),
        makeRow({ period: '2026-11', net_revenue: november, margin: null, target_revenue: null, attainment: null, csat: null }),
      ],
    });
  };

  it('flags a month more than 2 standard deviations above the 6 before it: 120 is 2.8', () => {
    const [signal] = buildSignals(snapshot(120), '/');
    expect(signal).toMatchObject({ kind: 'growth', rule: 'revenue_outlier', period: '2026-11' });
    expect(signal!.size).toBeCloseTo(20 / Math.sqrt(50), 12);
    expect(signal!.facts).toEqual([
      'November 2026: $120',
      'Average of May 2026–Oct 2026: $100, standard deviation $7',
      '2.8 standard deviations above (the rule: more than 2)',
    ]);
  });

  it('flags a month far below as a risk, and leaves 1.4 standard deviations alone', () => {
    expect(titles(snapshot(80))).toEqual(['risk: The company: net revenue in November 2026 far below its 6-month average']);
    expect(titles(snapshot(110))).toEqual([]);
  });

  it('needs all six months inside the history', () => {
    expect(titles(snapshot(120, '2026-06'))).toEqual([]);
  });
});

describe('rules: margin and complaints, like for like', () => {
  // November to date on the 20th against Oct 1–20 (the day rows of Oct 5; Oct 25 is left out).
  const snapshot = (overrides: { companyNov?: Partial<KpiRow>; companyOct5?: Partial<KpiRow>; teamNov?: Partial<KpiRow>; teamOct5?: Partial<KpiRow> } = {}) =>
    makeSnapshot({
      teams: [{ team_id: 't1', name: 'North' }],
      kpis: [
        dayRow('2026-10-05', { net_revenue: 1000, profit: 400, margin: 0.4, complaints: 3, ...overrides.companyOct5 }),
        dayRow('2026-10-25', { net_revenue: 1000, profit: 900, margin: 0.9, complaints: 9 }),
        makeRow({ net_revenue: 1000, profit: 400, margin: 0.4, complaints: 0, ...overrides.companyNov }),
        dayRow('2026-10-05', { scope: 'team', id: 't1', net_revenue: 1000, profit: 400, margin: 0.4, complaints: 0, ...overrides.teamOct5 }),
        team('t1', { net_revenue: 1000, profit: 400, margin: 0.4, complaints: 0, ...overrides.teamNov }),
      ],
    });

  it('flags margin moved more than 3 points: up for the company, down for a team', () => {
    const s = snapshot({ companyNov: { profit: 500, margin: 0.5 }, teamNov: { profit: 300, margin: 0.3 } });
    expect(titles(s)).toEqual([
      'risk: North: margin down 10.0 pts against Oct 1–20',
      'growth: The company: margin up 10.0 pts against Oct 1–20',
    ]);
    expect(buildSignals(s, '/')[0]!.facts).toEqual([
      'November 2026 to date: 30.0% ($300 profit on $1,000)',
      'Oct 1–20: 40.0% ($400 profit on $1,000)',
    ]);
  });

  it('leaves a 3-point move alone', () => {
    expect(titles(snapshot({ companyNov: { profit: 430, margin: 0.43 } }))).toEqual([]);
  });

  it('flags at least 5 complaints more than 50% above: 6 against 3, and 5 against none', () => {
    expect(titles(snapshot({ companyNov: { complaints: 6, complaint_resolution_hours_median: null }, teamNov: { complaints: 5 } }))).toEqual([
      'risk: The company: complaints up 100% against Oct 1–20',
      'risk: North: complaints up from none to 5 against Oct 1–20',
    ]);
  });

  it('leaves 4 complaints against none, and 6 against 4 (exactly 50% up), alone', () => {
    expect(titles(snapshot({ teamNov: { complaints: 4 } }))).toEqual([]);
    expect(titles(snapshot({ companyNov: { complaints: 6 }, companyOct5: { complaints: 4 } }))).toEqual([]);
  });
});

describe('rule: CSAT', () => {
  it('flags a month below 4.0 and leaves 4.0 alone', () => {
    const snapshot = makeSnapshot({
      teams: [{ team_id: 't1', name: 'North' }],
      kpis: [makeRow({ csat: 4 }), team('t1', { csat: 3.95, csat_satisfied_rate: 0.7 })],
    });
    expect(titles(snapshot)).toEqual(['risk: North: CSAT 3.95 in November 2026 to date, below 4.0']);
    expect(buildSignals(snapshot, '/')[0]!.facts).toEqual(['Mean CSAT 3.95 of 5; 70.0% of responses scored 4 or 5']);
  });
});

/** The call-outs of one rule, as "kind: title". */
const ofRule = (snapshot: Snapshot, rule: SignalRule) =>
  buildSignals(snapshot, '/').filter((s) => s.rule === rule);
const titlesOf = (snapshot: Snapshot, rule: SignalRule) => ofRule(snapshot, rule).map((s) => `${s.kind}: ${s.title}`);
const emptyCustomers = (): Snapshot['customers'] => ({ rows: [], cohorts: [], segments: [], sales_cycle: { bins: [], quarters: [] } });

describe('controlLimits', () => {
  it('gives the mean, the sample standard deviation, z and the ±2σ range', () => {
    const limits = controlLimits([100, 110, 90, 100, 105, 95], 120)!;
    expect(limits.mean).toBe(100);
    expect(limits.sd).toBeCloseTo(Math.sqrt(50), 12); // Σ(x − 100)² = 250, / 5
    expect(limits.z).toBeCloseTo(20 / Math.sqrt(50), 12);
    expect(limits.low).toBeCloseTo(100 - 2 * Math.sqrt(50), 12);
    expect(limits.high).toBeCloseTo(100 + 2 * Math.sqrt(50), 12);
  });

  it('has none without spread', () => {
    expect(controlLimits([5, 5, 5], 9)).toBeNull();
  });
});

describe('rule: reps outside their usual range', () => {
  // November 2026 complete (as_of in December, which has no figures): May–Oct 100, 110, 90, 100, 105, 95.
  const snapshot = (november: number, options: { team?: string | null; firstMonth?: string } = {}) => {
    const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
    const values = [100, 110, 90, 100, 105, 95];
    const rep = (period: string, net: number) =>
      makeRow({ scope: 'rep', id: 'r1', period, net_revenue: net, margin: null, target_revenue: null, attainment: null, csat: null });
    return makeSnapshot({
      as_of: '2026-12-05T12:00:00Z',
      teams: [{ team_id: 't1', name: 'North' }],
      reps: [{ rep_id: 'r1', name: 'Ana Lima', team_id: options.team === undefined ? 't1' : options.team }],
      kpis: [...months.map((m, i) => rep(m, values[i]!)).filter((r) => r.period >= (options.firstMonth ?? '2026-05')), rep('2026-11', november)],
    });
  };

  it('flags a rep above the mean + 2σ of their 6 months before as a growth point, with the range', () => {
    const [signal] = ofRule(snapshot(120), 'rep_outlier');
    expect(signal).toMatchObject({ kind: 'growth', scope: 'rep', id: 'r1', period: '2026-11', href: '/reps/r1/' });
    expect(signal!.title).toBe('Ana Lima: net revenue in November 2026 above their usual range');
    expect(signal!.facts).toEqual([
      'November 2026: $120',
      // 100 ± 2 × 7.07 = 85.9 to 114.1
      'Usual range, the average of May 2026–Oct 2026 ± 2 standard deviations: $86 to $114 (average $100, standard deviation $7)',
      '2.8 standard deviations above the average',
    ]);
  });

  it('flags a rep below the range as a risk', () => {
    expect(titlesOf(snapshot(80), 'rep_outlier')).toEqual(['risk: Ana Lima: net revenue in November 2026 below their usual range']);
  });

  it('leaves a month inside the range alone (110 is 1.4σ)', () => {
    expect(ofRule(snapshot(110), 'rep_outlier')).toEqual([]);
  });

  it('leaves out reps without a team, and reps with fewer than 6 months before', () => {
    expect(ofRule(snapshot(120, { team: null }), 'rep_outlier')).toEqual([]);
    expect(ofRule(snapshot(120, { firstMonth: '2026-06' }), 'rep_outlier')).toEqual([]);
  });
});

describe('rule: segments outside their usual range', () => {
  const segmentMonth = (segment: string | null, month: string, net: number, customers = 3): SegmentMonth => ({ segment, month, orders: customers, customers, net_revenue: net });
  const snapshot = (november: number, segment: string | null = 'smb', firstMonth = '2026-05') => {
    const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
    const values = [100, 110, 90, 100, 105, 95];
    return makeSnapshot({
      as_of: '2026-12-05T12:00:00Z',
      customers: {
        ...emptyCustomers(),
        segments: [...months.map((m, i) => segmentMonth(segment, m, values[i]!)).filter((r) => r.month >= firstMonth), segmentMonth(segment, '2026-11', november, 2)],
      },
    });
  };

  it('flags a segment below the mean − 2σ of the 6 months before, linking to the segments', () => {
    const [signal] = ofRule(snapshot(80), 'segment_outlier');
    expect(signal).toMatchObject({ kind: 'risk', scope: 'segment', id: 'smb', name: 'smb', href: '/customers/#segments' });
    expect(signal!.title).toBe('The smb segment: net revenue in November 2026 below its usual range');
    expect(signal!.facts).toEqual([
      'November 2026: $80 from 2 customers',
      'Usual range, the average of May 2026–Oct 2026 ± 2 standard deviations: $86 to $114',
      '2.8 standard deviations below the average of $100',
    ]);
  });

  it('names sales without a segment, and flags a month above as growth', () => {
    expect(titlesOf(snapshot(120, null), 'segment_outlier')).toEqual(['growth: Sales without a segment: net revenue in November 2026 above its usual range']);
  });

  it('leaves a month inside the range, and a segment younger than the window, alone', () => {
    expect(ofRule(snapshot(95), 'segment_outlier')).toEqual([]);
    expect(ofRule(snapshot(80, 'smb', '2026-06'), 'segment_outlier')).toEqual([]);
  });
});

describe('rule: lapsing customers', () => {
  const customer = (id: string, first: string, last: string, orders: number, net: number): CustomerRow => ({
    customer_id: id,
    first_day: first,
    last_day: last,
    orders,
    revenue: net,
    refunds: 0,
    net_revenue: net,
    segment: null,
    region: null,
    rep_id: 'r1',
    team_id: null,
    first_sale_id: `s_${id}`,
    first_rep_id: 'r1',
    first_team_id: null,
    first_amount: net,
  });
  // As of Nov 20, 2026.
  const snapshot = (rows: CustomerRow[]) => makeSnapshot({ customers: { ...emptyCustomers(), rows } });

  it('names the biggest 3 with days since and their usual gap, and counts the rest', () => {
    const signals = ofRule(
      snapshot([
        customer('c_a', '2026-07-01', '2026-07-11', 3, 900), // gap 5 days, 132 days since
        customer('c_b', '2026-09-20', '2026-09-30', 2, 300), // gap 10, 51 since
        customer('c_c', '2026-03-01', '2026-05-01', 3, 500), // gap 30.5, 203 since
        customer('c_d', '2026-06-01', '2026-06-21', 2, 100), // gap 20, 152 since
        customer('c_e', '2026-01-01', '2026-09-01', 2, 5000), // gap 243, 80 since: not twice the gap
        customer('c_f', '2026-09-01', '2026-10-01', 2, 5000), // gap 30, 50 since: not twice the gap
        customer('c_g', '2025-01-01', '2025-01-01', 1, 9000), // one order: not a repeat customer
      ]),
      'customers_lapsing',
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: 'risk', scope: 'customers', href: '/customers/#lapsing', period: '2026-11' });
    expect(signals[0]!.title).toBe('4 repeat customers have gone quiet: $1,800 of net revenue to date');
    expect(signals[0]!.facts).toEqual([
      'c_a: $900 over 3 orders; 132 days since the last purchase (Jul 11, 2026), usually every 5.0 days',
      'c_c: $500 over 3 orders; 203 days since the last purchase (May 1, 2026), usually every 30.5 days',
      'c_b: $300 over 2 orders; 51 days since the last purchase (Sep 30, 2026), usually every 10.0 days',
      'and 1 more on the customers page',
    ]);
  });

  it('says nothing when no repeat customer is past twice their gap and 45 days', () => {
    // c_h: 41 days since, twice its gap of 9 but under 45.
    expect(ofRule(snapshot([customer('c_f', '2026-09-01', '2026-10-01', 2, 5000), customer('c_h', '2026-10-01', '2026-10-10', 2, 50)]), 'customers_lapsing')).toEqual([]);
  });
});

describe('rule: complaint spikes by week', () => {
  // As of Friday Nov 20, 2026 (week 47): the last complete week is week 46 (Nov 9–15); the 12 before are weeks 34–45.
  const WINDOW = ['2026-W34', '2026-W35', '2026-W36', '2026-W37', '2026-W38', '2026-W39', '2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45'];
  const snapshot = (week46: number, window: number[] = [1, 0, 1, 2, 1, 0, 1, 1, 0, 2, 1, 2]) =>
    makeSnapshot({
      teams: [{ team_id: 't1', name: 'North' }],
      kpis: [
        ...WINDOW.map((period, i) => makeRow({ scope: 'team', id: 't1', grain: 'week', period, complaints: window[i]!, target_revenue: null, attainment: null })),
        makeRow({ scope: 'team', id: 't1', grain: 'week', period: '2026-W46', complaints: week46, complaint_resolution_hours_median: 30, target_revenue: null, attainment: null }),
      ],
    });

  it('flags 3 complaints above the mean + 2σ of the 12 weeks before (1.0 + 2 × 0.74 = 2.5)', () => {
    const [signal] = ofRule(snapshot(3), 'complaint_spike');
    expect(signal).toMatchObject({ kind: 'risk', scope: 'team', id: 't1', period: '2026-W46', href: '/teams/t1/weeks/2026-W46/' });
    expect(signal!.title).toBe('North: 3 complaints in Week 46, 2026, above the usual range');
    expect(signal!.facts).toEqual([
      'Week 46, 2026 (Nov 9–15, 2026): 3 complaints opened',
      'Weeks 34–45: 1.0 a week on average, standard deviation 0.7; the limit is 2.5', // √(6 / 11) = 0.74
      'Median time to resolve: 30 hours',
    ]);
  });

  it('needs at least 3, even above a quiet window', () => {
    expect(ofRule(snapshot(2, new Array(12).fill(0)), 'complaint_spike')).toEqual([]);
    expect(titlesOf(snapshot(3, new Array(12).fill(0)), 'complaint_spike')).toEqual(['risk: North: 3 complaints in Week 46, 2026, above the usual range']);
  });

  it('leaves a week inside the usual range alone (4 against weeks of 0 and 5)', () => {
    expect(ofRule(snapshot(4, [0, 5, 0, 5, 0, 5, 0, 5, 0, 5, 0, 5]), 'complaint_spike')).toEqual([]);
  });

  it('needs the 12 weeks inside the team’s history', () => {
    const s = snapshot(5);
    s.kpis = s.kpis.filter((r) => r.period !== '2026-W34');
    expect(ofRule(s, 'complaint_spike')).toEqual([]);
  });
});

describe('rule: complaints open too long', () => {
  // As of Friday Nov 20, 2026 (UTC): a complaint opened Nov 13 is 7 days old (not flagged), Nov 12 is 8.
  const complaint = (ticket_id: string, opened_day: string, resolved_day: string | null = null, team_id: string | null = 't1'): ComplaintRow =>
    makeComplaint(ticket_id, opened_day, resolved_day, { rep_id: team_id === null ? null : 'r1', team_id });

  const snapshot = (complaints: ComplaintRow[]) =>
    makeSnapshot({
      teams: [{ team_id: 't1', name: 'North' }],
      reps: [{ rep_id: 'r1', name: 'Ana', team_id: 't1' }],
      kpis: [makeRow({ scope: 'team', id: 't1', grain: 'week', period: '2026-W47', target_revenue: null, attainment: null })],
      sales_process: { wins: [], complaints },
    });

  it('flags complaints open more than 7 days, the oldest 3 named, linking to the latest week page', () => {
    const [signal] = ofRule(
      snapshot([
        complaint('a', '2026-10-01'),
        complaint('b', '2026-11-12'),
        complaint('c', '2026-11-13'), // 7 days: open, not aged
        complaint('d', '2026-10-20'),
        complaint('e', '2026-11-01'),
        complaint('f', '2026-09-01', '2026-11-19'), // resolved before as_of
        complaint('g', '2026-09-01', null, null), // no team
      ]),
      'complaints_aging',
    );
    expect(signal).toMatchObject({ kind: 'risk', scope: 'team', id: 't1', period: '2026-11', href: '/teams/t1/weeks/2026-W47/', size: 50 });
    expect(signal!.title).toBe('North: 4 complaints open for more than 7 days');
    expect(signal!.facts).toEqual([
      'a (customer k_a, Ana): open 50 days, since Oct 1, 2026',
      'd (customer k_d, Ana): open 31 days, since Oct 20, 2026',
      'e (customer k_e, Ana): open 19 days, since Nov 1, 2026',
      'and 1 more',
      '5 complaints open in all as of Nov 20, 2026',
    ]);
  });

  it('leaves a team alone whose open complaints are all 7 days old or younger, or resolved', () => {
    expect(ofRule(snapshot([complaint('c', '2026-11-13'), complaint('f', '2026-09-01', '2026-11-20')]), 'complaints_aging')).toEqual([]);
  });
});

describe('rule: margin eroding', () => {
  // November 2026 complete (as_of in December): August to November.
  const snapshot = (margins: (number | null)[]) =>
    makeSnapshot({
      as_of: '2026-12-05T12:00:00Z',
      teams: [{ team_id: 't1', name: 'North' }],
      kpis: ['2026-08', '2026-09', '2026-10', '2026-11'].flatMap((period, i) => [
        makeRow({ period, net_revenue: 1000, profit: margins[i] === null ? 0 : 1000 * margins[i]!, margin: margins[i]! }),
        makeRow({ scope: 'team', id: 't1', period, net_revenue: 1000, profit: 400, margin: 0.4 }),
      ]),
    });

  it('flags a margin lower each month for three months, linking to the margin chart', () => {
    const [signal] = ofRule(snapshot([0.4, 0.38, 0.35, 0.3]), 'margin_eroding');
    expect(signal).toMatchObject({ kind: 'risk', scope: 'company', period: '2026-11', href: '/#margin-trend' });
    expect(signal!.title).toBe('The company: margin down 3 months in a row, 10.0 pts since August 2026');
    expect(signal!.facts).toEqual(['Aug 2026 40.0% → Sep 2026 38.0% → Oct 2026 35.0% → Nov 2026 30.0%', 'November 2026: $300 profit on $1,000']);
  });

  it('needs every month lower than the one before, and every margin known', () => {
    expect(ofRule(snapshot([0.4, 0.38, 0.38, 0.3]), 'margin_eroding')).toEqual([]);
    expect(ofRule(snapshot([0.4, 0.42, 0.35, 0.3]), 'margin_eroding')).toEqual([]);
    expect(ofRule(snapshot([0.4, null, 0.35, 0.3]), 'margin_eroding')).toEqual([]);
  });
});

describe('rule: forecast short of the month’s target', () => {
  // As of Nov 20: the forecast is fitted on July–October, 900, 1,100, 900, 1,100 (too short to backtest, so naive):
  // 1,100 ± 1.2816 × 200 (σ² = (200² × 3) / 3) = 843.7 to 1,356.3.
  const snapshot = (target: number | null, soFar = 500) =>
    makeSnapshot({
      kpis: [
        ...['2026-07', '2026-08', '2026-09', '2026-10'].map((period, i) => makeRow({ period, net_revenue: i % 2 ? 1100 : 900, target_revenue: null, attainment: null })),
        makeRow({ period: '2026-11', net_revenue: soFar, target_revenue: target, attainment: target ? soFar / target : null }),
      ],
      pacing: target === null ? [] : [makePacing({ target_revenue: target, net_revenue_to_date: soFar, expected_fraction: 2 / 3, expected_to_date: (target * 2) / 3, projected_net_revenue: soFar * 1.5, projected_attainment: (soFar * 1.5) / target })],
    });

  it('flags a target above the top of the 80% range, with the forecast, the target and the pace', () => {
    const [signal] = ofRule(snapshot(2000), 'forecast_miss');
    expect(signal).toMatchObject({ kind: 'risk', scope: 'company', period: '2026-11', href: '/forecasts/#company', linkText: 'See the forecast' });
    expect(signal!.title).toBe("The company is likely to miss the November 2026 target: even the forecast's high end falls short");
    expect(signal!.facts).toEqual([
      'Forecast: $1,100, 80% range $844–$1,356 (Naive, from the complete months up to October 2026)',
      'Target: $2,000; the high end is 67.8% of it',
      'At this pace: $750 (37.5%), from $500 so far',
    ]);
  });

  it('leaves a target inside the range alone, and a month without a target', () => {
    expect(ofRule(snapshot(1300), 'forecast_miss')).toEqual([]);
    expect(ofRule(snapshot(null), 'forecast_miss')).toEqual([]);
  });

  it('says so when sales so far are above the range, and is silent once the target is reached', () => {
    expect(ofRule(snapshot(2000, 1500), 'forecast_miss')[0]!.facts).toContain('Sales so far, $1,500, are already above the high end: the month runs ahead of the model');
    expect(ofRule(snapshot(2000, 2000), 'forecast_miss')).toEqual([]);
  });
});
