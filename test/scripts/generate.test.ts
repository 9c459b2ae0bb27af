import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EVENT_TYPES,
  LEGACY_SALE_PREFIX,
  demoHistoryStart,
  generateDemoCompany,
  moneyUnits,
} from '../../scripts/demo/generate.ts';
import type { DemoEvent } from '../../scripts/demo/generate.ts';
import { validateEvent } from '../../shared/events/index.ts';
import { parseJsonExact } from '../../shared/json/exact-number.ts';

// A frozen clock: the demo history ends here (a Thursday, late in a quarter).
const NOW = '2026-11-26T12:00:00Z';
const NOW_MS = Date.parse(NOW);

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const MONEY_TEXT = /^\d+(?:\.\d{1,4})?$/;

type Data = Record<string, unknown>;

/** Required data fields per type (api.md), money fields per type. */
const REQUIRED: Record<string, string[]> = {
  'team.upserted': ['team_id', 'name'],
  'rep.upserted': ['rep_id', 'name', 'team_id'],
  'sale.closed': ['sale_id', 'rep_id', 'customer_id'],
  'sale.refunded': ['sale_id', 'amount'],
  'target.set': ['scope', 'metric', 'period', 'value'],
  'survey.responded': ['customer_id', 'score', 'scale'],
  'market.sized': ['period', 'amount'],
  'customer.contacted': ['customer_id', 'rep_id', 'kind'],
  'opportunity.opened': ['opportunity_id', 'rep_id'],
  'opportunity.closed': ['opportunity_id', 'outcome'],
  'ticket.opened': ['ticket_id', 'customer_id', 'kind'],
  'ticket.resolved': ['ticket_id'],
  'feedback.submitted': ['topic'],
};

/** Every money value of an event, with its path. */
function moneyValues(event: DemoEvent): [string, unknown][] {
  const d = event.data;
  const out: [string, unknown][] = [];
  const add = (path: string, value: unknown) => {
    if (value !== undefined && value !== null) out.push([path, value]);
  };
  switch (event.type) {
    case 'sale.closed':
      add('amount', d.amount);
      add('cost', d.cost);
      ((d.lines as Data[] | undefined) ?? []).forEach((line, i) => {
        add(`lines[${i}].amount`, line.amount);
        add(`lines[${i}].cost`, line.cost);
      });
      break;
    case 'sale.refunded':
    case 'opportunity.opened':
    case 'opportunity.closed':
      add('amount', d.amount);
      add('cost', d.cost);
      break;
    case 'market.sized':
      add('amount', d.amount);
      break;
    case 'target.set':
      if (d.metric === 'revenue' || d.metric === 'profit') add('value', d.value);
      break;
  }
  return out;
}

function saleAmountUnits(data: Data): number {
  const lines = data.lines as Data[] | undefined;
  return lines ? lines.reduce((sum, line) => sum + moneyUnits(line.amount), 0) : moneyUnits(data.amount);
}

let events: DemoEvent[];

beforeAll(() => {
  events = generateDemoCompany({ seed: 42, now: NOW });
});

