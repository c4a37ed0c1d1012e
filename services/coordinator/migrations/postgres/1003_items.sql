-- Every work item of the bureau services, as its last event carried it.
CREATE TABLE items (
    service            TEXT NOT NULL,
    name               TEXT NOT NULL,
    enterprise_id      TEXT NOT NULL,
    jurisdiction       TEXT NOT NULL,
    measure_id         TEXT NOT NULL,
    round              INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    executor           TEXT NOT NULL,
    -- YYYY-MM-DD (CST).
    deadline           TEXT NOT NULL,
    -- rectify.workitems.v1.State number.
    state              INTEGER NOT NULL,
    needs_verification BOOLEAN NOT NULL,
    complete           BOOLEAN NOT NULL,
    -- Open: neither complete nor cancelled.
    is_open            BOOLEAN NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    done_at            TIMESTAMPTZ,
    -- The item as the counters last counted it (JSON object metric -> value).
    metrics            TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (service, name)
);
CREATE INDEX items_enterprise ON items (enterprise_id, round);
CREATE INDEX items_open_deadline ON items (deadline, service, name) WHERE is_open;
