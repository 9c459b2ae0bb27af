import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSale, postEvents, read, recompute } from './helpers.ts';

interface Snapshot {
  data_quality: {
    events_by_type: Record<string, number>;
    events_by_day: { day: string; type: string; source: string; events: number }[];
    rejected_requests: { day: string; source: string; reason: string; requests: number; events: number }[];
    conflicts: { count: number; recent: { event_id: string; source: string; webhook_id: string }[] };
    late_arrivals: { threshold_hours: number; by_type_source: { type: string; source: string; events: number; max_delay_hours: number }[] };
    orphan_refunds: unknown[];
    unattributed_sales: { sale_id: string }[];
  };
}

describe('data quality in the snapshot', () => {
  let quality: Snapshot['data_quality'];
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const now = Date.now();
    const recent = new Date(now - 3_600_000).toISOString(); // an hour ago: on time
    const old = new Date(now - 10 * 86_400_000).toISOString(); // ten days ago: late
    expect((await postEvents({ events: [makeSale({ id: 'dq_1', occurred_at: recent }), makeSale({ id: 'dq_2', occurred_at: old })] })).status).toBe(200);
    // A conflict: same id, other content.
    await postEvents(makeSale({ id: 'dq_1', occurred_at: recent, data: { amount: '999' } }), { webhookId: 'msg_conflict' });
    // Rejections: one unsigned, one invalid batch of two events.
    expect((await postEvents(makeSale({ id: 'dq_x' }), { signature: null })).status).toBe(401);
    const invalid = { events: [makeSale({ id: 'dq_y', data: { amount: -1 } }), makeSale({ id: 'dq_z' })] };
    expect((await postEvents(invalid)).status).toBe(422);
    expect((await recompute()).status).toBe(200);
    quality = ((await (await read('/v1/snapshot')).json()) as Snapshot).data_quality;
  });

  it('counts stored events per day of receipt, type and source', () => {
    expect(quality.events_by_day).toEqual([{ day: today, type: 'sale.closed', source: 'crm', events: 2 }]);
    expect(quality.events_by_type).toEqual({ 'sale.closed': 2 });
  });

  it('counts rejected requests by reason and source, storing none of them', async () => {
    expect(quality.rejected_requests).toEqual([
      { day: today, source: '', reason: 'invalid-signature', requests: 1, events: 0 },
      { day: today, source: 'crm', reason: 'invalid-events', requests: 1, events: 2 },
    ]);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM events WHERE id IN ('dq_x', 'dq_y', 'dq_z')").first('n')).toBe(0);
  });

  it('lists conflicts with the delivery that carried them', () => {
    expect(quality.conflicts).toEqual({ count: 1, recent: [expect.objectContaining({ event_id: 'dq_1', source: 'crm', webhook_id: 'msg_conflict' })] });
  });

  it('reports late arrivals by type and source', () => {
    expect(quality.late_arrivals.threshold_hours).toBe(24);
    expect(quality.late_arrivals.by_type_source).toEqual([{ type: 'sale.closed', source: 'crm', events: 1, max_delay_hours: expect.closeTo(240, 1) }]);
  });

  it('lists sales credited to no team', () => {
    expect(quality.unattributed_sales.map((s) => s.sale_id).sort()).toEqual(['s_dq_1', 's_dq_2']);
  });
});
