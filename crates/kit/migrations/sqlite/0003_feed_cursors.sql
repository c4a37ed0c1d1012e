-- How far this service has applied another service's feed; written in the
-- same transaction as the effect of each change.
CREATE TABLE feed_cursors (
    source     TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
