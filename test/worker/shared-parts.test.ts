/**
 * What a snapshot shares with the one before is named, not stored again: an appraisal period
 * taken over (its record names the parts its rows are stored under: worker/db/reuse-base.ts) and
 * a KPI block whose text is the same (migration 0018). Readers follow the names, and a prune
 * keeps what a standing snapshot names for as long as one does.
 *
 * The small company of reuse-fixture.ts. Build steps: 2025-Q1, 2025-Q2, 2025-Q3, then the year 2025.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRecompute } from '../../worker/recompute/run-recompute.ts';
import { pruneSnapshots } from '../../worker/db/snapshots.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import { postEvents, read } from './helpers.ts';
import { EVENTS, sale, target } from './reuse-fixture.ts';

const partsOf = async (snapshotId: string) => (await env.DB.prepare('SELECT parts_id FROM snapshots WHERE snapshot_id = ?1').bind(snapshotId).first<string>('parts_id'))!;
const periodsStoredUnder = async (partsId: string) =>
  (await env.DB.prepare('SELECT DISTINCT period FROM snapshot_appraisals WHERE parts_id = ?1 ORDER BY period').bind(partsId).raw<[string]>()).map(([p]) => p);
const document = async () => (await read('/v1/snapshot')).text();
/** The document without its version (the head's row number: a snapshot written again gets the next one). */
const withoutVersion = (text: string) => text.replace(/^(\{"schema":"[^"]*","snapshot_id":"[^"]*",)"version":\d+,/, '$1');

/** The KPI blocks stored with their text under the parts, as `scope id grain block`. */
const blocksStoredUnder = async (partsId: string) =>
  (
    await env.DB.prepare('SELECT scope, scope_id, grain, block FROM snapshot_kpi_blocks WHERE parts_id = ?1 AND rows IS NOT NULL ORDER BY 1, 2, 3, 4')
      .bind(partsId)
      .raw<[string, string, string, string]>()
  ).map((key) => key.join(' '));

describe('parts the snapshot before stored are named, not copied', () => {
  let firstParts: string;
  let secondId: string;
  let secondParts: string;
  let secondDocument: string;

  beforeAll(async () => {
    expect((await postEvents({ events: EVENTS })).status).toBe(200);
    firstParts = await partsOf((await runRecompute(env))!.snapshot_id);
    // A sale in Q3: Q1 and Q2 are taken over.
    expect((await postEvents({ events: [sale('A5', 'rep_a', 'c5', 1_000, '2025-09-01T10:00:00Z')] })).status).toBe(200);
    const second = (await runRecompute(env))!;
    expect(second.appraisalSteps).toEqual({ reused: 2, of: 4 });
    secondId = second.snapshot_id;
    secondParts = await partsOf(secondId);
    secondDocument = await document();
  });

  it('stores only the KPI blocks whose text changed (those of September 2025 and the year), and names the others', async () => {
    // A5 (rep_a, t_one, 2025-09-01) changes the company's, t_one's and rep_a's day block of
    // September and their 2025 block of every other grain; rep_b's series are as they were.
    const changed = ['company ', 'team t_one', 'rep rep_a'].flatMap((scope) => [`${scope} day 2025-09`, ...['month', 'quarter', 'week', 'year'].map((g) => `${scope} ${g} 2025`)]);
    expect(await blocksStoredUnder(secondParts)).toEqual(changed.sort());
    const counts = await env.DB.prepare('SELECT COUNT(*) AS blocks, COUNT(rows_parts_id) AS named FROM snapshot_kpi_blocks WHERE parts_id = ?1').bind(secondParts).first<{ blocks: number; named: number }>();
    expect(counts!.named).toBe(counts!.blocks - changed.length);
    expect(counts!.named).toBeGreaterThan(changed.length);
    const names = await env.DB.prepare('SELECT DISTINCT rows_parts_id FROM snapshot_kpi_blocks WHERE parts_id = ?1 AND rows IS NULL').bind(secondParts).raw<[string]>();
    expect(names).toEqual([[firstParts]]);
  });

  it('stores only the periods it built, and names where the others are', async () => {
    expect(await periodsStoredUnder(firstParts)).toEqual(['2025', '2025-Q1', '2025-Q2', '2025-Q3']);
    expect(await periodsStoredUnder(secondParts)).toEqual(['2025', '2025-Q3']);
    const { results } = await env.DB.prepare('SELECT period, rows_parts_id FROM snapshot_appraisal_periods WHERE parts_id = ?1 ORDER BY step')
      .bind(secondParts)
      .all<{ period: string; rows_parts_id: string | null }>();
    expect(results).toEqual([
      { period: '2025-Q1', rows_parts_id: firstParts },
      { period: '2025-Q2', rows_parts_id: firstParts },
      { period: '2025-Q3', rows_parts_id: null },
      { period: '2025', rows_parts_id: null },
    ]);
  });

  it('serves the very document a full rebuild of the same facts stores whole', async () => {
    const served = JSON.parse(secondDocument) as Snapshot;
    expect(served.appraisals.periods.map((p) => [p.period, p.rows.length])).toEqual([
      ['2025-Q1', 2],
      ['2025-Q2', 2],
      ['2025-Q3', 1],
      ['2025', 2],
    ]);
    // A period taken over, and one rep's row of it, as the read API gives them: the rows the document has.
    const q1 = served.appraisals.periods[0]!;
    const period = (await (await read('/v1/appraisals?period=2025-Q1')).json()) as { snapshot_id: string; rows: unknown[] };
    expect(period).toMatchObject({ snapshot_id: secondId, rows: q1.rows });
    const rep = (await (await read('/v1/appraisals?period=2025-Q1&rep=rep_b')).json()) as { rows: unknown[] };
    expect(rep.rows).toEqual(q1.rows.filter((r) => r.rep_id === 'rep_b'));
    // The same snapshot rebuilt in full (its head removed first, so it is written again) stores every period itself.
    await env.DB.prepare('DELETE FROM snapshots WHERE snapshot_id = ?1').bind(secondId).run();
    const full = (await runRecompute(env, { full: true }))!;
    expect(full).toMatchObject({ snapshot_id: secondId, created: true, appraisalSteps: { reused: 0, of: 4 } });
    const fullParts = await partsOf(secondId);
    expect(await periodsStoredUnder(fullParts)).toEqual(['2025', '2025-Q1', '2025-Q2', '2025-Q3']);
    expect(withoutVersion(await document())).toBe(withoutVersion(secondDocument));
    expect(withoutVersion(secondDocument)).not.toBe(secondDocument);
    secondParts = fullParts;
  });

  it('keeps rows a standing snapshot names when their own snapshot is pruned, and deletes them once none does', async () => {
    // A third snapshot takes Q1 and Q2 over from the full rebuild (the reuse base now).
    expect((await postEvents({ events: [sale('B5', 'rep_b', 'c6', 500, '2025-09-02T10:00:00Z')] })).status).toBe(200);
    const third = (await runRecompute(env))!;
    expect(third.appraisalSteps).toEqual({ reused: 2, of: 4 });
    const thirdDocument = await document();
    // Keep only the newest: the full rebuild's head goes, and so do its Q3 and year rows, but not its Q1 and Q2.
    expect(await pruneSnapshots(env.DB, 1)).toBeGreaterThan(0);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshots').first('n')).toBe(1);
    expect(await periodsStoredUnder(secondParts)).toEqual(['2025-Q1', '2025-Q2']);
    expect(await periodsStoredUnder(firstParts)).toEqual([]);
    expect(await document()).toBe(thirdDocument);
    // A target changes what every period shares: the fourth snapshot takes nothing over.
    expect((await postEvents({ events: [target('rep_b', '2025-Q3', 5_000, '2025-01-01T00:00:00Z')] })).status).toBe(200);
    expect((await runRecompute(env))!.appraisalSteps).toEqual({ reused: 0, of: 4 });
    await pruneSnapshots(env.DB, 1);
    // Nothing names the full rebuild's Q1 and Q2 any more.
    expect(await periodsStoredUnder(secondParts)).toEqual([]);
    const standing = await partsOf((JSON.parse(await document()) as { snapshot_id: string }).snapshot_id);
    const { results } = await env.DB.prepare('SELECT DISTINCT parts_id FROM snapshot_appraisals').all<{ parts_id: string }>();
    expect(results.map((r) => r.parts_id)).toEqual([standing]);
    // Every KPI block text left is the standing snapshot's own or one it names.
    const unnamed = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM snapshot_kpi_blocks t WHERE t.rows IS NOT NULL AND t.parts_id <> ?1 AND NOT EXISTS (
         SELECT 1 FROM snapshot_kpi_blocks n WHERE n.parts_id = ?1 AND n.rows_parts_id = t.parts_id AND n.scope = t.scope AND n.grain = t.grain AND n.scope_id = t.scope_id AND n.block = t.block)`,
    )
      .bind(standing)
      .first('n');
    expect(unnamed).toBe(0);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM snapshot_kpi_blocks WHERE parts_id <> ?1 AND rows IS NULL').bind(standing).first('n')).toBe(0);
  });
});
