-- Clearings of raw materials, products or equipment (清单), never updated:
-- one per completion of a clear_* item; `step` is the item's version after
-- it, i.e. its step in work_item_steps, which holds the evidence.
CREATE TABLE clearings (
    work_item_id TEXT NOT NULL REFERENCES work_items (id),
    step         BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    -- JSON array of {item, quantity, unit, disposal, disposal_note};
    -- quantity is a decimal string, disposal a DisposalMethod name.
    lines        TEXT NOT NULL,
    executed_at  TIMESTAMPTZ NOT NULL,
    -- party/subject of the caller.
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (work_item_id, step)
);
