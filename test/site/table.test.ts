import { describe, expect, it } from 'vitest';
import {
  clientTable,
  countCell,
  decimalCell,
  missingCell,
  moneyCell,
  numberColumn,
  periodCell,
  ratioCell,
  table,
  tableCsv,
  textCell,
  textColumn,
  type TableModel,
} from '../../site/data/table.ts';

const model = (overrides: Partial<TableModel> = {}): TableModel => ({
  id: 'leaderboard',
  caption: 'Reps',
  columns: [textColumn('rep', 'Rep'), numberColumn('net_revenue', 'Net revenue'), numberColumn('attainment', 'Of pace')],
  rows: [
    [textCell('Ana Lima', { href: '/reps/rep_ana/' }), moneyCell(5000.25, 'USD'), ratioCell(1.0714)],
    [textCell('Ben "B" Okafor, Jr.'), moneyCell(3000, 'USD'), missingCell('No target set for November 2026')],
  ],
  rowHeader: 0,
  defaultSort: { key: 'net_revenue', dir: 'desc' },
  empty: 'No reps.',
  ...overrides,
});

describe('cells', () => {
  it('show money whole (cents on request) and keep the exact amount for the CSV', () => {
    expect(moneyCell(49500.25, 'USD')).toEqual({ text: '$49,500', sort: 49500.25, csv: 49500.25 });
    expect(moneyCell(49500.25, 'USD', 'n/a', { cents: true }).text).toBe('$49,500.25');
  });

  it('show ratios as percentages and export the fraction', () => {
    expect(ratioCell(0.9)).toEqual({ text: '90.0%', sort: 0.9, csv: 0.9 });
  });

  it('give a dash, the reason and an empty CSV field for a missing figure', () => {
    expect(ratioCell(null, 'No target')).toEqual({ text: '—', sort: null, csv: null, missing: 'No target' });
    expect(countCell(null).missing).toBe('Not available');
  });

  it('format counts and decimals with separators', () => {
    expect(countCell(1234).text).toBe('1,234');
    expect(decimalCell(12325.25, 1).text).toBe('12,325.3');
  });

  it('name periods for people and sort and export them by label', () => {
    expect(periodCell('2026-W48')).toEqual({ text: 'Week 48, 2026', sort: '2026-W48', csv: '2026-W48' });
  });

  it('sort text case-insensitively', () => {
    expect(textCell('Ana').sort).toBe('ana');
  });
});

describe('table', () => {
  it('accepts a consistent model and returns it', () => {
    const m = model();
    expect(table(m)).toBe(m);
  });

  it('refuses a row with a missing cell, a bad id, a duplicate column or an unknown default sort', () => {
    expect(() => table(model({ rows: [[textCell('x')]] }))).toThrow('invalid table leaderboard: row 0 has 1 cells for 3 columns');
    expect(() => table(model({ id: 'Lead board' }))).toThrow('invalid table Lead board');
    expect(() => table(model({ columns: [textColumn('rep', 'A'), textColumn('rep', 'B'), textColumn('c', 'C')] }))).toThrow('duplicate column rep');
    expect(() => table(model({ defaultSort: { key: 'visits', dir: 'asc' } }))).toThrow('default sort visits is not a column');
  });
});

describe('tableCsv', () => {
  it('writes the column keys, then the raw values, quoting where needed, CRLF line ends', () => {
    expect(tableCsv(model())).toBe(
      'rep,net_revenue,attainment\r\nAna Lima,5000.25,1.0714\r\n"Ben ""B"" Okafor, Jr.",3000,\r\n',
    );
  });
});

describe('clientTable', () => {
  it('keeps what the browser needs: text, sort value, link and missing reason', () => {
    const client = clientTable(model());
    expect(client.rows[0]).toEqual([
      ['Ana Lima', 'ana lima', '/reps/rep_ana/', null],
      ['$5,000', 5000.25, null, null],
      ['107.1%', 1.0714, null, null],
    ]);
    expect(client.rows[1]![2]).toEqual(['—', null, null, 'No target set for November 2026']);
    expect(client).not.toHaveProperty('rows.0.0.csv');
  });
});
