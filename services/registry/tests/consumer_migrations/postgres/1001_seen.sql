-- A consumer's own table in the follower test: one row per change applied.
CREATE TABLE seen (
    seq      BIGINT PRIMARY KEY,
    action   TEXT NOT NULL,
    resource TEXT NOT NULL
);
