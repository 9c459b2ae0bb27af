import { createElement } from 'react';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import DataTable from '../../site/islands/DataTable.tsx';
import { siteTables } from '../../site/data/site-tables.ts';
import { escapeHtml, jsonScriptText, staticTableHtml } from '../../site/data/table-html.ts';
import { clientTable, missingCell, moneyCell, numberColumn, table, textCell, textColumn, type TableModel } from '../../site/data/table.ts';
import { fixtureSnapshot } from './make-snapshot.ts';

/** What the island renders on the server for a static table (Table.astro used to render every table this way). */
const reactHtml = (model: TableModel, interactive = false): string =>
  renderToStaticMarkup(createElement(DataTable, { data: JSON.stringify(clientTable(model)), interactive }));

const tricky = (overrides: Partial<TableModel> = {}): TableModel =>
  table({
    id: 'tricky',
    caption: 'Reps <& "friends"> \'quoted\'',
    columns: [textColumn('rep', 'Rep <name>', { nowrap: true }), numberColumn('net_revenue', 'Net & gross'), textColumn('flag', 'Flag')],
    rows: [
      [textCell('Ana <b>Lima</b>', { href: '/reps/rep_ana/?a=1&b="2"' }), moneyCell(5000.25, 'USD'), { ...textCell('Over by 2 SE'), tone: 'warn' }],
      [textCell("Ben 'B' & co"), missingCell('No target set for "November" <2026>'), textCell('')],
      [textCell('Cleo'), moneyCell(null, 'USD', 'Not scored'), textCell('x')],
    ],
    rowHeader: 0,
    defaultSort: { key: 'net_revenue', dir: 'desc' },
    empty: 'No reps <yet>.',
    ...overrides,
  });

describe('staticTableHtml', () => {
  it('is the markup the island renders, for every table of the fixture site', () => {
    const files = siteTables(fixtureSnapshot());
    expect(files.length).toBeGreaterThan(40);
    for (const { path, table: model } of files) {
      expect(staticTableHtml(clientTable(model)), path).toBe(reactHtml(model));
      expect(staticTableHtml(clientTable(model), { interactive: true }), path).toBe(reactHtml(model, true));
    }
  });

  it('writes an interactive table as the island renders it before it runs: sort buttons, the filter hidden', () => {
    const model = tricky();
    const html = staticTableHtml(clientTable(model), { interactive: true });
    expect(html).toBe(reactHtml(model, true));
    expect(html).toContain('<div class="table-tools" hidden="">');
    expect(html).toContain('<p class="table-count" role="status">3 rows</p>');
    expect(html).toContain('<button type="button" class="sort-button">Net &amp; gross<span class="sort-icon" aria-hidden="true">▼</span></button>');
    expect(html).toContain('<button type="button" class="sort-button">Flag<span class="sort-icon" aria-hidden="true">↕</span></button>');
    expect(staticTableHtml(clientTable(tricky({ rows: [] })), { interactive: true })).toBe(reactHtml(tricky({ rows: [] }), true));
    // What hydrateRoot compares against: renderToString's markup (it would mark adjacent texts with comments).
    const hydratable = renderToString(createElement(DataTable, { data: JSON.stringify(clientTable(model)), interactive: true }));
    expect(html).toBe(hydratable);
  });

  it('escapes text and attributes, sorts by the default sort, keeps missing cells last, marks tones and no-wrap columns', () => {
    const model = tricky();
    const html = staticTableHtml(clientTable(model));
    expect(html).toBe(reactHtml(model));
    expect(html).toContain('<caption id="tricky-caption">Reps &lt;&amp; &quot;friends&quot;&gt; &#x27;quoted&#x27;</caption>');
    expect(html).toContain('<a href="/reps/rep_ana/?a=1&amp;b=&quot;2&quot;">Ana &lt;b&gt;Lima&lt;/b&gt;</a>');
    expect(html).toContain('aria-sort="descending" data-key="net_revenue"');
    expect(html.indexOf('Ana')).toBeLessThan(html.indexOf('Ben'));
    expect(html).toContain('<td class="cell-warn">Over by 2 SE</td>');
    expect(html).toContain('<th scope="row" class="nowrap">');
  });

  it('shows the empty text when there are no rows, and no sort mark without a default sort', () => {
    const model = tricky({ rows: [], defaultSort: null });
    const html = staticTableHtml(clientTable(model));
    expect(html).toBe(reactHtml(model));
    expect(html).toContain('<td colSpan="3" class="table-empty">No reps &lt;yet&gt;.</td>');
    expect(html).not.toContain('aria-sort');
  });
});

describe('jsonScriptText', () => {
  it('reads back as the same value and holds no "<" that could end the script', () => {
    const value = { caption: 'a </script><script>alert(1)</script> <!-- b', rows: [['<b>', 1.5, null]] };
    const text = jsonScriptText(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters and leaves the rest', () => {
    expect(escapeHtml(`a&b<c>d"e'f — ü`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#x27;f — ü');
  });
});
