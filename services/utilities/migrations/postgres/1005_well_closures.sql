-- Closures of illegal wells, never updated: one per completion of a
-- well_closure item; `step` is the item's version after it, i.e. its step in
-- work_item_steps, which holds the evidence.
CREATE TABLE well_closures (
    work_item_id TEXT NOT NULL REFERENCES work_items (id),
    step         BIGINT NOT NULL,
    wells        INTEGER NOT NULL,
    -- A WellClosureMethod name; method_note describes OTHER.
    method       TEXT NOT NULL,
    method_note  TEXT NOT NULL,
    executed_at  TIMESTAMPTZ NOT NULL,
    -- party/subject of the caller.
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (work_item_id, step)
);
