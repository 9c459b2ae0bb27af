/**
 * A stored snapshot's content_hash is the SHA-256 of its stored content, rebuilt here from the D1
 * rows in the documented order (shared/kpi/snapshot-parts.ts, snapshot-digest.ts), so the
 * streamed digest of the recompute hashes exactly what was written.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_SCHEMA } from '../../shared/snapshot.ts';
import { sha256Hex } from '../../worker/sha256.ts';
import { FIXTURE_EVENTS } from './fixture-company.ts';
import { postEvents, read, recompute } from './helpers.ts';

const ev = (id: string, type: string, occurred_at: string, data: Record<string, unknown>) => ({ id, type, occurred_at, data });

describe('content_hash', () => {
  beforeAll(async () => {
    const process = [
      ev('ch_o1', 'opportunity.opened', '2026-03-01T00:00:00Z', { opportunity_id: 'ch_opp', rep_id: 'rep_a' }),
      ev('ch_o2', 'opportunity.closed', '2026-03-05T00:00:00Z', { opportunity_id: 'ch_opp', outcome: 'won' }),
      ev('ch_t1', 'ticket.opened', '2026-03-02T00:00:00Z', { ticket_id: 'ch_t', customer_id: 'cust_1', kind: 'complaint', rep_id: 'rep_a' }),
    ];
    expect((await postEvents({ events: [...FIXTURE_EVENTS, ...process] })).status).toBe(200);
    expect((await recompute()).status).toBe(200);
  });

  it('is the SHA-256 of the stored texts, newline-joined, in snapshot order (each KPI block and appraisal period as the SHA-256 of its own)', async () => {
    const snapshot = (await (await read('/v1/snapshot')).json()) as { snapshot_id: string; content_hash: string };
    const id = snapshot.snapshot_id;
    const head = (await env.DB.prepare('SELECT * FROM snapshots WHERE snapshot_id = ?1').bind(id).first<Record<string, string>>())!;
    const texts = async (sql: string) => (await env.DB.prepare(sql).bind(id).raw<[string]>()).map(([text]) => text);
    // A KPI block enters as the SHA-256 of its text; the stored digest is that.
    const blockRows = await env.DB.prepare(
      'SELECT rows, digest FROM snapshot_kpi_blocks WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1) ORDER BY position, block',
    )
      .bind(id)
      .raw<[string, string]>();
    const series = await Promise.all(blockRows.map(([rows]) => sha256Hex(rows)));
    expect(blockRows.map(([, digest]) => digest)).toEqual(series);
    // An appraisal period enters as the SHA-256 of its own texts (head, then rows), newline-joined.
    const periodRows = await env.DB.prepare(
      'SELECT period, json FROM snapshot_appraisals WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1) ORDER BY position, rep_id',
    )
      .bind(id)
      .raw<[string, string]>();
    const byPeriod = new Map<string, string[]>();
    for (const [period, json] of periodRows) byPeriod.set(period, [...(byPeriod.get(period) ?? []), json]);
    const appraisals = await Promise.all([...byPeriod.values()].map((texts) => sha256Hex(texts.join('\n'))));
    const customers = await texts('SELECT rows FROM snapshot_customers WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1) ORDER BY chunk');
    const wins = await texts("SELECT rows FROM snapshot_lists WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1) AND list = 'wins' ORDER BY chunk");
    const complaints = await texts("SELECT rows FROM snapshot_lists WHERE parts_id = (SELECT parts_id FROM snapshots WHERE snapshot_id = ?1) AND list = 'complaints' ORDER BY chunk");
    expect(series.length).toBeGreaterThan(10);
    expect(periodRows.length).toBeGreaterThan(2);
    expect(byPeriod.size).toBeGreaterThan(1);
    expect([customers.length, wins.length, complaints.length]).toEqual([1, 1, 1]);
    const content = [
      SNAPSHOT_SCHEMA,
      head.timezone,
      head.currency,
      head.teams,
      head.reps,
      head.markets,
      head.targets,
      head.pacing,
      head.data_quality,
      ...series,
      head.appraisals,
      ...appraisals,
      ...customers,
      head.customer_summary,
      ...wins,
      '',
      ...complaints,
    ].join('\n');
    expect(head.content_hash).toBe(snapshot.content_hash);
    expect(snapshot.content_hash).toBe(await sha256Hex(content));
    // Any stored text changed, and the hash no longer matches.
    expect(await sha256Hex(content.replace('"ch_opp"', '"ch_opq"'))).not.toBe(snapshot.content_hash);
  });
});
