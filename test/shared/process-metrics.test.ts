import { describe, expect, it } from 'vitest';
import { buildKpis, type KpiResult, type KpiRowUnits } from '../../shared/kpi/build-kpis.ts';
import type { Grain, Scope } from '../../shared/snapshot.ts';
import { typed } from '../support/typed-events.ts';

// Frozen clock: every build uses this as-of.
const AS_OF_MS = Date.parse('2026-06-30T00:00:00Z');

type Raw = Record<string, unknown>;

function build(raws: readonly Raw[]): KpiResult {
  return buildKpis(typed(raws), { timezone: 'UTC', asOfMs: AS_OF_MS });
}

function getRow(result: KpiResult, scope: Scope, id: string | null, grain: Grain, period: string): KpiRowUnits {
  const row = result.kpis.find((r) => r.scope === scope && r.id === id && r.grain === grain && r.period === period);
  if (!row) throw new Error(`no row for ${scope} ${id} ${grain} ${period}`);
  return row;
}

function makeSale({ at, sale_id, rep_id = 'r-ana', customer_id = 'c1', amount = '100' }: { at: string; sale_id: string; rep_id?: string; customer_id?: string; amount?: unknown }): Raw {
  return { id: `evt-sale-${sale_id}`, type: 'sale.closed', occurred_at: at, data: { sale_id, rep_id, customer_id, amount } };
}

function makeRefund({ at, sale_id, amount = '10' }: { at: string; sale_id: string; amount?: unknown }): Raw {
  return { id: `evt-refund-${sale_id}`, type: 'sale.refunded', occurred_at: at, data: { sale_id, amount } };
}

function makeRep({ at = '2025-12-01T00:00:00Z', rep_id, team_id }: { at?: string; rep_id: string; team_id: string }): Raw {
  return { id: `evt-rep-${rep_id}-${team_id}`, type: 'rep.upserted', occurred_at: at, data: { rep_id, name: rep_id, team_id } };
}

function makeSurvey({ id, at, score, scale, rep_id }: { id: string; at: string; score: number; scale: 'csat5' | 'nps10'; rep_id?: string }): Raw {
  return { id, type: 'survey.responded', occurred_at: at, data: { customer_id: 'c1', score, scale, rep_id } };
}

function makeContact({ id, at, rep_id, kind }: { id: string; at: string; rep_id: string; kind: string }): Raw {
  return { id, type: 'customer.contacted', occurred_at: at, data: { customer_id: 'c1', rep_id, kind } };
}

function makeTicket({ ticket_id, at, kind = 'complaint', rep_id }: { ticket_id: string; at: string; kind?: 'complaint' | 'service'; rep_id?: string }): Raw {
  return { id: `evt-open-${ticket_id}`, type: 'ticket.opened', occurred_at: at, data: { ticket_id, customer_id: 'c1', kind, rep_id } };
}

function makeResolved({ id, ticket_id, at }: { id?: string; ticket_id: string; at: string }): Raw {
  return { id: id ?? `evt-resolved-${ticket_id}`, type: 'ticket.resolved', occurred_at: at, data: { ticket_id } };
}

function makeOpened({ opportunity_id, at, rep_id }: { opportunity_id: string; at: string; rep_id: string }): Raw {
  return { id: `evt-opp-open-${opportunity_id}`, type: 'opportunity.opened', occurred_at: at, data: { opportunity_id, rep_id } };
}

function makeClosed({ id, opportunity_id, at, outcome }: { id: string; opportunity_id: string; at: string; outcome: 'won' | 'lost' }): Raw {
  return { id, type: 'opportunity.closed', occurred_at: at, data: { opportunity_id, outcome } };
}

// r-ana is in t-east, then moves to t-west at 2026-03-15T00:00Z (inclusive); r-ben is in t-west.
const REPS: Raw[] = [
  makeRep({ rep_id: 'r-ana', team_id: 't-east' }),
  makeRep({ rep_id: 'r-ana', team_id: 't-west', at: '2026-03-15T00:00:00Z' }),
  makeRep({ rep_id: 'r-ben', team_id: 't-west' }),
];

