import { describe, expect, it } from 'vitest';
import { FIXTURE_EVENTS, shuffled } from './fixture-company.ts';
import { postEvents, read, recompute } from './helpers.ts';
import { buildKpis } from '../../shared/kpi/build-kpis.ts';
import { toExactJson } from '../../shared/kpi/series.ts';
import { validateEvent, type QuotientEvent } from '../../shared/events/index.ts';

// Kept apart from kpis.test.ts: each test file gets its own D1, so this one starts empty.
describe('arrival order and redelivery', () => {
  it('give the same KPI rows as the engine on the events in order, with recomputes in between', async () => {
    const order = shuffled(FIXTURE_EVENTS, 7);
    for (let i = 0; i < order.length; i += 4) {
      expect((await postEvents({ events: order.slice(i, i + 4) })).status).toBe(200);
      expect((await recompute()).status).toBe(200);
    }
    // Redeliver everything, reshuffled: all duplicates, nothing changes.
    const redelivery = await postEvents({ events: shuffled(FIXTURE_EVENTS, 99) });
    expect(await redelivery.json()).toEqual({ accepted: 0, duplicates: FIXTURE_EVENTS.length, conflicts: [] });
    expect((await recompute()).status).toBe(200);

    const snapshot = (await (await read('/v1/snapshot')).json()) as { as_of: string; kpis: unknown[] };
    const inOrder = FIXTURE_EVENTS.map((raw) => {
      const result = validateEvent(raw, { currency: 'USD' });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.event;
    }) as QuotientEvent[];
    const expected = buildKpis(inOrder, { timezone: 'UTC', asOfMs: Date.parse(snapshot.as_of) }).kpis;
    expect(snapshot.kpis).toEqual(JSON.parse(toExactJson(expected)));
    expect(snapshot.kpis.length).toBeGreaterThan(50);
  });
});
