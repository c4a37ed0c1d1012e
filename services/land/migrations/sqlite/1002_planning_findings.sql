-- The land bureau's planning findings, never updated; `position` counts
-- from 1 per enterprise. Conformities are rectify.land.v1.Conformity names.
CREATE TABLE planning_findings (
    enterprise_id    TEXT NOT NULL REFERENCES land_records (enterprise_id),
    position         INTEGER NOT NULL,
    land_use_plan    TEXT NOT NULL,
    urban_rural_plan TEXT NOT NULL,
    reference        TEXT NOT NULL,
    note             TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, position)
);
