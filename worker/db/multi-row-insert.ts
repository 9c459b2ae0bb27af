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

/**
 * Characters of rows per JSON-array insert (the array's own, escaping counted): D1 allows
 * 2,000,000 bytes per bound value, and a character is at most 3 bytes of UTF-8 (ids may be any
 * text), so 600,000 characters always fit.
 */
const JSON_INSERT_CHARS = 600_000;

/**
 * INSERT statements for rows of values, many rows to a statement as one bound JSON array:
 * `INSERT ... SELECT value ->> 0, ... FROM json_each(?1)`. D1 allows 100 bound parameters but
 * 2 MB per value, so a few thousand rows go in a few statements instead of hundreds (D1 allows
 * 1,000 queries per invocation). Values must be JSON-representable (text, numbers, null).
 *
 * @example jsonRowsInsert(db, 'w_named_blocks', ['scope', 'scope_id', 'grain', 'block'], [['rep', 'rep_a', 'day', '2026-11']])
 */
export function jsonRowsInsert(db: D1Database, table: string, columns: readonly string[], rows: readonly unknown[][], verb = 'INSERT'): SizedStatement[] {
  const sql = `${verb} INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?1)`;
  const statements: SizedStatement[] = [];
  let chunk: string[] = [];
  let chars = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const json = `[${chunk.join(',')}]`;
    statements.push({ statement: db.prepare(sql).bind(json), chars: json.length });
    chunk = [];
    chars = 0;
  };
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (chars + json.length > JSON_INSERT_CHARS) flush();
    chunk.push(json);
    chars += json.length;
  }
  flush();
  return statements;
}
