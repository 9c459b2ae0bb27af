/** `POST /v1/events`: signed ingestion. Checks run in api.md's order: 413, 401, 415, 400, 422. */
import { Hono } from 'hono';
import { validateEvent, type FieldError } from '../../shared/events/validate.ts';
import { verifyWebhook } from '../auth/webhook-signature.ts';
import { orgSettings, parseWebhookSecrets, type Env } from '../env.ts';
import { parseEventsBody } from '../ingest/parse-request.ts';
import { readBodyLimited } from '../ingest/read-body.ts';
import { storeEvents, type ValidEvent } from '../ingest/store-events.ts';
import { ProblemError } from '../problem.ts';

export const eventsRoutes = new Hono<{ Bindings: Env }>();

eventsRoutes.post('/', async (c) => {
  const secrets = parseWebhookSecrets(c.env.WEBHOOK_SECRETS);
  const settings = orgSettings(c.env);
  const body = await readBodyLimited(c.req.raw);
  const nowMs = Date.now();
  const webhookId = c.req.header('webhook-id');
  const source = await verifyWebhook(
    { id: webhookId, timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
    body,
    secrets,
    Math.floor(nowMs / 1000),
  );
  if (source === null || webhookId === undefined) {
    throw new ProblemError(401, 'Unauthorized', 'missing or invalid webhook signature, or timestamp outside tolerance', 'invalid-signature');
  }
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new ProblemError(415, 'Unsupported media type', `the body must be sent as application/json, not "${contentType}"`, 'unsupported-media-type');
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  const raws = parseEventsBody(text);

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
  const result = await storeEvents(c.env.DB, valid, { source, webhookId, receivedMs: nowMs });
  return c.json(result, 200);
});
