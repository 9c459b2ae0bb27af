/**
 * A small company whose figures are computed by hand in the tests (UTC):
 * rep_a in North; rep_b in South until 2026-02-01, then North. Company revenue targets:
 * 2026-01 1000, 2026-02 2000 revised to 1500, 2026-03 1000 (so 2026-Q1 is 3500). January also
 * has surveys, visits, complaints, opportunities and a market size (whole and EU).
 */
const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });

export const FIXTURE_EVENTS = [
  ev('t1', 'team.upserted', '2025-01-01T00:00:00Z', { team_id: 't_north', name: 'North' }),
  ev('t2', 'team.upserted', '2025-01-01T00:00:00Z', { team_id: 't_south', name: 'South' }),
  ev('r1', 'rep.upserted', '2025-01-01T00:00:00Z', { rep_id: 'rep_a', name: 'Ana', team_id: 't_north' }),
  ev('r2', 'rep.upserted', '2025-01-01T00:00:00Z', { rep_id: 'rep_b', name: 'Ben', team_id: 't_south' }),
  ev('r3', 'rep.upserted', '2026-02-01T00:00:00Z', { rep_id: 'rep_b', name: 'Ben', team_id: 't_north' }),
  ev('g1', 'target.set', '2025-12-01T00:00:00Z', { scope: 'company', metric: 'revenue', period: '2026-01', value: 1000 }),
  ev('g2', 'target.set', '2025-12-01T00:00:00Z', { scope: 'company', metric: 'revenue', period: '2026-02', value: 2000 }),
  ev('g3', 'target.set', '2026-01-15T00:00:00Z', { scope: 'company', metric: 'revenue', period: '2026-02', value: '1500' }),
  ev('g4', 'target.set', '2025-12-01T00:00:00Z', { scope: 'company', metric: 'revenue', period: '2026-03', value: 1000 }),
  ev('s1', 'sale.closed', '2026-01-10T12:00:00Z', { sale_id: 'S1', rep_id: 'rep_a', customer_id: 'cust_1', amount: '100.10', cost: '60.05' }),
  ev('s2', 'sale.closed', '2026-01-20T12:00:00Z', { sale_id: 'S2', rep_id: 'rep_b', customer_id: 'cust_2', amount: 200, cost: 150, region: 'EU' }),
  ev('s3', 'sale.closed', '2026-02-05T12:00:00Z', { sale_id: 'S3', rep_id: 'rep_b', customer_id: 'cust_1', amount: '300.3333', cost: 100 }),
  ev('s4', 'sale.closed', '2026-02-10T12:00:00Z', { sale_id: 'S4', rep_id: 'rep_a', customer_id: 'cust_3', amount: 50 }),
  ev('f1', 'sale.refunded', '2026-02-15T12:00:00Z', { sale_id: 'S1', amount: '20.10', cost: 10 }),
  ev('f2', 'sale.refunded', '2026-02-20T12:00:00Z', { sale_id: 'S_MISSING', amount: 5 }),
  // The sales process in January 2026.
  ev('q1', 'survey.responded', '2026-01-12T00:00:00Z', { customer_id: 'cust_1', score: 5, scale: 'csat5', rep_id: 'rep_a' }),
  ev('q2', 'survey.responded', '2026-01-13T00:00:00Z', { customer_id: 'cust_2', score: 3, scale: 'csat5', rep_id: 'rep_b' }),
  ev('q3', 'survey.responded', '2026-01-14T00:00:00Z', { customer_id: 'cust_1', score: 10, scale: 'nps10', rep_id: 'rep_a' }),
  ev('q4', 'survey.responded', '2026-01-15T00:00:00Z', { customer_id: 'cust_2', score: 6, scale: 'nps10' }),
  ev('q5', 'survey.responded', '2026-01-16T00:00:00Z', { customer_id: 'cust_2', score: 8, scale: 'nps10', rep_id: 'rep_b' }),
  ev('v1', 'customer.contacted', '2026-01-03T09:00:00Z', { customer_id: 'cust_1', rep_id: 'rep_a', kind: 'visit' }),
  ev('v2', 'customer.contacted', '2026-01-04T09:00:00Z', { customer_id: 'cust_2', rep_id: 'rep_a', kind: 'call' }),
  ev('k1', 'ticket.opened', '2026-01-05T00:00:00Z', { ticket_id: 'K1', customer_id: 'cust_1', kind: 'complaint', rep_id: 'rep_a' }),
  ev('k1r', 'ticket.resolved', '2026-01-06T12:00:00Z', { ticket_id: 'K1' }),
  ev('k2', 'ticket.opened', '2026-01-10T00:00:00Z', { ticket_id: 'K2', customer_id: 'cust_2', kind: 'complaint', rep_id: 'rep_b' }),
  ev('k2r', 'ticket.resolved', '2026-01-10T06:00:00Z', { ticket_id: 'K2' }),
  ev('k3', 'ticket.opened', '2026-01-11T00:00:00Z', { ticket_id: 'K3', customer_id: 'cust_2', kind: 'service', rep_id: 'rep_b' }),
  ev('o1', 'opportunity.opened', '2026-01-01T00:00:00Z', { opportunity_id: 'O1', rep_id: 'rep_a', customer_id: 'cust_1' }),
  ev('o1c', 'opportunity.closed', '2026-01-11T00:00:00Z', { opportunity_id: 'O1', outcome: 'won' }),
  ev('o2', 'opportunity.opened', '2026-01-02T00:00:00Z', { opportunity_id: 'O2', rep_id: 'rep_b' }),
  ev('o2c', 'opportunity.closed', '2026-01-20T00:00:00Z', { opportunity_id: 'O2', outcome: 'lost' }),
  ev('m1', 'market.sized', '2025-12-01T00:00:00Z', { period: '2026-01', amount: 3001 }),
  ev('m2', 'market.sized', '2025-12-01T00:00:00Z', { period: '2026-01', amount: 1000, region: 'EU' }),
  // ISO week-year boundaries.
  ev('w1', 'sale.closed', '2015-12-31T12:00:00Z', { sale_id: 'W1', rep_id: 'rep_a', customer_id: 'cust_w', amount: 10, cost: 5 }),
  ev('w2', 'sale.closed', '2017-01-01T12:00:00Z', { sale_id: 'W2', rep_id: 'rep_a', customer_id: 'cust_w', amount: 20, cost: 5 }),
];

export { shuffled } from '../support/seeded.ts';
