import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { makeSale, postEvents, read, recompute } from './helpers.ts';
import { acquireLease } from '../../worker/db/leases.ts';

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
    const results = (await Promise.all([runRecompute(env), runRecompute(env)])).filter((r) => r !== null);
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(new Set(results.map((r) => r.snapshot_id)).size).toBe(1);
    const { n } = (await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE snapshot_id = ?1').bind(results[0]!.snapshot_id).first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it('skips while another recompute holds the lease, and runs once it has expired', async () => {
    const now = Date.now();
    expect(await acquireLease(env.DB, 'recompute', 'someone-else', now, 60_000)).toBe(true);
    expect(await runRecompute(env, { nowMs: now })).toBeNull();
    const busy = await recompute();
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await runRecompute(env, { nowMs: now + 60_001 })).not.toBeNull();
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM leases").first('n')).toBe(0);
  });

  it('calls DEPLOY_HOOK_URL once per new snapshot, not when nothing changed', async () => {
    const calls: { url: string; body: string }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: String(init.body) });
      return new Response('ok');
    }) as unknown as typeof fetch;
    const hooked = { ...env, DEPLOY_HOOK_URL: 'https://pages.example/deploy-hook' };
    await postEvents(makeSale({ id: 'hook_1' }));
    const first = await runRecompute(hooked, { fetcher });
    await runRecompute(hooked, { fetcher });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://pages.example/deploy-hook');
    expect(JSON.parse(calls[0]!.body)).toEqual({ event: 'snapshot.created', snapshot_id: first!.snapshot_id, as_of: first!.as_of });
  });

  it('keeps only SNAPSHOT_RETAIN versions, never the newest', async () => {
    for (let i = 0; i < 3; i++) {
      await postEvents(makeSale({ id: `prune_${i}` }));
      expect(await runRecompute({ ...env, SNAPSHOT_RETAIN: '2' })).not.toBeNull();
    }
    const { results } = await env.DB.prepare('SELECT version FROM snapshots ORDER BY version').all<{ version: number }>();
    expect(results).toHaveLength(2);
    const latest = await (await read('/v1/snapshot')).json() as { version: number; snapshot_id: string };
    expect(latest.version).toBe(results[1]!.version);
    const orphans = await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshot_kpi_blocks WHERE parts_id NOT IN (SELECT parts_id FROM snapshots)').first('n');
    expect(orphans).toBe(0);
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

  it('still decodes stored events after ORG_CURRENCY changes (their currency was checked on arrival)', async () => {
    await postEvents(makeSale({ id: 'cur_1', data: { rep_id: 'rep_cur', amount: 3, currency: 'USD' } }));
    const result = await runRecompute({ ...env, ORG_CURRENCY: 'EUR' });
    expect(result).not.toBeNull();
    const snapshot = (await (await read('/v1/snapshot')).json()) as { currency: string };
    expect(snapshot.currency).toBe('EUR');
    await runRecompute(env);
  });

  it('answers 500 naming the setting when ORG_TIMEZONE is not a zone', async () => {
    await expect(runRecompute({ ...env, ORG_TIMEZONE: 'Mars/Olympus' })).rejects.toThrow(/ORG_TIMEZONE/);
  });
});
