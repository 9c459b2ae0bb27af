/**
 * Reads a large table in pages: D1 returns at most 50 MB per query, and a million resolved sales
 * are about twice that. Keyset pages (`WHERE key > last ORDER BY key LIMIT n`) on an indexed key,
 * each a query of its own: at 100,000 rows a page, a million rows are 10 of D1's 1,000 queries
 * per invocation. Callers hold the recompute lease, so no writer moves rows between pages.
 */

/** Rows per page: about 10-15 MB of the resolved tables' rows. */
export const PAGE_ROWS = 100_000;

/**
 * Every row of `select` (SQL with `{after}` where the page condition goes and ending in
 * `ORDER BY <key> LIMIT ?2`; `?1` is the last key seen), as arrays; `keyOf` reads the key from a row.
 *
 * @example await pagedRaw(db, 'SELECT sale_id, day FROM w_sales WHERE {after} ORDER BY sale_id LIMIT ?2', 'sale_id', (r) => r[0])
 */
export async function pagedRaw<Row extends unknown[]>(
  db: D1Database,
  select: string,
  keyColumn: string,
  keyOf: (row: Row) => string | number,
  pageRows: number = PAGE_ROWS,
): Promise<Row[]> {
  if (!select.includes('{after}')) throw new Error('pagedRaw: the SQL needs an {after} placeholder for the page condition');
  const first = db.prepare(select.replace('{after}', '1 = 1').replace('?2', '?1'));
  const next = db.prepare(select.replace('{after}', `${keyColumn} > ?1`));
  const rows: Row[] = [];
  let page = await first.bind(pageRows).raw<Row>();
  for (;;) {
    for (const row of page) rows.push(row);
    if (page.length < pageRows) return rows;
    page = await next.bind(keyOf(page.at(-1)!), pageRows).raw<Row>();
  }
}
