/**
 * Multi-row INSERT statements that stay within D1's limit of 100 bound parameters per
 * statement: as many rows per statement as the column count allows. Run them in one `batch()`
 * to write all rows in one transaction.
 *
 * @example multiRowInsert(db, 'w_zone', ['from_ms', 'offset_ms'], [[0, 3_600_000]])
 */
export function multiRowInsert(db: D1Database, table: string, columns: readonly string[], rows: readonly unknown[][], verb = 'INSERT'): D1PreparedStatement[] {
  const perStatement = Math.floor(100 / columns.length);
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values = chunk.map((_, j) => `(${columns.map((_, k) => `?${j * columns.length + k + 1}`).join(',')})`).join(',');
    statements.push(db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${values}`).bind(...chunk.flat()));
  }
  return statements;
}
