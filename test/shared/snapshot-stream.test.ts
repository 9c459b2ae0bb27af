/**
 * The pieces a recompute builds one at a time to keep its memory small: KPI rows made a series
 * at a time, and a KPI build that takes over the sales cells it is given.
 */
import { describe, expect, it } from 'vitest';
import { buildKpis, eventsOfType, kpiStream } from '../../shared/kpi/build-kpis.ts';
import { TeamHistory } from '../../shared/kpi/attribution.ts';
import { salesFactsFromEvents } from '../../shared/kpi/sales-cells.ts';
import { blockOf, blocksOf, seriesRows, toExactJson } from '../../shared/kpi/series.ts';
import { arrayItems } from '../../shared/kpi/snapshot-parts.ts';
import { periodLabels } from '../../shared/period.ts';
import { typed } from '../support/typed-events.ts';

const AS_OF_MS = Date.parse('2026-03-31T00:00:00Z');
const EVENTS = typed([
  { id: 't1', type: 'team.upserted', occurred_at: '2025-12-01T00:00:00Z', data: { team_id: 'east', name: 'East' } },
  { id: 'r1', type: 'rep.upserted', occurred_at: '2025-12-01T00:00:00Z', data: { rep_id: 'ana', name: 'Ana', team_id: 'east' } },
  { id: 's1', type: 'sale.closed', occurred_at: '2026-01-05T10:00:00Z', data: { sale_id: 's1', rep_id: 'ana', customer_id: 'c1', amount: '100.50', cost: '60' } },
  { id: 's2', type: 'sale.closed', occurred_at: '2026-02-07T10:00:00Z', data: { sale_id: 's2', rep_id: 'ana', customer_id: 'c1', amount: '40' } },
  { id: 'f1', type: 'sale.refunded', occurred_at: '2026-02-09T10:00:00Z', data: { sale_id: 's1', amount: '10' } },
  { id: 'v1', type: 'customer.contacted', occurred_at: '2026-02-07T09:00:00Z', data: { customer_id: 'c1', rep_id: 'ana', kind: 'visit' } },
  { id: 'q1', type: 'survey.responded', occurred_at: '2026-02-08T09:00:00Z', data: { customer_id: 'c1', rep_id: 'ana', scale: 'csat5', score: 4 } },
]);

describe('kpiStream', () => {
  it('makes the rows a series at a time, in snapshot order, each series once: the rows of buildKpis', () => {
    const reference = buildKpis(EVENTS, { timezone: 'UTC', asOfMs: AS_OF_MS });
    const stream = kpiStream(EVENTS, { timezone: 'UTC', asOfMs: AS_OF_MS });
    const parts = [...stream.series];
    // Nothing named unless asked for.
    expect(parts.every((p) => p.named.length === 0)).toBe(true);
    const groups = parts.map((p) => p.rows);
    expect(groups.length).toBeGreaterThan(10);
    expect(groups.flat()).toEqual(reference.kpis);
    const { series: _series, ...rest } = stream;
    const { kpis: _kpis, ...referenceRest } = reference;
    expect(rest).toEqual(referenceRest);
    // One (scope, id, grain) per series, never split.
    const keys = groups.map((rows) => {
      expect(new Set(rows.map((r) => JSON.stringify([r.scope, r.id, r.grain]))).size).toBe(1);
      return JSON.stringify([rows[0]!.scope, rows[0]!.id, rows[0]!.grain]);
    });
    expect(new Set(keys).size).toBe(keys.length);
    // The stored blocks: the same texts whether the rows come grouped or flat; each block's rows
    // are its series' rows of its periods, and the blocks, joined, are the series.
    const stored = [...blocksOf(parts)];
    expect(stored).toEqual([...blocksOf([...seriesRows(reference.kpis)].map((rows) => ({ rows })))]);
    const blocks = stored.map((b) => (b.kind === 'built' ? b.block : expect.fail('a block named')));
    expect(blocks.length).toBeGreaterThan(groups.length);
    const rowsOf = (json: string) => JSON.parse(json) as { grain: string; period: string }[];
    for (const b of blocks) expect(rowsOf(b.rowsJson).every((r) => blockOf(r.grain, r.period) === b.block)).toBe(true);
    expect(`[${arrayItems(blocks.map((b) => b.rowsJson))}]`).toBe(toExactJson(reference.kpis));
    // Read once: the accumulators are gone.
    expect([...stream.series]).toEqual([]);
  });
});

describe('buildKpis with sales cells given', () => {
  it('gives the reference rows, and takes the cells over (the list is emptied)', () => {
    const reference = buildKpis(EVENTS, { timezone: 'UTC', asOfMs: AS_OF_MS });
    const history = new TeamHistory(eventsOfType(EVENTS, 'rep.upserted'));
    const facts = salesFactsFromEvents(eventsOfType(EVENTS, 'sale.closed'), eventsOfType(EVENTS, 'sale.refunded'), history, (ms) => periodLabels(ms, 'UTC'));
    const cells = facts.cells.length;
    expect(cells).toBeGreaterThan(10);
    const given = buildKpis(EVENTS, { timezone: 'UTC', asOfMs: AS_OF_MS, salesFacts: facts });
    expect(given).toEqual(reference);
    expect(facts.cells).toEqual([]);
    // The February rep month has a sale, a visit and a survey: tallies and sums in one row.
    const february = given.kpis.find((r) => r.scope === 'rep' && r.id === 'ana' && r.grain === 'month' && r.period === '2026-02')!;
    expect([february.revenue, february.refunds, february.visits, february.csat]).toEqual([400_000n, 100_000n, 1, 4]);
  });
});
