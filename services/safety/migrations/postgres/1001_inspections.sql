-- Safety inspections, never updated: one per RecordInspection, of the
-- safety_check item it was recorded on.
CREATE TABLE inspections (
    id                      TEXT PRIMARY KEY,
    work_item_id            TEXT NOT NULL REFERENCES work_items (id),
    enterprise_id           TEXT NOT NULL,
    enterprise_display_name TEXT NOT NULL,
    jurisdiction            TEXT NOT NULL,
    inspected_at            TIMESTAMPTZ NOT NULL,
    -- A JSON array of the inspectors' names.
    inspectors              TEXT NOT NULL,
    -- An encoded rectify.workitems.v1.Evidence, as recorded.
    evidence                BYTEA NOT NULL,
    -- party/subject of the caller.
    recorded_by             TEXT NOT NULL,
    recorded_at             TIMESTAMPTZ NOT NULL
);
-- Lists run most recently recorded first (ids are UUIDv7), as these indexes are ordered.
CREATE INDEX inspections_enterprise ON inspections (enterprise_id, id DESC);
CREATE INDEX inspections_jurisdiction ON inspections (jurisdiction, id DESC);
