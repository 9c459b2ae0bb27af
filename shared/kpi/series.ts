/**
 * KPI rows grouped into series — one per (scope, id, grain) — and written as exact JSON: the
 * unit in which snapshots are stored and read.
 */
import { stringifyExact } from '../json/exact-number.ts';
import { formatUnits } from '../money.ts';
import type { KpiRowUnits } from './build-kpis.ts';

export interface KpiSeries {
  /** Order of the series in the snapshot. */
  position: number;
  scope: string;
  /** '' for the company. */
  scopeId: string;
  grain: string;
  /** JSON array of the series' rows, money written exactly. */
  rowsJson: string;
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

/**
 * Series as stored, one at a time as it is asked for: a recompute writes each series while it
 * builds the next, and never holds all their texts (a large company's come to hundreds of MB).
 */
export function* seriesOf(groups: Iterable<readonly KpiRowUnits[]>): Generator<KpiSeries> {
  let position = 0;
  for (const rows of groups) {
    const first = rows[0];
    if (first === undefined) continue;
    yield { position: position++, scope: first.scope, scopeId: first.id ?? '', grain: first.grain, rowsJson: toExactJson(rows) };
  }
}
