-- A node on SQLite writes each read's usage row to a local journal file
-- before it answers, and moves the rows into grant_usage in large
-- batches. Each journal's mark is the sequence number of the last row
-- moved, raised in the same transaction as the rows, so that a replay
-- after a crash records every row exactly once.

-- +goose Up
CREATE TABLE usage_journals (
    journal TEXT PRIMARY KEY,
    seq     INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE usage_journals;
