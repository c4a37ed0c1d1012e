-- Standing orders (不得恢复供水 / 供电): one per cut item, from its recorded
-- cut on. A cut recorded again after the verifier sent the item back starts
-- the order afresh: `cut` counts the cuts, and reconnections and readings
-- belong to one cut. Quantities are integer thousandths (kWh × 1000).
CREATE TABLE standing_orders (
    work_item_id            TEXT PRIMARY KEY REFERENCES work_items (id),
    enterprise_id           TEXT NOT NULL,
    enterprise_display_name TEXT NOT NULL,
    jurisdiction            TEXT NOT NULL,
    -- The cut item's kind: 'water_cut' or 'power_cut'.
    kind                    TEXT NOT NULL,
    -- Power only.
    account_number          TEXT,
    meter_number            TEXT NOT NULL,
    -- Water only.
    seal_number             TEXT,
    -- Power only: the meter at the cut.
    reading_at_cut          BIGINT,
    cut_at                  TIMESTAMPTZ NOT NULL,
    cut                     INTEGER NOT NULL,
    reconnected             BOOLEAN NOT NULL,
    -- Power only, once read after the cut: the newest reading by read_at.
    latest_reading          BIGINT,
    latest_read_at          TIMESTAMPTZ,
    latest_recorded_by      TEXT,
    -- An encoded rectify.workitems.v1.Evidence, when the reading had one.
    latest_evidence         BYTEA,
    consumption             BIGINT,
    rebound_suspected       BOOLEAN NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
-- Lists run newest cut first; a reading may name the account instead of the item.
CREATE INDEX standing_orders_cut ON standing_orders (cut_at, work_item_id);
CREATE INDEX standing_orders_jurisdiction ON standing_orders (jurisdiction, cut_at, work_item_id);
CREATE INDEX standing_orders_account ON standing_orders (account_number, cut_at);
