-- An incremental recompute asks, for each touched sale and each of its cells, whether its
-- customer has another sale in the cell's days (with the same rep, or team): the index on the
-- customer alone made each question read every sale of the customer from the table. With the
-- day, rep and team in the index, only a match's row is read. Its other users (a customer's
-- sales, first sales) use its first column as before.
DROP INDEX w_sales_by_customer;
CREATE INDEX w_sales_by_customer_day ON w_sales (customer_id, day, rep_id, team_id);
