/**
 * The snapshot document (`GET /v1/snapshot`) read from D1 piece by piece: its fixed sections,
 * then each long array (series, appraisal periods, customer rows, wins, complaints) a page at a time. A large
 * company's document is hundreds of MB: more than D1 returns per query (50 MB) and more than a
 * Worker may hold (128 MB), so it is never assembled whole. Stored texts are spliced in as they
 * are, so the pieces join to exactly the document `snapshotJson` builds from the same parts.
 */
import { appraisalPeriodOpen, PERIOD_CLOSE } from '../../shared/appraisal/appraisal-parts.ts';
import { arrayItems, snapshotLayout, type SnapshotHead, type SnapshotSections } from '../../shared/kpi/snapshot-parts.ts';
import { appraisalPeriodPages } from './appraisals.ts';
import { PAGE_CHARS } from './paged-read.ts';
import { customerChunkPages, listChunkPages, seriesRowPages } from './snapshots.ts';

/**
 * Array items page after page, with the commas between them: each page's stored JSON arrays
 * (`unwrap`, empty ones adding nothing: shared `arrayItems`) or its items as they are.
 */
async function* arrayItemsOf(pages: AsyncIterable<string[]>, unwrap: boolean): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    const items = unwrap ? arrayItems(page) : page.join(',');
    if (items.length === 0) continue;
    yield (first ? '' : ',') + items;
    first = false;
  }
}

/**
 * The document's text in pieces of at most about `pageChars` characters (one page of one array,
 * or a fixed section). A snapshot's rows never change; a prune deletes them only once
 * `SNAPSHOT_RETAIN` (30 by default) newer snapshots exist, which a read of the latest does not outlast.
 */
export async function* snapshotDocument(
  db: D1Database,
  head: SnapshotHead & { partsId: string },
  sections: SnapshotSections,
  pageChars: number = PAGE_CHARS,
): AsyncGenerator<string> {
  const layout = snapshotLayout(head, sections);
  yield layout.start;
  yield* arrayItemsOf(seriesRowPages(db, head.partsId, pageChars), true);
  yield layout.afterKpis;
  let firstPeriod = true;
  for await (const period of appraisalPeriodPages(db, head.partsId, pageChars)) {
    yield (firstPeriod ? '' : ',') + appraisalPeriodOpen(period.headJson);
    yield* arrayItemsOf(period.rowPages, false);
    yield PERIOD_CLOSE;
    firstPeriod = false;
  }
  yield layout.afterPeriods;
  yield* arrayItemsOf(customerChunkPages(db, head.partsId, pageChars), true);
  yield layout.afterCustomerRows;
  yield* arrayItemsOf(listChunkPages(db, head.partsId, 'wins', pageChars), true);
  yield layout.afterWins;
  yield* arrayItemsOf(listChunkPages(db, head.partsId, 'complaints', pageChars), true);
  yield layout.end;
}
