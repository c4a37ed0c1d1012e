-- Sewage outlet checks, never updated.
CREATE TABLE outlet_checks (
    id           TEXT PRIMARY KEY,
    work_item_id TEXT NOT NULL REFERENCES work_items (id),
    outlet_code  TEXT NOT NULL,
    conforming   BOOLEAN NOT NULL,
    note         TEXT NOT NULL,
    checked_at   TIMESTAMPTZ NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
