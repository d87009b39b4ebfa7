-- A sync no longer rewrites the last_seen of every unchanged object row (tens of thousands of row writes
-- per run, most of an unchanged re-sync's time on H2). Instead it records, once per source, the time up to
-- which that source reported all of its present objects. An object's last-seen time is therefore:
--   present row: the later of its own last_seen and its source's objects_seen_at;
--   removed row: its own last_seen, which is brought up to that value when the row is marked removed.
-- Rows written by a sync or a live event still get last_seen set as before. NULL: no sync since V9.
ALTER TABLE inv_source ADD COLUMN objects_seen_at TIMESTAMP WITH TIME ZONE;
