-- Pollution-control facilities recorded on pollution_upgrade items.
CREATE TABLE pollution_controls (
    id            TEXT PRIMARY KEY,
    work_item_id  TEXT NOT NULL REFERENCES work_items (id),
    facility_type TEXT NOT NULL,
    installed_at  TEXT NOT NULL,
    -- An encoded rectify.workitems.v1.Evidence.
    evidence      BLOB NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
