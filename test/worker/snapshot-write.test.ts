/**
 * Writing a snapshot: its parts in batches of bounded size, its head last (the snapshot appears
 * whole or not at all), and the parts of a run that died before its head pruned.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundChars, runInBatches } from '../../worker/db/batched-write.ts';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { FIXTURE_EVENTS } from './fixture-company.ts';
import { makeSale, postEvents, read } from './helpers.ts';

const PART_TABLES = ['snapshot_series', 'snapshot_appraisals', 'snapshot_customers', 'snapshot_lists'];

async function deleteSnapshot(id: string): Promise<void> {
  await env.DB.batch([
    ...PART_TABLES.map((table) => env.DB.prepare(`DELETE FROM ${table} WHERE snapshot_id = ?1`).bind(id)),
    env.DB.prepare('DELETE FROM snapshots WHERE snapshot_id = ?1').bind(id),
  ]);
}

describe('runInBatches', () => {
  it('runs every statement, in order, in batches no larger than the budget (a larger statement alone)', async () => {
    await env.DB.exec('CREATE TABLE t_batches (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const texts = ['aaaa', 'bb', 'cccccc', 'd', 'eeeeeeeeeeee', 'ff'];
    const statements = texts.map((text, n) => ({ statement: env.DB.prepare('INSERT INTO t_batches (n, text) VALUES (?1, ?2)').bind(n, text), chars: boundChars([n, text]) }));
    expect(statements.map((s) => s.chars)).toEqual([12, 10, 14, 9, 20, 10]);
    // 12+10 | 14 | 9 | 20 | 10 within 22 characters a batch.
    expect(await runInBatches(env.DB, statements, 22)).toBe(5);
    const { results } = await env.DB.prepare('SELECT n, text FROM t_batches ORDER BY n').all();
    expect(results).toEqual(texts.map((text, n) => ({ n, text })));
  });
});

describe('writing a snapshot', () => {
  beforeAll(async () => {
    expect((await postEvents({ events: FIXTURE_EVENTS })).status).toBe(200);
  });

  it('writes the same snapshot statement by statement as in one go', async () => {
    const tiny = (await runRecompute(env, { writeBatchChars: 1 }))!;
    expect(tiny.created).toBe(true);
    // The same document but for its version (the number of the write: the second write is version 2).
    const document = async () => (await (await read('/v1/snapshot')).text()).replace(/"version":\d+,/, '');
    const piecewise = await document();
    await deleteSnapshot(tiny.snapshot_id);
    const whole = (await runRecompute(env))!;
    expect(whole.snapshot_id).toBe(tiny.snapshot_id);
    expect(whole.created).toBe(true);
    expect(await document()).toBe(piecewise);
    expect(piecewise.length).toBeGreaterThan(10_000);
  });

  it('shows no snapshot whose head is missing, and prunes its parts with the next snapshot', async () => {
    const before = (await runRecompute(env))!;
    // Parts of a run that died before its head: invisible to readers.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO snapshot_series (snapshot_id, position, scope, scope_id, grain, rows) VALUES ('snap_dead', 0, 'company', '', 'day', '[]')"),
      env.DB.prepare("INSERT INTO snapshot_lists (snapshot_id, list, chunk, rows) VALUES ('snap_dead', 'wins', 0, '[]')"),
    ]);
    const latest = (await (await read('/v1/snapshot')).json()) as { snapshot_id: string };
    expect(latest.snapshot_id).toBe(before.snapshot_id);
    expect((await read('/v1/snapshot?id=snap_dead')).status).toBe(404);
    await postEvents(makeSale({ id: 'write_next' }));
    const next = (await runRecompute(env))!;
    expect(next.created).toBe(true);
    for (const table of PART_TABLES) {
      expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE snapshot_id = 'snap_dead'`).first('n'), table).toBe(0);
    }
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshot_series WHERE snapshot_id = ?1').bind(next.snapshot_id).first('n')).toBeGreaterThan(10);
  });
});
