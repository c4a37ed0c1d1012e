-- How far this service has applied another service's feed; written in the
-- same transaction as the effect of each change.
CREATE TABLE feed_cursors (
    source     TEXT PRIMARY KEY,
    position   BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
