/**
 * A table as HTML, the same markup the DataTable island renders on the server
 * (test/site/table-html.test.ts compares the two on every table of the fixture site). A static
 * table is only this; an interactive one is this markup (its sort buttons and hidden filter
 * included), which React hydrates in the browser (InteractiveTable.astro). Rendering tables
 * through React on the server cost more than the rest of the page, so they are written here as
 * a string instead. Pure.
 */
import { initialState, rowCount, visibleRows } from '../islands/table-state.ts';
import type { ClientTable } from './table.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** Text or an attribute value made safe for HTML (the five characters React escapes). */
export function escapeHtml(text: string): string {
  // Most texts (figures, names, dates) have none of them: a test is cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

const attr = (name: string, value: string | undefined): string => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);

const ICON = { ascending: '▲', descending: '▼', none: '↕' } as const;

/**
 * `interactive`: the markup of the island before it runs (DataTable with `interactive`, not yet
 * hydrated): sort buttons in the headers and the filter, hidden until the script is there.
 *
 * @example staticTableHtml(clientTable(model)) // '<div class="table-block" data-table="reps"><div class="table-scroll" ...'
 */
export function staticTableHtml(table: ClientTable, options: { interactive?: boolean } = {}): string {
  const interactive = options.interactive === true;
  const state = initialState(table);
  const id = table.id;
  const head = table.columns
    .map((column) => {
      const sorted = state.sort === column.key ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined;
      const label = interactive
        ? `<button type="button" class="sort-button">${escapeHtml(column.label)}<span class="sort-icon" aria-hidden="true">${ICON[sorted ?? 'none']}</span></button>`
        : escapeHtml(column.label);
      return `<th scope="col"${attr('class', column.numeric ? 'num' : undefined)}${attr('aria-sort', sorted)}${attr('data-key', column.key)}>${label}</th>`;
    })
    .join('');
  const rows = visibleRows(table, state);
  // A cell's tag and class depend on its column (and a tone): written once per column, not per cell.
  const openers = table.columns.map((column, c) => {
    const classes = [column.numeric ? 'num' : '', column.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ');
    const tag = c === table.rowHeader ? 'th scope="row"' : 'td';
    return {
      plain: `<${tag}${attr('class', classes || undefined)}>`,
      warn: `<${tag}${attr('class', classes ? `${classes} cell-warn` : 'cell-warn')}>`,
      close: c === table.rowHeader ? '</th>' : '</td>',
    };
  });
  let body = '';
  if (rows.length === 0) {
    // React writes the attribute as `colSpan` (HTML names are case-insensitive): kept, so the two renderings are the same text.
    body = `<tr><td colSpan="${table.columns.length}" class="table-empty">${escapeHtml(table.empty)}</td></tr>`;
  }
  for (const index of rows) {
    body += '<tr>';
    const cells = table.rows[index]!;
    for (let c = 0; c < cells.length; c++) {
      const [text, , href, missing, tone] = cells[c]!;
      const opener = openers[c]!;
      const content = missing
        ? `<span class="missing"${attr('title', missing)}><span class="missing-dash" aria-hidden="true">${escapeHtml(text)}</span><span class="sr-only">${escapeHtml(missing)}</span></span>`
        : href
          ? `<a${attr('href', href)}>${escapeHtml(text)}</a>`
          : escapeHtml(text);
      body += (tone === 'warn' ? opener.warn : opener.plain) + content + opener.close;
    }
    body += '</tr>';
  }
  const tools = interactive
    ? `<div class="table-tools" hidden=""><label${attr('for', `${id}-filter`)}>Filter rows</label>` +
      `<input${attr('id', `${id}-filter`)} type="search" autoComplete="off" spellCheck="false"${attr('aria-controls', `${id}-table`)} value=""/>` +
      `<p class="table-count" role="status">${rowCount(table.rows.length)}</p></div>`
    : '';
  return (
    `<div class="table-block"${attr('data-table', id)}${interactive ? ' data-hydrated="false"' : ''}>${tools}` +
    `<div class="table-scroll" role="region"${attr('aria-labelledby', `${id}-caption`)} tabindex="0">` +
    `<table${attr('id', `${id}-table`)}><caption${attr('id', `${id}-caption`)}>${escapeHtml(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></div>`
  );
}

/**
 * A value as the text of a `<script type="application/json">`: JSON with `<` written as `\u003c`,
 * so no text in it (`</script>`, `<!--`) can end or change the script. JSON.parse reads it back.
 *
 * @example jsonScriptText({ caption: '</script>' }) // '{"caption":"\u003c/script>"}'
 */
export function jsonScriptText(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}
