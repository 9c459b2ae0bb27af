import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../worker/auth/webhook-signature.ts';
import { parseWebhookSecrets } from '../../worker/env.ts';
import { BASE, makeSale, postEvents } from './helpers.ts';
import { SELF } from 'cloudflare:test';

// The Standard Webhooks known-answer vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const vectorSecrets = parseWebhookSecrets(`vector=${VECTOR.secret}`);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('signWebhook', () => {
  it('produces the Standard Webhooks known-answer signature', async () => {
    expect(await signWebhook(vectorSecrets[0]!, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });
});

describe('verifyWebhook', () => {
  const headers = { id: VECTOR.id, timestamp: String(VECTOR.timestamp), signature: VECTOR.signature };

  it('accepts the known-answer vector at its own time and names the source', async () => {
    expect(await verifyWebhook(headers, bytes(VECTOR.body), vectorSecrets, VECTOR.timestamp)).toBe('vector');
  });

  it('accepts within 300 s either way and refuses beyond', async () => {
    const body = bytes(VECTOR.body);
    expect(await verifyWebhook(headers, body, vectorSecrets, VECTOR.timestamp + 300)).toBe('vector');
    expect(await verifyWebhook(headers, body, vectorSecrets, VECTOR.timestamp - 300)).toBe('vector');
    expect(await verifyWebhook(headers, body, vectorSecrets, VECTOR.timestamp + 301)).toBeNull();
    expect(await verifyWebhook(headers, body, vectorSecrets, VECTOR.timestamp - 301)).toBeNull();
  });

  it('refuses a changed body, id or timestamp', async () => {
    const t = VECTOR.timestamp;
    expect(await verifyWebhook(headers, bytes('{"test": 2432232315}'), vectorSecrets, t)).toBeNull();
    expect(await verifyWebhook({ ...headers, id: 'msg_other' }, bytes(VECTOR.body), vectorSecrets, t)).toBeNull();
    expect(await verifyWebhook({ ...headers, timestamp: String(t + 1) }, bytes(VECTOR.body), vectorSecrets, t)).toBeNull();
  });

  it('accepts when any of several listed signatures matches (sender-side rotation)', async () => {
    const signature = `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,ignored ${VECTOR.signature}`;
    expect(await verifyWebhook({ ...headers, signature }, bytes(VECTOR.body), vectorSecrets, VECTOR.timestamp)).toBe('vector');
  });

  it('tries every configured secret (receiver-side rotation) and reports the matching source', async () => {
    const secrets = parseWebhookSecrets(`shop=whsec_c2hvcC1zZWNyZXQtMDEyMzQ1Njc4OQ==,crm=whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=,crm=${VECTOR.secret}`);
    expect(await verifyWebhook(headers, bytes(VECTOR.body), secrets, VECTOR.timestamp)).toBe('crm');
  });
});

describe('POST /v1/events signatures', () => {
  it('accepts a batch signed by the standardwebhooks npm package, unchanged', async () => {
    const body = JSON.stringify({ events: [makeSale({ id: 'sw_1' }), makeSale({ id: 'sw_2' })] });
    const msgId = 'msg_standardwebhooks_1';
    const now = new Date();
    const signature = new Webhook(VECTOR.secret).sign(msgId, now, body);
    const response = await SELF.fetch(`${BASE}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': msgId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 2, duplicates: 0, conflicts: [] });
  });

  it('accepts a rotated secret and records which source signed', async () => {
    const response = await postEvents(makeSale({ id: 'rot_1' }), { secret: 'whsec_c2hvcC1zZWNyZXQtMDEyMzQ1Njc4OQ==', webhookId: 'msg_rot_1' });
    expect(response.status).toBe(200);
    const row = await env.DB.prepare('SELECT source, webhook_id FROM events WHERE id = ?1').bind('rot_1').first();
    expect(row).toEqual({ source: 'shop', webhook_id: 'msg_rot_1' });
  });
});
