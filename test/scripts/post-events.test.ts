import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { IngestError, MAX_BODY_BYTES, postEvents, signatureHeaders, toBatches } from '../../scripts/lib/post-events.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: Received, index: number) => { status: number; body: unknown };

let server: Server | undefined;

/** A stand-in for the Worker's /v1/events that records what it receives. */
async function fakeEndpoint(handler: Handler): Promise<{ baseUrl: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const answer = req.url === '/v1/events' && req.method === 'POST' ? handler(request, received.length - 1) : { status: 404, body: {} };
      res.writeHead(answer.status, { 'content-type': answer.status < 300 ? 'application/json' : 'application/problem+json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, received };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const makeEvents = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `evt_${i}`,
    type: 'ticket.resolved',
    occurred_at: '2026-11-20T09:30:00Z',
    data: { ticket_id: `t${i}` },
  }));

const accepted = (r: Received) => ({ status: 200, body: { accepted: (JSON.parse(r.body) as { events: unknown[] }).events.length, duplicates: 0, conflicts: [] } });

describe('signatureHeaders', () => {
  it('signs so that the standardwebhooks package verifies the body', () => {
    const body = '{"events":[]}';
    const headers = signatureHeaders(SECRET, 'msg_1', body);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual({ events: [] });
  });
});

describe('toBatches', () => {
  it('cuts events into bodies of at most the batch size', () => {
    const batches = toBatches(makeEvents(1234), 500);
    expect(batches.map((b) => [b.start, b.count])).toEqual([
      [0, 500],
      [500, 500],
      [1000, 234],
    ]);
    expect((JSON.parse(batches[2]?.body ?? '') as { events: { id: string }[] }).events[0]?.id).toBe('evt_1000');
  });

  it('splits a batch whose body would pass 1 MiB', () => {
    const big = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, type: 'feedback.submitted', occurred_at: '2026-11-20T09:30:00Z', data: { topic: 'x'.repeat(200_000) } }));
    const batches = toBatches(big, 10);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => Buffer.byteLength(b.body) <= MAX_BODY_BYTES)).toBe(true);
    expect(batches.reduce((n, b) => n + b.count, 0)).toBe(10);
  });

  it('refuses a batch size outside 1..1000', () => {
    expect(() => toBatches([], 1001)).toThrow('invalid batch size');
  });
});

describe('postEvents', () => {
  it('posts signed {"events": [...]} batches and adds up the answers', async () => {
    const { baseUrl, received } = await fakeEndpoint((r) => accepted(r));
    const progress: number[] = [];
    const totals = await postEvents({ baseUrl, secret: SECRET, events: makeEvents(1234), onBatch: ({ events }) => progress.push(events) });
    expect(totals).toMatchObject({ events: 1234, accepted: 1234, duplicates: 0, conflicts: [], requests: 3, retries: 0 });
    expect(progress.sort()).toEqual([234, 500, 500]);
    for (const r of received) {
      expect(r.headers['content-type']).toBe('application/json');
      const headers = {
        'webhook-id': String(r.headers['webhook-id']),
        'webhook-timestamp': String(r.headers['webhook-timestamp']),
        'webhook-signature': String(r.headers['webhook-signature']),
      };
      expect(() => new Webhook(SECRET).verify(r.body, headers)).not.toThrow();
    }
  });

  it('reports conflicts with their index in the whole list', async () => {
    const { baseUrl } = await fakeEndpoint((r) => {
      const events = (JSON.parse(r.body) as { events: { id: string }[] }).events;
      const conflicts = events.map((e, index) => ({ id: e.id, index })).filter((c) => c.id === 'evt_7' || c.id === 'evt_12');
      return { status: 200, body: { accepted: events.length - conflicts.length, duplicates: 0, conflicts } };
    });
    const totals = await postEvents({ baseUrl, secret: SECRET, events: makeEvents(15), batchSize: 5 });
    expect(totals.conflicts).toEqual([
      { id: 'evt_7', index: 7 },
      { id: 'evt_12', index: 12 },
    ]);
    expect(totals.accepted).toBe(13);
  });

  it('retries a 5xx with the same webhook-id and a fresh signature', async () => {
    const { baseUrl, received } = await fakeEndpoint((r, i) => (i === 0 ? { status: 503, body: { title: 'busy' } } : accepted(r)));
    const totals = await postEvents({ baseUrl, secret: SECRET, events: makeEvents(3), retryDelayMs: 1 });
    expect(totals).toMatchObject({ accepted: 3, requests: 2, retries: 1 });
    expect(received[1]?.headers['webhook-id']).toBe(received[0]?.headers['webhook-id']);
  });

  it('gives up after the retries with the last problem', async () => {
    const { baseUrl, received } = await fakeEndpoint(() => ({ status: 500, body: { title: 'broken' } }));
    await expect(postEvents({ baseUrl, secret: SECRET, events: makeEvents(3), retries: 2, retryDelayMs: 1 })).rejects.toThrow(/after 3 attempts.*HTTP 500/);
    expect(received).toHaveLength(3);
  });

  it('stops at a 4xx without retrying and shows the problem body', async () => {
    const problem = { type: 'about:blank', title: 'Invalid events', status: 422, errors: [{ index: 0, id: 'evt_0', errors: [{ path: 'data.amount', message: 'required' }] }] };
    const { baseUrl, received } = await fakeEndpoint(() => ({ status: 422, body: problem }));
    const error = await postEvents({ baseUrl, secret: SECRET, events: makeEvents(3), retryDelayMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).status).toBe(422);
    expect((error as IngestError).message).toContain('"path": "data.amount"');
    expect(received).toHaveLength(1);
  });

  it('retries when the server cannot be reached, then fails loudly', async () => {
    const { baseUrl } = await fakeEndpoint((r) => accepted(r));
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await expect(postEvents({ baseUrl, secret: SECRET, events: makeEvents(1), retries: 1, retryDelayMs: 1 })).rejects.toThrow(/network error/);
  });
});
