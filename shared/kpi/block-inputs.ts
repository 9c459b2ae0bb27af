/**
 * What a KPI block's rows take from outside the sales cells, as text: the recompute stores its
 * digest with the block, and names a block (instead of building it) only when the digest is the
 * same as the snapshot before's and no sales of its days changed since (worker/recompute).
 * Only the day, week and month grains are named that way: a quarter's and a year's rows are
 * few, and the appraisals read them. Pure.
 *
 * A row's other inputs are its process tallies (surveys, visits, complaints, opportunities),
 * whether it exists without sales (a target's period begun by as_of), its revenue target
 * (months only: weeks and days have none) and the company's market size (months). The text
 * lists them by period; arrays of hours and days are sorted, so arrival order does not matter.
 */
import type { Grain } from '../snapshot.ts';
import type { ProcessCells, Tallies } from './build-kpis.ts';
import { blockOf, kpiBlockKey } from './series.ts';

/** The grains whose blocks may be named without being built. */
export const NAMEABLE_GRAINS: readonly Grain[] = ['day', 'week', 'month'];

type Entry = { tallies: Tallies | null; exists: boolean; target: string | null; market: string | null };

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/**
 * The text of each nameable block's other inputs, by kpiBlockKey; a block with none has no
 * entry (its text is '').
 *
 * @example blockInputTexts(processCells(events, { timezone: 'UTC', asOfMs })).get(kpiBlockKey({ scope: 'rep', scopeId: 'rep_a', grain: 'day', block: '2026-11' }))
 */
export function blockInputTexts(process: ProcessCells): Map<string, string> {
  const blocks = new Map<string, Map<string, Entry>>();
  const entry = (scope: string, scopeId: string, grain: Grain, period: string): Entry => {
    const key = kpiBlockKey({ scope, scopeId, grain, block: blockOf(grain, period) });
    let periods = blocks.get(key);
    if (!periods) blocks.set(key, (periods = new Map()));
    let e = periods.get(period);
    if (!e) periods.set(period, (e = { tallies: null, exists: false, target: null, market: null }));
    return e;
  };
  for (const c of process.cells.values()) {
    if (!NAMEABLE_GRAINS.includes(c.grain)) continue;
    const e = entry(c.scope, c.id ?? '', c.grain, c.period);
    e.exists = true;
    if (c.tallies) e.tallies = { ...c.tallies, resolutionHours: sorted(c.tallies.resolutionHours), cycleDays: sorted(c.tallies.cycleDays) };
  }
  for (const t of process.targets.versions()) {
    if (t.period.length !== 7 || t.period.includes('Q')) continue;
    const target = process.targets.targetFor(t.scope, t.scopeId, 'month', t.period);
    if (target !== null) entry(t.scope, t.scopeId ?? '', 'month', t.period).target = String(target);
  }
  for (const [key, size] of process.wholeMarket) {
    const [grain, period] = key.split('|') as [Grain, string];
    if (grain === 'month') entry('company', '', 'month', period).market = String(size);
  }
  const texts = new Map<string, string>();
  for (const [key, periods] of blocks) {
    const list = [...periods].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, e]) => [period, e.exists, e.tallies, e.target, e.market]);
    texts.set(key, JSON.stringify(list));
  }
  return texts;
}
