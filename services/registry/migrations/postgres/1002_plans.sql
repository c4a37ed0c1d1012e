-- The 一企一策 plan of a classified enterprise; versioned, one row per enterprise.
CREATE TABLE plans (
    enterprise_id      TEXT PRIMARY KEY REFERENCES enterprises (id),
    category           TEXT NOT NULL,
    measures           TEXT NOT NULL,
    responsible_unit   TEXT NOT NULL,
    responsible_person TEXT NOT NULL,
    responsible_phone  TEXT NOT NULL,
    deadline           TEXT NOT NULL,
    version            BIGINT NOT NULL,
    state              TEXT NOT NULL,
    published_at       TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX plans_state ON plans (state, enterprise_id);
