-- Refunds keep their sale's id and day (the sale's as resolved: rewritten with it). The
-- appraisals ask, on every recompute, how many commission lines each rep has in each quarter and
-- then read a quarter's lines: a refund's role (it lowers its sale's quarter or claws back in its
-- own) needs its sale's day, which took a join of every refund to f_refunds and w_sales. The
-- sales' counts are the rep-month cells' orders. The GROUP BYs over every sale took 1.2 s of an
-- incremental run at a million sales. The next recompute, a full one, fills the columns: without
-- its watermark the sales engine starts over.
ALTER TABLE w_refunds ADD COLUMN sale_id TEXT NOT NULL DEFAULT '';
ALTER TABLE w_refunds ADD COLUMN sale_day TEXT NOT NULL DEFAULT '';
DELETE FROM engine_state WHERE key = 'sales_rowid';
