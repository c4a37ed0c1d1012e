-- The audit anchor: per followed service, the last change applied and its chain hash.
CREATE TABLE feed_heads (
    source      TEXT PRIMARY KEY,
    seq         BIGINT NOT NULL,
    hash        TEXT NOT NULL,
    recorded_at TEXT
);
