/**
 * The small company the tests of taking parts over share: in 2025 (closed quarters), rep_a and
 * rep_b in t_one, rep_a with quarterly revenue targets. Appraisal build steps: 2025-Q1,
 * 2025-Q2, 2025-Q3, then the year 2025.
 */
export const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });
export const sale = (id: string, rep: string, customer: string, amount: number, at: string, eventId = `e_${id}`) =>
  ev(eventId, 'sale.closed', at, { sale_id: id, rep_id: rep, customer_id: customer, amount, cost: amount / 2 });
export const target = (rep: string, quarter: string, value: number, at = '2024-12-01T00:00:00Z') =>
  ev(`g_${rep}_${quarter}_${at}`, 'target.set', at, { scope: 'rep', scope_id: rep, metric: 'revenue', period: quarter, value });

export const EVENTS = [
  ev('t1', 'team.upserted', '2024-12-01T00:00:00Z', { team_id: 't_one', name: 'One' }),
  ev('r_a', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_a', name: 'Ana', team_id: 't_one' }),
  ev('r_b', 'rep.upserted', '2024-12-01T00:00:00Z', { rep_id: 'rep_b', name: 'Ben', team_id: 't_one' }),
  target('rep_a', '2025-Q1', 10_000),
  target('rep_a', '2025-Q2', 10_000),
  target('rep_a', '2025-Q3', 10_000),
  sale('A1', 'rep_a', 'c1', 8_000, '2025-01-10T10:00:00Z'),
  sale('A2', 'rep_a', 'c2', 4_000, '2025-02-10T10:00:00Z'),
  sale('B1', 'rep_b', 'c3', 3_000, '2025-01-20T10:00:00Z'),
  sale('A3', 'rep_a', 'c1', 6_000, '2025-05-10T10:00:00Z'),
  sale('B2', 'rep_b', 'c4', 2_000, '2025-06-10T10:00:00Z'),
  sale('A4', 'rep_a', 'c2', 5_000, '2025-08-10T10:00:00Z'),
];
