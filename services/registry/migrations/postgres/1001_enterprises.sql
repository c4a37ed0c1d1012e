-- One row per real workshop (台账 entry). JSON columns are TEXT so that the
-- same SQL reads and writes them on PostgreSQL and SQLite.
CREATE TABLE enterprises (
    id                 TEXT PRIMARY KEY,
    display_name       TEXT NOT NULL,
    credit_code        TEXT UNIQUE,
    merge_key          TEXT NOT NULL,
    operator_name      TEXT NOT NULL,
    operator_phone     TEXT NOT NULL,
    operator_id_number TEXT NOT NULL,
    address            TEXT NOT NULL,
    jurisdiction       TEXT NOT NULL,
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    industry           TEXT NOT NULL,
    state              TEXT NOT NULL,
    criteria           TEXT NOT NULL,
    -- NULL before classification.
    category           TEXT,
    suggested_category TEXT,
    override_reason    TEXT NOT NULL,
    rejection_reason   TEXT NOT NULL,
    reopen_reason      TEXT NOT NULL,
    finding_count      INTEGER NOT NULL,
    version            BIGINT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX enterprises_merge_key ON enterprises (merge_key, id);
CREATE INDEX enterprises_jurisdiction ON enterprises (jurisdiction, id);
CREATE INDEX enterprises_state ON enterprises (state, id);

-- Every report, kept with its reporter, source and time.
CREATE TABLE findings (
    id            TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
    reporter      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    source        TEXT NOT NULL,
    reported_at   TIMESTAMPTZ NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX findings_enterprise ON findings (enterprise_id, id);
