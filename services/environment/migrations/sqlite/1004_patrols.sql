-- Rebound patrols of closed enterprises, never updated.
CREATE TABLE patrols (
    id            TEXT PRIMARY KEY,
    work_item_id  TEXT NOT NULL REFERENCES work_items (id),
    enterprise_id TEXT NOT NULL,
    patrolled_at  TEXT NOT NULL,
    found_running BOOLEAN NOT NULL,
    -- An encoded rectify.workitems.v1.Evidence.
    evidence      BLOB NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX patrols_enterprise ON patrols (enterprise_id, patrolled_at);
