/**
 * Post events to `POST /v1/events` the way a well-behaved sending system does: signed per
 * Standard Webhooks (using the `standardwebhooks` package itself, so what we send is what any
 * sender's library would send), in batches of up to 500 as `{"events": [...]}`, a few requests in
 * flight, retrying 5xx and network errors (the endpoint is idempotent: redelivery is safe) and
 * stopping loudly on any 4xx with the problem+json body.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The endpoint's answer to one request (api.md). */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  conflicts: { id: string; index: number }[];
}

export interface PostEventsOptions {
  /** Worker origin, e.g. `http://127.0.0.1:8787` (no trailing `/v1`). */
  baseUrl: string;
  /** A `whsec_...` secret configured in the Worker's WEBHOOK_SECRETS. */
  secret: string;
  events: readonly unknown[];
  /** Events per request, 1..1000; default 500. */
  batchSize?: number;
  /** Requests in flight; default 3. */
  concurrency?: number;
  /** Extra attempts after a 5xx, 408, 429 or network error; default 4. */
  retries?: number;
  /** First retry delay in ms, doubled each attempt; default 250. */
  retryDelayMs?: number;
  /** Per-request timeout in ms; default 60,000. */
  timeoutMs?: number;
  /** Called after each batch is stored (batches may finish out of order). */
  onBatch?: (progress: { events: number; result: IngestResult }) => void;
  /** Called before a retry, with the reason. */
  onRetry?: (info: { attempt: number; reason: string }) => void;
}

export interface PostEventsTotals extends IngestResult {
  events: number;
  requests: number;
  retries: number;
  elapsedMs: number;
}

/** The endpoint refused a request (4xx) or kept failing after the retries. */
export class IngestError extends Error {
  readonly status: number | null;
  readonly body: string;
  constructor(message: string, status: number | null, body: string) {
    super(message);
    this.name = 'IngestError';
    this.status = status;
    this.body = body;
  }
}

/** The contract's limit on a request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Standard Webhooks headers for one body: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`).
 *
 * @example
 * signatureHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_1', '{"events":[]}');
 */
export function signatureHeaders(secret: string, msgId: string, body: string, date = new Date()): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(date.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msgId, date, body),
  };
}

/**
 * Split events into request bodies of at most `batchSize` events and {@link MAX_BODY_BYTES}.
 * Each body is returned with the index of its first event.
 */
export function toBatches(events: readonly unknown[], batchSize: number): { start: number; count: number; body: string }[] {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) throw new Error(`invalid batch size: ${batchSize}`);
  const out: { start: number; count: number; body: string }[] = [];
  const add = (start: number, count: number): void => {
    const body = JSON.stringify({ events: events.slice(start, start + count) });
    if (Buffer.byteLength(body) <= MAX_BODY_BYTES) {
      out.push({ start, count, body });
      return;
    }
    if (count === 1) throw new Error(`event ${start} alone is larger than ${MAX_BODY_BYTES} bytes`);
    const half = Math.ceil(count / 2);
    add(start, half);
    add(start + half, count - half);
  };
  for (let start = 0; start < events.length; start += batchSize) add(start, Math.min(batchSize, events.length - start));
  return out;
}

/**
 * Post all events, signed, batched and retried; resolves with the totals, rejects with an
 * {@link IngestError} on the first 4xx (nothing else is sent after it).
 *
 * @example
 * const totals = await postEvents({ baseUrl: 'http://127.0.0.1:8787', secret, events });
 * console.log(totals.accepted, totals.duplicates, totals.conflicts.length);
 */
export async function postEvents(options: PostEventsOptions): Promise<PostEventsTotals> {
  const batchSize = options.batchSize ?? 500;
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/events`;
  const batches = toBatches(options.events, batchSize);
  const started = performance.now();
  const totals: PostEventsTotals = { events: 0, accepted: 0, duplicates: 0, conflicts: [], requests: 0, retries: 0, elapsedMs: 0 };
  let next = 0;
  let failed = false;

  const worker = async (): Promise<void> => {
    while (!failed && next < batches.length) {
      const batch = batches[next++] as (typeof batches)[number];
      try {
        const result = await postBatch(url, batch.body, options, totals);
        totals.events += batch.count;
        totals.accepted += result.accepted;
        totals.duplicates += result.duplicates;
        // The endpoint reports indexes within the request; report them within the whole list.
        for (const c of result.conflicts) totals.conflicts.push({ id: c.id, index: batch.start + c.index });
        options.onBatch?.({ events: batch.count, result });
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  totals.conflicts.sort((a, b) => a.index - b.index);
  totals.elapsedMs = performance.now() - started;
  return totals;
}

async function postBatch(url: string, body: string, options: PostEventsOptions, totals: PostEventsTotals): Promise<IngestResult> {
  const retries = options.retries ?? 4;
  const baseDelay = options.retryDelayMs ?? 250;
  // One message id for every delivery attempt of this batch, as Standard Webhooks intends.
  const msgId = `msg_${randomUUID()}`;
  let lastProblem = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      totals.retries++;
      options.onRetry?.({ attempt, reason: lastProblem });
      await sleep(baseDelay * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
    }
    totals.requests++;
    let response: Response;
    try {
      // Signed afresh on each attempt: the timestamp must be within the 300 s tolerance.
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(options.secret, msgId, body) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      lastProblem = `network error: ${error instanceof Error ? error.message : String(error)}`;
      continue;
    }
    const text = await response.text();
    if (response.ok) return parseResult(text);
    lastProblem = `HTTP ${response.status}: ${text.slice(0, 500)}`;
    if (response.status >= 500 || response.status === 408 || response.status === 429) continue;
    throw new IngestError(`POST ${url} was refused with HTTP ${response.status}:\n${prettyJson(text)}`, response.status, text);
  }
  throw new IngestError(`POST ${url} failed after ${retries + 1} attempts; last: ${lastProblem}`, null, lastProblem);
}

function parseResult(text: string): IngestResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IngestError(`unexpected answer from /v1/events (not JSON): ${text.slice(0, 500)}`, 200, text);
  }
  const r = parsed as Partial<IngestResult>;
  if (typeof r.accepted !== 'number' || typeof r.duplicates !== 'number' || !Array.isArray(r.conflicts)) {
    throw new IngestError(`unexpected answer from /v1/events: ${text.slice(0, 500)}`, 200, text);
  }
  return { accepted: r.accepted, duplicates: r.duplicates, conflicts: r.conflicts };
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
