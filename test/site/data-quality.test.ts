import { describe, expect, it } from 'vitest';
import { buildDataQuality } from '../../site/data/data-quality.ts';
import { tableCsv } from '../../site/data/table.ts';
import { fixtureSnapshot } from './make-snapshot.ts';

const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((cell) => cell.text));

describe('buildDataQuality: the fixture', () => {
  const page = () => buildDataQuality(fixtureSnapshot());

  it('counts what was stored, refused, late and left out', () => {
    // 132 + 4 + 25 + 30 + 3 + 80 + 10 + 40 + 16 + 2 + 17 + 15
    expect(page()).toMatchObject({ storedEvents: 374, rejectedRequests: 3, conflicts: 1, lateEvents: 2, orphanRefunds: 1, unattributedSales: 1 });
  });

  it('sums arrivals per day of receipt: Nov 29: 3, Nov 30: 5 + 1 + 1', () => {
    expect(page().arrivals.map((p) => [p.period, p.value])).toEqual([
      ['2026-11-29', 3],
      ['2026-11-30', 7],
    ]);
  });

  it('lists event types by count', () => {
    expect(texts(page().types.rows).slice(0, 3)).toEqual([
      ['customer.contacted', '132'],
      ['sale.closed', '80'],
      ['survey.responded', '40'],
    ]);
  });

  it('names unsigned requests and gives times in the org timezone', () => {
    expect(texts(page().rejected.rows)).toEqual([
      ['Nov 30, 2026', '(unsigned)', 'invalid-signature', '2', '0'],
      ['Nov 30, 2026', 'shop', 'validation-failed', '1', '3'],
    ]);
    expect(tableCsv(page().rejected).split('\r\n')[1]).toBe('2026-11-30,,invalid-signature,2,0');
    expect(texts(page().conflictsTable.rows)).toEqual([['evt_sale_0042', 'Nov 30, 2026, 9:05 AM EST', 'shop', 'msg_2Kx9']]);
    expect(texts(page().orphans.rows)).toEqual([['evt_refund_0099', 'sale_unknown_1', '$120.50', 'Nov 12, 2026, 10:00 AM EST']]);
    expect(texts(page().late.rows)).toEqual([['sale.closed', 'shop', '2', '50.5']]);
    expect(texts(page().unattributed.rows)).toEqual([['sale_0077', 'rep_gone', 'Nov 5, 2026, 5:00 AM EST']]);
  });
});
