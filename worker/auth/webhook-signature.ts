/**
 * Standard Webhooks v1 (symmetric) verification: `webhook-signature` holds space-separated
 * `v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{raw body}`; any configured
 * secret may match (rotation); the timestamp must be within 300 s of now either way.
 */
import type { WebhookSecret } from '../env.ts';

export const TIMESTAMP_TOLERANCE_S = 300;

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

const keys = new WeakMap<Uint8Array<ArrayBuffer>, Promise<CryptoKey>>();

function hmacKey(secret: WebhookSecret): Promise<CryptoKey> {
  let key = keys.get(secret.key);
  if (!key) {
    key = crypto.subtle.importKey('raw', secret.key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret.key, key);
  }
  return key;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * The source whose secret signed this request, or null when none did (or the headers are
 * missing, malformed or outside the tolerance). Uses `crypto.subtle.verify`, which compares in
 * constant time.
 */
export async function verifyWebhook(
  headers: WebhookHeaders,
  body: Uint8Array,
  secrets: readonly WebhookSecret[],
  nowSeconds: number,
): Promise<string | null> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return null;
  if (Math.abs(nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_S) return null;
  const signatures = signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => decodeBase64(s.slice(3)))
    .filter((s): s is Uint8Array<ArrayBuffer> => s !== null && s.length === 32);
  if (signatures.length === 0) return null;
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const candidate of signatures) {
      if (await crypto.subtle.verify('HMAC', key, candidate, signed)) return secret.source;
    }
  }
  return null;
}

/** Signs like a Standard Webhooks sender: `v1,<base64>`. For tests and tools. */
export async function signWebhook(secret: WebhookSecret, id: string, timestamp: number, body: string): Promise<string> {
  const key = await hmacKey(secret);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}
