-- What completed a relocation_plot, demolition or site_remediation item,
-- never updated: one row per completion; `step` is the item's version after
-- it, i.e. its step in work_item_steps, which holds the evidence. Areas are
-- integer thousandths of a square metre.
CREATE TABLE relocation_plots (
    work_item_id  TEXT NOT NULL REFERENCES work_items (id),
    step          BIGINT NOT NULL,
    enterprise_id TEXT NOT NULL REFERENCES land_records (enterprise_id),
    park_name     TEXT NOT NULL,
    plot_number   TEXT NOT NULL,
    area          BIGINT NOT NULL CHECK (area > 0),
    allocated_at  TIMESTAMPTZ NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (work_item_id, step)
);

CREATE TABLE demolitions (
    work_item_id  TEXT NOT NULL REFERENCES work_items (id),
    step          BIGINT NOT NULL,
    enterprise_id TEXT NOT NULL REFERENCES land_records (enterprise_id),
    demolished_at TIMESTAMPTZ NOT NULL,
    floor_area    BIGINT NOT NULL CHECK (floor_area > 0),
    recorded_by   TEXT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (work_item_id, step)
);

CREATE TABLE site_remediations (
    work_item_id         TEXT NOT NULL REFERENCES work_items (id),
    step                 BIGINT NOT NULL,
    enterprise_id        TEXT NOT NULL REFERENCES land_records (enterprise_id),
    assessment_reference TEXT NOT NULL,
    completed_at         TIMESTAMPTZ NOT NULL,
    recorded_by          TEXT NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (work_item_id, step)
);
