import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { launchChromium, newContext, VARIANTS } from './support/browser.ts';
import { cellNumber, checkSorting, findSortableTable, inOrder } from './support/sortable-table.ts';

describe('cellNumber', () => {
  it('reads money, percentages, signs and units', () => {
    expect(cellNumber('$1,234.50')).toBe(1234.5);
    expect(cellNumber('−3.2%')).toBe(-3.2);
    expect(cellNumber('-12 days')).toBe(-12);
    expect(cellNumber('42')).toBe(42);
  });

  it('gives null for text without exactly one number', () => {
    expect(cellNumber('North Field')).toBeNull();
    expect(cellNumber('2026-W48')).toBeNull();
    expect(cellNumber('')).toBeNull();
  });
});

describe('inOrder', () => {
  it('compares numbers as numbers and text in natural order, leaving missing values out', () => {
    expect(inOrder(['$900', '$1,000', null, '$12,000'], 'ascending', true)).toBe(true);
    expect(inOrder(['$900', '$1,000'], 'descending', true)).toBe(false);
    expect(inOrder(['rep_2', 'rep_10', 'Rep_11'], 'ascending', false)).toBe(true);
    expect(inOrder(['b', 'a', null], 'descending', false)).toBe(true);
  });
});

// The checker itself, in Chromium, against two hand-written tables: one that keeps its sort in
// the URL, and one that forgets it on reload.
describe('checkSorting in Chromium', () => {
  const page = (keepInUrl: boolean) => `<!doctype html><html lang="en"><head><title>t</title></head><body><main>
<table><thead><tr><th scope="col"><button type="button">Name</button></th><th scope="col"><button type="button">Revenue</button></th></tr></thead>
<tbody><tr><th scope="row">Beta</th><td>$1,200</td></tr><tr><th scope="row">Alpha</th><td>$900</td></tr>
<tr><th scope="row">Gamma</th><td><span class="missing">—</span></td></tr><tr><th scope="row">Delta</th><td>$12,000</td></tr></tbody></table>
<script>
const table = document.querySelector('table');
const ths = [...table.tHead.rows[0].cells];
const num = (t) => Number(t.replace(/[^0-9.]/g, ''));
function sort(col, dir) {
  const rows = [...table.tBodies[0].rows];
  rows.sort((a, b) => {
    const [x, y] = [a.cells[col], b.cells[col]];
    if (x.querySelector('.missing')) return 1;
    if (y.querySelector('.missing')) return -1;
    const c = col === 1 ? num(x.textContent) - num(y.textContent) : x.textContent.localeCompare(y.textContent);
    return dir === 'ascending' ? c : -c;
  });
  rows.forEach((r) => table.tBodies[0].append(r));
  ths.forEach((th, i) => (i === col ? th.setAttribute('aria-sort', dir) : th.removeAttribute('aria-sort')));
  ${keepInUrl ? "history.replaceState(null, '', '?sort=' + col + '&dir=' + dir);" : "history.replaceState(null, '', '#' + Math.random());"}
}
ths.forEach((th, i) => th.querySelector('button').addEventListener('click', () => sort(i, th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending')));
const q = new URLSearchParams(location.search);
if (q.has('sort')) sort(Number(q.get('sort')), q.get('dir'));
</script></main></body></html>`;

  it('passes a table that keeps its sort in the URL, and says what is wrong with one that does not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quotient-sort-'));
    await mkdir(join(dir, 'good'));
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'good', 'index.html'), page(true));
    await writeFile(join(dir, 'bad', 'index.html'), page(false));
    const server = await serveStatic(dir);
    const browser = await launchChromium();
    try {
      const context = await newContext(browser, VARIANTS[0]!);
      const tab = await context.newPage();
      const good = await findSortableTable(tab, [`${server.url}good/`]);
      expect(good).toMatchObject({ table: 0, column: 1, header: 'Revenue', numeric: true });
      expect((await checkSorting(tab, good!)).problems).toEqual([]);
      const bad = await findSortableTable(tab, [`${server.url}bad/`]);
      const { problems } = await checkSorting(tab, bad!);
      expect(problems.join('\n')).toContain('after a reload aria-sort is null, not descending');
    } finally {
      await browser.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
