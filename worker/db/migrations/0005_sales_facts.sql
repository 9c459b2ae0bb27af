-- The sales side of the KPI engine in SQL, so recompute aggregates in D1 instead of holding
-- every event in the Worker's memory.

-- Decoded at ingestion, in the same batch as the raw event (one row per stored event).
-- Zone-free: local days are derived at recompute, in the zone in force then.
CREATE TABLE f_sales (
  event_id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL,
  rep_id TEXT NOT NULL,
  team_id TEXT,                -- the event's own team_id, if any
  customer_id TEXT NOT NULL,
  amount_units INTEGER NOT NULL,
  cost_units INTEGER,          -- NULL: the sale has no cost
  occurred_ms INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  region TEXT,
  segment TEXT
) STRICT;

CREATE TABLE f_refunds (
  event_id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL,
  amount_units INTEGER NOT NULL,
  cost_units INTEGER NOT NULL, -- 0 when the refund names no cost
  occurred_ms INTEGER NOT NULL,
  occurred_at TEXT NOT NULL
) STRICT;
CREATE INDEX f_refunds_by_sale ON f_refunds (sale_id);

-- Working tables, rewritten by every recompute (never read by anything else).
CREATE TABLE w_zone (from_ms INTEGER PRIMARY KEY, offset_ms INTEGER NOT NULL) STRICT;
CREATE TABLE w_rep_teams (rep_id TEXT NOT NULL, from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL, team_id TEXT NOT NULL) STRICT;
CREATE INDEX w_rep_teams_by_rep ON w_rep_teams (rep_id, from_ms);

-- Resolved sales: the winning version of each sale_id, its team, its local day and ISO week,
-- and its customer's first sale ever (for new and repeat customers).
CREATE TABLE w_sales (
  sale_id TEXT PRIMARY KEY,
  rep_id TEXT NOT NULL,
  team_id TEXT,
  customer_id TEXT NOT NULL,
  amount_units INTEGER NOT NULL,
  cost_units INTEGER,
  occurred_ms INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  day TEXT NOT NULL,
  week TEXT NOT NULL,
  region TEXT,
  segment TEXT,
  is_first INTEGER NOT NULL,
  first_day TEXT NOT NULL,
  first_week TEXT NOT NULL
) STRICT;

-- Refunds of known sales, credited like their sale, in their own day and week.
CREATE TABLE w_refunds (
  event_id TEXT PRIMARY KEY,
  rep_id TEXT NOT NULL,
  team_id TEXT,
  amount_units INTEGER NOT NULL,
  cost_units INTEGER NOT NULL,
  day TEXT NOT NULL,
  week TEXT NOT NULL,
  region TEXT,
  segment TEXT
) STRICT;
