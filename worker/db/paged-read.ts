/**
 * Reads a large table in pages: D1 returns at most 50 MB per query, and a million resolved sales
 * are about twice that. Keyset pages (`WHERE key > last ORDER BY key LIMIT n`) on an indexed key,
 * each a query of its own: at 100,000 rows a page, a million rows are 10 of D1's 1,000 queries
 * per invocation. Callers read rows no writer moves meanwhile: the recompute's working tables
 * under its lease, or a written snapshot (which never changes).
 */

/** Rows per page: about 10-15 MB of the resolved tables' rows. */
export const PAGE_ROWS = 100_000;

export interface PagedSelect<Row> {
  /** SQL with `{after}` where the page condition goes, ending in `ORDER BY <key> LIMIT ?2`; `?1` is the last key seen, `?3`... are `params`. */
  select: string;
  /** The key column as the SQL names it (`sale_id`, `r.event_id`, `rowid`). */
  key: string;
  keyOf: (row: Row) => string | number;
  pageRows?: number;
  params?: readonly unknown[];
}

/**
 * Every row of the select (as an array), page by page, each turned into what the caller keeps
 * as its page arrives: only one page of raw rows is held at a time (a Worker may use 128 MB).
 *
 * @example await pagedMap(db, { select: 'SELECT sale_id, day FROM w_sales WHERE {after} ORDER BY sale_id LIMIT ?2', key: 'sale_id', keyOf: (r) => r[0] }, ([id, day]) => ({ id, day }))
 */
export async function pagedMap<Row extends unknown[], Out>(db: D1Database, query: PagedSelect<Row>, map: (row: Row) => Out): Promise<Out[]> {
  const { select, key, keyOf, pageRows = PAGE_ROWS, params = [] } = query;
  if (!select.includes('{after}')) throw new Error('pagedMap: the SQL needs an {after} placeholder for the page condition');
  // The first page has no key to follow: ?1 is bound (to null) but not used, so ?2 and ?3... keep their numbers.
  const first = db.prepare(select.replace('{after}', '?1 IS NULL'));
  const next = db.prepare(select.replace('{after}', `${key} > ?1`));
  const out: Out[] = [];
  let page = await first.bind(null, pageRows, ...params).raw<Row>();
  for (;;) {
    for (const row of page) out.push(map(row));
    if (page.length < pageRows) return out;
    page = await next.bind(keyOf(page.at(-1)!), pageRows, ...params).raw<Row>();
  }
}

/**
 * Characters per page of a read split by stored size. SQLite's `length()` counts characters and
 * UTF-8 spends at most 4 bytes on one, so a page of 12 million stays under D1's 50 MB; stored
 * JSON is mostly ASCII, so pages are usually about 12 MB.
 */
export const PAGE_CHARS = 12_000_000;

/**
 * Splits keys, in the order given, into consecutive ranges whose sizes add up to at most
 * `budget`; a value larger than the budget gets a range of its own (D1 caps one value at 2 MB,
 * far below any budget used here).
 *
 * @example rangesBySize([{ key: 1, size: 5 }, { key: 2, size: 5 }, { key: 3, size: 5 }], 10) // [{ first: 1, last: 2 }, { first: 3, last: 3 }]
 */
export function rangesBySize<K>(sized: readonly { key: K; size: number }[], budget: number): { first: K; last: K }[] {
  const ranges: { first: K; last: K }[] = [];
  let open: { first: K; last: K; size: number } | null = null;
  for (const { key, size } of sized) {
    if (open && open.size + size <= budget) {
      open.last = key;
      open.size += size;
    } else {
      if (open) ranges.push({ first: open.first, last: open.last });
      open = { first: key, last: key, size };
    }
  }
  if (open) ranges.push({ first: open.first, last: open.last });
  return ranges;
}

/**
 * Stored texts (one per row) in pages of at most `pageChars` characters: `sizes` lists every
 * row's key and `length()` in order, `page(first, last)` selects the texts of a key range in the
 * same order. Two small queries per page at most, whatever the texts weigh.
 */
export async function* textPagesBySize<K>(
  sizes: D1PreparedStatement,
  page: (first: K, last: K) => D1PreparedStatement,
  pageChars: number = PAGE_CHARS,
): AsyncGenerator<string[]> {
  const { results } = await sizes.all<{ key: K; size: number }>();
  for (const { first, last } of rangesBySize(results, pageChars)) {
    yield (await page(first, last).raw<[string]>()).map(([text]) => text);
  }
}
