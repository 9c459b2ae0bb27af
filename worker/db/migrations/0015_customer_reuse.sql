-- Customers whose row may have changed since the snapshot a recompute takes parts over from
-- (engine_state reuse_base): the customers of every sale the sales engine re-resolved, in
-- their old and new versions, and of every new refund. Filled in the same transaction as the
-- sales change; emptied once a run's snapshot is in place. The other customers' rows are taken
-- over from that snapshot.
CREATE TABLE w_dirty_customers (customer_id TEXT PRIMARY KEY) STRICT;
