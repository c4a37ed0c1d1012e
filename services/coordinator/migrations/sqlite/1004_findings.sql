-- Who reported each enterprise, from which source, when (FindingReported).
CREATE TABLE findings (
    name          TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL,
    reporter      TEXT NOT NULL,
    -- rectify.registry.v1.FindingSource number.
    source        INTEGER NOT NULL,
    reported_at   TEXT NOT NULL
);
CREATE INDEX findings_enterprise ON findings (enterprise_id, reported_at);
