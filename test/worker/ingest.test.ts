import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { makeSale, postEvents } from './helpers.ts';

async function count(where = '1 = 1', ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM events WHERE ${where}`).bind(...params).first<{ n: number }>();
  return row!.n;
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { status: number; title: string; detail: string; errors?: unknown };
}

describe('POST /v1/events', () => {
  it('stores one event and a batch, answering accepted counts', async () => {
    const one = await postEvents(makeSale({ id: 'ok_1' }));
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ accepted: 1, duplicates: 0, conflicts: [] });
    const batch = await postEvents({ events: [makeSale({ id: 'ok_2' }), makeSale({ id: 'ok_3' })] });
    expect(await batch.json()).toEqual({ accepted: 2, duplicates: 0, conflicts: [] });
    expect(await count("id LIKE 'ok_%'")).toBe(3);
  });

  it('answers 401 without a signature, with a wrong one, or with a stale timestamp, storing nothing', async () => {
    const event = makeSale({ id: 'unsigned_1' });
    for (const response of [
      await postEvents(event, { signature: null }),
      await postEvents(event, { signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }),
      await postEvents(event, { secret: 'whsec_dW5rbm93bi1zZWNyZXQtZm9yLXRlc3Rz' }),
      await postEvents(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
    ]) {
      expect(response.status).toBe(401);
      expect((await problem(response)).status).toBe(401);
    }
    expect(await count('id = ?1', 'unsigned_1')).toBe(0);
  });

  it('answers 413 for a body over 1 MiB before checking the signature', async () => {
    const big = JSON.stringify({ events: [makeSale({ id: 'big_1', data: { note: 'x'.repeat(1024 * 1024) } })] });
    const response = await postEvents(big, { signature: null });
    expect(response.status).toBe(413);
    await problem(response);
  });

  it('answers 415 for a signed body that is not application/json', async () => {
    const response = await postEvents(makeSale({ id: 'form_1' }), { contentType: 'text/plain' });
    expect(response.status).toBe(415);
    await problem(response);
  });

  it('answers 400 for bodies of the wrong overall shape', async () => {
    const tooMany = { events: Array.from({ length: 1001 }, (_, i) => makeSale({ id: `many_${i}` })) };
    for (const body of ['not json', '[1,2]', '"text"', '{"events": {}}', '{"events": []}', JSON.stringify(tooMany)]) {
      const response = await postEvents(body);
      expect(response.status, body.slice(0, 20)).toBe(400);
      expect((await problem(response)).detail.length).toBeGreaterThan(10);
    }
    expect(await count("id LIKE 'many_%'")).toBe(0);
  });

  it('answers 422 listing every invalid event with index, id and field paths, and stores none of the request', async () => {
    const response = await postEvents({
      events: [
        makeSale({ id: 'atomic_ok' }),
        makeSale({ id: 'atomic_bad', data: { amount: '12.34567', rep_id: null } }),
        { id: 'bad id!', type: 'sale.teleported', occurred_at: 'yesterday', data: {} },
        { id: 'atomic_ref', type: 'sale.refunded', occurred_at: '2026-03-10T10:00:00Z', data: { sale_id: 's1', amount: 5, currency: 'EUR' } },
        'not an object',
      ],
    });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.errors).toEqual([
      {
        index: 1,
        id: 'atomic_bad',
        errors: [
          { path: 'data.rep_id', message: 'required' },
          { path: 'data.amount', message: 'must have at most 4 decimal places' },
        ],
      },
      {
        index: 2,
        id: null,
        errors: [
          { path: 'id', message: expect.stringContaining('1 to 128 characters') },
          { path: 'type', message: expect.stringContaining('unknown event type') },
          { path: 'occurred_at', message: expect.stringContaining('RFC 3339') },
        ],
      },
      { index: 3, id: 'atomic_ref', errors: [{ path: 'data.currency', message: expect.stringContaining('USD') }] },
      { index: 4, id: null, errors: [{ path: '', message: 'each event must be a JSON object' }] },
    ]);
    expect(await count("id LIKE 'atomic_%'")).toBe(0);
  });

  it('reports redeliveries as duplicates and changed content under a stored id as conflicts, keeping the stored event', async () => {
    await postEvents(makeSale({ id: 'dup_1', data: { amount: 100 } }));
    // Same JSON value, other key order and number spelling: a redelivery.
    const redelivery = { data: { cost: '60', amount: 1e2, customer_id: 'cust_1', rep_id: 'rep_a', sale_id: 's_dup_1' }, occurred_at: '2026-03-10T10:00:00Z', type: 'sale.closed', id: 'dup_1' };
    const changed = makeSale({ id: 'dup_1', data: { amount: '100' } }); // "100" differs from 100
    const response = await postEvents({ events: [makeSale({ id: 'dup_new' }), redelivery, changed] });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 1, conflicts: [{ id: 'dup_1', index: 2 }] });
    const stored = await env.DB.prepare('SELECT body FROM events WHERE id = ?1').bind('dup_1').first<{ body: string }>();
    expect(JSON.parse(stored!.body).data.amount).toBe(100);
  });

  it('takes repeated ids inside one request in order', async () => {
    const first = makeSale({ id: 'rep_1', data: { amount: '5' } });
    const response = await postEvents({ events: [first, first, makeSale({ id: 'rep_1', data: { amount: '6' } })] });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 1, conflicts: [{ id: 'rep_1', index: 2 }] });
  });

  it('keeps money exactly as sent, with unknown data fields in the raw record', async () => {
    const text = '{"id":"exact_1","type":"sale.closed","occurred_at":"2026-03-10T10:00:00+08:00","data":{"sale_id":"s_exact","rep_id":"r","customer_id":"c","amount":999999999999.9999,"crm_stage":"won"}}';
    expect((await postEvents(text)).status).toBe(200);
    const stored = await env.DB.prepare('SELECT body, occurred_ms FROM events WHERE id = ?1').bind('exact_1').first<{ body: string; occurred_ms: number }>();
    expect(stored!.body).toContain('"amount":999999999999.9999');
    expect(stored!.body).toContain('"crm_stage":"won"');
    expect(stored!.occurred_ms).toBe(Date.parse('2026-03-10T02:00:00Z'));
  });

  it('stores only the listed fields of anonymous feedback', async () => {
    const feedback = { id: 'fb_1', type: 'feedback.submitted', occurred_at: '2026-03-10T10:00:00Z', data: { topic: 'tools', score: 4, rep_id: 'rep_a', email: 'a@b.c' } };
    expect((await postEvents(feedback)).status).toBe(200);
    const stored = await env.DB.prepare('SELECT body FROM events WHERE id = ?1').bind('fb_1').first<{ body: string }>();
    expect(JSON.parse(stored!.body).data).toEqual({ topic: 'tools', score: 4 });
  });

  it('refuses to update or delete stored events', async () => {
    await postEvents(makeSale({ id: 'immutable_1' }));
    await expect(env.DB.prepare("UPDATE events SET body = '{}' WHERE id = 'immutable_1'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM events WHERE id = 'immutable_1'").run()).rejects.toThrow(/append-only/);
  });
});
