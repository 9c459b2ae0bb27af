/**
 * The arrival counters (`event_arrivals`), kept at ingestion in the batch that stores the
 * events, against the GROUP BY over `events` that the data-quality section used to scan: after
 * deliveries on several days, of several types and sources, with late events on both sides of
 * the threshold, redeliveries, conflicts, a rejected request and a batch that fails in D1.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateEvent } from '../../shared/events/validate.ts';
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import { LATE_AFTER_HOURS, readDataQuality } from '../../worker/db/data-quality.ts';
import { latestReceivedMs } from '../../worker/db/events.ts';
import { storeEvents, type IngestResult, type ValidEvent } from '../../worker/ingest/store-events.ts';
import { makeSale, postEvents } from './helpers.ts';

const HOUR = 3_600_000;
const LATE_MS = LATE_AFTER_HOURS * HOUR;

type Raw = { id: string; type: string; occurred_at: string; data: Record<string, unknown> };
const iso = (ms: number) => new Date(ms).toISOString();
const sale = (id: string, occurredMs: number, amount = '100'): Raw => ({ id, type: 'sale.closed', occurred_at: iso(occurredMs), data: { sale_id: `S_${id}`, rep_id: 'rep_a', customer_id: 'cust_1', amount } });
const refund = (id: string, occurredMs: number, amount = '10'): Raw => ({ id, type: 'sale.refunded', occurred_at: iso(occurredMs), data: { sale_id: 'S_a1', amount } });
const contact = (id: string, occurredMs: number): Raw => ({ id, type: 'customer.contacted', occurred_at: iso(occurredMs), data: { customer_id: 'cust_1', rep_id: 'rep_a', kind: 'visit' } });
const team = (id: string, occurredMs: number): Raw => ({ id, type: 'team.upserted', occurred_at: iso(occurredMs), data: { team_id: 't_1', name: 'North' } });

function valid(raw: Raw): ValidEvent {
  const decoded = parseJsonExact(JSON.stringify(raw)) as Record<string, unknown>;
  const result = validateEvent(decoded, { currency: 'USD' });
  if (!result.ok) throw new Error(`test event ${raw.id} does not validate: ${JSON.stringify(result.errors)}`);
  return { raw: decoded, event: result.event };
}

let deliveries = 0;
/** Ingestion's own storeEvents, with a chosen instant of receipt (the endpoint takes the clock's). */
function deliver(source: string, receivedMs: number, raws: Raw[]): Promise<IngestResult> {
  return storeEvents(env.DB, raws.map(valid), { source, webhookId: `msg_arrivals_${++deliveries}`, receivedMs });
}

/** The counters as a GROUP BY over every stored event computes them (0013's back-fill). */
async function scannedCounters(): Promise<unknown[]> {
  const { results } = await env.DB.prepare(
    `SELECT date(received_ms / 1000, 'unixepoch') AS day, type, source, COUNT(*) AS events,
            SUM(received_ms - occurred_ms > ?1) AS late_events,
            MAX(CASE WHEN received_ms - occurred_ms > ?1 THEN received_ms - occurred_ms END) AS max_late_delay_ms,
            MAX(received_ms) AS last_received_ms
     FROM events GROUP BY day, type, source ORDER BY day, type, source`,
  )
    .bind(LATE_MS)
    .all();
  return results;
}

async function counters(): Promise<unknown[]> {
  return (await env.DB.prepare('SELECT * FROM event_arrivals ORDER BY day, type, source').all()).results;
}

// Instants of receipt: a day's first and last millisecond, and a delivery older than the one before.
const T1A = Date.parse('2026-03-01T10:00:00Z');
const T1B = Date.parse('2026-03-01T23:59:59.999Z');
const T2 = Date.parse('2026-03-02T00:00:00.000Z');
const T3 = Date.parse('2026-03-05T08:00:00Z');

describe('arrival counters with no events', () => {
  it('have no rows, and latestReceivedMs is null', async () => {
    expect(await counters()).toEqual([]);
    expect(await latestReceivedMs(env.DB)).toBeNull();
  });
});

