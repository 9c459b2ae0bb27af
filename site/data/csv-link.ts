/**
 * Where a table's "Download CSV" link points. A small table's CSV travels inside the page as a
 * `data:` URL (no file to write, upload or fetch: most tables are a few rows, and a large site
 * would otherwise be mostly CSV files, against Cloudflare Pages' 20,000 files per deployment);
 * a larger one is a file next to its page (`csvHref`), which the page hands to the build as it
 * renders (csv-files.ts). Pure.
 */

/** CSV text up to this many characters is inlined by default (a leaderboard or a trend is well under 2,000; `CSV_INLINE_MAX_CHARS` sets another limit: publish.ts). */
export const INLINE_CSV_MAX_CHARS = 4096;

export interface CsvLink {
  href: string;
  /** The file name the browser saves it as: the page's path and the table, e.g. `teams-team_east-weeks-2026-W48-leaderboard.csv`. */
  download: string;
  inline: boolean;
}

/**
 * @param csv the table's CSV (tableCsv)
 * @param fileHref the table's file (`csvHref(pageHref, table.id)`), used when the CSV is too large to inline
 * @param maxChars the largest CSV inlined (publish.ts `inlineCsvMaxChars`)
 * @example csvLink(tableCsv(leaderboard), '/teams/team_east/weeks/2026-W48/leaderboard.csv')
 *   // { href: 'data:text/csv;charset=utf-8,rep%2Cnet_revenue...', download: 'teams-team_east-weeks-2026-W48-leaderboard.csv', inline: true }
 */
export function csvLink(csv: string, fileHref: string, maxChars: number = INLINE_CSV_MAX_CHARS): CsvLink {
  const download = csvDownloadName(fileHref);
  if (csv.length > maxChars) return { href: fileHref, download, inline: false };
  return { href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`, download, inline: true };
}

/** @example csvDownloadName('/teams/team_east/weeks/2026-W48/leaderboard.csv') // 'teams-team_east-weeks-2026-W48-leaderboard.csv' */
export function csvDownloadName(fileHref: string): string {
  const name = fileHref.split('/').filter(Boolean).join('-');
  if (!name.endsWith('.csv')) throw new Error(`invalid CSV href: ${JSON.stringify(fileHref)} does not end in .csv`);
  return name;
}
