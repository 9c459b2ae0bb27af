import { describe, expect, it } from 'vitest';
import { ExactNumber, parseJsonExact } from '../../shared/json/exact-number.ts';
import { EVENT_TYPES, type EventType } from '../../shared/events/types.ts';
import { formatPath, validateEvent, type ValidationResult } from '../../shared/events/validate.ts';

const USD = { currency: 'USD' };
const AT = '2026-11-20T09:30:00+08:00';

/** A raw event envelope around `data`; `overrides` replaces envelope fields. */
function makeEvent(type: string, data: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'evt_1', type, occurred_at: AT, data, ...overrides };
}

/** A raw sale.closed event; `data` overrides its data fields (null included). */
function makeSale(data: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return makeEvent('sale.closed', { sale_id: 's1', rep_id: 'r1', customer_id: 'c1', amount: '100.00', ...data }, overrides);
}

function makeTarget(data: Record<string, unknown> = {}) {
  return makeEvent('target.set', { scope: 'rep', scope_id: 'r1', metric: 'revenue', period: '2026-Q4', value: 50000, ...data });
}

function valid(raw: unknown) {
  const result = validateEvent(raw, USD);
  if (!result.ok) throw new Error(`expected a valid event, got ${JSON.stringify(result.errors)}`);
  return result.event;
}

function errorPaths(result: ValidationResult): string[] {
  if (result.ok) return [];
  return result.errors.map((e) => e.path).sort();
}

/** One valid example of each of the 13 event types. */
const VALID_DATA: Record<EventType, Record<string, unknown>> = {
  'team.upserted': { team_id: 't1', name: 'East', parent_id: 't0', manager_rep_id: 'r9' },
  'rep.upserted': { rep_id: 'r1', name: 'Ana Lima', team_id: 't1', role: 'manager', hired_at: '2024-03-01', active: true },
  'sale.closed': { sale_id: 's1', rep_id: 'r1', customer_id: 'c1', amount: '1234.50', cost: 800, quantity: 2, region: 'EU' },
  'sale.refunded': { sale_id: 's1', amount: 10.25, cost: '5', reason: 'damaged' },
  'target.set': { scope: 'team', scope_id: 't1', metric: 'revenue', period: '2026-Q4', value: '150000' },
  'survey.responded': { customer_id: 'c1', score: 9, scale: 'nps10', rep_id: 'r1' },
  'market.sized': { period: '2026', amount: 1000000, region: 'EU', segment: 'SMB' },
  'customer.contacted': { customer_id: 'c1', rep_id: 'r1', kind: 'visit', outcome: 'interested' },
  'opportunity.opened': { opportunity_id: 'o1', rep_id: 'r1', customer_id: 'c1', amount: 5000 },
  'opportunity.closed': { opportunity_id: 'o1', outcome: 'won', amount: '4800.5' },
  'ticket.opened': { ticket_id: 'k1', customer_id: 'c1', kind: 'complaint', rep_id: 'r1' },
  'ticket.resolved': { ticket_id: 'k1' },
  'feedback.submitted': { topic: 'onboarding', team_id: 't1', score: 4, comment: 'fine' },
};

