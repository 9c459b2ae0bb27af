-- The sales process item by item (issue 4: wins and open complaints on the weekly team pages):
-- every won opportunity and every complaint of a snapshot, each list as JSON arrays of rows in
-- chunks (a large company's lists would not fit one D1 value).
CREATE TABLE snapshot_lists (
  snapshot_id TEXT NOT NULL,
  list TEXT NOT NULL CHECK (list IN ('wins', 'complaints')),
  chunk INTEGER NOT NULL,
  rows TEXT NOT NULL,         -- JSON array of rows, in list order
  PRIMARY KEY (snapshot_id, list, chunk)
) STRICT;
