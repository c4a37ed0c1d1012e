-- One row per enterprise the land service has recorded anything on: what
-- ListLandRecords pages through. `nonconforming` is the latest planning
-- finding's verdict (false until there is one).
CREATE TABLE land_records (
    enterprise_id           TEXT PRIMARY KEY,
    enterprise_display_name TEXT NOT NULL,
    jurisdiction            TEXT NOT NULL,
    nonconforming           BOOLEAN NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);

CREATE INDEX land_records_jurisdiction ON land_records (jurisdiction, enterprise_id);
