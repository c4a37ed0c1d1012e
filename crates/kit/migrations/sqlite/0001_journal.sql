-- The change feed and audit log in one table. Each row is a typed event (its
-- type URL and encoded bytes, exactly as hashed). Writers insert rows with seq
-- NULL in their own transaction; the sequencer numbers and hash-chains
-- committed rows afterwards, so writers never wait on each other.
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    seq         INTEGER UNIQUE,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    resource    TEXT NOT NULL,
    event_type  TEXT NOT NULL,
    event       BLOB NOT NULL,
    trace_id    TEXT NOT NULL,
    span_id     TEXT NOT NULL,
    prev_hash   TEXT,
    hash        TEXT
);
CREATE INDEX journal_unsequenced ON journal (id) WHERE seq IS NULL;

CREATE TABLE journal_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO journal_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
