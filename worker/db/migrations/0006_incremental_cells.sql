-- Incremental recompute of the sales side: the engine's state, the per-cell sums it keeps
-- between runs, and the scratch tables of one run.

-- Watermarks (rowids of f_sales/f_refunds already resolved), the zone and the rep-team history
-- the working tables were built with (a change of either rebuilds everything).
CREATE TABLE engine_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- The sales side of every KPI cell. scope_id is '' for the company.
CREATE TABLE w_cells (
  scope TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  grain TEXT NOT NULL,
  period TEXT NOT NULL,
  revenue INTEGER NOT NULL,
  sale_cost INTEGER NOT NULL,
  missing_cost INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  active_customers INTEGER NOT NULL,
  new_customers INTEGER NOT NULL,
  repeat_customers INTEGER NOT NULL,
  refunds INTEGER NOT NULL,
  refund_cost INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_id, grain, period)
) STRICT;
CREATE INDEX w_cells_by_period ON w_cells (grain, period);

-- Scratch: what one incremental run touches.
CREATE TABLE w_touched_sales (sale_id TEXT PRIMARY KEY) STRICT;
CREATE TABLE w_touched_customers (customer_id TEXT PRIMARY KEY) STRICT;
CREATE TABLE w_touched_days (day TEXT PRIMARY KEY) STRICT;
CREATE TABLE w_touched_periods (grain TEXT NOT NULL, period TEXT NOT NULL, lo TEXT NOT NULL, hi TEXT NOT NULL, PRIMARY KEY (grain, period)) STRICT;

-- Lookups of the incremental path.
CREATE INDEX f_sales_by_sale ON f_sales (sale_id);
CREATE INDEX f_sales_by_customer ON f_sales (customer_id);
CREATE INDEX w_sales_by_customer ON w_sales (customer_id);
CREATE INDEX w_sales_by_day ON w_sales (day);
CREATE INDEX w_refunds_by_day ON w_refunds (day);
