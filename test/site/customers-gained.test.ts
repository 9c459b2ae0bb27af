import { describe, expect, it } from 'vitest';
import { customersGainedTable, gainedCustomers } from '../../site/data/customers-gained.ts';
import { findRow } from '../../site/data/kpi-rows.ts';
import { tableCsv } from '../../site/data/table.ts';
import { fixtureSnapshot, makeSnapshot } from './make-snapshot.ts';

describe('customers gained by a team in a week', () => {
  const snapshot = fixtureSnapshot();

  it("lists the customers whose first sale the team was credited with that week, with who gained them and what they brought", () => {
    const model = customersGainedTable(snapshot, 'team_east', '2026-W48', '/');
    expect(model.caption).toBe('Customers gained, Week 48, 2026 (USD)');
    expect(model.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['cus_29', 'Nov 24, 2026', 'Ana Lima', '$2,000.00', '1', '$2,000.00'],
      ['cus_30', 'Nov 27, 2026', 'Ben Okafor', '$2,500.00', '1', '$2,500.00'],
    ]);
    expect(model.rows[0]![2]!.href).toBe('/reps/rep_ana/');
    expect(tableCsv(model).split('\r\n')).toEqual([
      'customer,first_day,rep,first_amount,orders,net_revenue',
      'cus_29,2026-11-24,rep_ana,2000,1,2000',
      'cus_30,2026-11-27,rep_ben,2500,1,2500',
      '',
    ]);
    // As many as the week's new customers.
    expect(model.rows).toHaveLength(findRow(snapshot, 'team', 'team_east', 'week', '2026-W48')!.new_customers);
  });

  it('goes by the first sale: a customer gained without a team, or by another team, is not listed', () => {
    // Week 47: cus_27's first sale had no team; cus_28's was East's.
    expect(gainedCustomers(snapshot, 'team_east', '2026-W47').map((c) => c.customer_id)).toEqual(['cus_28']);
    expect(gainedCustomers(snapshot, 'team_west', '2026-W48')).toEqual([]);
    const empty = customersGainedTable(snapshot, 'team_west', '2026-W48', '/');
    expect(empty.rows).toEqual([]);
    expect(empty.empty).toBe('No customer bought from the team for the first time this week.');
  });

  it('orders by first day, then customer id, and keeps a first sale in the week it was made (ISO weeks across a new year)', () => {
    const base = makeSnapshot();
    const row = (id: string, day: string, team: string | null) => ({
      customer_id: id, first_day: day, last_day: day, orders: 1, revenue: 10, refunds: 0, net_revenue: 10, segment: null, region: null,
      rep_id: 'rep_x', team_id: team, first_sale_id: `s_${id}`, first_rep_id: 'rep_x', first_team_id: team, first_amount: 10,
    });
    const withRows = { ...base, customers: { ...base.customers, rows: [row('b', '2027-01-01', 't'), row('a', '2027-01-01', 't'), row('c', '2026-12-28', 't'), row('d', '2027-01-04', 't')] } };
    // Dec 28, 2026 to Jan 3, 2027 is week 53 of 2026; Jan 4 starts week 1 of 2027.
    expect(gainedCustomers(withRows, 't', '2026-W53').map((c) => c.customer_id)).toEqual(['c', 'a', 'b']);
    expect(gainedCustomers(withRows, 't', '2027-W01').map((c) => c.customer_id)).toEqual(['d']);
  });
});
