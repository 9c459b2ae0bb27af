/**
 * A static (not interactive) table as HTML, the same markup the DataTable island renders on the
 * server without `interactive` (test/site/table-html.test.ts compares the two on every table of
 * the fixture site). Most tables on most pages are static; rendering them through React's
 * streaming server renderer cost more than the rest of the page, so they are written here as a
 * string instead. Pure.
 */
import { initialState, visibleRows } from '../islands/table-state.ts';
import type { ClientTable } from './table.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** Text or an attribute value made safe for HTML (the five characters React escapes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const attr = (name: string, value: string | undefined): string => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);

/**
 * @example staticTableHtml(clientTable(model)) // '<div class="table-block" data-table="reps"><div class="table-scroll" ...'
 */
export function staticTableHtml(table: ClientTable): string {
  const state = initialState(table);
  const id = table.id;
  const head = table.columns
    .map((column) => {
      const sorted = state.sort === column.key ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined;
      return `<th scope="col"${attr('class', column.numeric ? 'num' : undefined)}${attr('aria-sort', sorted)}${attr('data-key', column.key)}>${escapeHtml(column.label)}</th>`;
    })
    .join('');
  const rows = visibleRows(table, state);
  const body =
    rows.length === 0
      ? // React writes the attribute as `colSpan` (HTML names are case-insensitive): kept, so the two renderings are the same text.
        `<tr><td colSpan="${table.columns.length}" class="table-empty">${escapeHtml(table.empty)}</td></tr>`
      : rows
          .map((index) => {
            const cells = table.rows[index]!.map(([text, , href, missing, tone], c) => {
              const column = table.columns[c]!;
              const content = missing
                ? `<span class="missing"${attr('title', missing)}><span class="missing-dash" aria-hidden="true">${escapeHtml(text)}</span><span class="sr-only">${escapeHtml(missing)}</span></span>`
                : href
                  ? `<a${attr('href', href)}>${escapeHtml(text)}</a>`
                  : escapeHtml(text);
              const className = [column.numeric ? 'num' : '', column.nowrap ? 'nowrap' : '', tone ? `cell-${tone}` : ''].filter(Boolean).join(' ') || undefined;
              return c === table.rowHeader ? `<th scope="row"${attr('class', className)}>${content}</th>` : `<td${attr('class', className)}>${content}</td>`;
            });
            return `<tr>${cells.join('')}</tr>`;
          })
          .join('');
  return (
    `<div class="table-block"${attr('data-table', id)}>` +
    `<div class="table-scroll" role="region"${attr('aria-labelledby', `${id}-caption`)} tabindex="0">` +
    `<table${attr('id', `${id}-table`)}><caption${attr('id', `${id}-caption`)}>${escapeHtml(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></div>`
  );
}