describe('generateDemoCompany', () => {
  it('gives identical events for the same seed and now', () => {
    const again = generateDemoCompany({ seed: 42, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(events));
  });

  it('gives a different history for a different seed', () => {
    const other = generateDemoCompany({ seed: 43, now: NOW });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(events));
    expect(other.find((e) => e.type === 'sale.closed')?.data).not.toEqual(events.find((e) => e.type === 'sale.closed')?.data);
  });

  it('gives every event a valid envelope and nothing else', () => {
    const types = new Set<string>(DEMO_EVENT_TYPES);
    const invalid = events.filter(
      (e) =>
        Object.keys(e).sort().join() !== 'data,id,occurred_at,type' ||
        !ID.test(e.id) ||
        !types.has(e.type) ||
        !RFC3339.test(e.occurred_at) ||
        !Number.isFinite(Date.parse(e.occurred_at)) ||
        typeof e.data !== 'object' ||
        e.data === null ||
        Array.isArray(e.data),
    );
    expect(invalid).toEqual([]);
  });

  it("passes the contract's own validator, read from JSON text the way the Worker reads it", () => {
    const body = parseJsonExact(JSON.stringify({ events })) as { events: unknown[] };
    const rejected = body.events
      .map((raw) => validateEvent(raw, { currency: 'USD' }))
      .filter((result) => !result.ok)
      .slice(0, 5);
    expect(rejected).toEqual([]);
  });

  it('has 13 contract types, each with its required fields', () => {
    expect(DEMO_EVENT_TYPES).toHaveLength(13);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(DEMO_EVENT_TYPES));
    const problems: string[] = [];
    for (const e of events) {
      for (const field of REQUIRED[e.type] ?? []) if (e.data[field] === undefined) problems.push(`${e.id}: ${e.type} lacks ${field}`);
      if (e.type === 'sale.closed' && e.data.amount === undefined && !Array.isArray(e.data.lines)) problems.push(`${e.id}: no amount, no lines`);
      if (e.type === 'target.set' && e.data.scope !== 'company' && typeof e.data.scope_id !== 'string') problems.push(`${e.id}: no scope_id`);
      if (e.type === 'feedback.submitted' && !Object.keys(e.data).every((k) => ['topic', 'team_id', 'score', 'comment'].includes(k))) {
        problems.push(`${e.id}: feedback carries more than topic, team_id, score, comment`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives unique ids, numbered in occurred_at order', () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events[0]?.id).toBe('evt_demo_000001');
    const times = events.map((e) => Date.parse(e.occurred_at));
    expect(times.findIndex((t, i) => i > 0 && t < (times[i - 1] as number))).toBe(-1);
  });

  it('puts no event after now', () => {
    expect(events.filter((e) => Date.parse(e.occurred_at) > NOW_MS)).toEqual([]);
  });

  it('writes money as numbers or decimal strings with at most 4 decimals, within 0..1e12', () => {
    let strings = 0;
    let numbers = 0;
    const bad: string[] = [];
    for (const e of events) {
      for (const [path, value] of moneyValues(e)) {
        if (typeof value === 'number') numbers++;
        else if (typeof value === 'string') strings++;
        else bad.push(`${e.id} ${path}: ${typeof value}`);
        // String(number) is the text JSON.stringify sends.
        const text = String(value);
        if (!MONEY_TEXT.test(text) || moneyUnits(value) > 1e12 * 10_000) bad.push(`${e.id} ${path}: ${text}`);
      }
    }
    expect(bad).toEqual([]);
    expect(strings).toBeGreaterThan(numbers);
    expect(numbers).toBeGreaterThan(0);
    const decimals = new Set(
      events.flatMap((e) => moneyValues(e).map(([, v]) => (typeof v === 'string' ? (v.split('.')[1] ?? '').length : -1))),
    );
    expect(decimals.has(2) && decimals.has(4)).toBe(true);
  });

  it('never refunds more than the sale amount, and only after the sale', () => {
    const sales = new Map<string, { units: number; atMs: number }>();
    const refunded = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'sale.closed') {
        const id = e.data.sale_id as string;
        // A later sale.closed for the same sale_id amends it: keep the latest amount.
        sales.set(id, { units: saleAmountUnits(e.data), atMs: sales.get(id)?.atMs ?? Date.parse(e.occurred_at) });
      }
    }
    let orphans = 0;
    const problems: string[] = [];
    for (const e of events) {
      if (e.type !== 'sale.refunded') continue;
      const id = e.data.sale_id as string;
      const sale = sales.get(id);
      if (!sale) {
        if (!id.startsWith(LEGACY_SALE_PREFIX)) problems.push(`${e.id}: refund of unknown sale ${id}`);
        orphans++;
        continue;
      }
      if (Date.parse(e.occurred_at) <= sale.atMs) problems.push(`${e.id}: refund before its sale ${id}`);
      refunded.set(id, (refunded.get(id) ?? 0) + moneyUnits(e.data.amount));
      if ((refunded.get(id) as number) > sale.units) problems.push(`${e.id}: refunds of ${id} exceed its amount`);
    }
    expect(problems).toEqual([]);
    expect(orphans).toBe(2);
  });

  it('keeps a sale that has lines free of a top-level amount (their sum is the amount)', () => {
    const withLines = events.filter((e) => e.type === 'sale.closed' && Array.isArray(e.data.lines));
    expect(withLines.length).toBeGreaterThan(1000);
    expect(withLines.filter((e) => e.data.amount !== undefined || (e.data.lines as Data[]).length === 0)).toEqual([]);
  });

  it('has the shape of a small company over 30+ months (long enough for seasonal forecasts)', () => {
    const byType = (type: string) => events.filter((e) => e.type === type);
    expect(events.length).toBeGreaterThanOrEqual(30_000);
    expect(events.length).toBeLessThanOrEqual(45_000);
    const teams = new Set(byType('team.upserted').map((e) => e.data.team_id));
    expect(teams.size).toBeGreaterThanOrEqual(4);
    expect(teams.size).toBeLessThanOrEqual(5);
    const reps = new Set(byType('rep.upserted').map((e) => e.data.rep_id));
    expect(reps.size).toBeGreaterThanOrEqual(18);
    expect(reps.size).toBeLessThanOrEqual(25);
    const sales = byType('sale.closed');
    const customers = new Set(sales.map((e) => e.data.customer_id));
    expect(customers.size).toBeGreaterThanOrEqual(250);
    expect(customers.size).toBeLessThanOrEqual(500);
    const months = new Set(sales.map((e) => new Date(e.occurred_at).toISOString().slice(0, 7)));
    // April 2024 to November 2026: 32 months with sales, 31 of them complete.
    expect(months.size).toBe(32);
    const saleIds = new Set(sales.map((e) => e.data.sale_id));
    const refundShare = byType('sale.refunded').length / saleIds.size;
    expect(refundShare).toBeGreaterThan(0.02);
    expect(refundShare).toBeLessThan(0.045);
    expect(saleIds.size).toBeLessThan(sales.length); // some sales are amended
  });

  it('starts the history at the start of the quarter 30 months back', () => {
    // 30 months before November 2026 is May 2024, in the quarter starting April 2024.
    expect(demoHistoryStart(NOW).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    const firstSale = events.find((e) => e.type === 'sale.closed');
    expect(firstSale?.occurred_at.slice(0, 10)).toBe('2024-04-01');
  });

  it('moves at least one rep to another team midway, keeping the history', () => {
    const teamsByRep = new Map<string, string[]>();
    for (const e of events.filter((x) => x.type === 'rep.upserted')) {
      const list = teamsByRep.get(e.data.rep_id as string) ?? [];
      list.push(e.data.team_id as string);
      teamsByRep.set(e.data.rep_id as string, list);
    }
    const movers = [...teamsByRep.values()].filter((teams) => new Set(teams).size > 1);
    expect(movers.length).toBeGreaterThanOrEqual(1);
    expect(movers.length).toBeLessThanOrEqual(2);
  });

  it('sets revenue targets per company, team and rep for months, quarters and years, some revised later', () => {
    const targets = events.filter((e) => e.type === 'target.set');
    const revenue = targets.filter((e) => e.data.metric === 'revenue');
    for (const scope of ['company', 'team', 'rep']) {
      const periods = revenue.filter((e) => e.data.scope === scope).map((e) => e.data.period as string);
      expect(periods.some((p) => /^\d{4}-\d{2}$/.test(p)), scope).toBe(true);
      expect(periods.some((p) => /^\d{4}-Q[1-4]$/.test(p)), scope).toBe(true);
      expect(periods.some((p) => /^\d{4}$/.test(p)), scope).toBe(true);
    }
    const versions = new Map<string, string[]>();
    for (const e of targets) {
      const key = [e.data.scope, e.data.scope_id ?? '', e.data.metric, e.data.period].join('|');
      versions.set(key, [...(versions.get(key) ?? []), e.occurred_at]);
    }
    const revised = [...versions.values()].filter((v) => v.length > 1);
    expect(revised.length).toBeGreaterThan(10);
    for (const v of revised) expect(Date.parse(v[1] as string)).toBeGreaterThan(Date.parse(v[0] as string));
  });

  it('keeps survey scores on their scales and tickets resolved after they open', () => {
    const opened = new Map<string, number>();
    const problems: string[] = [];
    for (const e of events) {
      if (e.type === 'survey.responded') {
        const score = e.data.score as number;
        const [min, max] = e.data.scale === 'csat5' ? [1, 5] : e.data.scale === 'nps10' ? [0, 10] : [NaN, NaN];
        if (!Number.isInteger(score) || !(score >= (min as number) && score <= (max as number))) problems.push(`${e.id}: score ${score}`);
      }
      if (e.type === 'ticket.opened') opened.set(e.data.ticket_id as string, Date.parse(e.occurred_at));
      if (e.type === 'ticket.resolved') {
        const at = opened.get(e.data.ticket_id as string);
        if (at === undefined || Date.parse(e.occurred_at) <= at) problems.push(`${e.id}: resolved before opened`);
      }
    }
    expect(problems).toEqual([]);
    expect(events.some((e) => e.type === 'ticket.opened' && e.data.kind === 'complaint')).toBe(true);
    expect(events.some((e) => e.type === 'customer.contacted' && e.data.kind === 'visit')).toBe(true);
  });
});
