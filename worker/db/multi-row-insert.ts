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

/** Texts bound per statement of {@link jsonRowsWithTextInsert} (D1 allows 100 parameters; one carries the array). */
const TEXTS_PER_STATEMENT = 99;
/** Characters bound per statement of {@link jsonRowsWithTextInsert} (its array and its texts): a request of a few MB at most. */
const TEXT_INSERT_CHARS = 2_000_000;

/**
 * {@link jsonRowsInsert} for rows whose last value is a long text (a stored JSON document): the
 * other values go in one bound JSON array, and each row's text is a parameter of its own, picked
 * by the row's place in the array. The texts are then neither escaped into the array nor parsed
 * out of it again (at a million sales, the KPI blocks an incremental run stores, 10 MB of JSON
 * rows, were written in about two thirds of the time). Up to 99 rows a statement; each text must
 * stay under D1's 2 MB per value.
 *
 * @example jsonRowsWithTextInsert(db, 'snapshot_kpi_blocks', ['parts_id', 'block', 'rows'], [['p1', '2026-11', '[{"period":"2026-11-01"}]']])
 */
export function jsonRowsWithTextInsert(db: D1Database, table: string, columns: readonly string[], rows: readonly unknown[][], verb = 'INSERT'): SizedStatement[] {
  const values = columns.length - 1;
  const statements: SizedStatement[] = [];
  let metas: string[] = [];
  let texts: string[] = [];
  let chars = 0;
  const flush = () => {
    if (texts.length === 0) return;
    const json = `[${metas.join(',')}]`;
    const text = `CASE key ${texts.map((_, i) => `WHEN ${i} THEN ?${i + 2}`).join(' ')} END`;
    const sql = `${verb} INTO ${table} (${columns.join(', ')}) SELECT ${[...Array.from({ length: values }, (_, i) => `value ->> ${i}`), text].join(', ')} FROM json_each(?1)`;
    statements.push({ statement: db.prepare(sql).bind(json, ...texts), chars: json.length + texts.reduce((n, t) => n + t.length, 0) });
    metas = [];
    texts = [];
    chars = 0;
  };
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`jsonRowsWithTextInsert: a row of ${row.length} values for ${columns.length} columns`);
    const text = row[values];
    if (typeof text !== 'string') throw new Error(`jsonRowsWithTextInsert: the last value (${columns[values]}) must be text, got ${typeof text}`);
    const meta = JSON.stringify(row.slice(0, values));
    if (texts.length === TEXTS_PER_STATEMENT || (texts.length > 0 && chars + meta.length + text.length > TEXT_INSERT_CHARS)) flush();
    metas.push(meta);
    texts.push(text);
    chars += meta.length + text.length;
  }
  flush();
  return statements;
}
