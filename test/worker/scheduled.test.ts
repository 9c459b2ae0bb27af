import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { makeSale, postEvents, read } from './helpers.ts';

describe('scheduled handler', () => {
  it('recomputes the snapshot on the cron', async () => {
    await postEvents(makeSale({ id: 'cron_1', data: { amount: '42.4242', cost: '2.4242' } }));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const { rows } = (await (await read('/v1/kpis?scope=company&grain=year')).json()) as { rows: { revenue: number; profit: number }[] };
    expect(rows).toEqual([expect.objectContaining({ period: '2026', revenue: 42.4242, profit: 40 })]);
  });

  it('is safe when two runs overlap: one snapshot, written once', async () => {
    const [a, b] = await Promise.all([runRecompute(env), runRecompute(env)]);
    expect(a.snapshot_id).toBe(b.snapshot_id);
    const { n } = (await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE snapshot_id = ?1').bind(a.snapshot_id).first<{ n: number }>())!;
    expect(n).toBe(1);
  });
});

describe('ORG_TIMEZONE', () => {
  it('puts period boundaries in the org timezone', async () => {
    // 2026-03-31T20:00Z is 2026-04-01 04:00 in Shanghai.
    await postEvents(makeSale({ id: 'tz_1', occurred_at: '2026-03-31T20:00:00Z', data: { rep_id: 'rep_tz', amount: 7 } }));
    await runRecompute({ ...env, ORG_TIMEZONE: 'Asia/Shanghai' });
    const response = (await (await read('/v1/kpis?scope=rep&id=rep_tz&grain=month')).json()) as { timezone: string; rows: { period: string }[] };
    expect(response.timezone).toBe('Asia/Shanghai');
    expect(response.rows.map((r) => r.period)).toEqual(['2026-04']);
    await runRecompute(env);
    const utc = (await (await read('/v1/kpis?scope=rep&id=rep_tz&grain=day')).json()) as { rows: { period: string }[] };
    expect(utc.rows.map((r) => r.period)).toEqual(['2026-03-31']);
  });

  it('answers 500 naming the setting when ORG_TIMEZONE is not a zone', async () => {
    await expect(runRecompute({ ...env, ORG_TIMEZONE: 'Mars/Olympus' })).rejects.toThrow(/ORG_TIMEZONE/);
  });
});
