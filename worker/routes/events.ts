/** `POST /v1/events`: signed ingestion. Checks run in api.md's order: 413, 401, 415, 400, 422. */
import { Hono } from 'hono';
import { validateEvent, type FieldError } from '../../shared/events/validate.ts';
import { verifyWebhook } from '../auth/webhook-signature.ts';
import { orgSettings, parseWebhookSecrets, type Env } from '../env.ts';
import { parseEventsBody } from '../ingest/parse-request.ts';
import { readBodyLimited } from '../ingest/read-body.ts';
import { storeEvents, type ValidEvent } from '../ingest/store-events.ts';
import { ProblemError } from '../problem.ts';
import { countRejection } from '../db/data-quality.ts';

export const eventsRoutes = new Hono<{ Bindings: Env }>();

/** What a rejected request is known to be by the time it is rejected, for the rejection count. */
interface RequestFacts {
  source: string;
  events: number;
}

eventsRoutes.post('/', async (c) => {
  const facts: RequestFacts = { source: '', events: 0 };
  try {
    return await ingest(c.req.raw, c.env, facts);
  } catch (error) {
    // Rejections are counted (never stored) so the data-quality report can show a sender what
    // it got wrong. Server errors are not the sender's doing and are not counted.
    if (error instanceof ProblemError && error.status < 500) {
      const day = new Date().toISOString().slice(0, 10);
      await countRejection(c.env.DB, day, facts.source, error.slug, facts.events).catch((e: unknown) => console.error('rejection count failed', e));
    }
    throw error;
  }
});

async function ingest(request: Request, env: Env, facts: RequestFacts): Promise<Response> {
  const secrets = parseWebhookSecrets(env.WEBHOOK_SECRETS);
  const settings = orgSettings(env);
  const body = await readBodyLimited(request);
  const nowMs = Date.now();
  const header = (name: string) => request.headers.get(name) ?? undefined;
  const webhookId = header('webhook-id');
  const source = await verifyWebhook(
    { id: webhookId, timestamp: header('webhook-timestamp'), signature: header('webhook-signature') },
    body,
    secrets,
    Math.floor(nowMs / 1000),
  );
  if (source === null || webhookId === undefined) {
    throw new ProblemError(401, 'Unauthorized', 'missing or invalid webhook signature, or timestamp outside tolerance', 'invalid-signature');
  }
  facts.source = source;
  const contentType = header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new ProblemError(415, 'Unsupported media type', `the body must be sent as application/json, not "${contentType}"`, 'unsupported-media-type');
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  const raws = parseEventsBody(text);
  facts.events = raws.length;

  const valid: ValidEvent[] = [];
  const invalid: { index: number; id: string | null; errors: FieldError[] }[] = [];
  raws.forEach((raw, index) => {
    const result = validateEvent(raw, { currency: settings.currency });
    if (result.ok) valid.push({ raw: raw as Record<string, unknown>, event: result.event });
    else invalid.push({ index, id: result.id, errors: result.errors });
  });
  if (invalid.length > 0) {
    throw new ProblemError(
      422,
      'Invalid events',
      `${invalid.length} of ${raws.length} events are invalid; nothing from this request was stored`,
      'invalid-events',
      { errors: invalid },
    );
  }
  const result = await storeEvents(env.DB, valid, { source, webhookId, receivedMs: nowMs });
  return Response.json(result);
}