describe('buildKpis: process metrics', () => {
  describe('csat, csat_satisfied_rate and nps', () => {
    // March 2026:
    //   csat5: 5 r-ana (t-east) 03-10, 3 r-ana (t-west) 03-20, 4 r-ben 03-12, 1 no rep 03-25
    //   nps10: 10 r-ana (t-east) 03-10, 6 r-ana (t-west) 03-20, 8 r-ben 03-12, 9 no rep 03-25, 7 r-ben 03-28
    // April: one csat5 2 by r-ben, no nps. May: a sale and no responses.
    const result = build([
      ...REPS,
      makeSurvey({ id: 'sv1', at: '2026-03-10T10:00:00Z', score: 5, scale: 'csat5', rep_id: 'r-ana' }),
      makeSurvey({ id: 'sv2', at: '2026-03-20T10:00:00Z', score: 3, scale: 'csat5', rep_id: 'r-ana' }),
      makeSurvey({ id: 'sv3', at: '2026-03-12T10:00:00Z', score: 4, scale: 'csat5', rep_id: 'r-ben' }),
      makeSurvey({ id: 'sv4', at: '2026-03-25T10:00:00Z', score: 1, scale: 'csat5' }),
      makeSurvey({ id: 'sv5', at: '2026-03-10T11:00:00Z', score: 10, scale: 'nps10', rep_id: 'r-ana' }),
      makeSurvey({ id: 'sv6', at: '2026-03-20T11:00:00Z', score: 6, scale: 'nps10', rep_id: 'r-ana' }),
      makeSurvey({ id: 'sv7', at: '2026-03-12T11:00:00Z', score: 8, scale: 'nps10', rep_id: 'r-ben' }),
      makeSurvey({ id: 'sv8', at: '2026-03-25T11:00:00Z', score: 9, scale: 'nps10' }),
      makeSurvey({ id: 'sv9', at: '2026-03-28T11:00:00Z', score: 7, scale: 'nps10', rep_id: 'r-ben' }),
      makeSurvey({ id: 'sv10', at: '2026-04-02T10:00:00Z', score: 2, scale: 'csat5', rep_id: 'r-ben' }),
      makeSale({ sale_id: 'may1', at: '2026-05-05T10:00:00Z' }),
    ]);

    it('averages every csat5 score of the company, responses without a rep included', () => {
      // (5 + 3 + 4 + 1) / 4 = 3.25; satisfied (>= 4): 5 and 4 -> 2 / 4
      expect(getRow(result, 'company', null, 'month', '2026-03')).toMatchObject({ csat: 3.25, csat_satisfied_rate: 0.5 });
    });

    it('credits a rep with the responses naming them', () => {
      // r-ana: (5 + 3) / 2 = 4, one of two satisfied; r-ben: 4, which counts as satisfied
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-03')).toMatchObject({ csat: 4, csat_satisfied_rate: 0.5 });
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03')).toMatchObject({ csat: 4, csat_satisfied_rate: 1 });
    });

    it('credits a team with the responses whose rep was in it at response time', () => {
      // t-east: r-ana's 5 before the move; t-west: r-ana's 3 after it and r-ben's 4
      expect(getRow(result, 'team', 't-east', 'month', '2026-03')).toMatchObject({ csat: 5, csat_satisfied_rate: 1 });
      expect(getRow(result, 'team', 't-west', 'month', '2026-03')).toMatchObject({ csat: 3.5, csat_satisfied_rate: 0.5 });
    });

    it('computes nps as (promoters - detractors) / responses x 100, passives counting in responses only', () => {
      // promoters 10, 9; detractor 6; passives 8, 7: (2 - 1) / 5 x 100
      expect(getRow(result, 'company', null, 'month', '2026-03').nps).toBe(20);
      // r-ana: 10 and 6 -> (1 - 1) / 2 = 0; r-ben: 8 and 7, passives only -> 0
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-03').nps).toBe(0);
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03').nps).toBe(0);
    });

    it('credits nps to the team at response time', () => {
      expect(getRow(result, 'team', 't-east', 'month', '2026-03').nps).toBe(100);
      // t-west: 6 (detractor), 8, 7 -> (0 - 1) / 3 x 100
      expect(getRow(result, 'team', 't-west', 'month', '2026-03').nps).toBeCloseTo(-33.333333333, 8);
    });

    it('computes day rows from that day’s responses alone', () => {
      expect(getRow(result, 'company', null, 'day', '2026-03-25')).toMatchObject({ csat: 1, csat_satisfied_rate: 0, nps: 100 });
      expect(getRow(result, 'company', null, 'day', '2026-03-10')).toMatchObject({ csat: 5, csat_satisfied_rate: 1, nps: 100 });
    });

    it('carries responses into the quarter', () => {
      // Q1 is March alone; Q2 has April's 2.
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toMatchObject({ csat: 3.25, csat_satisfied_rate: 0.5, nps: 20 });
      expect(getRow(result, 'company', null, 'quarter', '2026-Q2')).toMatchObject({ csat: 2, csat_satisfied_rate: 0, nps: null });
      // year: (5 + 3 + 4 + 1 + 2) / 5 = 3, satisfied 2 / 5
      expect(getRow(result, 'company', null, 'year', '2026')).toMatchObject({ csat: 3, csat_satisfied_rate: 0.4, nps: 20 });
    });

    it('gives nps null when a period has csat responses but no nps responses', () => {
      expect(getRow(result, 'company', null, 'month', '2026-04')).toMatchObject({ csat: 2, csat_satisfied_rate: 0, nps: null });
    });

    it('gives csat, csat_satisfied_rate and nps null when a period has no responses', () => {
      expect(getRow(result, 'company', null, 'month', '2026-05')).toMatchObject({ csat: null, csat_satisfied_rate: null, nps: null });
    });
  });

  describe('visits', () => {
    // r-ana: visit 03-01 and call 03-14 23:59:59 (t-east), email 03-15 00:00 and meeting 03-20 (t-west);
    // r-ben: demo 03-02 (t-west). April: a sale and no contacts.
    const result = build([
      ...REPS,
      makeContact({ id: 'ct1', at: '2026-03-01T09:00:00Z', rep_id: 'r-ana', kind: 'visit' }),
      makeContact({ id: 'ct2', at: '2026-03-14T23:59:59Z', rep_id: 'r-ana', kind: 'call' }),
      makeContact({ id: 'ct3', at: '2026-03-15T00:00:00Z', rep_id: 'r-ana', kind: 'email' }),
      makeContact({ id: 'ct4', at: '2026-03-20T09:00:00Z', rep_id: 'r-ana', kind: 'meeting' }),
      makeContact({ id: 'ct5', at: '2026-03-02T09:00:00Z', rep_id: 'r-ben', kind: 'demo' }),
      makeSale({ sale_id: 'apr1', at: '2026-04-05T10:00:00Z' }),
    ]);

    it('counts contacts of every kind', () => {
      expect(getRow(result, 'company', null, 'month', '2026-03').visits).toBe(5);
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-03').visits).toBe(4);
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03').visits).toBe(1);
    });

    it('credits a team with its reps’ contacts at contact time, membership counting from its instant', () => {
      expect(getRow(result, 'team', 't-east', 'month', '2026-03').visits).toBe(2);
      expect(getRow(result, 'team', 't-west', 'month', '2026-03').visits).toBe(3);
    });

    it('counts by day and ISO week', () => {
      expect(getRow(result, 'company', null, 'day', '2026-03-14').visits).toBe(1);
      // 2026-03-09 (Mon) .. 03-15 (Sun) is 2026-W11: the call and the email
      expect(getRow(result, 'company', null, 'week', '2026-W11').visits).toBe(2);
    });

    it('is 0, not null, in a period without contacts', () => {
      expect(getRow(result, 'company', null, 'month', '2026-04').visits).toBe(0);
    });
  });

  describe('complaints and complaint_resolution_hours_median', () => {
    //   k1 complaint r-ana  opened 01-10 00:00, resolved 01-10 06:00 ->   6 h (Jan)
    //   k2 complaint r-ben  opened 01-20 00:00, resolved 01-21 00:00 ->  24 h (Jan)
    //   k3 complaint no rep opened 01-25 00:00, resolved 01-25 03:00 ->   3 h (Jan)
    //   k4 service   r-ana  opened 01-12 00:00, resolved 01-12 01:00 -> not a complaint
    //   k5 complaint r-ana  opened 01-28 00:00, resolved 02-02 00:00 -> 120 h (Feb)
    //   k6 complaint r-ben  opened 02-10 00:00, resolved 02-09 (before opening: ignored),
    //                       02-11 00:00 and 02-10 10:00 (earliest valid)  ->  10 h (Feb)
    //   k7 complaint r-ana  opened 02-15, never resolved
    //   k8 complaint r-ben  opened 03-10, only "resolved" 03-09: open
    // r-ana is in t-east until 03-15.
    const OPENED: Raw[] = [
      makeTicket({ ticket_id: 'k1', at: '2026-01-10T00:00:00Z', rep_id: 'r-ana' }),
      makeTicket({ ticket_id: 'k2', at: '2026-01-20T00:00:00Z', rep_id: 'r-ben' }),
      makeTicket({ ticket_id: 'k3', at: '2026-01-25T00:00:00Z' }),
      makeTicket({ ticket_id: 'k4', at: '2026-01-12T00:00:00Z', rep_id: 'r-ana', kind: 'service' }),
      makeTicket({ ticket_id: 'k5', at: '2026-01-28T00:00:00Z', rep_id: 'r-ana' }),
      makeTicket({ ticket_id: 'k6', at: '2026-02-10T00:00:00Z', rep_id: 'r-ben' }),
      makeTicket({ ticket_id: 'k7', at: '2026-02-15T00:00:00Z', rep_id: 'r-ana' }),
      makeTicket({ ticket_id: 'k8', at: '2026-03-10T00:00:00Z', rep_id: 'r-ben' }),
    ];
    const RESOLVED: Raw[] = [
      makeResolved({ ticket_id: 'k1', at: '2026-01-10T06:00:00Z' }),
      makeResolved({ ticket_id: 'k2', at: '2026-01-21T00:00:00Z' }),
      makeResolved({ ticket_id: 'k3', at: '2026-01-25T03:00:00Z' }),
      makeResolved({ ticket_id: 'k4', at: '2026-01-12T01:00:00Z' }),
      makeResolved({ ticket_id: 'k5', at: '2026-02-02T00:00:00Z' }),
      makeResolved({ id: 'evt-resolved-k6-early', ticket_id: 'k6', at: '2026-02-09T00:00:00Z' }),
      makeResolved({ id: 'evt-resolved-k6-late', ticket_id: 'k6', at: '2026-02-11T00:00:00Z' }),
      makeResolved({ id: 'evt-resolved-k6-first', ticket_id: 'k6', at: '2026-02-10T10:00:00Z' }),
      makeResolved({ ticket_id: 'k8', at: '2026-03-09T00:00:00Z' }),
    ];
    const orders: [string, Raw[]][] = [
      ['opened events first', [...REPS, ...OPENED, ...RESOLVED]],
      ['resolved events first', [...RESOLVED, ...[...OPENED].reverse(), ...REPS]],
    ];

    describe.each(orders)('with %s', (_, events) => {
      const result = build(events);

      it('counts complaints opened in the period, service tickets left out, tickets without a rep in the company', () => {
        expect(getRow(result, 'company', null, 'month', '2026-01').complaints).toBe(4);
        expect(getRow(result, 'company', null, 'month', '2026-02').complaints).toBe(2);
        expect(getRow(result, 'company', null, 'month', '2026-03').complaints).toBe(1);
      });

      it('credits complaints by rep_id and to the rep’s team', () => {
        expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01').complaints).toBe(2);
        expect(getRow(result, 'rep', 'r-ben', 'month', '2026-01').complaints).toBe(1);
        expect(getRow(result, 'rep', 'r-ana', 'month', '2026-02').complaints).toBe(1);
        expect(getRow(result, 'team', 't-east', 'month', '2026-01').complaints).toBe(2);
        expect(getRow(result, 'team', 't-west', 'month', '2026-01').complaints).toBe(1);
      });

      it('takes the median over complaints resolved in the period (odd count)', () => {
        // Jan: 3, 6, 24 -> 6
        expect(getRow(result, 'company', null, 'month', '2026-01').complaint_resolution_hours_median).toBe(6);
      });

      it('counts a complaint opened in January and resolved in February in February, with the earliest valid resolution (even count)', () => {
        // Feb: k5 120 and k6 10 -> (10 + 120) / 2
        expect(getRow(result, 'company', null, 'month', '2026-02').complaint_resolution_hours_median).toBe(65);
        expect(getRow(result, 'rep', 'r-ana', 'month', '2026-02').complaint_resolution_hours_median).toBe(120);
        expect(getRow(result, 'rep', 'r-ben', 'month', '2026-02').complaint_resolution_hours_median).toBe(10);
      });

      it('credits resolution hours by rep and team', () => {
        expect(getRow(result, 'rep', 'r-ana', 'month', '2026-01').complaint_resolution_hours_median).toBe(6);
        expect(getRow(result, 'rep', 'r-ben', 'month', '2026-01').complaint_resolution_hours_median).toBe(24);
        expect(getRow(result, 'team', 't-east', 'month', '2026-02').complaint_resolution_hours_median).toBe(120);
        expect(getRow(result, 'team', 't-west', 'month', '2026-02').complaint_resolution_hours_median).toBe(10);
      });

      it('takes the quarter median over every complaint resolved in it', () => {
        // Q1: 3, 6, 10, 24, 120 -> 10
        expect(getRow(result, 'company', null, 'quarter', '2026-Q1')).toMatchObject({ complaints: 7, complaint_resolution_hours_median: 10 });
      });

      it('ignores a resolution before the opening', () => {
        expect(getRow(result, 'company', null, 'month', '2026-03').complaint_resolution_hours_median).toBeNull();
        expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03')).toMatchObject({ complaints: 1, complaint_resolution_hours_median: null });
      });

      it('computes day rows: an open complaint has no resolution time', () => {
        expect(getRow(result, 'company', null, 'day', '2026-01-10')).toMatchObject({ complaints: 1, complaint_resolution_hours_median: 6 });
        expect(getRow(result, 'company', null, 'day', '2026-02-15')).toMatchObject({ complaints: 1, complaint_resolution_hours_median: null });
      });
    });

    it('gives the same rows for both arrival orders', () => {
      expect(build(orders[1]![1]).kpis).toEqual(build(orders[0]![1]).kpis);
    });
  });

  describe('win_rate and sales_cycle_days_median', () => {
    //   o1 r-ana opened 02-20 00:00, won  03-10 12:00 (t-east)           -> 18.5 days
    //   o2 r-ana opened 01-01 00:00, lost 03-05, then won 03-25 00:00 (t-west) -> 83 days
    //   o3 r-ben opened 03-01 00:00, lost 03-20                            (19 days, not a win)
    //   o4 r-ana opened 02-01 00:00, won  03-16 06:00 (t-west)           -> 43.25 days
    //   o5 r-ben opened 03-02, never closed
    // February: one sale and no closes.
    const result = build([
      ...REPS,
      makeOpened({ opportunity_id: 'o1', at: '2026-02-20T00:00:00Z', rep_id: 'r-ana' }),
      makeOpened({ opportunity_id: 'o2', at: '2026-01-01T00:00:00Z', rep_id: 'r-ana' }),
      makeOpened({ opportunity_id: 'o3', at: '2026-03-01T00:00:00Z', rep_id: 'r-ben' }),
      makeOpened({ opportunity_id: 'o4', at: '2026-02-01T00:00:00Z', rep_id: 'r-ana' }),
      makeOpened({ opportunity_id: 'o5', at: '2026-03-02T00:00:00Z', rep_id: 'r-ben' }),
      makeClosed({ id: 'cl-o1', opportunity_id: 'o1', at: '2026-03-10T12:00:00Z', outcome: 'won' }),
      // The later close is listed first.
      makeClosed({ id: 'cl-o2-won', opportunity_id: 'o2', at: '2026-03-25T00:00:00Z', outcome: 'won' }),
      makeClosed({ id: 'cl-o2-lost', opportunity_id: 'o2', at: '2026-03-05T00:00:00Z', outcome: 'lost' }),
      makeClosed({ id: 'cl-o3', opportunity_id: 'o3', at: '2026-03-20T00:00:00Z', outcome: 'lost' }),
      makeClosed({ id: 'cl-o4', opportunity_id: 'o4', at: '2026-03-16T06:00:00Z', outcome: 'won' }),
      makeSale({ sale_id: 'feb1', at: '2026-02-10T10:00:00Z' }),
    ]);

    it('divides won by won + lost, the latest close of each opportunity winning', () => {
      // won o1, o2, o4; lost o3 -> 3 / 4
      expect(getRow(result, 'company', null, 'month', '2026-03').win_rate).toBe(0.75);
    });

    it('credits closes via the opening’s rep_id', () => {
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-03').win_rate).toBe(1);
      // 0, not null: r-ben closed one and lost it
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03').win_rate).toBe(0);
    });

    it('credits a team with the closes of its reps at close time', () => {
      // t-east: o1 (closed before the move); t-west: o2, o4 (after it) and o3
      expect(getRow(result, 'team', 't-east', 'month', '2026-03').win_rate).toBe(1);
      expect(getRow(result, 'team', 't-west', 'month', '2026-03').win_rate).toBe(2 / 3);
    });

    it('takes the median of days opened -> closed over won opportunities only, in fractional days', () => {
      // 18.5, 43.25, 83 -> 43.25 (o3's 19 days do not count)
      expect(getRow(result, 'company', null, 'month', '2026-03').sales_cycle_days_median).toBe(43.25);
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-03').sales_cycle_days_median).toBe(43.25);
      expect(getRow(result, 'team', 't-east', 'month', '2026-03').sales_cycle_days_median).toBe(18.5);
    });

    it('takes the mean of the two middle values for an even count of wins', () => {
      // t-west: 43.25 and 83 -> 63.125
      expect(getRow(result, 'team', 't-west', 'month', '2026-03').sales_cycle_days_median).toBe(63.125);
    });

    it('gives sales_cycle_days_median null where nothing was won', () => {
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-03').sales_cycle_days_median).toBeNull();
    });

    it('computes day rows from that day’s closes', () => {
      expect(getRow(result, 'company', null, 'day', '2026-03-10')).toMatchObject({ win_rate: 1, sales_cycle_days_median: 18.5 });
      expect(getRow(result, 'company', null, 'day', '2026-03-20')).toMatchObject({ win_rate: 0, sales_cycle_days_median: null });
    });

    it('gives win_rate and sales_cycle_days_median null when nothing closed in the period', () => {
      expect(getRow(result, 'company', null, 'month', '2026-02')).toMatchObject({ win_rate: null, sales_cycle_days_median: null });
    });

    it('leaves out the superseded close: no row for the day of o2’s loss', () => {
      expect(result.kpis.find((r) => r.scope === 'company' && r.grain === 'day' && r.period === '2026-03-05')).toBeUndefined();
    });
  });

  describe('repeat_customer_rate', () => {
    //   rs1 c5 r-ana 2025-12-20
    //   rs2 c1 r-ana 2026-01-10
    //   rs3 c5 r-ana 2026-01-15
    //   rs4 c2 r-ana 2026-02-03 (Tue, W06)
    //   rs5 c1 r-ben 2026-02-05 (Thu, W06)
    //   rs6 c4 r-ana 2026-02-09 (Mon, W07)
    //   rs7 c4 r-ana 2026-02-10 (Tue, W07)
    //   rs8 c2 r-ana 2026-02-20 (Fri, W08)
    //   rs9 c3 r-ana 2026-02-25 (Wed, W09); refunded 2026-03-03
    const result = build([
      ...REPS,
      makeSale({ sale_id: 'rs1', customer_id: 'c5', at: '2025-12-20T10:00:00Z' }),
      makeSale({ sale_id: 'rs2', customer_id: 'c1', at: '2026-01-10T10:00:00Z' }),
      makeSale({ sale_id: 'rs3', customer_id: 'c5', at: '2026-01-15T10:00:00Z' }),
      makeSale({ sale_id: 'rs4', customer_id: 'c2', at: '2026-02-03T10:00:00Z' }),
      makeSale({ sale_id: 'rs5', customer_id: 'c1', at: '2026-02-05T10:00:00Z', rep_id: 'r-ben' }),
      makeSale({ sale_id: 'rs6', customer_id: 'c4', at: '2026-02-09T10:00:00Z' }),
      makeSale({ sale_id: 'rs7', customer_id: 'c4', at: '2026-02-10T10:00:00Z' }),
      makeSale({ sale_id: 'rs8', customer_id: 'c2', at: '2026-02-20T10:00:00Z' }),
      makeSale({ sale_id: 'rs9', customer_id: 'c3', at: '2026-02-25T10:00:00Z' }),
      makeRefund({ sale_id: 'rs9', at: '2026-03-03T10:00:00Z' }),
    ]);

    it('is 0, not null, when every active customer is new', () => {
      expect(getRow(result, 'company', null, 'month', '2025-12').repeat_customer_rate).toBe(0);
    });

    it('counts an active customer who bought before the period', () => {
      // Jan: c1 (first sale now), c5 (bought in December) -> 1 / 2
      expect(getRow(result, 'company', null, 'month', '2026-01').repeat_customer_rate).toBe(0.5);
    });

    it('does not count a customer whose first sale is earlier in the same month', () => {
      // Feb: c2, c1, c4, c3 active; only c1 bought before February -> 1 / 4
      expect(getRow(result, 'company', null, 'month', '2026-02').repeat_customer_rate).toBe(0.25);
      expect(getRow(result, 'rep', 'r-ana', 'month', '2026-02').repeat_customer_rate).toBe(0);
    });

    it('looks for earlier sales company-wide, not only the scope’s own', () => {
      // r-ben's only customer c1 had bought from r-ana in January.
      expect(getRow(result, 'rep', 'r-ben', 'month', '2026-02').repeat_customer_rate).toBe(1);
      expect(getRow(result, 'team', 't-west', 'month', '2026-02').repeat_customer_rate).toBe(1);
    });

    it('counts a customer who bought yesterday as repeat at day grain', () => {
      expect(getRow(result, 'company', null, 'day', '2026-02-09').repeat_customer_rate).toBe(0);
      expect(getRow(result, 'company', null, 'day', '2026-02-10').repeat_customer_rate).toBe(1);
      expect(getRow(result, 'company', null, 'day', '2026-02-03').repeat_customer_rate).toBe(0);
      expect(getRow(result, 'company', null, 'day', '2026-02-20').repeat_customer_rate).toBe(1);
    });

    it('uses ISO weeks at week grain', () => {
      // W06: c2 (new), c1 (repeat); W07: c4 twice, first in W07; W08: c2, first in W06
      expect(getRow(result, 'company', null, 'week', '2026-W06').repeat_customer_rate).toBe(0.5);
      expect(getRow(result, 'company', null, 'week', '2026-W07').repeat_customer_rate).toBe(0);
      expect(getRow(result, 'company', null, 'week', '2026-W08').repeat_customer_rate).toBe(1);
    });

    it('counts only customers who bought before the quarter or year', () => {
      // c1, c5, c2, c4, c3 active; only c5 bought in 2025 -> 1 / 5
      expect(getRow(result, 'company', null, 'quarter', '2026-Q1').repeat_customer_rate).toBe(0.2);
      expect(getRow(result, 'company', null, 'year', '2026').repeat_customer_rate).toBe(0.2);
      expect(getRow(result, 'company', null, 'year', '2025').repeat_customer_rate).toBe(0);
    });

    it('is null when the period has no active customers', () => {
      // March has only the refund of rs9.
      expect(getRow(result, 'company', null, 'month', '2026-03')).toMatchObject({ active_customers: 0, repeat_customer_rate: null });
    });
  });
});
