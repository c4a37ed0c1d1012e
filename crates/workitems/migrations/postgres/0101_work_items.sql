-- Work items: one measure's execution for one enterprise in one round, in
-- the bureau service that owns the measure's kind (docs/work-items.md), and
-- every step of its history. Created and changed only by the service: from
-- the registry's feed (create, reschedule, cancel, restore) and through
-- WorkItemService and the service's own methods.
CREATE TABLE work_items (
    id                      TEXT PRIMARY KEY,
    enterprise_id           TEXT NOT NULL,
    enterprise_display_name TEXT NOT NULL,
    jurisdiction            TEXT NOT NULL,
    measure_id              TEXT NOT NULL,
    round                   INTEGER NOT NULL,
    kind                    TEXT NOT NULL,
    title                   TEXT NOT NULL,
    executor                TEXT NOT NULL,
    -- JSON array of party codes.
    cooperating             TEXT NOT NULL,
    needs_verification      BOOLEAN NOT NULL,
    -- Set exactly when needs_verification.
    verifier                TEXT,
    -- YYYY-MM-DD in China Standard Time; compares as text.
    deadline                TEXT NOT NULL,
    state                   TEXT NOT NULL,
    -- Set exactly when state = 'blocked'.
    blocked_from            TEXT,
    blocked_reason          TEXT NOT NULL,
    waived_reason           TEXT NOT NULL,
    plan_version            BIGINT NOT NULL,
    -- Bumped by every step; the etag.
    version                 BIGINT NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT work_items_key UNIQUE (enterprise_id, measure_id, round)
);
-- The list filters; lists run newest first by id (UUIDv7).
CREATE INDEX work_items_executor ON work_items (executor, id);
CREATE INDEX work_items_jurisdiction ON work_items (jurisdiction, id);
CREATE INDEX work_items_state ON work_items (state, id);
CREATE INDEX work_items_kind ON work_items (kind, id);
CREATE INDEX work_items_deadline ON work_items (deadline, id);

-- One row per change of an item, never updated: position is the item's
-- version after the step (1 for its creation).
CREATE TABLE work_item_steps (
    item_id      TEXT NOT NULL REFERENCES work_items (id),
    position     BIGINT NOT NULL,
    action       TEXT NOT NULL,
    -- NULL for the creation.
    from_state   TEXT,
    to_state     TEXT NOT NULL,
    actor        TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    reason       TEXT NOT NULL,
    -- An encoded rectify.workitems.v1.Evidence, where the step has evidence.
    evidence     BYTEA,
    request_id   TEXT NOT NULL,
    plan_version BIGINT NOT NULL,
    PRIMARY KEY (item_id, position)
);
