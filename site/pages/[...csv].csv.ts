/**
 * Every table's CSV file, written at build time next to the page that shows the table
 * (`/teams/<team>/weeks/<week>/leaderboard.csv`). The list comes from `csvFiles`, which builds
 * the same table models the pages render; tables small enough to travel inside their page
 * (csvLink) get no file.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { tableCsv, type TableModel } from '../data/table.ts';
import { csvFiles } from '../data/site-tables.ts';
import { loadSnapshot } from '../data/load-snapshot.ts';
import { publishAppraisals } from '../data/publish.ts';

export const getStaticPaths = (async () => {
  const snapshot = await loadSnapshot();
  return csvFiles(snapshot, { appraisals: publishAppraisals() })
    .filter((file) => file.file)
    .map((file) => ({
      params: { csv: file.path.replace(/\.csv$/, '') },
      props: { table: file.table },
    }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ table: TableModel }> = ({ props }) =>
  new Response(tableCsv(props.table), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
