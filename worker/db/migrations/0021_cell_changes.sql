-- An incremental recompute changes the sales cells by difference (what the rows of the touched
-- sales and refunds take away and bring) instead of aggregating their periods again: a touched
-- day re-read its whole year, half the sales of a two-year history, on every run. Differences
-- need counts: refund_count is new, and missing_cost now counts the sales without a cost (it
-- was 0 or 1). The cells are rebuilt under the new meaning by the next recompute, a full one:
-- without its watermark the sales engine starts over.
ALTER TABLE w_cells ADD COLUMN refund_count INTEGER NOT NULL DEFAULT 0;
DELETE FROM engine_state WHERE key = 'sales_rowid';
-- The touched periods are only named now (their cells may be left empty); their first and last
-- days went with the re-aggregation that read them. A scratch table: emptied by every run.
DROP TABLE w_touched_periods;
CREATE TABLE w_touched_periods (grain TEXT NOT NULL, period TEXT NOT NULL, PRIMARY KEY (grain, period)) STRICT;
