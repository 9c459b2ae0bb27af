/**
 * The baseline of the site benchmark: the barest Astro site that does what Quotient's pages do at
 * heart, one Observable Plot chart rendered to SVG at build time per page, with nothing else (no
 * snapshot, no layout, no islands). It runs on the same installed astro, @observablehq/plot and
 * linkedom as the real site, so the ratio of the two build rates is the cost of everything the
 * real pages add.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../lib/tools.ts';

/** The Astro build options the bare site copies from the real one. */
export interface BareBuildOptions {
  concurrency?: number;
  inlineStylesheets?: 'always' | 'auto' | 'never';
}

/**
 * What each bare page carries: one chart (the baseline the issue names), or the parts every real
 * page has, two Plot charts and tables (240 rows, about 15 kB: a real team-week, rep or appraisal
 * page has two charts and five tables, about 10 kB of table HTML), without any of the real site's
 * own work (no snapshot, layout, formatting, islands or CSV links): the floor of the comparison.
 */
export interface BareParts {
  charts: 1 | 2;
  tableRows: number;
}
export const BASELINE: BareParts = { charts: 1, tableRows: 0 };
export const REAL_PARTS: BareParts = { charts: 2, tableRows: 240 };

/**
 * Writes a minimal Astro project of `pages` pages (`/p/1/` ... `/p/<pages>/`) into `dir`, a
 * directory inside the repository (its packages resolve from the repository's node_modules).
 * `build` is its Astro build options: the benchmark gives it the real site's, so the two builds
 * differ only in what their pages do. `parts` is what each page carries (the floor: REAL_PARTS).
 *
 * @example writeBareSite(join(scratchDir('bench-'), 'bare'), 2000, { concurrency: 4, inlineStylesheets: 'never' })
 */
export function writeBareSite(dir: string, pages: number, build: BareBuildOptions = {}, parts: BareParts = BASELINE): void {
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`writeBareSite: pages must be a positive integer, got ${pages}`);
  const concurrency = build.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`writeBareSite: concurrency must be a positive integer, got ${concurrency}`);
  if (relative(ROOT, dir).startsWith('..')) throw new Error(`writeBareSite: ${dir} must lie inside ${ROOT} (to find its packages)`);
  mkdirSync(join(dir, 'src', 'pages', 'p'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare-astro-plot', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static', build: { inlineStylesheets: '${build.inlineStylesheets ?? 'auto'}', concurrency: ${concurrency} } });\n`,
  );
  // One line chart of a year of weekly figures per page: about the size of a team page's trend.
  writeFileSync(
    join(dir, 'src', 'pages', 'p', '[n].astro'),
    `---
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, i) => ({ params: { n: String(i + 1) } }));
}

const n = Number(Astro.params.n);
const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
const rows = Array.from({ length: 53 }, (_, week) => ({
  week: new Date(Date.UTC(2025, 0, 6 + 7 * week)),
  value: 1000 + ((n * 7919 + week * 104729) % 997) + 300 * Math.sin((week + n) / 6),
}));
const svg = Plot.plot({
  document,
  width: 640,
  height: 240,
  y: { grid: true, label: 'Net revenue' },
  marks: [Plot.ruleY([0]), Plot.lineY(rows, { x: 'week', y: 'value' }), Plot.dot(rows, { x: 'week', y: 'value', r: 2 })],
}).outerHTML;${
      parts.charts === 2
        ? `
const bars = Plot.plot({
  document,
  width: 640,
  height: 200,
  y: { grid: true, label: 'Orders' },
  marks: [Plot.barY(rows.slice(0, 12), { x: (d) => d.week.getUTCMonth(), y: 'value' }), Plot.ruleY([0])],
}).outerHTML;`
        : ''
    }${
      parts.tableRows > 0
        ? `
const table = Array.from({ length: ${parts.tableRows} }, (_, i) => \`<tr><td>\${n}</td><td>row \${i}</td><td>$\${(n * 31 + i * 7) % 9999}.00</td><td>\${i % 3 ? 'yes' : 'no'}</td></tr>\`).join('');`
        : ''
    }
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Page {n}</title>
  </head>
  <body>
    <main>
      <h1>Page {n}</h1>
      <figure set:html={svg} />${parts.charts === 2 ? '\n      <figure set:html={bars} />' : ''}${parts.tableRows > 0 ? '\n      <table set:html={table} />' : ''}
    </main>
  </body>
</html>
`,
  );
}
