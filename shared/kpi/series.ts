/**
 * KPI rows grouped into series (one per scope, id and grain), each cut into blocks of periods
 * (a month of days, a year of weeks, months or quarters, a year's own row) and written as exact
 * JSON: the unit in which snapshots are stored, hashed and shared. A recompute's new figures
 * touch a few periods of each series, so most of a series' blocks are the same text as in the
 * snapshot before, and are named there instead of stored again.
 */
import { stringifyExact } from '../json/exact-number.ts';
import { formatUnits } from '../money.ts';
import type { KpiRowUnits } from './build-kpis.ts';

export interface KpiBlock {
  /** Order of the block's series in the snapshot (its blocks follow each other in `block` order). */
  position: number;
  scope: string;
  /** '' for the company. */
  scopeId: string;
  grain: string;
  /** {@link blockOf} its periods. */
  block: string;
  /** JSON array of the block's rows, money written exactly. */
  rowsJson: string;
}

/**
 * The block a period's row is stored in: its month for a day (`2026-11`), its year for a week
 * (the ISO week-year), a month, a quarter or a year. Labels sort as text, so a series' blocks
 * are runs of its rows in order.
 *
 * @example blockOf('day', '2026-11-20') // '2026-11'
 * @example blockOf('week', '2026-W01')  // '2026'
 */
export function blockOf(grain: string, period: string): string {
  return period.slice(0, grain === 'day' ? 7 : 4);
}

/** JSON text with `bigint` money units written as exact decimal numbers. */
export function toExactJson(value: unknown): string {
  return stringifyExact(value, formatUnits);
}

/** Rows as JSON arrays of at most `perChunk` rows each (none for no rows): stored values stay far below D1's 2 MB. */
export function toExactJsonChunks(rows: readonly unknown[], perChunk: number): string[] {
  return [...exactJsonChunks(rows, perChunk)];
}

/** {@link toExactJsonChunks}, one chunk at a time as it is asked for. */
export function* exactJsonChunks(rows: readonly unknown[], perChunk: number): Generator<string> {
  for (let i = 0; i < rows.length; i += perChunk) yield toExactJson(rows.slice(i, i + perChunk));
}

/** Rows already in snapshot order, a series (scope, id, grain) at a time. */
export function* seriesRows(rows: readonly KpiRowUnits[]): Generator<KpiRowUnits[]> {
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    const first = rows[start]!;
    const row = rows[i];
    if (row && row.scope === first.scope && row.id === first.id && row.grain === first.grain) continue;
    yield rows.slice(start, i);
    start = i;
  }
}

/** The key of a block within a snapshot: its series and its periods. */
export function kpiBlockKey(b: { scope: string; scopeId: string; grain: string; block: string }): string {
  return JSON.stringify([b.scope, b.scopeId, b.grain, b.block]);
}

/**
 * A block not built but named: its text is the snapshot before's (the Worker's recompute knows
 * it unchanged), stored under `rowsPartsId`, with that text's `digest` and the `inputs` digest
 * of what its rows take from outside the sales cells (blockInputTexts).
 */
export interface NamedKpiBlock {
  scope: string;
  scopeId: string;
  grain: string;
  block: string;
  digest: string;
  rowsPartsId: string;
  inputs: string;
}

/** A series as the KPI build gives it: the rows it built, and the blocks it names instead (none without a snapshot before). */
export interface SeriesParts {
  rows: readonly KpiRowUnits[];
  named?: readonly NamedKpiBlock[];
}

/** A block as stored: built (its text) or named, with its series' position. */
export type KpiBlockToStore = { kind: 'built'; block: KpiBlock } | { kind: 'named'; position: number; named: NamedKpiBlock };

/**
 * Series as stored, a block at a time as it is asked for: a recompute writes each series while
 * it builds the next, and never holds all their texts (a large company's come to hundreds of MB).
 * A series' built and named blocks come in block order.
 */
export function* blocksOf(groups: Iterable<SeriesParts>): Generator<KpiBlockToStore> {
  let position = 0;
  for (const { rows, named = [] } of groups) {
    const first = rows[0];
    const anyNamed = named[0];
    if (first === undefined && anyNamed === undefined) continue;
    const series = first ? { position, scope: first.scope as string, scopeId: first.id ?? '', grain: first.grain as string } : { position, scope: anyNamed!.scope, scopeId: anyNamed!.scopeId, grain: anyNamed!.grain };
    position++;
    let n = 0;
    for (let start = 0; start < rows.length; ) {
      const block = blockOf(series.grain, rows[start]!.period);
      while (n < named.length && named[n]!.block < block) yield { kind: 'named', position: series.position, named: named[n++]! };
      let end = start + 1;
      while (end < rows.length && blockOf(series.grain, rows[end]!.period) === block) end++;
      yield { kind: 'built', block: { ...series, block, rowsJson: toExactJson(rows.slice(start, end)) } };
      start = end;
    }
    while (n < named.length) yield { kind: 'named', position: series.position, named: named[n++]! };
  }
}
