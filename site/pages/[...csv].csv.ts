/**
 * The CSV files linked by their path from more than their table: the dashboard's signals
 * (`/signals.csv`) and each appraisal period's payroll (`/appraisals/<period>/payroll.csv`).
 * A table's own download is linked by its page as the page renders, inside the page when small,
 * else as a file the build writes beside it (data/csv-files.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { tableCsv, type TableModel } from '../data/table.ts';
import { linkedCsvFiles } from '../data/site-tables.ts';
import { loadSnapshot } from '../data/load-snapshot.ts';
import { publishAppraisals } from '../data/publish.ts';

export const getStaticPaths = (async () => {
  const snapshot = await loadSnapshot();
  return linkedCsvFiles(snapshot, { appraisals: publishAppraisals() }).map((file) => ({
    params: { csv: file.path.replace(/\.csv$/, '') },
    props: { table: file.table },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ table: TableModel }> = ({ props }) =>
  new Response(tableCsv(props.table), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
