import { boundChars, type SizedStatement } from './batched-write.ts';

/**
 * Multi-row INSERT statements that stay within D1's limit of 100 bound parameters per
 * statement: as many rows per statement as the column count allows. Run them in one `batch()`
 * to write all rows in one transaction. `upsert` (an `ON CONFLICT ... DO ...` clause) follows the
 * rows; SQLite applies it row by row, so two rows of one statement may meet the same key.
 *
 * @example multiRowInsert(db, 'w_zone', ['from_ms', 'offset_ms'], [[0, 3_600_000]])
 */
export function multiRowInsert(db: D1Database, table: string, columns: readonly string[], rows: readonly unknown[][], verb = 'INSERT', upsert = ''): D1PreparedStatement[] {
  return multiRowInsertSized(db, table, columns, rows, verb, upsert).map((s) => s.statement);
}

/** {@link multiRowInsert}, each statement with the text it binds (for {@link runInBatches}). */
export function multiRowInsertSized(db: D1Database, table: string, columns: readonly string[], rows: readonly unknown[][], verb = 'INSERT', upsert = ''): SizedStatement[] {
  const perStatement = Math.floor(100 / columns.length);
  const statements: SizedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values = chunk.map((_, j) => `(${columns.map((_, k) => `?${j * columns.length + k + 1}`).join(',')})`).join(',');
    const bound = chunk.flat();
    statements.push({ statement: db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${values}${upsert === '' ? '' : ` ${upsert}`}`).bind(...bound), chars: boundChars(bound) });
  }
  return statements;
}
