-- Per enterprise whose plan this service has seen published: its current
-- round of rectification (1, plus one per reopening) and the plan version
-- last applied. Kept even when the service owns none of the plan's measures,
-- so that a measure added later lands in the right round.
CREATE TABLE enterprise_rounds (
    enterprise_id TEXT PRIMARY KEY,
    round         INTEGER NOT NULL,
    plan_version  BIGINT NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