describe('arrival counters after mixed ingestion', () => {
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    expect(
      await deliver('crm', T1A, [
        sale('a1', T1A - HOUR),
        sale('a2', T1A - LATE_MS), // exactly the threshold: not late
        sale('a3', T1A - LATE_MS - 1), // one millisecond more: late
        sale('a1', T1A - HOUR), // the same id again in one request: a duplicate
        refund('r1', T1A - 240 * HOUR),
        contact('v1', T1A - 72 * HOUR),
      ]),
    ).toEqual({ accepted: 5, duplicates: 1, conflicts: [] });
    expect(
      await deliver('shop', T1B, [
        sale('a4', T1B - 720 * HOUR),
        sale('a1', T1A - HOUR), // a redelivery
        sale('a2', T1A - LATE_MS, '999'), // a conflict
        sale('a5', T1B - HOUR),
      ]),
    ).toEqual({ accepted: 2, duplicates: 1, conflicts: [{ id: 'a2', index: 2 }] });
    expect(
      await deliver('crm', T2, [
        sale('a6', T2 - 48 * HOUR),
        sale('a3', T1A - LATE_MS - 1), // a redelivery
        refund('r1', T1A - 240 * HOUR, '11'), // a conflict
        team('t1', T2 - HOUR),
      ]),
    ).toEqual({ accepted: 2, duplicates: 1, conflicts: [{ id: 'r1', index: 2 }] });
    // Late events of one counter, the longer delay first; an event from the future (negative
    // delay); then a delivery received before the previous one, with a shorter delay.
    expect(await deliver('shop', T3, [contact('v2', T3 - 120 * HOUR), contact('v5', T3 - 50 * HOUR), sale('a7', T3 + HOUR)])).toEqual({ accepted: 3, duplicates: 0, conflicts: [] });
    expect(await deliver('shop', T3 - HOUR, [contact('v3', T3 - 49 * HOUR)])).toEqual({ accepted: 1, duplicates: 0, conflicts: [] });
    // Counters that had no late event get one, and counters that had one get an on-time event.
    expect(await deliver('shop', T3 + 2 * HOUR, [sale('a8', T3 - 30 * HOUR)])).toEqual({ accepted: 1, duplicates: 0, conflicts: [] });
    expect(await deliver('crm', T1A + HOUR, [contact('v4', T1A)])).toEqual({ accepted: 1, duplicates: 0, conflicts: [] });

    // Through the endpoint: one stored today, and a request rejected as a whole (422).
    expect((await postEvents(makeSale({ id: 'http_1', occurred_at: iso(Date.now() - HOUR) }))).status).toBe(200);
    expect((await postEvents({ events: [makeSale({ id: 'http_2' }), makeSale({ id: 'http_3', data: { amount: -1 } })] })).status).toBe(422);

    // A batch that fails in D1 after its counters' upserts (fail_2's fact row is already there):
    // its transaction stores and counts nothing.
    await env.DB.prepare(
      "INSERT INTO f_sales (event_id, sale_id, rep_id, customer_id, amount_units, occurred_ms, occurred_at) VALUES ('fail_2', 'S_fail_2', 'rep_a', 'cust_1', 1, 0, '1970-01-01T00:00:00Z')",
    ).run();
    await expect(deliver('crm', T3, [sale('fail_1', T3 - 100 * HOUR), sale('fail_2', T3 - 100 * HOUR)])).rejects.toThrow(/UNIQUE constraint failed/);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM events WHERE id LIKE 'fail_%' OR id IN ('http_2', 'http_3')").first('n')).toBe(0);
  });

  it('count each stored event once per day of receipt, type and source, with its lateness and the last receipt', async () => {
    expect(await counters()).toEqual([
      { day: '2026-03-01', type: 'customer.contacted', source: 'crm', events: 2, late_events: 1, max_late_delay_ms: 72 * HOUR, last_received_ms: T1A + HOUR },
      { day: '2026-03-01', type: 'sale.closed', source: 'crm', events: 3, late_events: 1, max_late_delay_ms: LATE_MS + 1, last_received_ms: T1A },
      { day: '2026-03-01', type: 'sale.closed', source: 'shop', events: 2, late_events: 1, max_late_delay_ms: 720 * HOUR, last_received_ms: T1B },
      { day: '2026-03-01', type: 'sale.refunded', source: 'crm', events: 1, late_events: 1, max_late_delay_ms: 240 * HOUR, last_received_ms: T1A },
      { day: '2026-03-02', type: 'sale.closed', source: 'crm', events: 1, late_events: 1, max_late_delay_ms: 48 * HOUR, last_received_ms: T2 },
      { day: '2026-03-02', type: 'team.upserted', source: 'crm', events: 1, late_events: 0, max_late_delay_ms: null, last_received_ms: T2 },
      { day: '2026-03-05', type: 'customer.contacted', source: 'shop', events: 3, late_events: 3, max_late_delay_ms: 120 * HOUR, last_received_ms: T3 },
      { day: '2026-03-05', type: 'sale.closed', source: 'shop', events: 2, late_events: 1, max_late_delay_ms: 32 * HOUR, last_received_ms: T3 + 2 * HOUR },
      { day: today, type: 'sale.closed', source: 'crm', events: 1, late_events: 0, max_late_delay_ms: null, last_received_ms: expect.any(Number) },
    ]);
  });

  it('equal a GROUP BY over the stored events', async () => {
    expect(await counters()).toEqual(await scannedCounters());
  });

  it('give readDataQuality the rows the scans of events gave, in the same order and spelling', async () => {
    const quality = await readDataQuality(env.DB, 10);
    const [byDay, late] = await env.DB.batch([
      env.DB.prepare(
        `SELECT date(received_ms / 1000, 'unixepoch') AS day, type, source, COUNT(*) AS events
         FROM events GROUP BY day, type, source ORDER BY day, type, source`,
      ),
      env.DB.prepare(
        `SELECT type, source, COUNT(*) AS events, MAX(received_ms - occurred_ms) / 3600000.0 AS max_delay_hours
         FROM events WHERE received_ms - occurred_ms > ?1 GROUP BY type, source ORDER BY type, source`,
      ).bind(LATE_MS),
    ]);
    expect(JSON.stringify(quality.byDay)).toBe(JSON.stringify(byDay!.results));
    expect(JSON.stringify(quality.late)).toBe(JSON.stringify(late!.results));
    expect(quality.late).toEqual([
      { type: 'customer.contacted', source: 'crm', events: 1, max_delay_hours: 72 },
      { type: 'customer.contacted', source: 'shop', events: 3, max_delay_hours: 120 },
      { type: 'sale.closed', source: 'crm', events: 2, max_delay_hours: 48 },
      { type: 'sale.closed', source: 'shop', events: 2, max_delay_hours: 720 },
      { type: 'sale.refunded', source: 'crm', events: 1, max_delay_hours: 240 },
    ]);
  });

  it('give latestReceivedMs the newest receipt of any stored event', async () => {
    const newest = await env.DB.prepare('SELECT MAX(received_ms) AS ms FROM events').first<number>('ms');
    expect(newest).toBeGreaterThan(T3);
    expect(await latestReceivedMs(env.DB)).toBe(newest);
  });
});
