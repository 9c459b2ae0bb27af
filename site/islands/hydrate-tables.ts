/**
 * The browser side of the interactive tables (InteractiveTable.astro): React hydrates each
 * table's server-written markup (staticTableHtml with `interactive`, the same markup DataTable
 * renders: test/site/table-html.test.ts) with the table's data from the JSON script beside it.
 * Astro's own islands would have the server render every one of these tables through React
 * again, and hash and escape its data into an attribute, on every page of the build; this keeps
 * the island (React, hydrated over server HTML, state in the URL) without that cost.
 */
import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import DataTable from './DataTable.tsx';

/** Hydrates every interactive table under `root` not yet hydrated. */
export function hydrateTables(root: ParentNode = document): void {
  for (const host of root.querySelectorAll<HTMLElement>('[data-table-island]:not([data-mounted])')) {
    const data = host.nextElementSibling;
    if (!(data instanceof HTMLScriptElement) || data.type !== 'application/json') {
      console.error(`table ${host.dataset.tableIsland}: its data script is missing`);
      continue;
    }
    host.dataset.mounted = '';
    hydrateRoot(host, createElement(DataTable, { data: data.textContent ?? '', interactive: true, param: host.dataset.param ?? '' }));
  }
}
