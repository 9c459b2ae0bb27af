-- An incremental recompute changes the sales cells by difference (what the rows of the touched
-- sales and refunds take away and bring) instead of aggregating their periods again: a touched
-- day re-read its whole year, half the sales of a two-year history, on every run. Differences
-- need counts: refund_count is new, and missing_cost now counts the sales without a cost (it
-- was 0 or 1). The cells are rebuilt under the new meaning by the next recompute, a full one:
-- without its watermark the sales engine starts over.
ALTER TABLE w_cells ADD COLUMN refund_count INTEGER NOT NULL DEFAULT 0;
DELETE FROM engine_state WHERE key = 'sales_rowid';
