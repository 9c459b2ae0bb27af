/**
 * Writing a snapshot: its parts while they are built, in batches of bounded size, under the run's
 * key; its head last (the snapshot appears whole or not at all); nothing left behind when the
 * content exists already; the parts of a run that died before its head pruned.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundChars, runInBatches } from '../../worker/db/batched-write.ts';
import { SnapshotPartWriter } from '../../worker/db/snapshot-part-writer.ts';
import { PART_TABLES } from '../../worker/db/snapshots.ts';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { FIXTURE_EVENTS } from './fixture-company.ts';
import { makeSale, postEvents, read } from './helpers.ts';



async function deleteSnapshot(id: string): Promise<void> {
  await env.DB.batch([
    ...PART_TABLES.map((table) => env.DB.prepare(`DELETE FROM ${table} WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1)`).bind(id)),
    env.DB.prepare('DELETE FROM snapshots WHERE snapshot_id = ?1').bind(id),
  ]);
}

/** Rows of each part table, and how many of them no head names. */
async function partCounts(): Promise<{ rows: number[]; unnamed: number }> {
  const rows: number[] = [];
  let unnamed = 0;
  for (const table of PART_TABLES) {
    rows.push((await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>('n'))!);
    unnamed += (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE parts_id NOT IN (SELECT parts_id FROM snapshots)`).first<number>('n'))!;
  }
  return { rows, unnamed };
}

const seriesPart = (position: number, rows: string) =>
  ({ table: 'series', block: { position, scope: 'rep', scopeId: `rep_${position}`, grain: 'day', block: '2026-01', rowsJson: rows }, digest: null, inputs: null }) as const;

describe('SnapshotPartWriter', () => {
  const stored = async (partsId: string) =>
    (await env.DB.prepare('SELECT position, rows FROM snapshot_kpi_blocks WHERE parts_id = ?1 ORDER BY position').bind(partsId).all()).results;

  it('holds parts up to the hold, then writes as it goes; finish writes the rest', async () => {
    const writer = new SnapshotPartWriter(env.DB, 'w_hold', { batchChars: 10, holdChars: 25 });
    await writer.add(seriesPart(0, '[1,2,3,4,5,6,7,8]')); // 17 characters: held
    expect(await stored('w_hold')).toEqual([]);
    await writer.add(seriesPart(1, '[9,10,11]')); // 26 held: past the hold, both written
    expect((await stored('w_hold')).map((r) => r.position)).toEqual([0, 1]);
    await writer.add(seriesPart(2, '[12]')); // 4 held, under a batch
    expect(await stored('w_hold')).toHaveLength(2);
    await writer.add({ table: 'lists', list: 'wins', chunk: 0, rows: '[{"a":1}]' }); // 13: a batch's worth
    expect(await stored('w_hold')).toHaveLength(3);
    await writer.add({ table: 'customers', chunk: 0, rows: '[]' });
    await writer.finish();
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM snapshot_customers WHERE parts_id = 'w_hold'").first('n')).toBe(1);
    expect(await env.DB.prepare("SELECT rows FROM snapshot_lists WHERE parts_id = 'w_hold'").first('rows')).toBe('[{"a":1}]');
    await writer.discard();
    for (const table of PART_TABLES) expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE parts_id = 'w_hold'`).first('n'), table).toBe(0);
  });

  it('writes nothing it is told to discard before passing the hold', async () => {
    const writer = new SnapshotPartWriter(env.DB, 'w_small', { batchChars: 10, holdChars: 1_000 });
    await writer.add(seriesPart(0, '[1,2,3,4,5,6,7,8]'));
    await writer.add({ table: 'appraisals', period: '2026-01', position: 0, repId: '', json: '{"period":"2026-01"}' });
    await writer.discard();
    await writer.finish();
    expect(writer.batches).toBe(0);
    expect(await stored('w_small')).toEqual([]);
  });
});

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
    const tiny = (await runRecompute(env, { writeBatchChars: 1, holdChars: 1 }))!;
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

  it('leaves nothing behind when the content exists already, whether it held its parts or wrote them', async () => {
    const first = (await runRecompute(env))!;
    const before = await partCounts();
    expect(before.unnamed).toBe(0);
    // full: build even though nothing was stored since (a run without it stops before building).
    for (const options of [{ full: true }, { full: true, writeBatchChars: 1, holdChars: 1 }]) {
      const again = (await runRecompute(env, options))!;
      expect(again.snapshot_id, JSON.stringify(options)).toBe(first.snapshot_id);
      expect(again.created).toBe(false);
      expect(await partCounts()).toEqual(before);
    }
  });

  it('stops before building when nothing was stored since the latest snapshot, and builds again after a rejection', async () => {
    const first = (await runRecompute(env))!;
    const logged: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const again = (await runRecompute(env))!;
      expect(again).toMatchObject({ snapshot_id: first.snapshot_id, as_of: first.as_of, created: false, salesMode: 'unchanged' });
      expect(logged).toEqual([`recompute skipped: nothing stored since snapshot ${first.snapshot_id}`]);
      // A rejected request is counted in the data-quality section: the next run builds.
      expect((await postEvents({ events: [{ id: 'bad', type: 'sale.closed' }] })).status).toBe(422);
      logged.length = 0;
      const next = (await runRecompute(env))!;
      expect(next.created).toBe(true);
      expect(next.snapshot_id).not.toBe(first.snapshot_id);
      expect(logged.some((line) => line.startsWith('recompute ('))).toBe(true);
    } finally {
      console.log = log;
    }
  });

  it('shows no snapshot whose head is missing, and prunes its parts with the next snapshot', async () => {
    const before = (await runRecompute(env))!;
    // Parts of a run that died before its head: invisible to readers.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO snapshot_kpi_blocks (parts_id, position, scope, scope_id, grain, block, rows) VALUES ('snap_dead', 0, 'company', '', 'day', '2026-01', '[]')"),
      env.DB.prepare("INSERT INTO snapshot_lists (parts_id, list, chunk, rows) VALUES ('snap_dead', 'wins', 0, '[]')"),
    ]);
    const latest = (await (await read('/v1/snapshot')).json()) as { snapshot_id: string };
    expect(latest.snapshot_id).toBe(before.snapshot_id);
    expect((await read('/v1/snapshot?id=snap_dead')).status).toBe(404);
    await postEvents(makeSale({ id: 'write_next' }));
    const next = (await runRecompute(env))!;
    expect(next.created).toBe(true);
    for (const table of PART_TABLES) {
      expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE parts_id = 'snap_dead'`).first('n'), table).toBe(0);
    }
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshot_kpi_blocks WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1)').bind(next.snapshot_id).first('n')).toBeGreaterThan(10);
  });
});
