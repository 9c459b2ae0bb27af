-- Every recompute lists the sales credited to no team (data quality): without an index that
-- was a scan of every resolved sale, about 3 s of an incremental run at a million sales. The
-- partial index holds only those sales (normally none).
CREATE INDEX w_sales_unattributed ON w_sales (sale_id) WHERE team_id IS NULL;
