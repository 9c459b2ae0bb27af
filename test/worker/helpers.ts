/** Test helpers for the Worker: signed requests through the real fetch handler. */
import { env, SELF } from 'cloudflare:test';
import { parseWebhookSecrets } from '../../worker/env.ts';
import { signWebhook } from '../../worker/auth/webhook-signature.ts';

/** The first configured secret (source `crm`): the Standard Webhooks test vector's secret. */
export const CRM_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const BASE = 'https://quotient.test';

let counter = 0;

export interface PostOptions {
  secret?: string;
  webhookId?: string;
  timestamp?: number;
  contentType?: string;
  signature?: string | null;
}

/** POSTs a body to /v1/events signed like a Standard Webhooks sender. */
export async function postEvents(body: unknown, options: PostOptions = {}): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const webhookId = options.webhookId ?? `msg_test_${++counter}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = parseWebhookSecrets(`crm=${options.secret ?? CRM_SECRET}`)[0]!;
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
  };
  const signature = options.signature === undefined ? await signWebhook(secret, webhookId, timestamp, text) : options.signature;
  if (signature !== null) headers['webhook-signature'] = signature;
  return SELF.fetch(`${BASE}/v1/events`, { method: 'POST', headers, body: text });
}

/** GET with the read token. */
export function read(path: string, token: string = env.READ_TOKEN): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** POST /v1/admin/recompute with the admin token. */
export function recompute(token: string = env.ADMIN_TOKEN): Promise<Response> {
  return SELF.fetch(`${BASE}/v1/admin/recompute`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
}

/** A sale.closed event with overridable fields. */
export function makeSale(overrides: { id: string; occurred_at?: string; data?: Record<string, unknown> }) {
  return {
    id: overrides.id,
    type: 'sale.closed',
    occurred_at: overrides.occurred_at ?? '2026-03-10T10:00:00Z',
    data: { sale_id: `s_${overrides.id}`, rep_id: 'rep_a', customer_id: 'cust_1', amount: '100', cost: '60', ...overrides.data },
  };
}