describe('validateEvent', () => {
  it('knows exactly the 13 event types of the contract', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(VALID_DATA).sort());
    expect(EVENT_TYPES).toHaveLength(13);
  });

  for (const type of Object.keys(VALID_DATA) as EventType[]) {
    it(`accepts a valid ${type}`, () => {
      const result = validateEvent(makeEvent(type, VALID_DATA[type]), USD);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.event.id).toBe('evt_1');
        expect(result.event.type).toBe(type);
        expect(result.event.occurred_at).toBe(AT);
        expect(result.event.occurredMs).toBe(Date.parse('2026-11-20T01:30:00Z'));
      }
    });
  }

  it('parses money of each money-bearing type into exact units', () => {
    expect(valid(makeEvent('sale.closed', VALID_DATA['sale.closed'])).data).toMatchObject({ amount: 12345000n, cost: 8000000n });
    expect(valid(makeEvent('sale.refunded', VALID_DATA['sale.refunded'])).data).toMatchObject({ amount: 102500n, cost: 50000n });
    expect(valid(makeEvent('target.set', VALID_DATA['target.set'])).data).toMatchObject({ value: 1500000000n });
    expect(valid(makeEvent('market.sized', VALID_DATA['market.sized'])).data).toMatchObject({ amount: 10000000000n });
    expect(valid(makeEvent('opportunity.opened', VALID_DATA['opportunity.opened'])).data).toMatchObject({ amount: 50000000n });
    expect(valid(makeEvent('opportunity.closed', VALID_DATA['opportunity.closed'])).data).toMatchObject({ amount: 48005000n });
  });

  it('reads an exact amount parsed by parseJsonExact', () => {
    const raw = parseJsonExact('{"id":"e1","type":"sale.closed","occurred_at":"2026-01-01T00:00:00Z","data":{"sale_id":"s","rep_id":"r","customer_id":"c","amount":999999999999.0003}}');
    expect((raw as { data: { amount: unknown } }).data.amount).toBeInstanceOf(ExactNumber);
    expect(valid(raw).data).toMatchObject({ amount: 9999999999990003n });
  });

  describe('envelope', () => {
    it('names the id when it is missing, and returns id null', () => {
      const raw = makeSale();
      delete raw.id;
      const result = validateEvent(raw, USD);
      expect(result).toMatchObject({ ok: false, id: null });
      expect(errorPaths(result)).toEqual(['id']);
    });

    it('returns id null when the id has characters outside [A-Za-z0-9._:-]', () => {
      const result = validateEvent(makeSale({}, { id: 'evt 1' }), USD);
      expect(result).toMatchObject({ ok: false, id: null });
      expect(errorPaths(result)).toEqual(['id']);
    });

    it('returns id null when the id is not a string', () => {
      const result = validateEvent(makeSale({}, { id: 123 }), USD);
      expect(result).toMatchObject({ ok: false, id: null });
      expect(errorPaths(result)).toEqual(['id']);
    });

    it('accepts a 128-character id and rejects a 129-character one', () => {
      expect(validateEvent(makeSale({}, { id: 'a'.repeat(128) }), USD).ok).toBe(true);
      const result = validateEvent(makeSale({}, { id: 'a'.repeat(129) }), USD);
      expect(result).toMatchObject({ ok: false, id: null });
      expect(errorPaths(result)).toEqual(['id']);
    });

    it('accepts every allowed id character', () => {
      expect(validateEvent(makeSale({}, { id: 'Az09._:-' }), USD).ok).toBe(true);
    });

    it('returns the usable id with the errors of an invalid event', () => {
      const result = validateEvent(makeSale({ amount: -1 }, { id: 'evt_keep' }), USD);
      expect(result).toMatchObject({ ok: false, id: 'evt_keep' });
    });

    it('rejects an unknown type and names the type', () => {
      const result = validateEvent(makeEvent('sale.opened', { sale_id: 's1' }), USD);
      expect(result).toMatchObject({ ok: false, id: 'evt_1' });
      expect(errorPaths(result)).toEqual(['type']);
    });

    it('rejects a missing type', () => {
      const raw = makeSale();
      delete raw.type;
      expect(errorPaths(validateEvent(raw, USD))).toEqual(['type']);
    });

    it('rejects type names that are Object.prototype properties without throwing', () => {
      for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
        let result: ValidationResult | undefined;
        expect(() => {
          result = validateEvent(makeEvent(type, {}), USD);
        }, type).not.toThrow();
        expect(result, type).toMatchObject({ ok: false, id: 'evt_1' });
        expect(errorPaths(result!), type).toEqual(['type']);
      }
    });

    it('requires an RFC 3339 occurred_at with an offset', () => {
      for (const occurred_at of ['2026-11-20T09:30:00', '2026-11-20', '20 Nov 2026', '2026-11-20 09:30:00Z', 1763601000000]) {
        const result = validateEvent(makeSale({}, { occurred_at }), USD);
        expect(result.ok, String(occurred_at)).toBe(false);
        expect(errorPaths(result), String(occurred_at)).toEqual(['occurred_at']);
      }
    });

    it('rejects an occurred_at that is not on the calendar', () => {
      expect(errorPaths(validateEvent(makeSale({}, { occurred_at: '2026-02-30T10:00:00Z' }), USD))).toEqual(['occurred_at']);
    });

    it('accepts Z and numeric offsets and converts them to UTC milliseconds', () => {
      expect(valid(makeSale({}, { occurred_at: '2026-12-31T23:30:00-05:00' })).occurredMs).toBe(Date.UTC(2027, 0, 1, 4, 30));
      expect(valid(makeSale({}, { occurred_at: '2026-01-01T00:00:00.250Z' })).occurredMs).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 250));
    });

    it('requires data to be an object', () => {
      const missing = makeSale();
      delete missing.data;
      expect(errorPaths(validateEvent(missing, USD))).toEqual(['data']);
      expect(errorPaths(validateEvent(makeEvent('sale.closed', [1, 2]), USD))).toEqual(['data']);
      expect(errorPaths(validateEvent(makeEvent('sale.closed', 'x'), USD))).toEqual(['data']);
    });

    it('rejects an event that is not an object, with id null', () => {
      for (const raw of [null, [], 'evt', 42]) {
        const result = validateEvent(raw, USD);
        expect(result, JSON.stringify(raw)).toMatchObject({ ok: false, id: null });
        expect(errorPaths(result)).toEqual(['']);
      }
    });

    it('reports errors of the envelope and the data together', () => {
      const result = validateEvent(makeSale({ rep_id: '', amount: 'abc' }, { occurred_at: 'yesterday' }), USD);
      expect(errorPaths(result)).toEqual(['data.amount', 'data.rep_id', 'occurred_at']);
    });
  });

  describe('sale.closed', () => {
    it('names data.amount when the amount is missing', () => {
      expect(errorPaths(validateEvent(makeSale({ amount: undefined }), USD))).toEqual(['data.amount']);
    });

    it('names data.amount when the amount is negative, too precise or too large', () => {
      for (const amount of [-1, '12.34567', '1000000000000.0001', '1e2', true]) {
        expect(errorPaths(validateEvent(makeSale({ amount }), USD)), String(amount)).toEqual(['data.amount']);
      }
    });

    it('names each missing required id', () => {
      const raw = makeEvent('sale.closed', { amount: 1 });
      expect(errorPaths(validateEvent(raw, USD))).toEqual(['data.customer_id', 'data.rep_id', 'data.sale_id']);
    });

    it('rejects an empty id', () => {
      expect(errorPaths(validateEvent(makeSale({ sale_id: '' }), USD))).toEqual(['data.sale_id']);
    });

    it('treats optional fields given as null as absent', () => {
      const event = valid(makeSale({ cost: null, team_id: null, quantity: null, region: null, lines: null, product_id: null }));
      expect(event.type).toBe('sale.closed');
      const data = event.data as Record<string, unknown>;
      for (const key of ['cost', 'team_id', 'quantity', 'region', 'lines', 'product_id']) expect(data[key], key).toBeUndefined();
      expect(data.amount).toBe(1000000n);
    });

    it('rejects null for a required field', () => {
      expect(errorPaths(validateEvent(makeSale({ amount: null }), USD))).toEqual(['data.amount']);
      expect(errorPaths(validateEvent(makeSale({ rep_id: null }), USD))).toEqual(['data.rep_id']);
    });

    it('ignores unknown extra data fields', () => {
      expect(validateEvent(makeSale({ crm_stage: 'won', nested: { a: 1 } }), USD).ok).toBe(true);
    });

    it('computes the amount as the sum of the lines', () => {
      const event = valid(makeSale({ amount: undefined, lines: [{ amount: '10.5', cost: 4 }, { amount: 2.25, cost: '1.0001' }] }));
      expect(event.data).toMatchObject({ amount: 127500n, cost: 50001n });
    });

    it('accepts a top-level amount that equals the sum of the lines', () => {
      const event = valid(makeSale({ amount: '12.75', lines: [{ amount: '10.5' }, { amount: 2.25 }] }));
      expect(event.data).toMatchObject({ amount: 127500n });
    });

    it('rejects a top-level amount that disagrees with the lines', () => {
      const result = validateEvent(makeSale({ amount: '12.76', lines: [{ amount: '10.5' }, { amount: 2.25 }] }), USD);
      expect(result.ok).toBe(false);
      expect(errorPaths(result)).toEqual(['data.amount']);
    });

    it('sums cost only when every line has one', () => {
      const event = valid(makeSale({ amount: undefined, lines: [{ amount: 1, cost: 1 }, { amount: 2 }] }));
      expect(event.data).toMatchObject({ amount: 30000n });
      expect((event.data as { cost?: bigint }).cost).toBeUndefined();
    });

    it('treats a line cost of null as a missing line cost', () => {
      const event = valid(makeSale({ amount: undefined, lines: [{ amount: 1, cost: 1 }, { amount: 2, cost: null }] }));
      expect((event.data as { cost?: bigint }).cost).toBeUndefined();
    });

    it('names the line of a line amount error', () => {
      const result = validateEvent(makeSale({ amount: undefined, lines: [{ amount: 1 }, { product_id: 'p2' }] }), USD);
      expect(errorPaths(result)).toEqual(['data.lines[1].amount']);
      const first = validateEvent(makeSale({ amount: undefined, lines: [{ amount: '-3' }] }), USD);
      expect(errorPaths(first)).toEqual(['data.lines[0].amount']);
    });

    it('names the line of a line cost error', () => {
      const result = validateEvent(makeSale({ amount: undefined, lines: [{ amount: 1, cost: 'free' }] }), USD);
      expect(errorPaths(result)).toEqual(['data.lines[0].cost']);
    });

    it('rejects an empty lines array', () => {
      expect(errorPaths(validateEvent(makeSale({ lines: [] }), USD))).toEqual(['data.lines']);
    });

    it('accepts a currency equal to the org currency, or none', () => {
      expect(validateEvent(makeSale({ currency: 'USD' }), USD).ok).toBe(true);
      expect(validateEvent(makeSale({ currency: null }), USD).ok).toBe(true);
    });

    it('rejects another currency and names data.currency', () => {
      const result = validateEvent(makeSale({ currency: 'EUR' }), USD);
      expect(result).toMatchObject({ ok: false, id: 'evt_1' });
      expect(errorPaths(result)).toEqual(['data.currency']);
      expect(validateEvent(makeSale({ currency: 'EUR' }), { currency: 'EUR' }).ok).toBe(true);
    });

    it('skips the currency check when the context names none (decoding stored events)', () => {
      expect(validateEvent(makeSale({ currency: 'EUR' }), { currency: null }).ok).toBe(true);
    });
  });

  describe('currency on other event types', () => {
    const moneyTypes: EventType[] = ['sale.refunded', 'target.set', 'market.sized', 'opportunity.opened', 'opportunity.closed'];
    for (const type of moneyTypes) {
      it(`rejects a foreign currency on ${type}`, () => {
        const result = validateEvent(makeEvent(type, { ...VALID_DATA[type], currency: 'EUR' }), USD);
        expect(errorPaths(result)).toEqual(['data.currency']);
      });
    }

    it('ignores a currency field on events that carry no money', () => {
      expect(validateEvent(makeEvent('customer.contacted', { ...VALID_DATA['customer.contacted'], currency: 'EUR' }), USD).ok).toBe(true);
    });
  });

  describe('sale.refunded', () => {
    it('requires an amount', () => {
      const result = validateEvent(makeEvent('sale.refunded', { sale_id: 's1' }), USD);
      expect(result).toMatchObject({ ok: false, id: 'evt_1', errors: [{ path: 'data.amount', message: 'required' }] });
    });
  });

  describe('target.set', () => {
    it('requires scope_id for team and rep scopes', () => {
      expect(errorPaths(validateEvent(makeTarget({ scope: 'team', scope_id: undefined }), USD))).toEqual(['data.scope_id']);
      expect(errorPaths(validateEvent(makeTarget({ scope: 'rep', scope_id: null }), USD))).toEqual(['data.scope_id']);
    });

    it('does not require scope_id for the company, and drops one if given', () => {
      expect(valid(makeTarget({ scope: 'company', scope_id: undefined })).data).toMatchObject({ scope: 'company' });
      const data = valid(makeTarget({ scope: 'company', scope_id: 'acme' })).data as { scope_id?: string };
      expect(data.scope_id).toBeUndefined();
    });

    it('reads a revenue or profit value as money', () => {
      expect(valid(makeTarget({ metric: 'revenue', value: '1000.50' })).data).toMatchObject({ value: 10005000n });
      expect(valid(makeTarget({ metric: 'profit', value: 250 })).data).toMatchObject({ value: 2500000n });
    });

    it('rejects a revenue value that is not money', () => {
      for (const value of ['abc', -5, '1.00001', undefined, null]) {
        expect(errorPaths(validateEvent(makeTarget({ metric: 'revenue', value }), USD)), String(value)).toEqual(['data.value']);
      }
    });

    it('reads an orders or new_customers value as a plain count', () => {
      expect(valid(makeTarget({ metric: 'orders', value: 3 })).data).toMatchObject({ value: 3n });
      expect(valid(makeTarget({ metric: 'new_customers', value: 0 })).data).toMatchObject({ value: 0n });
    });

    it('rejects a count that is fractional, negative or a string', () => {
      for (const value of [2.5, -1, '3']) {
        expect(errorPaths(validateEvent(makeTarget({ metric: 'orders', value }), USD)), String(value)).toEqual(['data.value']);
      }
    });

    it('rejects an unknown metric or scope', () => {
      expect(errorPaths(validateEvent(makeTarget({ metric: 'margin' }), USD))).toContain('data.metric');
      expect(errorPaths(validateEvent(makeTarget({ scope: 'region' }), USD))).toContain('data.scope');
    });

    it('accepts year, quarter and month periods only', () => {
      for (const period of ['2026', '2026-Q1', '2026-12']) expect(validateEvent(makeTarget({ period }), USD).ok, period).toBe(true);
      for (const period of ['2026-W01', '2026-11-20', '2026-Q5', '2026-13', '26']) {
        expect(errorPaths(validateEvent(makeTarget({ period }), USD)), period).toEqual(['data.period']);
      }
    });

    it('reports a missing scope_id and a bad value together', () => {
      expect(errorPaths(validateEvent(makeTarget({ scope: 'team', scope_id: undefined, value: 'x' }), USD))).toEqual([
        'data.scope_id',
        'data.value',
      ]);
    });
  });

  describe('survey.responded', () => {
    const survey = (scale: string, score: unknown) => makeEvent('survey.responded', { customer_id: 'c1', scale, score });

    it('accepts csat5 scores 1 to 5', () => {
      for (const score of [1, 5]) expect(validateEvent(survey('csat5', score), USD).ok, String(score)).toBe(true);
    });

    it('rejects csat5 scores outside 1 to 5', () => {
      for (const score of [0, 6]) expect(errorPaths(validateEvent(survey('csat5', score), USD)), String(score)).toEqual(['data.score']);
    });

    it('accepts nps10 scores 0 to 10', () => {
      for (const score of [0, 10]) expect(validateEvent(survey('nps10', score), USD).ok, String(score)).toBe(true);
    });

    it('rejects nps10 scores outside 0 to 10', () => {
      for (const score of [-1, 11]) expect(errorPaths(validateEvent(survey('nps10', score), USD)), String(score)).toEqual(['data.score']);
    });

    it('rejects a fractional score and an unknown scale', () => {
      expect(errorPaths(validateEvent(survey('csat5', 4.5), USD))).toEqual(['data.score']);
      expect(errorPaths(validateEvent(survey('stars', 4), USD))).toContain('data.scale');
    });
  });

  describe('other types', () => {
    it('rejects enum values outside the contract', () => {
      expect(errorPaths(validateEvent(makeEvent('rep.upserted', { ...VALID_DATA['rep.upserted'], role: 'boss' }), USD))).toEqual(['data.role']);
      expect(errorPaths(validateEvent(makeEvent('customer.contacted', { ...VALID_DATA['customer.contacted'], kind: 'fax' }), USD))).toEqual([
        'data.kind',
      ]);
      expect(errorPaths(validateEvent(makeEvent('opportunity.closed', { opportunity_id: 'o1', outcome: 'maybe' }), USD))).toEqual([
        'data.outcome',
      ]);
      expect(errorPaths(validateEvent(makeEvent('ticket.opened', { ...VALID_DATA['ticket.opened'], kind: 'other' }), USD))).toEqual([
        'data.kind',
      ]);
    });

    it('requires team_id on rep.upserted', () => {
      expect(errorPaths(validateEvent(makeEvent('rep.upserted', { rep_id: 'r1', name: 'Ana' }), USD))).toEqual(['data.team_id']);
    });

    it('rejects a non-boolean active flag', () => {
      expect(errorPaths(validateEvent(makeEvent('rep.upserted', { ...VALID_DATA['rep.upserted'], active: 'yes' }), USD))).toEqual([
        'data.active',
      ]);
    });

    it('rejects a market.sized period that is a week', () => {
      expect(errorPaths(validateEvent(makeEvent('market.sized', { period: '2026-W10', amount: 1 }), USD))).toEqual(['data.period']);
    });

    it('keeps only the listed fields of feedback.submitted', () => {
      const event = valid(makeEvent('feedback.submitted', { topic: 'pricing', score: 2, rep_id: 'r1', customer_id: 'c1', email: 'a@b.c' }));
      expect(event.data).toEqual({ topic: 'pricing', score: 2 });
    });

    it('rejects a feedback score outside 1 to 5', () => {
      expect(errorPaths(validateEvent(makeEvent('feedback.submitted', { topic: 't', score: 6 }), USD))).toEqual(['data.score']);
    });

    it('requires ticket_id on ticket.resolved', () => {
      expect(errorPaths(validateEvent(makeEvent('ticket.resolved', {}), USD))).toEqual(['data.ticket_id']);
    });
  });
});

describe('formatPath', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatPath(['data', 'lines', 0, 'cost'])).toBe('data.lines[0].cost');
    expect(formatPath(['occurred_at'])).toBe('occurred_at');
    expect(formatPath([])).toBe('');
  });
});
