/**
 * Checks a sortable table the way a reader uses it: click a column's sort button, see the rows
 * in order and the header say so (`aria-sort`), click again for the other direction, reload the
 * page (or open the URL it now has) and find the same order.
 *
 * Expected markup (the table island): a `<button>` inside each sortable `<th>`; the sorted
 * column's `<th>` has `aria-sort="ascending"` or `"descending"`; rows in `<tbody>`; a figure with
 * no value is marked `.missing` (and is left out of the order check: it may sort last either way).
 */
import type { Page } from 'playwright-core';
import { waitForIslands } from './browser.ts';

export interface SortableTable {
  url: string;
  /** Index among the page's tables. */
  table: number;
  /** `cellIndex` of the column's header cell. */
  column: number;
  header: string;
  numeric: boolean;
}

interface Column {
  header: string;
  ariaSort: string | null;
  /** Cell texts top to bottom, null for a missing figure. */
  values: (string | null)[];
  /** Each row's whole text, to compare row orders. */
  rows: string[];
}

const NUMBER = /^[^\d]*?([-−]?)([\d,]*\d(?:\.\d+)?)[^\d]*$/;

/** The number in a cell's text (`$1,234.50`, `−3.2%`, `12 days`), or null when it holds none or several. */
export function cellNumber(text: string): number | null {
  const m = NUMBER.exec(text.trim());
  if (!m) return null;
  const n = Number((m[2] as string).replace(/,/g, ''));
  return m[1] ? -n : n;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Whether the non-missing values are in the given order (numbers when every value is one). */
export function inOrder(values: readonly (string | null)[], direction: 'ascending' | 'descending', numeric: boolean): boolean {
  const present = values.filter((v): v is string => v !== null);
  const sign = direction === 'ascending' ? 1 : -1;
  for (let i = 1; i < present.length; i++) {
    const a = present[i - 1] as string;
    const b = present[i] as string;
    const cmp = numeric ? (cellNumber(a) as number) - (cellNumber(b) as number) : collator.compare(a, b);
    if (sign * cmp > 0) return false;
  }
  return true;
}

async function readColumn(page: Page, table: number, column: number): Promise<Column> {
  return page.evaluate(
    ({ table, column }) => {
      const el = document.querySelectorAll('table')[table] as HTMLTableElement;
      const th = [...el.querySelectorAll('th')].find((h) => h.cellIndex === column && h.querySelector('button')) as HTMLTableCellElement;
      const rows = [...el.tBodies].flatMap((b) => [...b.rows]);
      const text = (node: Element | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        header: text(th),
        ariaSort: th.getAttribute('aria-sort'),
        values: rows.map((r) => {
          const cell = r.cells[column];
          return !cell || cell.querySelector('.missing') ? null : text(cell);
        }),
        rows: rows.map((r) => text(r)),
      };
    },
    { table, column },
  );
}

/** The first table among `urls` with a sort button over a column of two or more distinct values (a numeric one preferred). */
export async function findSortableTable(page: Page, urls: readonly string[]): Promise<SortableTable | null> {
  for (const url of urls) {
    await page.goto(url, { waitUntil: 'load' });
    await waitForIslands(page);
    const candidates = await page.evaluate(() =>
      [...document.querySelectorAll('table')].flatMap((table, t) =>
        [...table.querySelectorAll('th')]
          .filter((th) => th.querySelector('button'))
          .map((th) => ({ table: t, column: th.cellIndex, header: (th.textContent ?? '').replace(/\s+/g, ' ').trim() })),
      ),
    );
    let fallback: SortableTable | null = null;
    for (const c of candidates) {
      const { values } = await readColumn(page, c.table, c.column);
      const present = values.filter((v): v is string => v !== null);
      if (new Set(present).size < 2) continue;
      const numeric = present.every((v) => cellNumber(v) !== null);
      const found = { url, ...c, numeric };
      if (numeric) return found;
      fallback ??= found;
    }
    if (fallback) return fallback;
  }
  return null;
}

const DIRECTIONS = new Set(['ascending', 'descending']);

/** Sort by the column twice and reload; returns every way the table fell short. */
export async function checkSorting(page: Page, target: SortableTable): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  const name = `table ${target.table} column "${target.header}" on ${new URL(target.url).pathname}`;
  await page.goto(target.url, { waitUntil: 'load' });
  await waitForIslands(page);
  const headers = page.locator('table').nth(target.table).locator('th:has(button)');
  const index = await headers.evaluateAll((ths, column) => ths.findIndex((h) => (h as HTMLTableCellElement).cellIndex === column), target.column);
  const th = headers.nth(index);

  const sorts: { url: string; column: Column }[] = [];
  let previousUrl = page.url();
  for (let click = 1; click <= 2; click++) {
    const before = await th.getAttribute('aria-sort');
    await th.locator('button').first().click();
    try {
      await page.waitForFunction(
        ({ table, column, before }) => {
          const el = document.querySelectorAll('table')[table];
          const h = el && [...el.querySelectorAll('th')].find((x) => x.cellIndex === column && x.querySelector('button'));
          const now = h?.getAttribute('aria-sort');
          return (now === 'ascending' || now === 'descending') && now !== before;
        },
        { table: target.table, column: target.column, before },
        { timeout: 5000 },
      );
    } catch {
      problems.push(`${name}: click ${click} left aria-sort at ${JSON.stringify(await th.getAttribute('aria-sort'))}`);
      return { problems };
    }
    const column = await readColumn(page, target.table, target.column);
    const direction = column.ariaSort as 'ascending' | 'descending';
    if (!inOrder(column.values, direction, target.numeric)) {
      problems.push(`${name}: aria-sort says ${direction} but the values are ${JSON.stringify(column.values)}`);
    }
    if (page.url() === previousUrl) problems.push(`${name}: click ${click} (${direction}) did not change the URL (${page.url()})`);
    previousUrl = page.url();
    sorts.push({ url: page.url(), column });
  }
  const [first, second] = sorts as [{ url: string; column: Column }, { url: string; column: Column }];
  if (first.column.ariaSort === second.column.ariaSort) problems.push(`${name}: the second click did not reverse the direction`);

  // Reload: the latest sort comes back from the URL.
  await page.reload({ waitUntil: 'load' });
  await waitForIslands(page);
  const reloaded = await readColumn(page, target.table, target.column);
  if (reloaded.ariaSort !== second.column.ariaSort) problems.push(`${name}: after a reload aria-sort is ${reloaded.ariaSort}, not ${second.column.ariaSort}`);
  if (JSON.stringify(reloaded.rows) !== JSON.stringify(second.column.rows)) problems.push(`${name}: after a reload the rows are in another order`);

  // The first sort's URL, opened again, gives the first sort (the state is in the URL, not in storage).
  await page.goto(first.url, { waitUntil: 'load' });
  await waitForIslands(page);
  const reopened = await readColumn(page, target.table, target.column);
  if (reopened.ariaSort !== first.column.ariaSort) problems.push(`${name}: ${first.url} opens with aria-sort ${reopened.ariaSort}, not ${first.column.ariaSort}`);
  if (JSON.stringify(reopened.rows) !== JSON.stringify(first.column.rows)) problems.push(`${name}: ${first.url} opens with the rows in another order`);
  return { problems };
}
