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

/**
 * Groups rows (already in snapshot order) into series, one at a time as it is asked for: a
 * recompute writes each series while it builds the next, and never holds all their texts (a
 * large company's come to hundreds of MB). With `release`, each series' rows are cleared from
 * `rows` once its text is built, so the rows are let go as the texts are made (the caller must
 * not read `rows` after).
 */
export function* seriesOf(rows: KpiRowUnits[], release = false): Generator<KpiSeries> {
  let start = 0;
  let position = 0;
  for (let i = 1; i <= rows.length; i++) {
    const first = rows[start]!;
    const row = rows[i];
    if (row && row.scope === first.scope && row.id === first.id && row.grain === first.grain) continue;
    const series = { position: position++, scope: first.scope, scopeId: first.id ?? '', grain: first.grain, rowsJson: toExactJson(rows.slice(start, i)) };
    if (release) (rows as (KpiRowUnits | undefined)[]).fill(undefined, start, i);
    yield series;
    start = i;
  }
  if (release) rows.length = 0;
}
