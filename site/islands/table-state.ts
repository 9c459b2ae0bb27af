/**
 * The sortable table's state and its place in the URL: `?sort=<column>&dir=asc|desc&q=<text>`
 * (each name prefixed when a page has more than one such table). Pure: the island passes
 * `location.search` in and gets the new search string back.
 */
import type { ClientTable } from '../data/table.ts';

export interface TableState {
  /** A column key, or null for the order the rows were given in. */
  sort: string | null;
  dir: 'asc' | 'desc';
  q: string;
}

/** The URL parameter names for a prefix: `sort`, `dir`, `q` (or `<prefix>sort`, ...). */
export function paramNames(prefix = ''): { sort: string; dir: string; q: string } {
  return { sort: `${prefix}sort`, dir: `${prefix}dir`, q: `${prefix}q` };
}

/** The state a table starts in: its default sort, no filter. */
export function initialState(table: Pick<ClientTable, 'defaultSort'>): TableState {
  return { sort: table.defaultSort?.key ?? null, dir: table.defaultSort?.dir ?? 'asc', q: '' };
}

/**
 * The state in a query string; unknown columns and directions fall back to the default.
 *
 * @example readState('?sort=net_revenue&dir=asc&q=ana', table) // { sort: 'net_revenue', dir: 'asc', q: 'ana' }
 */
export function readState(search: string, table: Pick<ClientTable, 'defaultSort' | 'columns'>, prefix = ''): TableState {
  const params = new URLSearchParams(search);
  const names = paramNames(prefix);
  const state = initialState(table);
  const sort = params.get(names.sort);
  const column = table.columns.find((c) => c.key === sort);
  if (column) {
    state.sort = column.key;
    state.dir = column.numeric ? 'desc' : 'asc';
  }
  const dir = params.get(names.dir);
  if (dir === 'asc' || dir === 'desc') state.dir = dir;
  state.q = params.get(names.q) ?? '';
  return state;
}

/**
 * The query string for a state, keeping other parameters; a default sort and an empty filter
 * leave no parameter behind.
 *
 * @example writeState('?x=1', { sort: 'rep', dir: 'asc', q: '' }, table) // '?x=1&sort=rep&dir=asc'
 */
export function writeState(search: string, state: TableState, table: Pick<ClientTable, 'defaultSort'>, prefix = ''): string {
  const params = new URLSearchParams(search);
  const names = paramNames(prefix);
  const initial = initialState(table);
  params.delete(names.sort);
  params.delete(names.dir);
  params.delete(names.q);
  if (state.sort !== null && (state.sort !== initial.sort || state.dir !== initial.dir)) {
    params.set(names.sort, state.sort);
    params.set(names.dir, state.dir);
  }
  if (state.q.trim() !== '') params.set(names.q, state.q);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The next state when a column header is activated: the same column flips, another starts numbers high-first, text A–Z. */
export function toggleSort(state: TableState, column: { key: string; numeric: boolean }): TableState {
  if (state.sort === column.key) return { ...state, dir: state.dir === 'asc' ? 'desc' : 'asc' };
  return { ...state, sort: column.key, dir: column.numeric ? 'desc' : 'asc' };
}

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US');

/**
 * The rows to show, as indexes into `table.rows`: filtered by `q` (every word must appear in the
 * row's text, ignoring case and accents), then sorted (missing values last either way, ties in
 * the given order).
 */
export function visibleRows(table: Pick<ClientTable, 'rows' | 'columns'>, state: TableState): number[] {
  const words = fold(state.q).split(/\s+/).filter(Boolean);
  let indexes = table.rows.map((_, i) => i);
  if (words.length > 0) {
    indexes = indexes.filter((i) => {
      const text = fold(table.rows[i]!.map((cell) => cell[0]).join(' '));
      return words.every((word) => text.includes(word));
    });
  }
  const column = state.sort === null ? -1 : table.columns.findIndex((c) => c.key === state.sort);
  if (column >= 0) {
    const sign = state.dir === 'asc' ? 1 : -1;
    indexes.sort((a, b) => {
      const x = table.rows[a]![column]![1];
      const y = table.rows[b]![column]![1];
      if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en');
      return order === 0 ? a - b : sign * order;
    });
  }
  return indexes;
}

/** The table's row count in words: `1 row`, `12 rows`. */
export function rowCount(n: number): string {
  return `${n} ${n === 1 ? 'row' : 'rows'}`;
}
