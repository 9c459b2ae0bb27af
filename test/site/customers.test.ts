import { describe, expect, it } from 'vitest';
import { buildCustomersPage } from '../../site/data/customers.ts';
import { tableCsv } from '../../site/data/table.ts';
import { fixtureSnapshot } from './make-snapshot.ts';

const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('buildCustomersPage: the fixture', () => {
  const page = () => buildCustomersPage(fixtureSnapshot(), '/');

  it("gives the month's active and new customers and repeat rate (10 of 17)", () => {
    expect(page().current).toEqual({ active: 17, new: 7, repeatRate: 10 / 17 });
  });

  it('charts every month from the first with data, the running one marked', () => {
    expect(page().active.map((p) => [p.period, p.value, p.partial])).toEqual([
      ['2026-07', 10, false],
      ['2026-08', 13, false],
      ['2026-09', 14, false],
      ['2026-10', 15, false],
      ['2026-11', 17, true],
    ]);
    expect(page().repeatRate.map((p) => p.value)).toEqual([0, 7 / 13, 9 / 14, 11 / 15, 10 / 17]);
  });

  it('tabulates the months, newest first', () => {
    expect(texts(page().months.rows)[0]).toEqual(['November 2026 (to date)', '17', '7', '58.8%', '19', '$2,637']);
    expect(texts(page().months.rows)[4]).toEqual(['July 2026', '10', '10', '0.0%', '12', '$2,500']);
  });

  it('gives customers by team in the month', () => {
    expect(texts(page().teams.rows)).toEqual([
      ['East', '11', '5', '54.5%'],
      ['West', '6', '2', '66.7%'],
    ]);
  });

  it('gives market shares, the latest period first', () => {
    expect(page().latestMarkets?.period).toBe('2026-Q4');
    expect(texts(page().markets.rows)).toEqual([
      ['Q4 2026', 'All regions', 'enterprise', '$900,000', '$54,000', '6.0%'],
      ['Q4 2026', 'All regions', 'smb', '$450,000', '$39,500', '8.8%'],
      ['Q3 2026', 'All regions', 'enterprise', '$800,000', '$60,000', '7.5%'],
      ['Q3 2026', 'All regions', 'smb', '$400,000', '$46,000', '11.5%'],
    ]);
    expect(tableCsv(page().markets).split('\r\n')[1]).toBe('2026-Q4,,enterprise,900000,54000,0.06');
  });
});
