// Send one signed event to Quotient, with nothing but Node's standard library.
//   WEBHOOK_SECRET=whsec_... node scripts/examples/send-event.mjs [http://127.0.0.1:8787]
import { createHmac, randomUUID } from 'node:crypto';

const base = process.argv[2] ?? 'http://127.0.0.1:8787';
const secret = process.env.WEBHOOK_SECRET; // the part after "source=" in WEBHOOK_SECRETS
if (!secret?.startsWith('whsec_')) throw new Error('set WEBHOOK_SECRET=whsec_...');

const body = JSON.stringify({
  events: [
    {
      id: `evt_${randomUUID()}`,
      type: 'sale.closed',
      occurred_at: new Date().toISOString(),
      data: { sale_id: `S-${Date.now()}`, rep_id: 'rep_001', customer_id: 'cust_001', amount: '1250.00', cost: '800.00' },
    },
  ],
});
const id = `msg_${randomUUID()}`;
const timestamp = Math.floor(Date.now() / 1000);
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');

const response = await fetch(`${base}/v1/events`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  },
  body,
});
console.log(response.status, await response.text());
