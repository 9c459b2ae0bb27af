/**
 * Writes in batches of bounded size. A `batch()` is one request to D1 and one transaction; the
 * Worker holds the request's bytes while it sends it, so a snapshot of hundreds of MB goes in
 * batches of a few MB. Callers make the result visible atomically by other means (a snapshot's
 * head row, written last).
 */
import { rangesBySize } from './paged-read.ts';

/** A statement and the characters of text it binds (what its request weighs). */
export interface SizedStatement {
  statement: D1PreparedStatement;
  chars: number;
}

/** The characters a row of bound values weighs: its strings' lengths (a number or null counts 8). */
export function boundChars(values: readonly unknown[]): number {
  let chars = 0;
  for (const value of values) chars += typeof value === 'string' ? value.length : 8;
  return chars;
}

/** Runs the statements in order, in consecutive batches of at most `maxChars` (a larger statement alone). */
export async function runInBatches(db: D1Database, statements: readonly SizedStatement[], maxChars: number): Promise<number> {
  const ranges = rangesBySize(statements.map((s, i) => ({ key: i, size: s.chars })), maxChars);
  for (const { first, last } of ranges) await db.batch(statements.slice(first, last + 1).map((s) => s.statement));
  return ranges.length;
}
