-- The hazards an inspection found, in the order given (position from 1);
-- the fix columns are set once, when RecordHazardFix confirms the fix.
CREATE TABLE hazards (
    inspection_id TEXT NOT NULL REFERENCES inspections (id),
    position      INTEGER NOT NULL,
    enterprise_id TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL,
    -- 'general' or 'major'.
    level         TEXT NOT NULL,
    description   TEXT NOT NULL,
    fix_deadline  DATE NOT NULL,
    fixed_at      TIMESTAMPTZ,
    fix_evidence  BYTEA,
    fix_note      TEXT NOT NULL,
    fixed_by      TEXT,
    PRIMARY KEY (inspection_id, position)
);
-- The rule counts an enterprise's unfixed major hazards.
CREATE INDEX hazards_open ON hazards (enterprise_id, level, fixed_at);
CREATE INDEX hazards_jurisdiction ON hazards (jurisdiction, inspection_id);
