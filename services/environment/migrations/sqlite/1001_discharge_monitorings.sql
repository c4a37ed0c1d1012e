-- Discharge monitorings, never updated. Values and limits in integer
-- thousandths of the unit; compliant is computed (value <= limit).
CREATE TABLE discharge_monitorings (
    id            TEXT PRIMARY KEY,
    work_item_id  TEXT NOT NULL REFERENCES work_items (id),
    enterprise_id TEXT NOT NULL,
    pollutant     TEXT NOT NULL,
    measured      BIGINT NOT NULL,
    max_allowed   BIGINT NOT NULL,
    unit          TEXT NOT NULL,
    compliant     BOOLEAN NOT NULL,
    sampled_at    TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX discharge_monitorings_enterprise ON discharge_monitorings (enterprise_id, sampled_at);
