/**
 * The appraisal pages' models, from the fixture's hand-made appraisals (as_of Nov 30, 2026 in
 * New York): 2026-Q3 locked on Oct 5, 2026-Q4 and the year 2026 running; Ana and Ben in East,
 * Cleo in West. Every figure below is worked out by hand from the fixture and policy.json's
 * schemes (quarterly: net revenue 50%, new customers 20% against 1, CSAT 20%, complaints 10%).
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppraisalPeriod, AppraisalRow, Snapshot } from '../../shared/snapshot.ts';
import DataTable from '../../site/islands/DataTable.tsx';
import { appraisalIndexTable, buildAppraisalPeriodPage, payrollTable } from '../../site/data/appraisal-period.ts';
import { buildAppraisalRepPage, scoreFormula } from '../../site/data/appraisal-rep.ts';
import { repAppraisalLinks,
  appraisalPeriods,
  appraisalRepPages,
  compareNewestFirst,
  formatMetric,
  periodBands,
  periodStatus,
  repTrend,
} from '../../site/data/appraisals.ts';
import { clientTable, tableCsv, type TableModel } from '../../site/data/table.ts';
import { emptyAppraisals, fixtureSnapshot, makeSnapshot } from './make-snapshot.ts';

const texts = (model: TableModel) => model.rows.map((row) => row.map((cell) => cell.text));
const period = (snapshot: Snapshot, label: string) => snapshot.appraisals.periods.find((p) => p.period === label)!;

describe('appraisalPeriods', () => {
  it('lists the periods newest first, a year before the quarter that ends it', () => {
    expect(appraisalPeriods(fixtureSnapshot()).map((p) => p.period)).toEqual(['2026', '2026-Q4', '2026-Q3']);
    expect(['2025-Q4', '2025', '2026-Q1', '2025-Q3'].sort(compareNewestFirst)).toEqual(['2026-Q1', '2025', '2025-Q4', '2025-Q3']);
  });

  it('has a rep page per row of every period', () => {
    const pages = appraisalRepPages(fixtureSnapshot());
    expect(pages).toHaveLength(9);
    expect(pages.slice(0, 4)).toEqual([
      { period: '2026', repId: 'rep_ana' },
      { period: '2026', repId: 'rep_ben' },
      { period: '2026', repId: 'rep_cleo' },
      { period: '2026-Q4', repId: 'rep_ana' },
    ]);
  });
});

describe('periodStatus', () => {
  it('says a locked period is frozen, with the lock time in the org timezone', () => {
    const status = periodStatus(period(fixtureSnapshot(), '2026-Q3'), 'America/New_York');
    expect(status.label).toBe('Locked Oct 5, 2026'); // 14:00 UTC is 10:00 AM EDT
    expect(status.text).toMatch(/^Locked on Oct 5, 2026, 10:00 AM EDT: these figures are frozen\./);
  });

  it('says a running period is provisional', () => {
    const status = periodStatus(period(fixtureSnapshot(), '2026-Q4'), 'America/New_York');
    expect(status.label).toBe('Provisional');
    expect(status.text).toBe('Provisional: Q4 2026 is still running. Scores, bands and commission are to date and will change until it ends.');
  });
});

describe('periodBands', () => {
  it("takes the order from the period's calibration and the labels from the policy", () => {
    expect(periodBands(fixtureSnapshot(), period(fixtureSnapshot(), '2026-Q3'))).toEqual([
      { band: 'S', label: 'Outstanding', minScore: 120 },
      { band: 'A', label: 'Exceeds', minScore: 105 },
      { band: 'B', label: 'Meets', minScore: 90 },
      { band: 'C', label: 'Partly meets', minScore: 70 },
      { band: 'D', label: 'Below', minScore: 0 },
    ]);
  });

  it('shows the bare band when the policy no longer has the scheme (a period locked under an old one)', () => {
    const snapshot = fixtureSnapshot();
    const q3 = { ...period(snapshot, '2026-Q3'), scheme: 'retired-scheme' };
    expect(periodBands(snapshot, q3)[1]).toEqual({ band: 'A', label: null, minScore: null });
  });
});

describe('formatMetric', () => {
  it("shows each figure in its metric's unit", () => {
    expect(formatMetric('net_revenue', 33500.25, 'USD')).toBe('$33,500.25');
    expect(formatMetric('margin', 0.45, 'USD')).toBe('45.0%');
    expect(formatMetric('new_customers', 4, 'USD')).toBe('4');
    expect(formatMetric('csat', 3.875, 'USD')).toBe('3.88');
    expect(formatMetric('complaint_resolution_hours_median', 12, 'USD')).toBe('12.0 h');
  });
});

describe('buildAppraisalPeriodPage: Q3 2026 (locked)', () => {
  const page = () => buildAppraisalPeriodPage(fixtureSnapshot(), '2026-Q3', '/');

  it('sums the period: 3 rated, mean 99.75, payable 1,200 + 900 + 1,040 = 3,140', () => {
    expect(page().status.label).toBe('Locked Oct 5, 2026');
    expect(page().summary.map((s) => [s.label, s.value, s.detail])).toEqual([
      ['Reps rated', '3', 'Mean score 99.75'], // (116 + 112 + 71.25) / 3
      ['Promotion candidates', '2', null], // Ana and Ben, band A
      ['Improvement plans', '0', null],
      ['Commission payable', '$3,140.00', 'Earned $3,140.00, clawed back $0.00, adjusted $0.00'],
    ]);
  });

  it('counts the reps per band: A 2 (Ana 116, Ben 112), C 1 (Cleo 71.25)', () => {
    expect(page().bands.map((b) => [b.band, b.reps])).toEqual([['S', 0], ['A', 2], ['B', 0], ['C', 1], ['D', 0]]);
    expect(page().bands[1]!.share).toBeCloseTo(2 / 3, 12);
    expect(texts(page().bandsTable)[1]).toEqual(['A · Exceeds', '105', '2', '66.7%']);
  });

  it('calibrates each team against the company, judging none of 2 reps or fewer', () => {
    expect(texts(page().calibration)).toEqual([
      ['Company', '3', '99.75', '0', '2', '0', '1', '0', 'The reference'],
      ['East', '2', '114.00', '0', '2', '0', '0', '0', 'Not judged: fewer than 3 reps rated'],
      ['West', '1', '71.25', '0', '0', '0', '1', '0', 'Not judged: fewer than 3 reps rated'],
    ]);
    expect(page().calibration.columns.map((c) => c.key)).toEqual(['group', 'rated', 'mean_score', 'band_s', 'band_a', 'band_b', 'band_c', 'band_d', 'calibration']);
    expect(page().flagged).toEqual([]);
  });

  it('lists the reps best score first, with rank in team and commission, linking to their pages', () => {
    const reps = page().reps;
    expect(texts(reps)).toEqual([
      ['Ana Lima', 'East', '116.00', 'A', 'Bonus × 1.2, promotion candidate', '1 of 2', '$1,200', '$0', '$0', '$1,200'],
      ['Ben Okafor', 'East', '112.00', 'A', 'Bonus × 1.2, promotion candidate', '2 of 2', '$900', '$0', '$0', '$900'],
      ['Cleo Park', 'West', '71.25', 'C', 'Bonus × 0.5', '1 of 1', '$1,040', '$0', '$0', '$1,040'],
    ]);
    expect(reps.rows[0]![0]!.href).toBe('/appraisals/2026-Q3/rep_ana/');
    // The band's label has its own column; the CSV keeps the scheme's whole sentence.
    expect(tableCsv(reps).split('\r\n')[1]).toBe('Ana Lima,East,116,A,"Exceeds: bonus × 1.2, promotion candidate",1,1200,0,0,1200');
    expect(reps.defaultSort).toEqual({ key: 'score', dir: 'desc' });
  });

  it("shows only this period's feedback groups and counts the hidden ones, never per person", () => {
    expect(texts(page().feedback)).toEqual([
      ['Company', 'workload', '11', '3.82', '63.6%'],
      ['East', 'workload', '5', '3.60', '60.0%'],
      ['West', 'workload', '6', '4.00', '66.7%'],
    ]);
    expect(page().hidden).toEqual({ groups: 3, topics: [{ topic: 'tools', groups: 3 }] });
    expect(page().minGroup).toBe(5);
    expect(page().feedbackQuarters).toBeNull();
  });

  it('lists the locks and unlocks of the period, oldest first', () => {
    expect(texts(page().locks)).toEqual([
      ['Oct 2, 2026, 11:00 AM EDT', 'Locked', 'maria.hr', 'Q3 payroll run', 'snap_fixture_0004'],
      ['Oct 3, 2026, 5:30 AM EDT', 'Unlocked', 'maria.hr', 'Late September sales to include', 'snap_fixture_0004'],
      ['Oct 5, 2026, 10:00 AM EDT', 'Locked', 'maria.hr', 'Q3 payroll run, corrected', 'snap_fixture_0005'],
    ]);
    expect(page().payrollHref).toBe('/appraisals/2026-Q3/payroll.csv');
  });
});

describe('buildAppraisalPeriodPage: Q4 2026 (running)', () => {
  const page = () => buildAppraisalPeriodPage(fixtureSnapshot(), '2026-Q4', '/');

  it("adds up the commission: 760.01 + 675 + 860 earned, Ana's 15 clawed back, Cleo's 100 adjusted", () => {
    expect(page().status.status).toBe('running');
    expect(page().summary[3]).toEqual({
      key: 'payable',
      label: 'Commission payable',
      value: '$2,380.01', // 745.01 + 675 + 960
      detail: 'Earned $2,295.01, clawed back $15.00, adjusted +$100.00',
    });
  });

  it('ranks Ben (92) above Ana (81.92) in East', () => {
    expect(texts(page().reps).map((r) => [r[0], r[2], r[5], r[8], r[9]])).toEqual([
      ['Ben Okafor', '92.00', '1 of 2', '$0', '$675'],
      ['Cleo Park', '85.30', '1 of 1', '+$100', '$960'],
      ['Ana Lima', '81.92', '2 of 2', '$0', '$745'], // 745.01 in whole dollars; the CSV keeps the cents
    ]);
    expect(tableCsv(page().reps).split('\r\n')[3]).toBe('Ana Lima,East,81.92,C,Partly meets: bonus × 0.5,2,760.01,15,0,745.01');
  });

  it('hides the team groups of 4 and 2 responses and says so; the company group of 6 is shown', () => {
    expect(texts(page().feedback)).toEqual([['Company', 'workload', '6', '3.67', '50.0%']]);
    expect(page().hidden.groups).toBe(2);
    expect(page().locks.rows).toEqual([]);
  });
});

describe('buildAppraisalPeriodPage: the year 2026', () => {
  it('sends the reader to the quarters for feedback (aggregated per quarter only)', () => {
    const page = buildAppraisalPeriodPage(fixtureSnapshot(), '2026', '/');
    expect(page.feedback.rows).toEqual([]);
    expect(page.feedbackQuarters).toEqual([
      { name: 'Q3 2026', href: '/appraisals/2026-Q3/' },
      { name: 'Q4 2026', href: '/appraisals/2026-Q4/' },
    ]);
  });
});

describe('payrollTable', () => {
  it('writes one line per rep, money exact as in the snapshot', () => {
    expect(tableCsv(payrollTable(fixtureSnapshot(), '2026-Q4')).split('\r\n')).toEqual([
      'rep_id,rep_name,team_id,band,consequence,bonus_multiplier,earned,clawback,adjustment,payable',
      'rep_ana,Ana Lima,team_east,C,Partly meets: bonus × 0.5,0.5,760.01,15,0,745.01',
      'rep_ben,Ben Okafor,team_east,B,Meets: bonus × 1,1,675,0,0,675',
      'rep_cleo,Cleo Park,team_west,C,Partly meets: bonus × 0.5,0.5,860,0,100,960',
      '',
    ]);
  });

  it('keeps every digit of 4-decimal amounts and leaves an unrated rep’s band empty', () => {
    const snapshot = fixtureSnapshot();
    const q4 = period(snapshot, '2026-Q4');
    const ana = q4.rows[0]!;
    Object.assign(ana.commission, { earned: 25531.7065, clawback: 240.4944, adjustment: 0.0001, payable: 25291.2122 });
    Object.assign(ana, { score: null, band: null, consequence: null, rank_in_team: null });
    expect(tableCsv(payrollTable(snapshot, '2026-Q4')).split('\r\n')[1]).toBe('rep_ana,Ana Lima,team_east,,,,25531.7065,240.4944,0.0001,25291.2122');
  });
});

describe('appraisalIndexTable', () => {
  it('lists every period newest first with status, reps rated, bands, payable and payroll', () => {
    const model = appraisalIndexTable(fixtureSnapshot(), '/');
    expect(texts(model)).toEqual([
      ['2026', 'Provisional', 'Annual performance review', '3 of 3', 'S 1 · A 1 · B 1 · C 0 · D 0', '$5,520.01', 'payroll.csv'],
      ['Q4 2026', 'Provisional', 'Quarterly sales appraisal', '3 of 3', 'S 0 · A 0 · B 1 · C 2 · D 0', '$2,380.01', 'payroll.csv'],
      ['Q3 2026', 'Locked Oct 5, 2026', 'Quarterly sales appraisal', '3 of 3', 'S 0 · A 2 · B 0 · C 1 · D 0', '$3,140.00', 'payroll.csv'],
    ]);
    expect(model.rows[2]!.map((c) => c.href ?? null)).toEqual(['/appraisals/2026-Q3/', null, null, null, null, null, '/appraisals/2026-Q3/payroll.csv']);
    expect(tableCsv(model).split('\r\n')[3]).toBe('2026-Q3,locked,Quarterly sales appraisal,3,S 0 · A 2 · B 0 · C 1 · D 0,3140,/appraisals/2026-Q3/payroll.csv');
  });
});

describe('buildAppraisalRepPage: Cleo, Q3 2026 (renormalised: no CSAT responses)', () => {
  const page = () => buildAppraisalRepPage(fixtureSnapshot(), '2026-Q3', 'rep_cleo', '/');

  it('scores each standard and scales the scored weights 0.5, 0.2, 0.1 up by 1/0.8', () => {
    expect(texts(page().scorecard)).toEqual([
      ['Net revenue against target', '$36,000.00', '$40,000.00', '50%', '62.5%', '90.00', 'Scored', '100 × 36000 / 40000 = 90'],
      ['New customers', '0', '1', '20%', '25%', '0.00', 'Scored', '100 × 0 / 1 = 0'],
      ['Customer satisfaction (CSAT)', '—', '—', '20%', '—', '—', 'Not scored: no data', 'no customer satisfaction (csat) figure for the period: not scored'],
      ['Complaints', '0', '—', '10%', '12.5%', '120.00', 'Scored', '0 is at most 0: 120 points'],
    ]);
    expect(page().unscored).toEqual([{ label: 'Customer satisfaction (CSAT)', status: 'Not scored: no data' }]);
    expect(page().row.renormalised).toBe(true);
  });

  it('writes the weighted score out: 0.625 × 90 + 0.25 × 0 + 0.125 × 120 = 71.25, band C', () => {
    expect(page().formula).toEqual({ terms: '0.625 × 90 + 0.25 × 0 + 0.125 × 120', score: 71.25, exact: true });
    expect(page().summary.map((s) => [s.label, s.value, s.detail])).toEqual([
      ['Weighted score', '71.25', '100 = on target'],
      ['Band', 'C', 'Partly meets, from 70'],
      ['Bonus multiplier', '× 0.5', null],
      ['Promotion candidate', 'No', null],
      ['Improvement plan', 'No', null],
      ['Rank in team', '1 of 1', 'West'],
      ['Commission payable', '$1,040.00', 'Earned $1,040.00'],
    ]);
  });

  it('pays the tiers on 36,000 of a 40,000 target: 20,000 × 2% + 16,000 × 4% = 1,040', () => {
    const c = page().commission;
    expect(c.plan).toBe('Standard quarterly commission');
    expect(texts(c.tiers)).toEqual([
      ['0%–50%', '2.00%', '$20,000.00', '$400.00'],
      ['50%–100%', '4.00%', '$16,000.00', '$640.00'],
      ['100%–125%', '6.00%', '$0.00', '$0.00'],
      ['125%–200%', '8.00%', '$0.00', '$0.00'],
    ]);
    expect(c.baseText).toBe('2 sales $36,000.00, no refunds of them = base $36,000.00');
    expect(c.figures.find((f) => f.key === 'attainment')?.value).toBe('90.0%');
  });

  it('shows the recent quarters, Q4 to date included', () => {
    expect(page().trend.points).toEqual([
      { period: '2026-Q3', score: 71.25, band: 'C', partial: false },
      { period: '2026-Q4', score: 85.3, band: 'C', partial: true },
    ]);
    expect(texts(page().trend.table)).toEqual([
      ['Q4 2026 (provisional)', '85.30', 'C', '1', '$960.00'],
      ['Q3 2026', '71.25', 'C', '1', '$1,040.00'],
    ]);
    expect(page().trend.text).toBe('Q3 2026 71.25 (C) · Q4 2026 85.30 (C, provisional)');
  });

  it("shares one trend among the pages of the rep's window (built once); another rep and the years have their own", () => {
    const snapshot = fixtureSnapshot();
    const q3 = buildAppraisalRepPage(snapshot, '2026-Q3', 'rep_cleo', '/');
    const q4 = buildAppraisalRepPage(snapshot, '2026-Q4', 'rep_cleo', '/');
    expect(q4.trend).toBe(q3.trend);
    expect(buildAppraisalRepPage(snapshot, '2026-Q3', 'rep_ana', '/').trend).not.toBe(q3.trend);
    const year = buildAppraisalRepPage(snapshot, '2026', 'rep_cleo', '/').trend;
    expect(year.points.map((p) => p.period)).toEqual(['2026']);
    expect(year.table.caption).toBe("Cleo Park's recent years, newest first");
    expect(q3.trend.table.caption).toBe("Cleo Park's recent quarters, newest first");
  });
});

describe('buildAppraisalRepPage: Ana, Q4 2026 (a clawback)', () => {
  const page = () => buildAppraisalRepPage(fixtureSnapshot(), '2026-Q4', 'rep_ana', '/');

  it('lists the sales and the refund of them that make the base: 34,312.35 − 312.10 = 34,000.25', () => {
    const c = page().commission;
    expect(c.baseText).toBe('4 sales $34,312.35 − 1 refund of them $312.10 = base $34,000.25');
    expect(texts(c.lines)).toEqual([
      ['Oct 8, 2026', 'Sale', 'sale_a401', '', '$9,000.00'],
      ['Oct 21, 2026', 'Sale', 'sale_a402', '', '$7,000.00'],
      ['Nov 9, 2026', 'Sale', 'sale_a403', '', '$10,000.00'],
      ['Nov 24, 2026', 'Sale', 'sale_a404', '', '$8,312.35'],
      ['Nov 27, 2026', 'Refund', 'sale_a404', 'evt_refund_0042', '-$312.10'],
    ]);
    expect(tableCsv(c.lines).split('\r\n')[5]).toBe('2026-11-27,refund,sale_a404,evt_refund_0042,-312.1');
  });

  it("claws back a Q3 sale's refund at Q3's effective rate: 500 × 1,200 / 40,000 = 15", () => {
    const c = page().commission;
    expect(texts(c.clawbacks)).toEqual([['Oct 12, 2026', 'sale_a301', 'Q3 2026', '$500.00', '3.00%', '$15.00']]);
    expect(texts(c.tiers).slice(0, 2)).toEqual([
      ['0%–50%', '2.00%', '$30,000.00', '$600.00'],
      ['50%–100%', '4.00%', '$4,000.25', '$160.01'],
    ]);
    expect(c.payableText).toBe('Earned $760.01 − clawback $15.00 + adjustment $0.00 = payable $745.01');
    expect(c.adjustments.rows).toEqual([]);
  });
});

describe('buildAppraisalRepPage: Cleo, Q4 2026 (an adjustment from the locked Q3)', () => {
  it('pays the change to locked Q3 in Q4: 860 + 100 = 960', () => {
    const c = buildAppraisalRepPage(fixtureSnapshot(), '2026-Q4', 'rep_cleo', '/').commission;
    expect(texts(c.adjustments)).toEqual([['Q3 2026', '+$100.00', '2026-Q3 is locked; events since changed its commission']]);
    expect(c.payableText).toBe('Earned $860.00 − clawback $0.00 + adjustment $100.00 = payable $960.00');
  });
});

describe('buildAppraisalRepPage: Ben, 2026 (no revenue target)', () => {
  const page = () => buildAppraisalRepPage(fixtureSnapshot(), '2026', 'rep_ben', '/');

  it('says the rounded effective weights only approximate the score (0.15 / 0.55 = 0.2727…)', () => {
    // 0.2727 × 130 + 0.2727 × 150 + 0.2727 × 100 + 0.1818 × 125 = 126.351, the exact weights give 126.36
    expect(page().formula).toEqual({ terms: '0.2727 × 130 + 0.2727 × 150 + 0.2727 × 100 + 0.1818 × 125', score: 126.36, exact: false });
    expect(page().unscored).toEqual([{ label: 'Net revenue against target', status: 'Not scored: no target' }]);
    expect(page().summary[1]).toMatchObject({ value: 'S', detail: 'Outstanding, from 120' });
    expect(page().summary.slice(2, 5).map((s) => s.value)).toEqual(['× 1.5', 'Yes', 'No']);
  });

  it("shows the year's commission as the sum of its quarters, linking to them", () => {
    const quarters = page().commission.quarters!;
    expect(texts(quarters)).toEqual([
      ['Q3 2026', 'Locked Oct 5, 2026', '$900.00', '$0.00', '$0.00', '$900.00'],
      ['Q4 2026', 'Provisional', '$675.00', '$0.00', '$0.00', '$675.00'],
    ]);
    expect(quarters.rows[1]![0]!.href).toBe('/appraisals/2026-Q4/rep_ben/');
    expect(page().commission.figures.find((f) => f.key === 'payable')?.value).toBe('$1,575.00'); // 900 + 675
  });
});

describe('scoreFormula', () => {
  it('is null when nothing was scored', () => {
    const row = { ...period(fixtureSnapshot(), '2026-Q3').rows[0]!, score: null };
    expect(scoreFormula(row)).toBeNull();
  });
});

describe('repTrend', () => {
  /** A quarter with one row for rep r, scored `score`. */
  const quarter = (label: string, score: number): AppraisalPeriod => {
    const row = { ...fixtureSnapshot().appraisals.periods[0]!.rows[0]!, rep_id: 'r', score } as AppraisalRow;
    return { period: label, grain: 'quarter', scheme: 'quarterly-sales', scheme_name: 'Q', status: 'closed', locked_at: null, rows: [row], calibration: [] };
  };
  const labels = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];
  const snapshot = makeSnapshot({ appraisals: { ...emptyAppraisals(), periods: labels.map((l, i) => quarter(l, 80 + i)) } });
  const trendOf = (label: string) => repTrend(snapshot, snapshot.appraisals.periods.find((p) => p.period === label)!, 'r', 8).map((e) => e.period.period);

  it('shows the 8 most recent quarters when the page is one of them', () => {
    expect(trendOf('2025-Q2')).toEqual(labels.slice(2));
  });

  it('gives an older page the window of 8 it falls in, windows laid back from the newest', () => {
    expect(trendOf('2024-Q2')).toEqual(['2024-Q1', '2024-Q2']);
    const years = ['2021', '2022', '2023', '2024', '2025'];
    const long = years.flatMap((y) => ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${y}-${q}`));
    const history = makeSnapshot({ appraisals: { ...emptyAppraisals(), periods: long.map((l, i) => quarter(l, 80 + i)) } });
    const window = (label: string) => repTrend(history, history.appraisals.periods.find((p) => p.period === label)!, 'r', 8).map((e) => e.period.period);
    expect(window('2022-Q1')).toEqual(long.slice(4, 12));
    expect(window('2023-Q4')).toEqual(long.slice(4, 12));
    expect(window('2021-Q4')).toEqual(long.slice(0, 4));
  });
});

describe('a flagged team', () => {
  const flagged = () => {
    const snapshot = fixtureSnapshot();
    Object.assign(period(snapshot, '2026-Q3').calibration[1]!, { flagged: true, reason: 'mean score 114 vs company 99.75: too far' });
    return buildAppraisalPeriodPage(snapshot, '2026-Q3', '/');
  };

  it('is called out with its reason and its calibration cell marked', () => {
    const page = flagged();
    expect(page.flagged).toEqual([{ name: 'East', reason: 'mean score 114 vs company 99.75: too far' }]);
    const cell = page.calibration.rows[1]!.at(-1)!;
    expect(cell).toMatchObject({ text: 'Flagged: mean score 114 vs company 99.75: too far', tone: 'warn' });
    expect(clientTable(page.calibration).rows[1]!.at(-1)).toEqual(['Flagged: mean score 114 vs company 99.75: too far', 'flagged: mean score 114 vs company 99.75: too far', null, null, 'warn']);
  });

  it('is highlighted in the rendered table (the row is styled from the marked cell)', () => {
    const html = renderToString(createElement(DataTable, { data: JSON.stringify(clientTable(flagged().calibration)) }));
    expect(html.match(/class="cell-warn"/g)).toHaveLength(1);
    expect(html).toMatch(/<td class="cell-warn">Flagged: mean score 114/);
    expect(html).toMatch(/<th scope="row" class="nowrap"><a href="\/teams\/team_east\/">East<\/a><\/th>/);
  });
});

describe('repAppraisalLinks', () => {
  it("lists a rep's appraisals newest first, at most the limit, with band and score", () => {
    const snapshot = fixtureSnapshot();
    const links = repAppraisalLinks(snapshot, 'rep_ana', 2);
    expect(links.map((l) => [l.period, l.name])).toEqual([['2026', '2026'], ['2026-Q4', 'Q4 2026']]);
    const row = snapshot.appraisals.periods.find((p) => p.period === '2026')!.rows.find((r) => r.rep_id === 'rep_ana')!;
    expect(links[0]).toMatchObject({ band: row.band, score: row.score });
    expect(repAppraisalLinks(snapshot, 'nobody', 5)).toEqual([]);
  });
});
