-- Rebounds suspected by other services (utilities' ReboundSuspected), one
-- row per change followed: source is e.g. utilities:42.
CREATE TABLE rebound_suspicions (
    source        TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL,
    suspected_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX rebound_suspicions_enterprise ON rebound_suspicions (enterprise_id, suspected_at);
