-- Revocations recorded for a closure, never updated: one per completion of a
-- licence_revocation or water_permit_revocation item; `step` is the item's
-- version after it, i.e. its step in work_item_steps, which holds the evidence.
CREATE TABLE revocations (
    work_item_id    TEXT NOT NULL REFERENCES work_items (id),
    step            BIGINT NOT NULL,
    -- licence_revoked, registration_changed or water_permit_revoked.
    outcome         TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    -- YYYY-MM-DD (CST).
    decided_on      TEXT NOT NULL,
    -- party/subject of the caller.
    recorded_by     TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (work_item_id, step)
);
