/**
 * The CSV files a build writes beside its pages. A page links each table's CSV (csvLink): inside
 * the page when it is small, else a file next to the page. The page hands that file's text over
 * here while it renders (csvDownload), and the build writes the files once every page is done
 * (site/integrations/csv-files.ts). So the build learns which tables are files from the pages
 * themselves: nothing builds every page's tables up front to find out, and a page's model can be
 * dropped once its page is written. Before, a list of every table built all 4,505 pages' models
 * before the first page and kept them to the end; the garbage collector's work on them cost more
 * than building them (npm run bench:site).
 *
 * The files are kept on `globalThis`: Astro bundles the pages apart from the config that loads the
 * integration, so each holds its own copy of this module.
 */
import { csvLink, type CsvLink } from './csv-link.ts';
import { tableCsv, type TableModel } from './table.ts';

const FILES = Symbol.for('quotient.csv-files');
const scope = globalThis as { [FILES]?: Map<string, string> };

/** The files handed over so far: path from the output directory (`teams/team_east/weeks.csv`) to CSV text. */
function files(): Map<string, string> {
  return (scope[FILES] ??= new Map());
}

/**
 * Hand over the file `path` (from the output directory, no leading slash) with `text`, to be
 * written when the build is done. The same file twice is fine (a page rendered again); two
 * different texts for one path stop the build.
 */
export function emitCsvFile(path: string, text: string): void {
  if (path === '' || path.startsWith('/') || path.split('/').some((part) => part === '' || part === '.' || part === '..') || !path.endsWith('.csv')) {
    throw new Error(`invalid CSV file path: ${JSON.stringify(path)} (expected a relative path ending in .csv)`);
  }
  const known = files().get(path);
  if (known !== undefined && known !== text) throw new Error(`two tables write ${path}`);
  files().set(path, text);
}

/** The text handed over for the file `path` (from the output directory), if any: what the dev server serves. */
export function csvFileText(path: string): string | undefined {
  return files().get(path);
}

/** The files handed over since the last call, in the order they came; the list starts again empty. */
export function takeCsvFiles(): Map<string, string> {
  const taken = files();
  scope[FILES] = new Map();
  return taken;
}

/**
 * A table's download link (csvLink) on a page of a site under `base`; when the CSV is too large
 * to travel inside the page, its file is handed over to the build (emitCsvFile).
 *
 * @example csvDownload(page.leaderboard, '/teams/team_east/weeks/2026-W48/leaderboard.csv', '/', 4096)
 */
export function csvDownload(table: TableModel, fileHref: string, base: string, maxChars: number): CsvLink {
  const csv = tableCsv(table);
  const link = csvLink(csv, fileHref, maxChars);
  if (!link.inline) {
    if (!fileHref.startsWith(base)) throw new Error(`invalid CSV href: ${JSON.stringify(fileHref)} is not under the site's base ${JSON.stringify(base)}`);
    emitCsvFile(fileHref.slice(base.length), csv);
  }
  return link;
}
