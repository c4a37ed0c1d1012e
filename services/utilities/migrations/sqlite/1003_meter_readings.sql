-- Readings of cut power meters, never updated: position counts the order's
-- readings, `cut` is the order's cut they were read after. Readings and
-- consumption in integer thousandths of a kWh.
CREATE TABLE meter_readings (
    work_item_id      TEXT NOT NULL REFERENCES standing_orders (work_item_id),
    position          INTEGER NOT NULL,
    cut               INTEGER NOT NULL,
    reading           BIGINT NOT NULL,
    read_at           TEXT NOT NULL,
    consumption       BIGINT NOT NULL,
    rebound_suspected BOOLEAN NOT NULL,
    -- An encoded rectify.workitems.v1.Evidence, when given.
    evidence          BLOB,
    -- party/subject of the caller.
    recorded_by       TEXT NOT NULL,
    request_id        TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    PRIMARY KEY (work_item_id, position)
);
