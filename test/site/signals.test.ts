import { describe, expect, it } from 'vitest';
import { buildSignals, RULES } from '../../site/data/signals.ts';
import type { KpiRow, Snapshot } from '../../shared/snapshot.ts';
import { fixtureSnapshot, makePacing, makeRow, makeSnapshot } from './make-snapshot.ts';

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
  it('finds Cleo behind pace, complaints up, East’s CSAT low, and the company margin up', () => {
    expect(titles(fixtureSnapshot())).toEqual([
      'risk: Cleo Park is 11.4 pts behind pace in November 2026', // 19,500 / 22,000 = 88.6% against 100%
      'risk: The company: complaints up 100% against Oct 1–30', // 6 against 1 + 1 + 1
      'risk: East: CSAT 3.80 in November 2026 to date, below 4.0',
      'growth: The company: margin up 4.1 pts against Oct 1–30', // 45.0% against 16,375 / 40,000 = 40.9%
    ]);
  });

  it('gives the numbers behind each and a link to them', () => {
    const [pace, complaints] = buildSignals(fixtureSnapshot(), '/');
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
