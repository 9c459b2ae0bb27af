/**
 * A table rendered on the server first (readable without JavaScript) that, as an island, sorts
 * by a click on a column header (buttons inside the <th>, `aria-sort` on the sorted column) and
 * filters by a text box, keeping its state in the URL so a reload or a shared link shows the
 * same view. Without `interactive` it is plain server-rendered HTML and ships no script.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ClientTable } from '../data/table.ts';
import { initialState, readState, rowCount, toggleSort, visibleRows, writeState, type TableState } from './table-state.ts';

interface Props {
  /** The table as JSON (`clientTable(model)`): one string keeps the island's props small. */
  data: string;
  interactive?: boolean;
  /** Prefix of the URL parameters, for a second interactive table on a page. */
  param?: string;
}

const ICON = { ascending: '▲', descending: '▼', none: '↕' } as const;

export default function DataTable({ data, interactive = false, param = '' }: Props) {
  const table = useMemo(() => JSON.parse(data) as ClientTable, [data]);
  const [state, setState] = useState<TableState>(() => initialState(table));
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => {
    if (!interactive) return;
    const read = () => setState(readState(window.location.search, table, param));
    read();
    setHydrated(true);
    window.addEventListener('popstate', read);
    return () => window.removeEventListener('popstate', read);
  }, [interactive, table, param]);

  const update = (next: TableState) => {
    setState(next);
    const search = writeState(window.location.search, next, table, param);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  };

  const rows = visibleRows(table, state);
  const id = table.id;
  const filtered = state.q.trim() !== '';

  return (
    <div className="table-block" data-table={id} data-hydrated={interactive ? String(hydrated) : undefined}>
      {interactive && (
        <div className="table-tools" hidden={!hydrated}>
          <label htmlFor={`${id}-filter`}>Filter rows</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={state.q}
            autoComplete="off"
            spellCheck={false}
            aria-controls={`${id}-table`}
            onChange={(event) => update({ ...state, q: event.currentTarget.value })}
          />
          <p className="table-count" role="status">
            {filtered ? `${rows.length} of ${table.rows.length} rows` : rowCount(table.rows.length)}
          </p>
        </div>
      )}
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table id={`${id}-table`}>
          <caption id={`${id}-caption`}>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => {
                const sorted = state.sort === column.key ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined;
                return (
                  <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined} aria-sort={sorted} data-key={column.key}>
                    {interactive ? (
                      <button type="button" className="sort-button" onClick={() => update(toggleSort(state, column))}>
                        {column.label}
                        <span className="sort-icon" aria-hidden="true">
                          {ICON[sorted ?? 'none']}
                        </span>
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="table-empty">
                  {filtered ? `No rows match “${state.q.trim()}”.` : table.empty}
                </td>
              </tr>
            ) : (
              rows.map((index) => (
                <tr key={index}>
                  {table.rows[index]!.map(([text, , href, missing, tone], c) => {
                    const column = table.columns[c]!;
                    const content = missing ? (
                      <span className="missing" title={missing}>
                        <span className="missing-dash" aria-hidden="true">
                          {text}
                        </span>
                        <span className="sr-only">{missing}</span>
                      </span>
                    ) : href ? (
                      <a href={href}>{text}</a>
                    ) : (
                      text
                    );
                    const className = [column.numeric ? 'num' : '', column.nowrap ? 'nowrap' : '', tone ? `cell-${tone}` : ''].filter(Boolean).join(' ') || undefined;
                    return c === table.rowHeader ? (
                      <th key={column.key} scope="row" className={className}>
                        {content}
                      </th>
                    ) : (
                      <td key={column.key} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
