import { describe, expect, it } from 'vitest';
import { INLINE_CSV_MAX_CHARS, csvDownloadName, csvLink } from '../../site/data/csv-link.ts';
import { moneyCell, numberColumn, table, tableCsv, textCell, textColumn, type TableModel } from '../../site/data/table.ts';

/** A leaderboard of `n` reps: header `rep,net_revenue` (18 chars with CRLF), then rows like `Rep 1,1000.5`. */
const leaderboard = (n: number): TableModel =>
  table({
    id: 'leaderboard',
    caption: 'Reps',
    columns: [textColumn('rep', 'Rep'), numberColumn('net_revenue', 'Net revenue')],
    rows: Array.from({ length: n }, (_, i) => [textCell(`Rep ${i + 1}, "the best"`), moneyCell(1000.5 + i, 'USD')]),
    rowHeader: 0,
    defaultSort: null,
    empty: 'No reps.',
  });

const HREF = '/teams/team_east/weeks/2026-W48/leaderboard.csv';

describe('csvLink', () => {
  it('carries a small table inside the page as a data URL that decodes to the exact CSV', () => {
    const model = leaderboard(3);
    const link = csvLink(tableCsv(model), HREF);
    expect(link.inline).toBe(true);
    expect(link.download).toBe('teams-team_east-weeks-2026-W48-leaderboard.csv');
    expect(link.href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    expect(link.href.slice('data:text/csv;charset=utf-8,'.length)).not.toMatch(/[\s",]/); // percent-encoded: quotes, commas and CRLF cannot break the attribute or the URL
    expect(decodeURIComponent(link.href.slice('data:text/csv;charset=utf-8,'.length))).toBe(tableCsv(model));
    expect(decodeURIComponent(link.href.slice('data:text/csv;charset=utf-8,'.length)).split('\r\n')[1]).toBe('"Rep 1, ""the best""",1000.5');
  });

  it('links a table whose CSV is longer than the limit to its file, with the same download name', () => {
    let n = 1;
    while (tableCsv(leaderboard(n + 1)).length <= INLINE_CSV_MAX_CHARS) n++;
    // n rows is the largest table still inlined; one more row goes to a file.
    expect(csvLink(tableCsv(leaderboard(n)), HREF).inline).toBe(true);
    expect(csvLink(tableCsv(leaderboard(n + 1)), HREF)).toEqual({ href: HREF, download: 'teams-team_east-weeks-2026-W48-leaderboard.csv', inline: false });
  });

  it('takes another limit: 0 makes every CSV a file, a larger one inlines more', () => {
    const csv = tableCsv(leaderboard(3));
    expect(csvLink(tableCsv(leaderboard(3)), HREF, 0).inline).toBe(false);
    expect(csvLink(tableCsv(leaderboard(3)), HREF, csv.length - 1).inline).toBe(false);
    expect(csvLink(tableCsv(leaderboard(3)), HREF, csv.length).inline).toBe(true);
    let n = 1;
    while (tableCsv(leaderboard(n)).length <= INLINE_CSV_MAX_CHARS) n++;
    expect(csvLink(tableCsv(leaderboard(n)), HREF).inline).toBe(false);
    expect(csvLink(tableCsv(leaderboard(n)), HREF, 100_000).inline).toBe(true);
  });
});

describe('csvDownloadName', () => {
  it('names the file after its page and table, under a base path too', () => {
    expect(csvDownloadName('/signals.csv')).toBe('signals.csv');
    expect(csvDownloadName('/quotient/appraisals/2026-Q3/payroll.csv')).toBe('quotient-appraisals-2026-Q3-payroll.csv');
    expect(() => csvDownloadName('/teams/')).toThrow('invalid CSV href: "/teams/" does not end in .csv');
  });
});
