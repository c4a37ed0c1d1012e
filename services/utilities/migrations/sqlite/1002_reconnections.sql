-- Reconnections reported on a standing order, never updated: position counts
-- the order's reports (1, 2, …), `cut` is the order's cut they were found
-- after.
CREATE TABLE reconnections (
    work_item_id TEXT NOT NULL REFERENCES standing_orders (work_item_id),
    position     INTEGER NOT NULL,
    cut          INTEGER NOT NULL,
    found_at     TEXT NOT NULL,
    -- party/subject of the caller.
    reporter     TEXT NOT NULL,
    note         TEXT NOT NULL,
    -- An encoded rectify.workitems.v1.Evidence.
    evidence     BLOB NOT NULL,
    request_id   TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (work_item_id, position)
);
